// npm run bench:sweep [-- --due 10000 --background 100000 --runs 5]
// Times the SLA sweeper (SPEC §12: ≤ 50 ms with nothing due, ≤ 5 s with 10,000 items coming due) on a scratch
// database: PostgreSQL when DATABASE_URL is set (a database named wrapper_bench_sweep is created and dropped),
// else an in-memory PGlite. Ten organisations with the default policies hold `background` open items whose
// next check is a day away; then `due` of them come due with their response clock breached. Prints figures and
// checks that each escalation was recorded once; asserts no timing.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { runMigrations } from "../lib/db/client";
import { openScratch } from "./bench-db";
import { memberships, organisations, policyVersions, users } from "../lib/db/schema";
import { readItemClocks } from "../lib/domain/sla/item-clocks";
import { slaPolicyDocument } from "../lib/domain/sla/policy";
import { snapshotOf } from "../lib/domain/sla/snapshot";
import { DEFAULT_ESCALATIONS, defaultSlaPolicy } from "../lib/seed/policies";
import { sweep } from "../lib/escalation/engine";

const { values } = parseArgs({ options: { due: { type: "string" }, background: { type: "string" }, runs: { type: "string" } }, strict: true });
const DUE = Number(values.due ?? 10_000);
const BACKGROUND = Number(values.background ?? 100_000);
const RUNS = Number(values.runs ?? 5);
const ORGS = 10;
const H = 3_600_000;
const NONE = { email: null, webhook: null, appUrl: null };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { handle, kind } = await openScratch("wrapper_bench_sweep");
const { db } = handle;
try {
  const t0 = performance.now();
  await runMigrations(db);
  const now = new Date();
  const policy = slaPolicyDocument.parse(defaultSlaPolicy("UTC"));
  // P1 items raised two hours ago, still in intake: response (1 h on 24×7) breached, resolution running.
  const history = [{ at: now.getTime() - 2 * H, stage: "intake" as const, waitingOn: "provider" as const }];
  const snap = snapshotOf(readItemClocks(history, { priority: "P1", type: "revocation" }, policy, now.getTime()), 1, now.getTime());

  const orgIds: string[] = [];
  for (let i = 0; i < ORGS; i++) {
    const [org] = await db.insert(organisations).values({ slug: `bench-${i}-${crypto.randomBytes(3).toString("hex")}`, name: `Bench ${i}` }).returning();
    orgIds.push(org!.id);
    const people = await db
      .insert(users)
      .values(["lead", "owner"].map((r) => ({ email: `${r}-${org!.slug}@bench.test`, name: `${r} ${i}`, isProviderStaff: r === "lead" })))
      .returning();
    await db.insert(memberships).values(people.map((u, k) => ({ organisationId: org!.id, userId: u.id, role: k === 0 ? ("lead" as const) : ("owner" as const) })));
    await db.insert(policyVersions).values([
      { organisationId: org!.id, kind: "sla", version: 1, document: policy, status: "active" },
      { organisationId: org!.id, kind: "escalation", version: 1, document: DEFAULT_ESCALATIONS, status: "active" },
    ]);
    const per = Math.floor(BACKGROUND / ORGS);
    await db.execute(sql`
      insert into work_items (organisation_id, number, type, title, priority, stage, sla, sla_due_at, sla_breached, next_check_at, created_at)
      select ${org!.id}, g, 'revocation', 'Bench item ' || g, 'P1', 'intake', ${JSON.stringify(snap)}::jsonb,
             ${new Date(now.getTime() - H).toISOString()}::timestamptz, true, ${new Date(now.getTime() + 24 * H).toISOString()}::timestamptz,
             ${new Date(now.getTime() - 2 * H).toISOString()}::timestamptz
        from generate_series(1, ${per}) g`);
  }
  await db.execute(sql`vacuum (analyze) work_items`);
  console.log(`${kind}: ${ORGS} organisations, ${BACKGROUND.toLocaleString("en-GB")} open items set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const idle: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await sweep(db, new Date(), { config: NONE });
    if (r.checked !== 0) throw new Error(`expected nothing due, the sweep checked ${r.checked}`);
    idle.push(r.ms);
  }
  console.log(`nothing due:        median ${median(idle)} ms, max ${Math.max(...idle)} ms over ${RUNS} sweeps (${ORGS} organisations)`);

  // DUE items across the organisations come due now.
  const perOrg = Math.ceil(DUE / ORGS);
  for (const id of orgIds) {
    await db.execute(sql`update work_items set next_check_at = ${new Date(now.getTime() - 1000).toISOString()}::timestamptz
                          where id in (select id from work_items where organisation_id = ${id} order by number limit ${perOrg})`);
  }
  const r = await sweep(db, new Date(), { config: NONE });
  const { rows } = await db.execute<{ n: number; distinct_n: number }>(
    sql`select count(*)::int as n, count(distinct (work_item_id, rule_id, clock, cycle))::int as distinct_n from escalations`,
  );
  console.log(
    `${r.checked.toLocaleString("en-GB")} items coming due: ${r.ms} ms — ${r.fired.toLocaleString("en-GB")} escalations fired, ` +
      `${r.notifications.toLocaleString("en-GB")} notifications; escalations recorded ${rows[0]!.n}, distinct ${rows[0]!.distinct_n}`,
  );
  const again = await sweep(db, new Date(Date.now() + 1000), { config: NONE });
  console.log(`sweep right after:  ${again.ms} ms, ${again.checked} checked, ${again.fired} fired`);
} finally {
  await handle.close();
}
