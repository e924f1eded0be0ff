import { route } from "@/lib/api/next-deps";
import { listRegisterOp } from "@/lib/api/risk-acceptances";

export const dynamic = "force-dynamic";
export const GET = route(listRegisterOp);
