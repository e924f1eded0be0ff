import { route } from "@/lib/api/next-deps";
import { getIdentityOp } from "@/lib/api/identities";

export const dynamic = "force-dynamic";
export const GET = route(getIdentityOp);
