import { route } from "@/lib/api/next-deps";
import { intakeOp } from "@/lib/api/intake";

export const dynamic = "force-dynamic";
export const POST = route(intakeOp);
