import { route } from "@/lib/api/next-deps";
import { createItemOp, listItemsOp } from "@/lib/api/work-items";

export const dynamic = "force-dynamic";
export const GET = route(listItemsOp);
export const POST = route(createItemOp);
