import { route } from "@/lib/api/next-deps";
import { transitionOp } from "@/lib/api/work-items";

export const dynamic = "force-dynamic";
export const POST = route(transitionOp);
