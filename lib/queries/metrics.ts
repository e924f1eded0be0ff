// The programme's figures for one organisation and period (SPEC §9), computed in the database: aggregates
// only, never the items themselves. The definitions are lib/domain/metrics.ts and docs/metrics.md.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { AGE_BUCKETS, REVOCATION_TYPES, ROTATION_TYPES } from "../domain/metrics";
import { ROTATED_KINDS } from "../domain/identity-rules";

export interface MetricsPeriod {
  orgId: string;
  from: Date;
  to: Date;
  now: Date;
}

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function one<T extends Record<string, unknown>>(tx: Tx, q: ReturnType<typeof sql>): Promise<T> {
  const { rows } = await tx.execute<T>(q);
  return rows[0] as T;
}

/** Open work by stage, priority, type and age bucket (one pass with grouping sets). */
async function backlog(tx: Tx, p: MetricsPeriod) {
  const now = p.now.toISOString();
  const bucket = sql.raw(
    `case ${AGE_BUCKETS.filter((b) => b.maxDays !== Infinity)
      .map((b) => `when floor(extract(epoch from ('${now}'::timestamptz - created_at)) / 86400) <= ${b.maxDays} then '${b.key}'`)
      .join(" ")} else '${AGE_BUCKETS.at(-1)!.key}' end`,
  );
  const { rows } = await tx.execute<{ stage: string | null; priority: string | null; type: string | null; age: string | null; n: number }>(sql`
    select stage::text, priority::text, type::text, age, count(*)::int as n
      from (select stage, priority, type, ${bucket} as age from work_items where organisation_id = ${p.orgId} and closed_at is null) w
     group by grouping sets ((stage), (priority), (type), (age))`);
  const by = (k: "stage" | "priority" | "type" | "age") => Object.fromEntries(rows.filter((r) => r[k] !== null).map((r) => [r[k]!, r.n])) as Record<string, number>;
  return { total: Object.values(by("stage")).reduce((a, b) => a + b, 0), byStage: by("stage"), byPriority: by("priority"), byType: by("type"), byAge: by("age") };
}

/** Median and p90 hours from creation to verified closure for `types`, closed in the period, and per week. */
async function closureTime(tx: Tx, p: MetricsPeriod, types: readonly string[]) {
  const base = sql`from work_items where organisation_id = ${p.orgId} and type in (${list(types)}) and resolution = 'remediated'
                    and closed_at >= ${p.from.toISOString()}::timestamptz and closed_at < ${p.to.toISOString()}::timestamptz`;
  const hours = sql`extract(epoch from (closed_at - created_at)) / 3600`;
  const all = await one<{ n: number; median: number | null; p90: number | null }>(
    tx,
    sql`select count(*)::int as n, percentile_cont(0.5) within group (order by ${hours}) as median, percentile_cont(0.9) within group (order by ${hours}) as p90 ${base}`,
  );
  const { rows } = await tx.execute<{ week: string; n: number; median: number; p90: number }>(sql`
    select to_char(date_trunc('week', closed_at at time zone 'UTC'), 'YYYY-MM-DD') as week, count(*)::int as n,
           percentile_cont(0.5) within group (order by ${hours}) as median, percentile_cont(0.9) within group (order by ${hours}) as p90
      ${base} group by 1 order by 1`);
  return {
    count: all.n,
    medianHours: num(all.median),
    p90Hours: num(all.p90),
    weekly: rows.map((r) => ({ week: r.week, count: r.n, medianHours: Number(r.median), p90Hours: Number(r.p90) })),
  };
}

export async function metricsSummary(tx: Tx, p: MetricsPeriod) {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const now = p.now.toISOString();
  const sla = await one<{ at_risk: number; breached: number; closed: number; within: number }>(
    tx,
    sql`select count(*) filter (where closed_at is null and sla_breached)::int as breached,
               count(*) filter (where closed_at is null and not sla_breached and sla_at_risk_at <= ${now}::timestamptz)::int as at_risk,
               count(*) filter (where closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz and sla is not null)::int as closed,
               count(*) filter (where closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz and sla is not null and not sla_breached)::int as within
          from work_items where organisation_id = ${p.orgId}`,
  );
  const waiting = await one<{ provider: number; client: number; third: number; n: number }>(
    tx,
    sql`select coalesce(sum(provider_seconds), 0)::bigint as provider, coalesce(sum(client_seconds), 0)::bigint as client,
               coalesce(sum(third_party_seconds), 0)::bigint as third, count(*)::int as n
          from work_items where organisation_id = ${p.orgId} and closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz`,
  );
  const remediation = await one<{ verified: number; regressed: number }>(
    tx,
    sql`select (select count(*)::int from work_items where organisation_id = ${p.orgId} and resolution = 'remediated'
                   and closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz) as verified,
               (select count(*)::int from audit_events where organisation_id = ${p.orgId} and entity_type = 'work_item'
                   and (action = 'work_item.regress' or (action = 'work_item.reopen' and (after->>'regressed')::boolean))
                   and occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz) as regressed`,
  );
  const exceptions = await one<{ active: number; expiring: number; expired_awaiting: number; renewals: number }>(
    tx,
    sql`select count(*) filter (where a.status = 'approved' and a.expires_at > ${now}::timestamptz)::int as active,
               count(*) filter (where a.status = 'approved' and a.expires_at > ${now}::timestamptz and a.expires_at <= ${now}::timestamptz + interval '30 days')::int as expiring,
               count(*) filter (where a.status = 'expired' and a.extension_expires_at is null and w.closed_at is null)::int as expired_awaiting,
               coalesce(sum(a.renewals), 0)::int as renewals
          from risk_acceptances a join work_items w on w.organisation_id = a.organisation_id and w.id = a.work_item_id
         where a.organisation_id = ${p.orgId}`,
  );
  const hygiene = await one<{ orphaned: number; privileged: number; overdue: number }>(
    tx,
    sql`select count(*) filter (where status = 'active' and parent_id is null and owner_name is null and owner_email is null)::int as orphaned,
               count(*) filter (where status = 'active' and privileged)::int as privileged,
               count(*) filter (where status = 'active' and kind in (${list(ROTATED_KINDS)})
                                  and ((rotation_period_days is not null and coalesce(last_rotated_at, created_at) + make_interval(days => rotation_period_days) <= ${now}::timestamptz)
                                       or expires_at <= ${now}::timestamptz))::int as overdue
          from identities where organisation_id = ${p.orgId}`,
  );
  return {
    period: { from, to },
    backlog: await backlog(tx, p),
    sla: { atRisk: sla.at_risk, breached: sla.breached, closedInPeriod: sla.closed, closedWithinTarget: sla.within, compliance: sla.closed ? sla.within / sla.closed : null },
    revocationTime: await closureTime(tx, p, REVOCATION_TYPES),
    rotationTime: await closureTime(tx, p, ROTATION_TYPES),
    exceptions: { active: exceptions.active, expiringWithin30Days: exceptions.expiring, expiredAwaitingDecision: exceptions.expired_awaiting, renewals: exceptions.renewals },
    identities: { orphaned: hygiene.orphaned, standingPrivileged: hygiene.privileged, rotationOverdue: hygiene.overdue },
    waiting: { items: waiting.n, providerHours: Number(waiting.provider) / 3600, clientHours: Number(waiting.client) / 3600, thirdPartyHours: Number(waiting.third) / 3600 },
    remediation: { verified: remediation.verified, regressed: remediation.regressed },
  };
}

export type MetricsSummary = Awaited<ReturnType<typeof metricsSummary>>;
