// The metrics summary laid out for reading: sections of rows and columns, each figure with the link to the
// items behind it (the queue, the exception register or the inventory with the filter set). The dashboard's
// tables, its charts, the CSV export and the monthly report all read these, so they cannot disagree with the
// API they come from. Pure: the summary in, plain values out.
import type { MetricsSummary } from "../schemas/metrics";
import { AGE_BUCKETS, REVOCATION_TYPES, ROTATION_TYPES } from "./metrics";
import { labels, PRIORITIES, STAGES, WORK_ITEM_TYPES } from "./vocabulary";

export type Unit = "items" | "hours" | "share" | "identities" | "exceptions";

export interface SectionColumn {
  key: string;
  label: string;
  unit: Unit;
}

export interface SectionRow {
  key: string;
  label: string;
  /** The row's unit where it differs from its column's (the headline mixes counts, shares and hours). */
  unit?: Unit;
  /** One per column; null when there is nothing to measure (e.g. a median of no items). */
  values: (number | null)[];
  /** One per column: where the items behind the figure are listed, or null when no list holds them. */
  hrefs: (string | null)[];
}

export interface Section {
  id: string;
  title: string;
  /** What the figures mean, in a sentence (docs/metrics.md has the full definitions). */
  note: string;
  chart: "line" | "bar";
  columns: SectionColumn[];
  rows: SectionRow[];
}

export interface SectionContext {
  slug: string;
  /** The period, YYYY-MM-DD, `to` excluded. */
  from: string;
  to: string;
}

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

function link(base: string, params: Record<string, string>) {
  const q = new URLSearchParams(params).toString();
  return q ? `${base}?${q}` : base;
}

/** Every section of the summary, in the dashboard's order. */
export function metricsSections(s: MetricsSummary, ctx: SectionContext): Section[] {
  const queue = (params: Record<string, string>) => link(`/o/${ctx.slug}/queue`, params);
  const identities = (params: Record<string, string>) => link(`/o/${ctx.slug}/identities`, params);
  const register = (filter: string) => link(`/o/${ctx.slug}/exceptions`, { filter });
  const period = { closedFrom: ctx.from, closedTo: ctx.to };
  const revocation = queue({ type: REVOCATION_TYPES.join(","), resolution: "remediated", ...period });
  const rotation = queue({ type: ROTATION_TYPES.join(","), resolution: "remediated", ...period });
  const weekOf = (week: string) => ({ from: week, to: addDays(week, 7) });
  const items = (label = "Open items"): SectionColumn[] => [{ key: "items", label, unit: "items" }];
  const one = (key: string, label: string, value: number | null, href: string | null, unit?: Unit): SectionRow => ({ key, label, values: [value], hrefs: [href], ...(unit ? { unit } : {}) });

  const closureWeekly = (t: MetricsSummary["revocationTime"], types: readonly string[]): SectionRow[] =>
    t.weekly.map((w) => {
      const wk = weekOf(w.week);
      const href = queue({ type: types.join(","), resolution: "remediated", closedFrom: wk.from < ctx.from ? ctx.from : wk.from, closedTo: wk.to > ctx.to ? ctx.to : wk.to });
      return { key: w.week, label: w.week, values: [w.count, w.medianHours, w.p90Hours], hrefs: [href, null, null] };
    });
  const closureColumns: SectionColumn[] = [
    { key: "closed", label: "Closed, verified", unit: "items" },
    { key: "median", label: "Median (hours)", unit: "hours" },
    { key: "p90", label: "90th percentile (hours)", unit: "hours" },
  ];

  return [
    {
      id: "headline",
      title: "Headline figures",
      note: "Now, and for the items closed in the period.",
      chart: "bar",
      columns: [{ key: "value", label: "Value", unit: "items" }],
      rows: [
        one("open", "Open items", s.backlog.total, queue({ status: "open" })),
        one("breached", "Breached now", s.sla.breached, queue({ sla: "breached" })),
        one("at_risk", "At risk now", s.sla.atRisk, queue({ sla: "at_risk" })),
        one("compliance", "SLA compliance (share closed within target)", s.sla.compliance, queue({ slaOutcome: "met", ...period }), "share"),
        one("revocation_median", "Revocation time, median (hours)", s.revocationTime.medianHours, revocation, "hours"),
        one("revocation_p90", "Revocation time, 90th percentile (hours)", s.revocationTime.p90Hours, revocation, "hours"),
        one("rotation_median", "Rotation time, median (hours)", s.rotationTime.medianHours, rotation, "hours"),
        one("rotation_p90", "Rotation time, 90th percentile (hours)", s.rotationTime.p90Hours, rotation, "hours"),
        one("exceptions_expiring", "Exceptions expiring within 30 days", s.exceptions.expiringWithin30Days, register("expiring")),
        one("orphaned", "Orphaned identities", s.identities.orphaned, identities({ owner: "orphaned" })),
      ],
    },
    {
      id: "backlog-trend",
      title: "Backlog over time",
      note: "Per week (Monday, UTC): items raised, items closed, and the open backlog at the week's end.",
      chart: "line",
      columns: [
        { key: "open", label: "Open at week end", unit: "items" },
        { key: "raised", label: "Raised", unit: "items" },
        { key: "closed", label: "Closed", unit: "items" },
      ],
      rows: s.trend.map((w) => {
        const wk = weekOf(w.week);
        return {
          key: w.week,
          label: w.week,
          values: [w.openAtEnd, w.created, w.closed],
          hrefs: [null, queue({ createdFrom: wk.from, createdTo: wk.to }), queue({ closedFrom: wk.from, closedTo: wk.to })],
        };
      }),
    },
    {
      id: "sla-trend",
      title: "SLA compliance by week",
      note: "Items closed each week that an SLA applied to: within target, after breaching it, and the share within target.",
      chart: "line",
      columns: [
        { key: "compliance", label: "Compliance", unit: "share" },
        { key: "met", label: "Within target", unit: "items" },
        { key: "breached", label: "After a breach", unit: "items" },
      ],
      rows: s.trend.map((w) => {
        const wk = weekOf(w.week);
        const breached = w.closedWithSla - w.closedWithinTarget;
        return {
          key: w.week,
          label: w.week,
          values: [w.closedWithSla ? w.closedWithinTarget / w.closedWithSla : null, w.closedWithinTarget, breached],
          hrefs: [null, queue({ slaOutcome: "met", closedFrom: wk.from, closedTo: wk.to }), queue({ slaOutcome: "breached", closedFrom: wk.from, closedTo: wk.to })],
        };
      }),
    },
    {
      id: "sla",
      title: "SLA now and in the period",
      note: "Open items at risk or breached now; items closed in the period within target or after a breach.",
      chart: "bar",
      columns: items("Items"),
      rows: [
        one("breached", "Breached now", s.sla.breached, queue({ sla: "breached" })),
        one("at_risk", "At risk now", s.sla.atRisk, queue({ sla: "at_risk" })),
        one("met", "Closed within target", s.sla.closedWithinTarget, queue({ slaOutcome: "met", ...period })),
        one("closed_breached", "Closed after a breach", s.sla.closedInPeriod - s.sla.closedWithinTarget, queue({ slaOutcome: "breached", ...period })),
      ],
    },
    {
      id: "revocation-time",
      title: "Revocation time by week",
      note: "Revocations and privileged offboardings closed as verified each week: hours from raised to verified closure.",
      chart: "line",
      columns: closureColumns,
      rows: closureWeekly(s.revocationTime, REVOCATION_TYPES),
    },
    {
      id: "rotation-time",
      title: "Rotation time by week",
      note: "Secret rotations closed as verified each week: hours from raised to verified closure.",
      chart: "line",
      columns: closureColumns,
      rows: closureWeekly(s.rotationTime, ROTATION_TYPES),
    },
    {
      id: "backlog-stage",
      title: "Backlog by stage",
      note: "Open items now, by stage of the service cycle.",
      chart: "bar",
      columns: items(),
      rows: STAGES.filter((st) => st !== "closed").map((st) => one(st, labels.stage[st], s.backlog.byStage[st] ?? 0, queue({ stage: st }))),
    },
    {
      id: "backlog-priority",
      title: "Backlog by priority",
      note: "Open items now, by priority.",
      chart: "bar",
      columns: items(),
      rows: PRIORITIES.map((p) => one(p, p, s.backlog.byPriority[p] ?? 0, queue({ status: "open", priority: p }))),
    },
    {
      id: "backlog-age",
      title: "Backlog by age",
      note: "Open items now, by whole days since they were raised.",
      chart: "bar",
      columns: items(),
      rows: AGE_BUCKETS.map((b) => one(b.key, b.label, s.backlog.byAge[b.key] ?? 0, queue({ age: b.key }))),
    },
    {
      id: "backlog-type",
      title: "Backlog by type",
      note: "Open items now, by type of work.",
      chart: "bar",
      columns: items(),
      rows: WORK_ITEM_TYPES.map((t) => one(t, labels.type[t], s.backlog.byType[t] ?? 0, queue({ status: "open", type: t }))),
    },
    {
      id: "exceptions",
      title: "Exceptions",
      note: "Risk acceptances now; renewals are approved extensions, in total.",
      chart: "bar",
      columns: [{ key: "count", label: "Exceptions", unit: "exceptions" }],
      rows: [
        one("active", "Active", s.exceptions.active, register("active")),
        one("expiring", "Expiring within 30 days", s.exceptions.expiringWithin30Days, register("expiring")),
        one("expired_awaiting", "Expired, awaiting a decision", s.exceptions.expiredAwaitingDecision, register("expired_awaiting")),
        one("renewals", "Renewals", s.exceptions.renewals, register("all")),
      ],
    },
    {
      id: "identities",
      title: "Identity hygiene",
      note: "Active identities now.",
      chart: "bar",
      columns: [{ key: "count", label: "Identities", unit: "identities" }],
      rows: [
        one("orphaned", "Orphaned (no owner)", s.identities.orphaned, identities({ owner: "orphaned" })),
        one("privileged", "Standing privileged", s.identities.standingPrivileged, identities({ privileged: "yes" })),
        one("rotation_overdue", "Credentials overdue for rotation", s.identities.rotationOverdue, identities({ rotation: "overdue" })),
      ],
    },
    {
      id: "waiting",
      title: "Time waiting on client vs provider",
      note: `Hours each party held the ${s.waiting.items} item${s.waiting.items === 1 ? "" : "s"} closed in the period.`,
      chart: "bar",
      columns: [{ key: "hours", label: "Hours", unit: "hours" }],
      rows: [
        one("provider", "Provider", s.waiting.providerHours, queue({ status: "closed", ...period })),
        one("client", "Client", s.waiting.clientHours, queue({ status: "closed", ...period })),
        one("third_party", "Third party", s.waiting.thirdPartyHours, queue({ status: "closed", ...period })),
      ],
    },
    {
      id: "remediation",
      title: "Remediation verified vs regressed",
      note: "Items closed as remediated (verified) in the period, and items whose remediation came back in the period.",
      chart: "bar",
      columns: items("Items"),
      rows: [
        one("verified", "Verified", s.remediation.verified, queue({ resolution: "remediated", ...period })),
        one("regressed", "Regressed", s.remediation.regressed, queue({ regressedFrom: ctx.from, regressedTo: ctx.to })),
      ],
    },
  ];
}

/** A figure's unit: its row's, else its column's. */
export const unitOf = (section: Section, row: SectionRow, column: number): Unit => row.unit ?? section.columns[column]!.unit;

/** The sections as CSV records: section, row, column, value (numbers as the API gives them). */
export function sectionRecords(sections: readonly Section[]): (string | number | null)[][] {
  const out: (string | number | null)[][] = [["section", "row", "label", "column", "value"]];
  for (const s of sections) for (const r of s.rows) s.columns.forEach((c, i) => out.push([s.id, r.key, r.label, c.key, r.values[i] ?? null]));
  return out;
}
