import { route } from "@/lib/api/next-deps";
import { addEvidenceOp } from "@/lib/api/evidence";

export const dynamic = "force-dynamic";
export const POST = route(addEvidenceOp);
