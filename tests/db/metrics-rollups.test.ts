// The dashboard's rollups (work_item_days, work_item_backlog; kept by triggers in drizzle/0011_metrics_indexes.sql)
// must equal plain aggregation over the items after any mix of inserts, closes, reopens, moves, breaches and
// deletes, one row or many per statement, written by the runtime role. And the summary that reads them
// (lib/queries/metrics.ts) must agree with the definitions (lib/domain/metrics.ts) when the period and the
// instant fall mid-day, with items just either side of every boundary.
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { metricsSummary } from "@/lib/queries/metrics";
import { countByStage } from "@/lib/queries/work-items";
import { AGE_BUCKETS, ageBucket, weekStart } from "@/lib/domain/metrics";
import { PRIORITIES, RESOLUTIONS, STAGES, WORK_ITEM_TYPES, type Priority, type Resolution, type Stage, type WorkItemType } from "@/lib/domain/vocabulary";
import { openTestDb, type TestDb } from "../helpers/db";
import { expectDbError } from "../helpers/errors";
import { createOrg } from "../helpers/factories";

const DAY = 86_400_000;
const NOW = new Date("2026-11-24T12:34:56.789Z");
const SLA = { policyVersion: 1, clocks: [] };
const OPEN_STAGES = STAGES.filter((s) => s !== "closed");

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

interface Item {
  createdAt: Date;
  closedAt: Date | null;
  stage: Stage;
  priority: Priority;
  type: WorkItemType;
  resolution: Resolution | null;
  hasSla: boolean;
  breached: boolean;
  providerSeconds: number;
  clientSeconds: number;
  thirdPartySeconds: number;
  slaDueAt: Date | null;
  slaAtRiskAt: Date | null;
}

/** An instant near one that matters: a day's edge, an age boundary, a period edge — a few ms either side, or anywhere. */
const near = (anchors: Date[]) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...anchors), fc.integer({ min: -3, max: 3 })).map(([a, d]) => new Date(a.getTime() + d)),
    fc.integer({ min: -120 * DAY, max: 2 * DAY }).map((d) => new Date(NOW.getTime() + d)),
  );

const midnights = Array.from({ length: 100 }, (_, i) => new Date(Math.floor(NOW.getTime() / DAY) * DAY - i * DAY));
const ageBounds = AGE_BUCKETS.filter((b) => b.maxDays !== Infinity).map((b) => new Date(NOW.getTime() - (b.maxDays + 1) * DAY));

const itemArb = (anchors: Date[]) =>
  fc
    .record({
      createdAt: near(anchors),
      closedAfter: fc.option(fc.integer({ min: 0, max: 60 * DAY }), { nil: null }),
      stage: fc.constantFrom(...OPEN_STAGES),
      priority: fc.constantFrom(...PRIORITIES),
      type: fc.constantFrom(...WORK_ITEM_TYPES),
      resolution: fc.constantFrom(...RESOLUTIONS),
      hasSla: fc.boolean(),
      breached: fc.boolean(),
      providerSeconds: fc.integer({ min: 0, max: 90_000 }),
      clientSeconds: fc.integer({ min: 0, max: 90_000 }),
      thirdPartySeconds: fc.integer({ min: 0, max: 9_000 }),
      due: fc.option(near([NOW]), { nil: null }),
      atRisk: fc.option(near([NOW]), { nil: null }),
    })
    .map(
      (r): Item => ({
        ...r,
        closedAt: r.closedAfter === null ? null : new Date(r.createdAt.getTime() + r.closedAfter),
        stage: r.closedAfter === null ? r.stage : "closed",
        resolution: r.closedAfter === null ? null : r.resolution,
        slaDueAt: r.due,
        slaAtRiskAt: r.atRisk,
      }),
    );

const row = (orgId: string, it: Item, n: number) => ({
  organisationId: orgId,
  number: n,
  title: `Item ${n}`,
  type: it.type,
  stage: it.stage,
  priority: it.priority,
  resolution: it.resolution,
  createdAt: it.createdAt,
  closedAt: it.closedAt,
  sla: it.hasSla ? SLA : null,
  slaBreached: it.breached,
  slaDueAt: it.slaDueAt,
  slaAtRiskAt: it.slaAtRiskAt,
  providerSeconds: it.providerSeconds,
  clientSeconds: it.clientSeconds,
  thirdPartySeconds: it.thirdPartySeconds,
});

type Op =
  | { op: "insert"; items: Item[] }
  | { op: "close"; pick: number; at: number; resolution: Resolution; breached: boolean }
  | { op: "reopen"; pick: number }
  | { op: "move"; pick: number; stage: Stage; priority: Priority; type: WorkItemType }
  | { op: "breach-all"; breached: boolean }
  | { op: "retime"; pick: number; by: number }
  | { op: "delete"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), items: fc.array(itemArb(midnights.slice(0, 5)), { minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant("close" as const), pick: fc.nat(), at: fc.integer({ min: 0, max: 30 * DAY }), resolution: fc.constantFrom(...RESOLUTIONS), breached: fc.boolean() }),
  fc.record({ op: fc.constant("reopen" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("move" as const), pick: fc.nat(), stage: fc.constantFrom(...OPEN_STAGES), priority: fc.constantFrom(...PRIORITIES), type: fc.constantFrom(...WORK_ITEM_TYPES) }),
  fc.record({ op: fc.constant("breach-all" as const), breached: fc.boolean() }),
  fc.record({ op: fc.constant("retime" as const), pick: fc.nat(), by: fc.integer({ min: -3 * DAY, max: 3 * DAY }) }),
  fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }),
);

let numbers = 0;

/** Applies one operation as the runtime role, in a transaction of its own. */
async function apply(orgId: string, o: Op): Promise<void> {
  await withTenant(t.db, orgId, null, async (tx) => {
    if (o.op === "insert") {
      await tx.insert(workItems).values(o.items.map((it) => row(orgId, it, ++numbers)));
      return;
    }
    if (o.op === "breach-all") {
      // Many rows in one statement, as the sweeper writes them.
      await tx.execute(sql`update work_items set sla_breached = ${o.breached} where organisation_id = ${orgId} and closed_at is null`);
      return;
    }
    const open = o.op === "move" || o.op === "close";
    const { rows } = await tx.execute<{ id: string; created_at: string }>(
      sql`select id, created_at from work_items where organisation_id = ${orgId} and ${open ? sql`closed_at is null` : o.op === "reopen" ? sql`closed_at is not null` : sql`true`} order by number`,
    );
    const target = rows[o.pick % Math.max(rows.length, 1)];
    if (!target) return;
    const id = target.id;
    if (o.op === "close") {
      const at = new Date(new Date(target.created_at).getTime() + o.at);
      await tx.execute(sql`update work_items set stage = 'closed', closed_at = ${at.toISOString()}::timestamptz, resolution = ${o.resolution}, sla_breached = ${o.breached} where id = ${id}`);
    } else if (o.op === "reopen") {
      await tx.execute(sql`update work_items set stage = 'prioritisation', closed_at = null, resolution = null, cycle = cycle + 1 where id = ${id}`);
    } else if (o.op === "move") {
      await tx.execute(sql`update work_items set stage = ${o.stage}, priority = ${o.priority}, type = ${o.type} where id = ${id}`);
    } else if (o.op === "retime") {
      await tx.execute(sql`update work_items set created_at = created_at + make_interval(secs => ${o.by / 1000}) where id = ${id}`);
    } else {
      await tx.execute(sql`delete from work_items where id = ${id}`);
    }
  });
}

/** The rollups as stored, and the same figures aggregated from the items (as the migration's backfill does). */
async function rollupsAndPlain(orgId: string) {
  const days = await t.db.execute(sql`
    select day::text, created, open, closed, closed_with_sla, closed_within_target, remediated, provider_seconds::text, client_seconds::text, third_party_seconds::text
      from work_item_days where organisation_id = ${orgId}
       and (created, open, closed, closed_with_sla, closed_within_target, remediated, provider_seconds, client_seconds, third_party_seconds) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
     order by day`);
  const plainDays = await t.db.execute(sql`
    select day::text, sum(created)::int as created, sum(open)::int as open, sum(closed)::int as closed, sum(with_sla)::int as closed_with_sla,
           sum(within)::int as closed_within_target, sum(remediated)::int as remediated, sum(provider)::bigint::text as provider_seconds,
           sum(client)::bigint::text as client_seconds, sum(third)::bigint::text as third_party_seconds
      from (select (created_at at time zone 'UTC')::date as day, 1 as created, (closed_at is null)::int as open, 0 as closed, 0 as with_sla, 0 as within,
                   0 as remediated, 0 as provider, 0 as client, 0 as third
              from work_items where organisation_id = ${orgId}
            union all
            select (closed_at at time zone 'UTC')::date, 0, 0, 1, (sla is not null)::int, (sla is not null and not sla_breached)::int,
                   (resolution = 'remediated')::int, provider_seconds, client_seconds, third_party_seconds
              from work_items where organisation_id = ${orgId} and closed_at is not null) x
     group by day order by day`);
  const backlog = await t.db.execute(sql`
    select stage::text, priority::text, type::text, items, breached from work_item_backlog
     where organisation_id = ${orgId} and (items, breached) <> (0, 0) order by stage, priority, type`);
  const plainBacklog = await t.db.execute(sql`
    select stage::text, priority::text, type::text, count(*)::int as items, (count(*) filter (where sla_breached))::int as breached
      from work_items where organisation_id = ${orgId} and closed_at is null group by stage, priority, type order by stage, priority, type`);
  return { days: days.rows, plainDays: plainDays.rows, backlog: backlog.rows, plainBacklog: plainBacklog.rows };
}

/** Items per stage counted from the items themselves (every stage present, zero when empty). */
async function plainStageCounts(orgId: string, and = sql``) {
  const { rows } = await t.db.execute<{ stage: Stage; n: number }>(
    sql`select stage::text, count(*)::int as n from work_items where organisation_id = ${orgId} ${and} group by stage`,
  );
  return Object.fromEntries(STAGES.map((st) => [st, rows.find((r) => r.stage === st)?.n ?? 0]));
}

describe("the dashboard's rollups", () => {
  it("equal plain aggregation over the items after inserts, closes, reopens, moves, breaches, retimes and deletes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const org = await createOrg(t.db);
        for (const o of ops) await apply(org.id, o);
        const r = await rollupsAndPlain(org.id);
        expect(r.days).toEqual(r.plainDays);
        expect(r.backlog).toEqual(r.plainBacklog);
        // The queue's stage tabs read the same rollups: their counts are the items' own.
        const tabs = (f: { priority?: Priority; type?: WorkItemType[] }) => withTenant(t.db, org.id, null, (tx) => countByStage(tx, { orgId: org.id, ...f }));
        expect(await tabs({})).toEqual(await plainStageCounts(org.id));
        expect(await tabs({ priority: "P1" })).toEqual({ ...(await plainStageCounts(org.id, sql`and priority = 'P1'`)), closed: null });
        expect(await tabs({ type: ["revocation", "secret_rotation"] })).toEqual({
          ...(await plainStageCounts(org.id, sql`and type in ('revocation', 'secret_rotation')`)),
          closed: null,
        });
      }),
      { numRuns: 20 },
    );
  });

  it("cannot be written by the runtime role, only read", async () => {
    const org = await createOrg(t.db);
    await apply(org.id, { op: "insert", items: [{ createdAt: NOW, closedAt: null, stage: "intake", priority: "P2", type: "revocation", resolution: null, hasSla: true, breached: false, providerSeconds: 0, clientSeconds: 0, thirdPartySeconds: 0, slaDueAt: null, slaAtRiskAt: null }] });
    const read = await withTenant(t.db, org.id, null, (tx) => tx.execute<{ n: number }>(sql`select sum(items)::int as n from work_item_backlog`));
    expect(read.rows[0]!.n).toBe(1);
    for (const write of [
      sql`update work_item_backlog set items = items + 100`,
      sql`insert into work_item_days (organisation_id, day, created) values (${org.id}, '2026-01-01', 5)`,
      sql`select work_item_rollups_apply('{}'::work_items[], '{}'::work_items[])`,
    ]) {
      await expectDbError(withTenant(t.db, org.id, null, (tx) => tx.execute(write)), /permission denied/);
    }
  });
});

describe("the summary read through the rollups", () => {
  it("agrees with the definitions when the period and now fall mid-day, with items either side of each boundary", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.integer({ min: 2 * DAY, max: 80 * DAY }), fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: -DAY, max: 0 })).chain(([length, fromOffset, toOffset]) => {
          const to = new Date(NOW.getTime() + toOffset);
          const from = new Date(Math.floor((to.getTime() - length) / DAY) * DAY + fromOffset);
          const anchors = [...ageBounds, from, to, ...midnights.slice(0, 3), weekStart(from)];
          return fc.array(itemArb(anchors), { minLength: 5, maxLength: 40 }).map((items) => ({ from, to, items }));
        }),
        async ({ from, to, items }) => {
          const org = await createOrg(t.db);
          await withTenant(t.db, org.id, null, (tx) => tx.insert(workItems).values(items.map((it) => row(org.id, it, ++numbers))));
          const m = await withTenant(t.db, org.id, null, (tx) => metricsSummary(tx, { orgId: org.id, from, to, now: NOW }));

          const open = items.filter((i) => i.closedAt === null);
          const count = <K extends string>(key: (i: Item) => K) => open.reduce<Record<string, number>>((a, i) => ({ ...a, [key(i)]: (a[key(i)] ?? 0) + 1 }), {});
          expect(m.backlog).toEqual({ total: open.length, byStage: count((i) => i.stage), byPriority: count((i) => i.priority), byType: count((i) => i.type), byAge: count((i) => ageBucket(i.createdAt, NOW)) });

          const inPeriod = items.filter((i) => i.closedAt !== null && i.closedAt >= from && i.closedAt < to);
          const withSla = inPeriod.filter((i) => i.hasSla);
          expect(m.sla).toMatchObject({
            closedInPeriod: withSla.length,
            closedWithinTarget: withSla.filter((i) => !i.breached).length,
            breached: open.filter((i) => i.breached || (i.slaDueAt !== null && i.slaDueAt <= NOW)).length,
            atRisk: open.filter((i) => !i.breached && i.slaAtRiskAt !== null && i.slaAtRiskAt <= NOW && (i.slaDueAt === null || i.slaDueAt > NOW)).length,
          });
          const sum = (k: "providerSeconds" | "clientSeconds" | "thirdPartySeconds") => inPeriod.reduce((s, i) => s + i[k], 0) / 3600;
          expect(m.waiting).toEqual({ items: inPeriod.length, providerHours: sum("providerSeconds"), clientHours: sum("clientSeconds"), thirdPartyHours: sum("thirdPartySeconds") });
          expect(m.remediation.verified).toBe(inPeriod.filter((i) => i.resolution === "remediated").length);

          // The trend counts everything from the period's first week on, by the week it was raised or closed.
          const first = weekStart(from);
          const iso = (d: Date) => weekStart(d).toISOString().slice(0, 10);
          for (const w of m.trend) {
            expect(w.created, w.week).toBe(items.filter((i) => i.createdAt >= first && iso(i.createdAt) === w.week).length);
            const closed = items.filter((i) => i.closedAt !== null && i.closedAt >= first && iso(i.closedAt) === w.week);
            expect(w.closed, w.week).toBe(closed.length);
            expect(w.closedWithinTarget, w.week).toBe(closed.filter((i) => i.hasSla && !i.breached).length);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
