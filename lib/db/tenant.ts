// The one way application code reaches tenant data: a transaction that drops to the runtime role
// (no superuser, no BYPASSRLS) and sets the organisation scope for row-level security.
import { is, sql } from "drizzle-orm";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import type pg from "pg";
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

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The statement that sets `scope` for the rest of the transaction, with its values written in: each is checked
 * first (uuids, a SHA-256 in hex, the fixed role name), so nothing else can reach the text. set_config(…, true) is
 * SET LOCAL, and set_config('role', …, true) is SET LOCAL ROLE: scope and role end with the transaction.
 */
function scopeStatement(scope: Scope): string {
  for (const id of scope.orgIds) if (!isUuid(id)) throw new Error(`Invalid organisation id in scope: ${id}`);
  if (scope.userId && !isUuid(scope.userId)) throw new Error(`Invalid user id in scope: ${scope.userId}`);
  if (scope.tokenHash && !SHA256_HEX.test(scope.tokenHash)) throw new Error("Invalid token hash in scope.");
  return `select set_config('app.org_ids', '${scope.orgIds.join(",")}', true), set_config('app.user_id', '${scope.userId ?? ""}', true), set_config('app.token_hash', '${scope.tokenHash ?? ""}', true), set_config('role', '${RUNTIME_ROLE}', true)`;
}

/** The pool and drizzle's pieces behind a database handle; null for a transaction (or anything else). */
function poolOf(db: Executor) {
  const outer = (db as unknown as { session?: unknown }).session;
  if (is(db, NodePgTransaction) || !is(outer, NodePgSession)) return null;
  return outer as unknown as { client: pg.Pool; dialect: ConstructorParameters<typeof NodePgSession>[1]; schema: ConstructorParameters<typeof NodePgSession>[2]; options: ConstructorParameters<typeof NodePgSession>[3] };
}

/**
 * Runs fixed `statements` in one transaction under `scope`, in a single message and so a single round trip:
 * `begin`, the scope, the statements, `commit`. For statements whose every value is checked and written in by the
 * caller (there are no parameters in a message of several statements); returns each statement's rows as
 * node-postgres parses them.
 */
export async function scopedStatements(db: Executor, scope: Scope, statements: string[]): Promise<Record<string, unknown>[][]> {
  const message = ["begin", scopeStatement(scope), ...statements, "commit"].join(";\n");
  const pooled = poolOf(db);
  if (!pooled) throw new Error("scopedStatements needs the database, not a transaction.");
  return onPooledClient(pooled.client, async (client) => {
    const results = (await client.query(message)) as unknown as pg.QueryResult[];
    return results.slice(2, 2 + statements.length).map((r) => r.rows as Record<string, unknown>[]);
  });
}

/**
 * `run` on a client checked out of `pool`. If it fails, any transaction it left open (or aborted) is rolled back
 * before the client goes back; a client whose rollback fails too is in doubt and is discarded, not handed on.
 */
async function onPooledClient<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await run(client);
  } catch (e) {
    await client.query("rollback").catch((rollbackFailed: Error) => {
      broken = rollbackFailed;
    });
    throw e;
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `fn` in one transaction as the runtime role with `scope` set; settings end with the transaction. From the
 * pool, `begin` and the scope go to the server as one message (a simple query of two statements), so a request
 * pays one round trip to open its tenant transaction, not two; inside a transaction it is a savepoint, as ever.
 * The transaction object is drizzle's own (NodePgTransaction over a session on the checked-out client), built as
 * drizzle's NodePgSession.transaction builds it.
 */
export async function withScope<T>(db: Executor, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const statement = scopeStatement(scope);
  const pooled = poolOf(db);
  if (!pooled) {
    return db.transaction(async (tx) => {
      await tx.execute(sql.raw(statement));
      return fn(tx);
    });
  }
  const { dialect, schema, options } = pooled;
  return onPooledClient(pooled.client, async (client) => {
    await client.query(`begin; ${statement}`);
    const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, schema, options), schema) as unknown as Tx;
    const result = await fn(tx);
    await client.query("commit");
    return result;
  });
}

/** Provider staff act in one client organisation at a time. */
export function withTenant<T>(db: Executor, orgId: string, userId: string | null, fn: (tx: Tx) => Promise<T>) {
  return withScope(db, { orgIds: [orgId], userId }, fn);
}
