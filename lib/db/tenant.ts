// The one way application code reaches tenant data: a transaction that drops to the runtime role
// (no superuser, no BYPASSRLS) and sets the organisation scope for row-level security.
import { sql } from "drizzle-orm";
import type { Executor, Tx } from "./client";
import { isUuid } from "../domain/keys";

export const RUNTIME_ROLE = "wrapper_app";

export interface Scope {
  /** Organisations whose rows are visible and writable. Empty = none. */
  orgIds: readonly string[];
  /** The acting user: lets them read their own memberships and organisations. */
  userId?: string | null;
  /** SHA-256 of a presented API token: lets the request read that one token row to learn its organisation. */
  tokenHash?: string | null;
}

export async function applyScope(tx: Tx, scope: Scope): Promise<void> {
  for (const id of scope.orgIds) if (!isUuid(id)) throw new Error(`Invalid organisation id in scope: ${id}`);
  if (scope.userId && !isUuid(scope.userId)) throw new Error(`Invalid user id in scope: ${scope.userId}`);
  // One round trip: set_config('role', …, true) is SET LOCAL ROLE, so scope and role end with the transaction.
  await tx.execute(
    sql`select set_config('app.org_ids', ${scope.orgIds.join(",")}, true), set_config('app.user_id', ${scope.userId ?? ""}, true), set_config('app.token_hash', ${scope.tokenHash ?? ""}, true), set_config('role', ${RUNTIME_ROLE}, true)`,
  );
}

/** Runs `fn` in one transaction as the runtime role with `scope` set; settings end with the transaction. */
export function withScope<T>(db: Executor, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await applyScope(tx, scope);
    return fn(tx);
  });
}

/** Provider staff act in one client organisation at a time. */
export function withTenant<T>(db: Executor, orgId: string, userId: string | null, fn: (tx: Tx) => Promise<T>) {
  return withScope(db, { orgIds: [orgId], userId }, fn);
}
