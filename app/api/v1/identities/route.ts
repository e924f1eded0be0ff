import { route } from "@/lib/api/next-deps";
import { listIdentitiesOp } from "@/lib/api/identities";

export const dynamic = "force-dynamic";
export const GET = route(listIdentitiesOp);
