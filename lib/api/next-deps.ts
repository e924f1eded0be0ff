// Binds the framework-free API door to this Next.js app: its database and the next-auth session.
import "server-only";
import { getCurrentUser } from "../auth/current";
import { getDb } from "../db";
import { runApi, type ApiContext } from "./handler";

type RouteCtx = { params: Promise<Record<string, string>> } | undefined;

/** A route handler for `op`: `export const GET = route(listItemsOp)`. */
export function route(op: (ctx: ApiContext) => Promise<Response>) {
  return async (req: Request, routeCtx?: RouteCtx): Promise<Response> => {
    const params = routeCtx ? await routeCtx.params : {};
    return runApi(req, { db: await getDb(), session: getCurrentUser }, params, op);
  };
}
