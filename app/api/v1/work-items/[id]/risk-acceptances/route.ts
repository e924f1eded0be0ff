import { route } from "@/lib/api/next-deps";
import { requestAcceptanceOp } from "@/lib/api/acceptances";

export const dynamic = "force-dynamic";
export const POST = route(requestAcceptanceOp);
