// Embedded PostgreSQL (PGlite) shared over a local socket. PGlite admits one process per data folder, so
// the first process to open it (the console, or a CLI when the console is not running) becomes its owner
// and serves it on 127.0.0.1; every other process (and the owner itself) talks to it with node-postgres.
// The owner advertises itself in <dataDir>/db-owner.json. Decision record: docs/decisions/001-embedded-database.md.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface OwnerFile {
  pid: number;
  port: number | null;
  startedAt: string;
}

export interface EmbeddedServer {
  url: string;
  /** True when this process opened the data folder (and so must migrate it and close it). */
  owner: boolean;
  close: () => Promise<void>;
}

const OWNER_FILE = "db-owner.json";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): OwnerFile | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as OwnerFile;
  } catch {
    return null;
  }
}

const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a PGlite socket server for `db` on a free local port. */
export async function serveOverSocket(db: PGlite): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(":") + 1));
  return { port, stop: () => server.stop() };
}

/** An in-memory PGlite behind a socket: for tests. */
export async function startMemoryServer(): Promise<EmbeddedServer> {
  const db = await PGlite.create();
  const { port, stop } = await serveOverSocket(db);
  return {
    url: urlFor(port),
    owner: true,
    close: async () => {
      await stop();
      await db.close();
    },
  };
}

/**
 * Opens the embedded database in `dataDir`, or joins the process that already has it open.
 * Waits up to `waitMs` for an owner that is still starting up.
 */
export async function openEmbedded(dataDir: string, waitMs = 60_000): Promise<EmbeddedServer> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const ownerFile = path.join(dir, OWNER_FILE);
  const deadline = Date.now() + waitMs;

  for (;;) {
    const current = readOwner(ownerFile);
    if (current && current.pid !== process.pid && alive(current.pid)) {
      if (current.port) return { url: urlFor(current.port), owner: false, close: async () => {} };
      if (Date.now() > deadline) {
        throw new Error(`The embedded database in ${dir} is held by process ${current.pid}, which has not finished starting.`);
      }
      await sleep(200);
      continue;
    }
    if (current) fs.rmSync(ownerFile, { force: true }); // stale: its process is gone
    try {
      fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port: null, startedAt: new Date().toISOString() }), {
        flag: "wx",
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      await sleep(100); // another process won the race; look again
    }
  }

  let db: PGlite | null = null;
  try {
    db = await PGlite.create(path.join(dir, "pglite"));
    const { port, stop } = await serveOverSocket(db);
    fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }));
    const opened = db;
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await stop();
      await opened.close();
      releaseOwnerFile(ownerFile);
    };
    process.once("exit", () => releaseOwnerFile(ownerFile));
    return { url: urlFor(port), owner: true, close };
  } catch (e) {
    releaseOwnerFile(ownerFile);
    await db?.close().catch(() => {});
    throw e;
  }
}

function releaseOwnerFile(ownerFile: string) {
  const current = readOwner(ownerFile);
  if (current?.pid === process.pid) fs.rmSync(ownerFile, { force: true });
}
