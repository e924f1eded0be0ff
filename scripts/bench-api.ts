// npm run bench:api [-- --base http://127.0.0.1:3000] [--token wop_…] [--org SLUG] [--requests 400] [--clients 8]
//                      [--depth 40] [--metrics | --pages [--user EMAIL] [--password SECRET]] [--json FILE]
// Latency against a running console (SPEC §12), each case by 8 concurrent clients after a warm-up:
//   default   GET /api/v1/work-items: the cases of bench-list-cases.ts (first and deep keyset pages, filtered, sorted
//             by SLA due), and GET /api/v1/work-items/{id} for the item due soonest;
//   --metrics GET /api/v1/metrics/summary over the last 30 days, 90 days, 1 year and 2 years;
//   --pages   the queue page's server render (the HTML document, signed in as a demo user): the default view, SLA due
//             first, a deep page of it, and the item page.
// --json FILE also writes the figures as JSON (bench combines them with bench:list-sql's into a ratio). Prints
// figures only; nothing is asserted. Without --token it creates a short-lived items:read token for the organisation
// (default acme) and revokes it at the end; that needs the database (DATABASE_URL, or DATA_DIR's embedded one).
import type { DbHandle } from "../lib/db/client";
import { DEMO_PASSWORD } from "../lib/seed/demo";
import { caseName, deepCursor, ITEM_DETAIL, LIST_CASES, LIST_LIMIT } from "./bench-list-cases";
import { cliArgs, figureRow, measureCases, printTable, writeFiguresJson } from "./bench-stats";

const USAGE =
  "Usage: npm run bench:api [-- --base URL] [--token SECRET] [--org SLUG] [--requests N] [--clients N] [--warmup N] [--depth PAGES] [--metrics | --pages [--user EMAIL] [--password SECRET]] [--json FILE]";

const cli = cliArgs("bench:api", USAGE);
// Declared with its type, so the compiler knows a call to it does not return.
const fail: (message: string) => never = cli.fail;
const positiveInt = cli.positiveInt;

const values = cli.parse({
  base: { type: "string" },
  token: { type: "string" },
  org: { type: "string" },
  requests: { type: "string" },
  clients: { type: "string" },
  warmup: { type: "string" },
  depth: { type: "string" },
  metrics: { type: "boolean" },
  pages: { type: "boolean" },
  user: { type: "string" },
  password: { type: "string" },
  json: { type: "string" },
});
if (values.metrics && values.pages) fail("Choose one of --metrics and --pages.");
const base = (values.base ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
if (!/^https?:\/\/[^/]+/.test(base)) fail(`--base must be an http(s) URL (got "${base}").`);
const org = values.org ?? "acme";
const requests = positiveInt("requests", values.requests, 400);
const clients = positiveInt("clients", values.clients, 8, 256);
const warmup = positiveInt("warmup", values.warmup, Math.max(clients * 4, Math.round(requests / 10)));
const depth = positiveInt("depth", values.depth, 40, 10_000);
const mode = values.metrics ? "metrics" : values.pages ? "pages" : "list";
const user = values.user ?? "lead@provider.demo";
const password = values.password ?? DEMO_PASSWORD;

// JSON logs go to stdout; keep them out of the table unless LOG_LEVEL asks for them.
process.env.LOG_LEVEL ??= "silent";

// ——— set-up: a token and the item counts, straight from the database ———
let handle: DbHandle | null = null;
let createdTokenId: string | null = null;
let orgId: string | null = null;
let token = values.token?.trim() ?? "";
let counts: { org: number; total: number } | null = null;

try {
  const { getDbHandle } = await import("../lib/db");
  handle = await getDbHandle();
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
  items: { id: string; number: number }[];
  nextCursor: string | null;
}

let headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function get(path: string): Promise<string> {
  const res = await fetch(`${base}${path}`, { headers, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new HttpError(res.status, `GET ${path} answered ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

const page = async (path: string) => JSON.parse(await get(path)) as Page;
const list = (params: Record<string, string>) => `/api/v1/work-items?${new URLSearchParams({ limit: String(LIST_LIMIT), ...params })}`;

/** The list's cases, then the detail of the item due soonest. */
async function listCases(): Promise<{ name: string; path: string }[]> {
  const cases: { name: string; path: string }[] = [];
  for (const c of LIST_CASES) {
    if (!c.deep) cases.push({ name: c.name, path: list(c.params) });
    else {
      const { cursor, pages } = await deepCursor(depth, async (cur) => page(list(cur ? { ...c.params, cursor: cur } : c.params)));
      cases.push({ name: caseName(c, pages), path: list({ ...c.params, cursor }) });
    }
  }
  const soonest = (await page(list({ sort: "sla" }))).items[0];
  if (!soonest) throw new Error(`${org} has no open items.`);
  cases.push({ name: ITEM_DETAIL, path: `/api/v1/work-items/${soonest.id}` });
  return cases;
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

/** Signs in through next-auth's credentials callback, as the sign-in form does, and returns the session cookie. */
async function signIn(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}: signing in does not work on this console (is AUTH_SECRET set?).`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  const session = await fetch(`${base}/api/auth/session`, { headers: { Cookie: cookie() } });
  const { uid } = (await session.json()) as { uid?: string };
  if (!uid) throw new Error(`Cannot sign in as ${email} (the demo users' password is the demo's; pass --user and --password otherwise).`);
  return cookie();
}

/** The queue page's cases (the HTML document each link asks for) and the item page. */
async function pageCases(): Promise<{ name: string; path: string }[]> {
  const sla = { status: "open", sort: "sla" };
  const { cursor, pages } = await deepCursor(depth, async (cur) => page(list(cur ? { ...sla, cursor: cur } : sla)));
  const soonest = (await page(list(sla))).items[0];
  if (!soonest) throw new Error(`${org} has no open items.`);
  const cookie = await signIn(user, password);
  headers = { Cookie: cookie, Accept: "text/html" };
  const queue = (params: Record<string, string>) => `/o/${org}/queue${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ""}`;
  return [
    { name: "queue, default view (open, newest first)", path: queue({}) },
    { name: "queue, SLA due first", path: queue({ sort: "sla" }) },
    { name: `queue, SLA due first (${pages} pages in)`, path: queue({ sort: "sla", cursor }) },
    { name: "queue, open P1, SLA due first", path: queue({ priority: "P1", sort: "sla" }) },
    { name: "item page (soonest due)", path: `/o/${org}/items/${soonest.number}` },
  ];
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

  const cases = mode === "metrics" ? metricsCases() : mode === "pages" ? await pageCases() : await listCases();
  const what = { list: "GET /api/v1/work-items and one item", metrics: "GET /api/v1/metrics/summary", pages: "the queue and item pages (server render, signed in)" }[mode];
  console.log(`${what} at ${base}, organisation ${org}: ${clients} concurrent clients, ${requests} requests per case after ${warmup} warm-up requests.`);
  if (counts) console.log(`Work items: ${counts.org.toLocaleString("en-GB")} in ${org}, ${counts.total.toLocaleString("en-GB")} in the database.`);
  const results = await measureCases(cases.map((c) => ({ name: c.name, run: () => get(c.path) })), { clients, warmup, runs: requests });
  const rows = results.map((m) => {
    const byStatus = new Map<string, number>();
    for (const e of m.errors) {
      const key = e instanceof HttpError ? String(e.status) : "network error";
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    }
    if (m.errors.length) {
      exitCode = 1;
      console.error(`bench:api: ${m.name}: ${m.errors[0]!.message}`);
    }
    return [...figureRow(m), [...byStatus].map(([status, n]) => `${n}× ${status}`).join(", ")];
  });
  console.log("");
  printTable(["case", "requests", "per s", "p50 ms", "p95 ms", "max ms", "failures"], rows, [0, 6]);
  if (values.json) writeFiguresJson(values.json, { mode, org, clients }, results);
} catch (e) {
  console.error(`bench:api: ${(e as Error).message}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
