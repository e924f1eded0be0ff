import { route } from "@/lib/api/next-deps";
import { getAcceptanceOp } from "@/lib/api/acceptances";

export const dynamic = "force-dynamic";
export const GET = route(getAcceptanceOp);
