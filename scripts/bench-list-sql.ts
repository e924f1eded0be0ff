// npm run bench:list-sql [-- --org acme] [--requests 400] [--clients 8] [--depth 40] [--json FILE]
// The work-item list of SPEC §12 run directly, without HTTP: for each case of bench-list-cases.ts, the query
// GET /api/v1/work-items runs (listWorkItems, parameters parsed by the same schema) in a tenant-scoped transaction as
// the runtime role, and getWorkItem for the item due soonest; 8 concurrent clients after a warm-up, on the same
// connection pool the console uses. bench puts these beside bench:api's figures as the API's overhead ratio (SPEC
// §12: the API within 2× of this). Against DATABASE_URL, or the embedded database (DATA_DIR). Figures only.
import { sql } from "drizzle-orm";
import { caseName, deepCursor, ITEM_DETAIL, LIST_CASES, LIST_LIMIT } from "./bench-list-cases";
import { cliArgs, figureRow, measureCases, printTable, writeFiguresJson } from "./bench-stats";

const USAGE = "Usage: npm run bench:list-sql [-- --org SLUG] [--requests N] [--clients N] [--warmup N] [--depth PAGES] [--json FILE]";
const cli = cliArgs("bench:list-sql", USAGE);
const fail: (message: string) => never = cli.fail;

const values = cli.parse({
  org: { type: "string" },
  requests: { type: "string" },
  clients: { type: "string" },
  warmup: { type: "string" },
  depth: { type: "string" },
  json: { type: "string" },
});
const org = values.org ?? "acme";
const requests = cli.positiveInt("requests", values.requests, 400);
const clients = cli.positiveInt("clients", values.clients, 8, 256);
const warmup = cli.positiveInt("warmup", values.warmup, Math.max(clients * 4, Math.round(requests / 10)));
const depth = cli.positiveInt("depth", values.depth, 40, 10_000);

process.env.LOG_LEVEL ??= "silent";
const { env } = await import("../lib/env");
const { withTenant } = await import("../lib/db/tenant");
const { listWorkItems } = await import("../lib/queries/work-items");
const { getWorkItem } = await import("../lib/queries/work-item-detail");
const { listQuery } = await import("../lib/schemas/work-items");
const { runCli } = await import("./cli");

await runCli("bench:list-sql", async ({ db, url }) => {
  const { rows } = await db.execute<{ id: string; n: string; total: string }>(
    sql`select o.id, (select count(*) from work_items w where w.organisation_id = o.id) as n, (select count(*) from work_items) as total from organisations o where o.slug = ${org}`,
  );
  const o = rows[0] ?? fail(`There is no organisation "${org}" in this database.`);
  const orgId = o.id;
  const listPage = (params: Record<string, string>) =>
    withTenant(db, orgId, null, (tx) => listWorkItems(tx, { ...listQuery.parse({ limit: String(LIST_LIMIT), ...params }), orgId, me: null }));

  const cases: { name: string; run: () => Promise<unknown> }[] = [];
  for (const c of LIST_CASES) {
    if (!c.deep) cases.push({ name: c.name, run: () => listPage(c.params) });
    else {
      const { cursor, pages } = await deepCursor(depth, (cur) => listPage(cur ? { ...c.params, cursor: cur } : c.params));
      cases.push({ name: caseName(c, pages), run: () => listPage({ ...c.params, cursor }) });
    }
  }
  const soonest = (await listPage({ sort: "sla" })).items[0] ?? fail(`${org} has no open items.`);
  cases.push({ name: ITEM_DETAIL, run: () => withTenant(db, orgId, null, (tx) => getWorkItem(tx, orgId, soonest.id)) });

  const where = env.embedded ? `PGlite in ${env.DATA_DIR}` : `PostgreSQL (${new URL(url).host}${new URL(url).pathname})`;
  console.log(`The list query directly (listWorkItems / getWorkItem in a tenant-scoped transaction) on ${where}, organisation ${org}: ${clients} concurrent clients, ${requests} runs per case after ${warmup} warm-up runs.`);
  console.log(`Work items: ${Number(o.n).toLocaleString("en-GB")} in ${org}, ${Number(o.total).toLocaleString("en-GB")} in the database.\n`);
  const results = await measureCases(cases, { clients, warmup, runs: requests });
  for (const m of results) if (m.errors.length) console.error(`${m.name}: ${m.errors.length} failed (${m.errors[0]!.message})`);
  printTable(["case", "runs", "per s", "p50 ms", "p95 ms", "max ms"], results.map(figureRow));
  if (values.json) writeFiguresJson(values.json, { mode: "sql", org, clients }, results);
  return results.some((m) => m.errors.length) ? 1 : 0;
});
