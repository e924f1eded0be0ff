// npm run bench:metrics [-- --iterations 40] [--clients 8] [--org SLUG] [--explain] [--slow 50]
// The metrics summary (GET /api/v1/metrics/summary's work, SPEC §12: p95 ≤ 250 ms at dataset L) measured
// directly: metricsSummary in a tenant-scoped transaction as the app runs it, for the organisation with the most
// work items and a median one (or those named with --org), over the last 30 days, 90 days, 1 year and 2 years,
// by 8 concurrent clients after a warm-up. Against DATABASE_URL, or the embedded database (DATA_DIR). Prints
// figures only. With --explain it then runs each case once more and prints `explain (analyze, buffers)` of every
// statement slower than --slow ms.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../lib/db/client";
import { cliArgs, measureCases, printTable } from "./bench-stats";

const USAGE = "Usage: npm run bench:metrics [-- --iterations N] [--clients N] [--warmup N] [--org SLUG]... [--explain] [--slow MS]";
const PERIODS = [
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
  { label: "2 years", days: 730 },
];

const cli = cliArgs("bench:metrics", USAGE);
// Declared with its type, so the compiler knows a call to it does not return.
const fail: (message: string) => never = cli.fail;
const positiveInt = cli.positiveInt;

const values = cli.parse({
  iterations: { type: "string" },
  clients: { type: "string" },
  warmup: { type: "string" },
  org: { type: "string", multiple: true },
  explain: { type: "boolean" },
  slow: { type: "string" },
});
const iterations = positiveInt("iterations", values.iterations, 40);
const clients = positiveInt("clients", values.clients, 8, 64);
const warmup = positiveInt("warmup", values.warmup, clients * 2);
const slowMs = positiveInt("slow", values.slow, 50);
// JSON logs go to stdout; keep them out of the table unless LOG_LEVEL asks for them (hence the late imports).
process.env.LOG_LEVEL ??= "silent";
const { env } = await import("../lib/env");
const { withTenant } = await import("../lib/db/tenant");
const { daysBounds, metricsDays } = await import("../lib/domain/metrics");
const { metricsSummary } = await import("../lib/queries/metrics");
const { runCli } = await import("./cli");

/** The transaction, with every statement it executes timed into `log`. */
function recording(tx: Tx, log: { query: SQL; ms: number }[]): Tx {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "execute") {
        return async (query: SQL) => {
          const started = performance.now();
          const result = await target.execute(query);
          log.push({ query, ms: performance.now() - started });
          return result;
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

await runCli("bench:metrics", async ({ db, url }) => {
  const { rows: sizes } = await db.execute<{ id: string; slug: string; n: string }>(sql`
    select o.id, o.slug, count(w.id) as n from organisations o left join work_items w on w.organisation_id = o.id group by o.id, o.slug order by count(w.id) desc, o.slug`);
  const total = sizes.reduce((s, o) => s + Number(o.n), 0);
  let orgs: typeof sizes;
  if (values.org?.length) {
    orgs = values.org.map((slug) => sizes.find((o) => o.slug === slug) ?? fail(`There is no organisation "${slug}" in this database.`));
  } else {
    const median = sizes[Math.floor(sizes.length / 2)];
    orgs = [sizes[0]!, ...(median && median !== sizes[0] ? [median] : [])];
  }
  const { rows: audit } = await db.execute<{ n: string }>(sql`select count(*) as n from audit_events`);
  const now = new Date();
  const where = env.embedded ? `PGlite in ${env.DATA_DIR}` : `PostgreSQL (${new URL(url).host}${new URL(url).pathname})`;
  console.log(`metricsSummary on ${where}: ${total.toLocaleString("en-GB")} work items, ${Number(audit[0]!.n).toLocaleString("en-GB")} audit events in ${sizes.length} organisations.`);
  console.log(`${clients} concurrent clients, ${iterations} runs per case after ${warmup} warm-up runs; each run is one tenant-scoped transaction.\n`);

  const cases = orgs.flatMap((org) => PERIODS.map((p) => ({ org, period: p, ...daysBounds(metricsDays({ days: p.days }, now)) })));
  const run = (c: (typeof cases)[number], tx?: (tx: Tx) => Tx) =>
    withTenant(db, c.org.id, null, (t) => metricsSummary(tx ? tx(t) : t, { orgId: c.org.id, from: c.from, to: c.to, now }));

  const results = await measureCases(
    cases.map((c) => ({ name: `${c.org.slug} ${c.period.label}`, run: () => run(c) })),
    { clients, warmup, runs: iterations },
  );
  const failed = results.reduce((n, m) => n + m.errors.length, 0);
  for (const m of results) if (m.errors.length) console.error(`${m.name}: ${m.errors.length} failed (${m.errors[0]!.message})`);
  const rows = results.map((m, i) => {
    const c = cases[i]!;
    return [c.org.slug, Number(c.org.n).toLocaleString("en-GB"), c.period.label, String(m.ms.length), m.figures.p50.toFixed(1), m.figures.p95.toFixed(1), m.figures.max.toFixed(1)];
  });
  printTable(["organisation", "work items", "period", "runs", "p50 ms", "p95 ms", "max ms"], rows, [0, 2]);

  if (values.explain) {
    for (const c of cases) {
      const log: { query: SQL; ms: number }[] = [];
      await run(c, (tx) => recording(tx, log));
      console.log(`\n## ${c.org.slug}, ${c.period.label}: ${log.map((l) => l.ms.toFixed(1)).join(" + ")} ms by statement`);
      for (const l of log.filter((x) => x.ms > slowMs)) {
        const { rows: plan } = await withTenant(db, c.org.id, null, (tx) => tx.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers) ${l.query}`));
        console.log(`\n### ${l.ms.toFixed(1)} ms\n${plan.map((p) => p["QUERY PLAN"]).join("\n")}`);
      }
    }
  }
  return failed ? 1 : 0;
});
