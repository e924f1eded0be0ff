import { route } from "@/lib/api/next-deps";
import { downloadEvidenceOp } from "@/lib/api/evidence";

export const dynamic = "force-dynamic";
export const GET = route(downloadEvidenceOp);
