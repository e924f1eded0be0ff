// The programme's figures for one organisation and period (SPEC §9), computed in the database: aggregates
// only, never the items themselves. The definitions are lib/domain/metrics.ts and docs/metrics.md.
//
// Fast at any history (SPEC §12: 1,000,000 items): counts over a period read the per-day rollup
// (work_item_days) for the whole UTC days in it and the items themselves only for the part-days at its edges;
// the open backlog reads work_item_backlog; what depends on the instant (at risk, breached, age) reads the
// rollups plus the few items near a boundary. The rollups are kept by triggers (drizzle/0011_metrics_indexes.sql)
// and equal plain aggregation over the items (tests/db/metrics-rollups.test.ts). Percentiles need every value:
// they read covering partial indexes (work_items_revocation_time_idx, work_items_rotation_time_idx).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { AGE_BUCKETS, REVOCATION_TYPES, ROTATION_TYPES, weekStart } from "../domain/metrics";
import { REGRESSION_EVENT, slaAtRiskAt } from "./work-items";
import { filterCond as registerCondition } from "./risk-acceptances";
import { orphanedIdentity, rotationOverdue, standingPrivileged } from "./identities";

export interface MetricsPeriod {
  orgId: string;
  from: Date;
  to: Date;
  now: Date;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const day = (d: Date) => sql`${d.toISOString().slice(0, 10)}::date`;
const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY) * DAY);
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY) * DAY);

async function one<T extends Record<string, unknown>>(tx: Tx, q: SQL): Promise<T> {
  const { rows } = await tx.execute<T>(q);
  return rows[0] as T;
}

/**
 * [from, to) as whole UTC days [dayFrom, dayTo), read from the rollup, and the instants before and after them,
 * read from the items (both empty when the period holds no whole day: then `before` is the whole period).
 */
function split(from: Date, to: Date) {
  const a = ceilDay(from);
  const b = floorDay(to);
  if (a >= b) return { dayFrom: a, dayTo: a, before: [from, to] as const, after: [to, to] as const };
  return { dayFrom: a, dayTo: b, before: [from, a] as const, after: [b, to] as const };
}

/** Open work now by stage, priority and type (the backlog rollup), with how many the sweeper has marked breached. */
async function openWork(tx: Tx, orgId: string) {
  const { rows } = await tx.execute<{ stage: string; priority: string; type: string; items: number; breached: number }>(sql`
    select stage::text, priority::text, type::text, items, breached from work_item_backlog where organisation_id = ${orgId} and items > 0`);
  const by = (k: "stage" | "priority" | "type") => {
    const out: Record<string, number> = {};
    for (const r of rows) out[r[k]] = (out[r[k]] ?? 0) + r.items;
    return out;
  };
  return { total: rows.reduce((s, r) => s + r.items, 0), flagged: rows.reduce((s, r) => s + r.breached, 0), byStage: by("stage"), byPriority: by("priority"), byType: by("type") };
}

/**
 * What depends on the instant: open items raised after each age boundary (whole days since raised, so a bucket
 * up to N days holds those raised less than N + 1 days before now), and open items at risk, or past their due
 * time but not yet marked breached by the sweeper. Raised-after counts sum the rollup's later days and count the
 * items of the boundary's own day.
 */
async function openNow(tx: Tx, orgId: string, now: Date) {
  const bounds = AGE_BUCKETS.filter((b) => b.maxDays !== Infinity).map((b) => new Date(now.getTime() - (b.maxDays + 1) * DAY));
  const raisedAfter = (b: Date) => sql`(select coalesce(sum(open), 0) from work_item_days where organisation_id = ${orgId} and day > ${day(b)})
      + (select count(*) from work_items where organisation_id = ${orgId} and closed_at is null and created_at > ${ts(b)} and created_at < ${ts(ceilDay(new Date(b.getTime() + 1)))})`;
  const at = ts(now);
  const r = await one<Record<string, string | number>>(
    tx,
    sql`select (select count(*)::int from work_items where organisation_id = ${orgId} and closed_at is null and not sla_breached and sla_due_at <= ${at}) as overdue,
               (select count(*)::int from work_items where organisation_id = ${orgId} and closed_at is null and ${slaAtRiskAt(at)}) as at_risk,
               ${sql.join(bounds.map((b, i) => sql`(${raisedAfter(b)})::int as after_${sql.raw(String(i))}`), sql`, `)}`,
  );
  return { overdue: Number(r.overdue), atRisk: Number(r.at_risk), raisedAfter: bounds.map((_, i) => Number(r[`after_${i}`])) };
}

/** Items closed in the period: how many, with an SLA, within target, remediated, and the time each party held them. */
async function closedIn(tx: Tx, p: MetricsPeriod) {
  const s = split(p.from, p.to);
  return one<{ closed: number; with_sla: number; within: number; remediated: number; provider: string; client: string; third: string }>(
    tx,
    sql`select coalesce(sum(closed), 0)::int as closed, coalesce(sum(with_sla), 0)::int as with_sla, coalesce(sum(within), 0)::int as within,
               coalesce(sum(remediated), 0)::int as remediated, coalesce(sum(provider), 0)::bigint as provider,
               coalesce(sum(client), 0)::bigint as client, coalesce(sum(third), 0)::bigint as third
          from (select closed, closed_with_sla as with_sla, closed_within_target as within, remediated,
                       provider_seconds as provider, client_seconds as client, third_party_seconds as third
                  from work_item_days where organisation_id = ${p.orgId} and day >= ${day(s.dayFrom)} and day < ${day(s.dayTo)}
                union all
                select 1, (sla is not null)::int, (sla is not null and not sla_breached)::int, (resolution = 'remediated')::int,
                       provider_seconds, client_seconds, third_party_seconds
                  from work_items where organisation_id = ${p.orgId}
                   and ((closed_at >= ${ts(s.before[0])} and closed_at < ${ts(s.before[1])}) or (closed_at >= ${ts(s.after[0])} and closed_at < ${ts(s.after[1])}))) x`,
  );
}

/**
 * Median and p90 hours from creation to verified closure, for revocation and for rotation, closed as remediated
 * in the period: overall and per week (by closure). Each kind reads its own covering partial index, which holds the
 * hours as computed here (numeric, then double precision, as percentile_cont takes them).
 */
async function closureTimes(tx: Tx, p: MetricsPeriod) {
  const kind = (name: string, types: readonly string[]) => sql`
    select ${name}::text as kind, to_char(wk, 'YYYY-MM-DD') as week, count(*)::int as n, percentile_cont(array[0.5, 0.9]) within group (order by h) as p
      from (select date_trunc('week', closed_at at time zone 'UTC') as wk, (extract(epoch from (closed_at - created_at)) / 3600)::float8 as h
              from work_items where organisation_id = ${p.orgId} and type in (${list(types)}) and resolution = 'remediated'
               and closed_at >= ${ts(p.from)} and closed_at < ${ts(p.to)}) x
     group by rollup (wk)`;
  // An empty period still gives the rollup's total row: a count of 0 and no percentiles.
  const { rows } = await tx.execute<{ kind: string; week: string | null; n: number; p: number[] | null }>(
    sql`${kind("revocation", REVOCATION_TYPES)} union all ${kind("rotation", ROTATION_TYPES)} order by kind, week`,
  );
  const of = (name: string) => {
    const all = rows.find((r) => r.kind === name && r.week === null);
    return {
      count: all?.n ?? 0,
      medianHours: num(all?.p?.[0]),
      p90Hours: num(all?.p?.[1]),
      weekly: rows.filter((r) => r.kind === name && r.week !== null).map((r) => ({ week: r.week!, count: r.n, medianHours: Number(r.p![0]), p90Hours: Number(r.p![1]) })),
    };
  };
  return { revocationTime: of("revocation"), rotationTime: of("rotation") };
}

/**
 * Per week (Monday, UTC) overlapping the period up to now: items raised, items closed, SLA compliance of those
 * closed, and the open backlog at the week's end (or now, for the current week). Everything from the first week
 * on counts, up to now and not beyond (nothing is raised or closed after now), so whole days of the rollup are
 * the whole answer. The backlog is walked back from the open count now, so the work grows with the period's
 * length, never with the organisation's history.
 */
async function weeklyTrend(tx: Tx, p: MetricsPeriod, openNow: number) {
  const first = weekStart(p.from);
  const end = new Date(Math.min(p.to.getTime(), p.now.getTime()));
  if (first >= end) return [];
  const { rows } = await tx.execute<{ week: string; created: number; closed: number; with_sla: number; within: number }>(sql`
    select to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week, sum(created)::int as created, sum(closed)::int as closed,
           sum(closed_with_sla)::int as with_sla, sum(closed_within_target)::int as within
      from work_item_days where organisation_id = ${p.orgId} and day >= ${day(first)}
     group by 1`);
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  // Walk back from now: the backlog at a week's end is the open count now, less what was raised since, plus what closed since.
  const out = [];
  let later = { created: 0, closed: 0 };
  for (let w = weekStart(p.now); w >= first; w = new Date(w.getTime() - WEEK)) {
    const r = byWeek.get(iso(w));
    const openAtEnd = openNow - later.created + later.closed;
    if (w < end) out.push({ week: iso(w), created: r?.created ?? 0, closed: r?.closed ?? 0, closedWithSla: r?.with_sla ?? 0, closedWithinTarget: r?.within ?? 0, openAtEnd });
    later = { created: later.created + (r?.created ?? 0), closed: later.closed + (r?.closed ?? 0) };
  }
  return out.reverse();
}

/**
 * Exceptions now, by the exception register's own tab conditions (so each figure is the count its link lists).
 * Only "expired awaiting a decision" looks at the item (still open?): the others count acceptances alone.
 */
const exceptionCount = (org: string, filter: "active" | "expiring" | "expired_awaiting", now: Date) =>
  filter === "expired_awaiting"
    ? // A lookup of its item per lapsed acceptance (named work_items, as the register's condition reads it; `offset 0` keeps the planner
      // from turning it into a pass over every open item).
      sql`(select count(*)::int from risk_acceptances
             cross join lateral (select w.closed_at from work_items w where w.organisation_id = risk_acceptances.organisation_id and w.id = risk_acceptances.work_item_id offset 0) as work_items
            where risk_acceptances.organisation_id = ${org} and ${registerCondition(filter, now)})`
    : sql`(select count(*)::int from risk_acceptances where risk_acceptances.organisation_id = ${org} and ${registerCondition(filter, now)})`;

/** Regressions in the period, exceptions now and inventory hygiene now: each a count over a small partial index. */
async function registers(tx: Tx, p: MetricsPeriod) {
  const org = p.orgId;
  const now = ts(p.now);
  return one<{ regressed: number; active: number; expiring: number; expired_awaiting: number; renewals: number; orphaned: number; privileged: number; overdue: number }>(
    tx,
    // Regressions: the items that came back, each once (a distinct over a hash rather than count(distinct)'s sort).
    sql`select (select count(*)::int from (select distinct e.entity_id from audit_events e where e.organisation_id = ${org} and e.entity_type = 'work_item'
                   and ${REGRESSION_EVENT} and e.occurred_at >= ${ts(p.from)} and e.occurred_at < ${ts(p.to)} and e.entity_id is not null) r) as regressed,
               ${exceptionCount(org, "active", p.now)} as active,
               ${exceptionCount(org, "expiring", p.now)} as expiring,
               ${exceptionCount(org, "expired_awaiting", p.now)} as expired_awaiting,
               (select coalesce(sum(renewals), 0)::int from risk_acceptances where organisation_id = ${org} and renewals > 0) as renewals,
               (select count(*)::int from identities where organisation_id = ${org} and ${orphanedIdentity}) as orphaned,
               (select count(*)::int from identities where organisation_id = ${org} and ${standingPrivileged}) as privileged,
               (select count(*)::int from identities where organisation_id = ${org} and ${rotationOverdue(now)}) as overdue`,
  );
}

export async function metricsSummary(tx: Tx, p: MetricsPeriod) {
  const open = await openWork(tx, p.orgId);
  const instant = await openNow(tx, p.orgId, p.now);
  const closed = await closedIn(tx, p);
  const r = await registers(tx, p);
  // Age buckets: those raised after a bucket's far boundary (all open items, for the last), less the younger buckets.
  const upTo = [...instant.raisedAfter, open.total];
  const byAge = Object.fromEntries(AGE_BUCKETS.map((b, i) => [b.key, upTo[i]! - (upTo[i - 1] ?? 0)] as const).filter(([, n]) => n > 0));
  return {
    period: { from: p.from.toISOString(), to: p.to.toISOString() },
    backlog: { total: open.total, byStage: open.byStage, byPriority: open.byPriority, byType: open.byType, byAge },
    trend: await weeklyTrend(tx, p, open.total),
    sla: {
      atRisk: instant.atRisk,
      // Breached now: marked by the sweeper, or past the due time and not yet marked (slaBreachedAt, split so each part reads a small index).
      breached: open.flagged + instant.overdue,
      closedInPeriod: closed.with_sla,
      closedWithinTarget: closed.within,
      compliance: closed.with_sla ? closed.within / closed.with_sla : null,
    },
    ...(await closureTimes(tx, p)),
    exceptions: { active: r.active, expiringWithin30Days: r.expiring, expiredAwaitingDecision: r.expired_awaiting, renewals: r.renewals },
    identities: { orphaned: r.orphaned, standingPrivileged: r.privileged, rotationOverdue: r.overdue },
    waiting: { items: closed.closed, providerHours: Number(closed.provider) / 3600, clientHours: Number(closed.client) / 3600, thirdPartyHours: Number(closed.third) / 3600 },
    remediation: { verified: closed.remediated, regressed: r.regressed },
  };
}

export type MetricsSummary = Awaited<ReturnType<typeof metricsSummary>>;
