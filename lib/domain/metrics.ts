// The programme's figures (SPEC §9), as definitions: what each one counts, in plain functions over plain
// values. lib/queries/metrics.ts computes the same in SQL over the whole organisation (never loading its
// items); the tests hold the two to each other, and docs/metrics.md says each in words.

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
