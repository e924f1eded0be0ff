// npm run bench:api [-- --base http://127.0.0.1:3000] [--token wop_…] [--requests 400] [--clients 8] [--depth 40] [--metrics]
// Latency of GET /api/v1/work-items against a running console (SPEC §12): first page, a deep keyset page,
// a filtered first page and the priority sort, each by 8 concurrent clients after a warm-up. With --metrics,
// GET /api/v1/metrics/summary instead, over the last 30 days, 90 days, 1 year and 2 years (the same work
// npm run bench:metrics measures without HTTP). Prints figures only; nothing is asserted. Without --token it creates a short-lived items:read token for the organisation
// (default acme) with createApiToken, and revokes it at the end.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import type { DbHandle } from "../lib/db/client";
import { cliArgs } from "./bench-stats";

const USAGE =
  "Usage: npm run bench:api [-- --base URL] [--token SECRET] [--org SLUG] [--requests N] [--clients N] [--warmup N] [--depth PAGES] [--metrics]";

const cli = cliArgs("bench:api", USAGE);
// Declared with its type, so the compiler knows a call to it does not return.
const fail: (message: string) => never = cli.fail;
const positiveInt = cli.positiveInt;

let values;
try {
  ({ values } = parseArgs({
    options: {
      base: { type: "string" },
      token: { type: "string" },
      org: { type: "string" },
      requests: { type: "string" },
      clients: { type: "string" },
      warmup: { type: "string" },
      depth: { type: "string" },
      metrics: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const base = (values.base ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
if (!/^https?:\/\/[^/]+/.test(base)) fail(`--base must be an http(s) URL (got "${base}").`);
const org = values.org ?? "acme";
const requests = positiveInt("requests", values.requests, 400);
const clients = positiveInt("clients", values.clients, 8, 256);
const warmup = positiveInt("warmup", values.warmup, Math.max(clients * 4, Math.round(requests / 10)));
const depth = positiveInt("depth", values.depth, 40, 10_000);
const LIMIT = 50;

// JSON logs go to stdout; keep them out of the table unless LOG_LEVEL asks for them.
process.env.LOG_LEVEL ??= "silent";

// ——— set-up: a token and the item counts, straight from the database ———
let handle: DbHandle | null = null;
let createdTokenId: string | null = null;
let orgId: string | null = null;
let token = values.token?.trim() ?? "";
let counts: { org: number; total: number } | null = null;

async function openDb(): Promise<DbHandle> {
  const { getDbHandle } = await import("../lib/db");
  return getDbHandle();
}

try {
  handle = await openDb();
  const { sql } = await import("drizzle-orm");
  const { rows } = await handle.db.execute<{ id: string }>(sql`select id from organisations where slug = ${org}`);
  orgId = rows[0]?.id ?? null;
  if (!orgId) fail(`There is no organisation "${org}" in this database (seed it with npm run db:seed -- --scale M).`);
  const { rows: n } = await handle.db.execute<{ org: string; total: string }>(
    sql`select count(*) filter (where organisation_id = ${orgId}) as org, count(*) as total from work_items`,
  );
  counts = { org: Number(n[0]?.org ?? 0), total: Number(n[0]?.total ?? 0) };
  if (!token) {
    const { createApiToken } = await import("../lib/auth/api-tokens");
    const { withTenant } = await import("../lib/db/tenant");
    const id = orgId;
    const created = await withTenant(handle.db, id, null, (tx) =>
      createApiToken(tx, { orgId: id, name: `bench-api ${new Date().toISOString()}`, scopes: ["items:read"], days: 1, createdById: null }),
    );
    token = created.secret;
    createdTokenId = created.token.id;
  }
} catch (e) {
  if (!token) fail(`Cannot create a token: ${(e as Error).message}. Pass one with --token (npm run token -- --org ${org} --scopes items:read).`);
  console.error(`bench:api: no database access (${(e as Error).message}); item counts are not shown.`);
}

async function cleanUp() {
  if (handle && createdTokenId && orgId) {
    const { revokeApiToken } = await import("../lib/auth/api-tokens");
    const { withTenant } = await import("../lib/db/tenant");
    await withTenant(handle.db, orgId, null, (tx) => revokeApiToken(tx, orgId!, createdTokenId!)).catch(() => {});
  }
  await handle?.close().catch(() => {});
}

// ——— the HTTP side ———
interface Page {
  items: unknown[];
  nextCursor: string | null;
}

const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };

async function get(path: string): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { headers });
  const body = await res.text();
  return { ms: performance.now() - started, status: res.status, body };
}

async function page(path: string): Promise<Page> {
  const r = await get(path);
  if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body) as Page;
}

/** Runs `n` requests of `path` from `clients` concurrent loops; returns each latency (ms) and the failures. */
async function run(path: string, n: number): Promise<{ ms: number[]; failures: Map<number, number> }> {
  const ms: number[] = [];
  const failures = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, n) }, async () => {
      while (next < n) {
        next++;
        try {
          const r = await get(path);
          if (r.status === 200) ms.push(r.ms);
          else failures.set(r.status, (failures.get(r.status) ?? 0) + 1);
        } catch {
          failures.set(0, (failures.get(0) ?? 0) + 1);
        }
      }
    }),
  );
  return { ms, failures };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const list = (params: Record<string, string>) => `/api/v1/work-items?${new URLSearchParams({ limit: String(LIMIT), ...params })}`;

/** The list's cases: walks the keyset pages first to find the deep cursor. */
async function listCases(): Promise<{ name: string; path: string }[]> {
  let cursor: string | null = null;
  let pagesWalked = 0;
  for (; pagesWalked < depth; pagesWalked++) {
    const p: Page = await page(list(cursor ? { cursor } : {}));
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  if (!cursor) throw new Error("The organisation has a single page of items: seed more with npm run db:seed -- --scale M.");
  return [
    { name: "first page (limit 50)", path: list({}) },
    { name: `deep page (${pagesWalked} pages in)`, path: list({ cursor }) },
    { name: "filtered (status=open&priority=P1)", path: list({ status: "open", priority: "P1" }) },
    { name: "sorted by priority", path: list({ sort: "priority" }) },
  ];
}

/** The summary's cases: the last 30 days, 90 days, 1 year and 2 years, up to and including today (UTC). */
function metricsCases(): { name: string; path: string }[] {
  const day = 86_400_000;
  const tomorrow = Math.floor(Date.now() / day) * day + day;
  const date = (t: number) => new Date(t).toISOString().slice(0, 10);
  return [30, 90, 365, 730].map((days) => ({
    name: `summary, last ${days} days`,
    path: `/api/v1/metrics/summary?${new URLSearchParams({ from: date(tomorrow - days * day), to: date(tomorrow) })}`,
  }));
}

let exitCode = 0;
try {
  // Fail early and clearly when the console is not there or the token is refused.
  try {
    await page(list({}));
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new Error(cause ? `The console does not answer at ${base} (${cause}). Start it (npm start) or pass --base.` : (e as Error).message);
  }

  const cases: { name: string; path: string }[] = values.metrics ? metricsCases() : await listCases();

  console.log(`GET ${values.metrics ? "/api/v1/metrics/summary" : "/api/v1/work-items"} at ${base}, organisation ${org}: ${clients} concurrent clients, ${requests} requests per case after ${warmup} warm-up requests.`);
  if (counts) console.log(`Work items: ${counts.org.toLocaleString("en-GB")} in ${org}, ${counts.total.toLocaleString("en-GB")} in the database.`);
  const rows: string[][] = [];
  for (const c of cases) {
    await run(c.path, warmup);
    const { ms, failures } = await run(c.path, requests);
    ms.sort((a, b) => a - b);
    const failed = [...failures.entries()].map(([status, n]) => `${n}× ${status || "network error"}`).join(", ");
    rows.push([c.name, String(ms.length), quantile(ms, 0.5).toFixed(1), quantile(ms, 0.95).toFixed(1), (ms.at(-1) ?? NaN).toFixed(1), failed]);
    if (failed) exitCode = 1;
  }
  const head = ["case", "requests", "p50 ms", "p95 ms", "max ms", "failures"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  console.log("");
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
} catch (e) {
  console.error(`bench:api: ${(e as Error).message}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
