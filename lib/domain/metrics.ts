// The programme's figures (SPEC §9), as definitions: what each one counts, in plain functions over plain
// values. lib/queries/metrics.ts computes the same in SQL over the whole organisation (never loading its
// items); the tests hold the two to each other, and docs/metrics.md says each in words.
import { DAY_RANGE_MESSAGE, dayInRange } from "./days";

const DAY = 86_400_000;

/**
 * The p-quantile of `values` by linear interpolation between the closest ranks (PostgreSQL's
 * `percentile_cont`): the median of an even count is the mean of the middle two. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Age buckets of open work, by days since the item was raised. */
export const AGE_BUCKETS = [
  { key: "0-7d", label: "0–7 days", maxDays: 7 },
  { key: "8-30d", label: "8–30 days", maxDays: 30 },
  { key: "31-90d", label: "31–90 days", maxDays: 90 },
  { key: "90d+", label: "Over 90 days", maxDays: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];
export const AGE_BUCKET_KEYS = AGE_BUCKETS.map((b) => b.key) as [AgeBucket, ...AgeBucket[]];

/** The whole-day ages a bucket holds: [minDays, maxDays] (maxDays Infinity for the last). */
export function ageRange(key: AgeBucket): { minDays: number; maxDays: number } {
  const i = AGE_BUCKETS.findIndex((b) => b.key === key);
  return { minDays: i === 0 ? 0 : AGE_BUCKETS[i - 1]!.maxDays + 1, maxDays: AGE_BUCKETS[i]!.maxDays };
}

/** The bucket of an item raised at `createdAt`, seen at `now` (whole days, rounded down). */
export function ageBucket(createdAt: Date, now: Date): AgeBucket {
  const days = Math.floor((now.getTime() - createdAt.getTime()) / DAY);
  return AGE_BUCKETS.find((b) => days <= b.maxDays)!.key;
}

/** Work that removes access: its time is "revocation time" (from creation to verified closure). */
export const REVOCATION_TYPES = ["revocation", "privileged_offboarding"] as const;
export const ROTATION_TYPES = ["secret_rotation"] as const;

export interface ClosedItem {
  type: string;
  resolution: string | null;
  createdAt: Date;
  closedAt: Date;
  /** Whether its resolution clock crossed its target in the cycle it closed in; null when no SLA applied. */
  breached: boolean | null;
}

/**
 * SLA compliance for items closed in [from, to): the share closed within target, among those an SLA applied
 * to. Null when none did.
 */
export function slaCompliance(items: readonly ClosedItem[], from: Date, to: Date): { within: number; total: number; share: number | null } {
  const inPeriod = items.filter((i) => i.closedAt >= from && i.closedAt < to && i.breached !== null);
  const within = inPeriod.filter((i) => i.breached === false).length;
  return { within, total: inPeriod.length, share: inPeriod.length ? within / inPeriod.length : null };
}

/**
 * Time to verified closure, in hours, of the given types closed as remediated in [from, to): median and p90.
 * (An item closed as remediated has passed verification by someone other than its implementer.)
 */
export function closureTimes(items: readonly ClosedItem[], types: readonly string[], from: Date, to: Date) {
  const hours = items
    .filter((i) => types.includes(i.type) && i.resolution === "remediated" && i.closedAt >= from && i.closedAt < to)
    .map((i) => (i.closedAt.getTime() - i.createdAt.getTime()) / 3_600_000);
  return { count: hours.length, medianHours: percentile(hours, 0.5), p90Hours: percentile(hours, 0.9) };
}

/**
 * Remediation in [from, to): items closed as remediated (verified), and remediated work that came back
 * (regressions: a reopen marked regressed, or an import detecting the finding again), by when it came back.
 */
export function remediationOutcome(items: readonly ClosedItem[], regressions: readonly Date[], from: Date, to: Date) {
  const verified = items.filter((i) => i.resolution === "remediated" && i.closedAt >= from && i.closedAt < to).length;
  return { verified, regressed: regressions.filter((d) => d >= from && d < to).length };
}

/** Monday 00:00 UTC of the week holding `d` (the weekly trends' buckets). */
export function weekStart(d: Date): Date {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}

/** The dashboard's quick periods: the last N days up to and including today (UTC). */
export const PERIOD_PRESETS = [
  { key: "30d", label: "30 days", days: 30 },
  { key: "90d", label: "90 days", days: 90 },
  { key: "180d", label: "6 months", days: 182 },
  { key: "365d", label: "12 months", days: 365 },
] as const;
export const DEFAULT_PRESET = "90d";
/** The longest period asked at once (two years). */
export const MAX_PERIOD_DAYS = 731;

export interface MetricsDays {
  /** YYYY-MM-DD, included. */
  from: string;
  /** YYYY-MM-DD, the first day left out. */
  to: string;
}

/** The period asked for: explicit days, or `days` back from tomorrow (so today is in). Days are UTC. */
export function metricsDays(asked: { from?: string; to?: string; days?: number }, now: Date): MetricsDays {
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY);
  const to = asked.to ? new Date(`${asked.to}T00:00:00Z`) : tomorrow;
  const from = asked.from ? new Date(`${asked.from}T00:00:00Z`) : new Date(to.getTime() - (asked.days ?? 30) * DAY);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** The instants of a period of UTC days. */
export function daysBounds(p: MetricsDays): { from: Date; to: Date } {
  return { from: new Date(`${p.from}T00:00:00Z`), to: new Date(`${p.to}T00:00:00Z`) };
}

/** What is wrong with a period of days, or null. */
export function periodProblem(p: MetricsDays): string | null {
  if (!dayInRange(p.from) || !dayInRange(p.to)) return DAY_RANGE_MESSAGE;
  if (p.from >= p.to) return "The period must end after it starts.";
  if ((Date.parse(p.to) - Date.parse(p.from)) / DAY > MAX_PERIOD_DAYS) return "Ask for at most two years at a time.";
  return null;
}

/** A report month (UTC): the month asked for as YYYY-MM, else the last full month before `now`. */
export function reportMonth(asked: string | undefined, now: Date) {
  const m = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : null;
  const year = m ? Number(m.slice(0, 4)) : now.getUTCFullYear();
  const month = m ? Number(m.slice(5, 7)) - 1 : now.getUTCMonth() - 1;
  const from = new Date(Date.UTC(year, month, 1));
  const to = new Date(Date.UTC(year, month + 1, 1));
  const previousFrom = new Date(Date.UTC(year, month - 1, 1));
  const trendFrom = new Date(Date.UTC(year, month - 5, 1));
  const name = (d: Date) => d.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    key: day(from).slice(0, 7),
    label: name(from),
    previousLabel: name(previousFrom),
    from,
    to,
    previousFrom,
    trendFrom,
    fromDay: day(from),
    toDay: day(to),
    trendFromDay: day(trendFrom),
  };
}
