import { route } from "@/lib/api/next-deps";
import { extendAcceptanceOp } from "@/lib/api/acceptances";

export const dynamic = "force-dynamic";
export const POST = route(extendAcceptanceOp);
