// The embedded database admits one process; a CLI run while the console holds it joins over the local socket.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, runMigrations, type DbHandle } from "@/lib/db/client";
import { openEmbedded, type EmbeddedServer } from "@/lib/db/embedded";
import { seedDemo } from "@/lib/seed/demo";

const run = promisify(execFile);
let dir: string;
let server: EmbeddedServer;
let handle: DbHandle;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wrapper-embedded-"));
  server = await openEmbedded(dir);
  handle = connect(server.url, { max: 2 });
  await runMigrations(handle.db);
  await seedDemo(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, NODE_ENV: "production", LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  return run("npx", ["tsx", script], { env });
}

describe("embedded database sharing", () => {
  it("advertises the owner and its port in the data folder", () => {
    const owner = JSON.parse(fs.readFileSync(path.join(dir, "db-owner.json"), "utf8")) as { pid: number; port: number };
    expect(server.owner).toBe(true);
    expect(owner.pid).toBe(process.pid);
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${owner.port}/postgres`);
  });

  it("lets audit:verify and db:seed run while another process holds the database", async () => {
    const verify = await cli("scripts/audit-verify.ts");
    expect(verify.stdout).toMatch(/^ok {6}acme {17}\d+ events$/m);
    expect(verify.stdout).toContain("All 3 chains verify.");
    const seed = await cli("scripts/db-seed.ts");
    expect(seed.stdout).toContain("already has organisations");
  });

  it("removes its advertisement when closed, so the next process becomes the owner", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "wrapper-embedded-"));
    const first = await openEmbedded(other);
    await first.close();
    expect(fs.existsSync(path.join(other, "db-owner.json"))).toBe(false);
    const second = await openEmbedded(other);
    expect(second.owner).toBe(true);
    await second.close();
    fs.rmSync(other, { recursive: true, force: true });
  });
});
