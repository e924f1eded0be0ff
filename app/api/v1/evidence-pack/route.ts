import { route } from "@/lib/api/next-deps";
import { evidencePackOp } from "@/lib/api/evidence-pack";

export const dynamic = "force-dynamic";
export const GET = route(evidencePackOp);
