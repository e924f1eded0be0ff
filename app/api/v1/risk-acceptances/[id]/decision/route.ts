import { route } from "@/lib/api/next-deps";
import { decideAcceptanceOp } from "@/lib/api/acceptances";

export const dynamic = "force-dynamic";
export const POST = route(decideAcceptanceOp);
