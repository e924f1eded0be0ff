// A drizzle database over node-postgres. Both modes use this driver: PostgreSQL directly, or the embedded
// PGlite behind its local socket (see ./embedded.ts and docs/decisions/001-embedded-database.md).
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: query modules accept both. */
export type Executor = Db | Tx;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  url: string;
  close: () => Promise<void>;
}

export function connect(url: string, opts: { max?: number; onClose?: () => Promise<void> } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server must not crash the process; the pool replaces it on next use.
  pool.on("error", () => {});
  // A client that loses its server while checked out (a killed backend, a failover) also emits "error", and the
  // pool listens only while it is idle: unheard, that event is an uncaught exception. The query in flight fails
  // with the error anyway, and the pool discards the dead client when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = drizzle(pool, { schema, casing: "snake_case" });
  return {
    db,
    pool,
    url,
    close: async () => {
      await pool.end();
      await opts.onClose?.();
    },
  };
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/** How many migrations the database has applied (0 for a new one). */
async function appliedMigrations(db: Db): Promise<number> {
  const { rows: table } = await db.execute<{ exists: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  if (!table[0]?.exists) return 0;
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return rows[0]?.n ?? 0;
}

/**
 * Applies the migrations. When a database that already had some takes new ones, it is then vacuumed and analysed:
 * a migration may rewrite a table (0012 adds stored columns to work_items), which leaves the new copy with no page
 * marked all-visible and so no index-only scans (the dashboard's percentiles read their index alone) until a
 * vacuum, and autovacuum counts changed rows, not rewrites. A new database has nothing to vacuum.
 */
export async function runMigrations(db: Db): Promise<{ applied: number; vacuumed: boolean }> {
  const before = await appliedMigrations(db);
  await migrate(db, { migrationsFolder });
  const applied = (await appliedMigrations(db)) - before;
  const vacuumed = before > 0 && applied > 0;
  if (vacuumed) await db.execute(sql`vacuum (analyze)`);
  return { applied, vacuumed };
}
