// One migrated database per test file: an in-memory PGlite behind its socket by default, or a fresh database
// on the PostgreSQL server named by DATABASE_URL (CI runs the suite both ways). Tests isolate themselves with
// factories (their own organisation and users), not with a database each.
import crypto from "node:crypto";
import pg from "pg";
import { connect, runMigrations, type DbHandle } from "@/lib/db/client";
import { startMemoryServer } from "@/lib/db/embedded";

export interface TestDb extends DbHandle {
  kind: "pglite" | "postgres";
}

export async function openTestDb(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const server = await startMemoryServer();
    const handle = connect(server.url, { max: 4, onClose: server.close });
    await runMigrations(handle.db);
    return { ...handle, kind: "pglite" };
  }
  const name = `wrapper_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connect(url.toString(), {
    max: 4,
    onClose: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  });
  await runMigrations(handle.db);
  return { ...handle, kind: "postgres" };
}
