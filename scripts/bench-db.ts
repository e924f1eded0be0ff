// A scratch database for a benchmark: on PostgreSQL when DATABASE_URL is set (a database of its own, created
// now and dropped on close), else an in-memory PGlite.
import pg from "pg";
import { connect, type DbHandle } from "../lib/db/client";
import { startMemoryServer } from "../lib/db/embedded";

export async function openScratch(name: string): Promise<{ handle: DbHandle; kind: string }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const mem = await startMemoryServer();
    return { handle: connect(mem.url, { max: 4, onClose: mem.close }), kind: "PGlite (in memory)" };
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
  return { handle: connect(url.toString(), { max: 4, onClose: drop }), kind: `PostgreSQL (${url.host})` };
}
