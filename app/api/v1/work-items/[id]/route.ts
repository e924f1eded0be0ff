import { route } from "@/lib/api/next-deps";
import { getItemOp } from "@/lib/api/work-items";

export const dynamic = "force-dynamic";
export const GET = route(getItemOp);
