// The process-wide database handle. Embedded mode opens (or joins) PGlite and, as its owner, migrates and
// seeds it on first start; with DATABASE_URL it connects to PostgreSQL, where migrating is an explicit command.
import { env } from "../env";
import { logger } from "../logger";
import { connect, runMigrations, type Db, type DbHandle } from "./client";
import { openEmbedded } from "./embedded";

const globalKey = Symbol.for("wrapper-ops-console.db");
type Holder = { [globalKey]?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  if (!env.embedded) return connect(env.DATABASE_URL!);
  const started = Date.now();
  const server = await openEmbedded(env.DATA_DIR);
  const handle = connect(server.url, { max: 8, onClose: server.close });
  if (server.owner) {
    await runMigrations(handle.db);
    if (env.seedOnStart) {
      const { seedDemoIfEmpty } = await import("../seed/demo");
      const seeded = await seedDemoIfEmpty(handle.db);
      if (seeded) logger.info({ ms: Date.now() - started }, "embedded database seeded with demo data");
    }
  }
  logger.info({ mode: "embedded", owner: server.owner, dataDir: env.DATA_DIR, ms: Date.now() - started }, "database ready");
  return handle;
}

/** Shared across module instances (Next.js may load this file in several bundles of one process). */
export function getDbHandle(): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[globalKey] ??= open().catch((e) => {
    delete holder[globalKey];
    throw e;
  });
  return holder[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
