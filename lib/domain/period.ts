// Reporting periods named by calendar dates, [from, to): `to` is the first day not included. Days begin at
// midnight in the organisation's time zone, so "May" means May where the client is.
import { DateTime } from "luxon";
import { dayInRange } from "./days";

export interface Period {
  /** YYYY-MM-DD, included. */
  from: string;
  /** YYYY-MM-DD, not included. */
  to: string;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && dayInRange(s) && DateTime.fromISO(s, { zone: "UTC" }).isValid;
}

/** The last full calendar month before `now` in `zone`. */
export function lastFullMonth(now: Date, zone: string): Period {
  const start = DateTime.fromJSDate(now, { zone: safeZone(zone) }).startOf("month");
  return { from: start.minus({ months: 1 }).toISODate()!, to: start.toISODate()! };
}

/** The instants the period covers: midnight of `from` up to (not including) midnight of `to`, in `zone`. */
export function periodBounds(p: Period, zone: string): { from: Date; to: Date } {
  const z = safeZone(zone);
  return { from: DateTime.fromISO(p.from, { zone: z }).toJSDate(), to: DateTime.fromISO(p.to, { zone: z }).toJSDate() };
}

/** The last day included, for saying "1 May 2026 – 31 May 2026". */
export function lastDay(p: Period): string {
  return DateTime.fromISO(p.to, { zone: "UTC" }).minus({ days: 1 }).toISODate()!;
}

/** The period asked for, the last full month when neither date is given, or what is wrong with it. */
export function resolvePeriod(asked: { from?: string; to?: string }, now: Date, zone: string): { ok: true; period: Period } | { ok: false; message: string } {
  if (!asked.from && !asked.to) return { ok: true, period: lastFullMonth(now, zone) };
  if (!asked.from || !asked.to) return { ok: false, message: "Give both dates of the period (from and to), or neither for the last full month." };
  if (!isIsoDate(asked.from) || !isIsoDate(asked.to)) return { ok: false, message: "Write the dates as YYYY-MM-DD." };
  if (asked.from >= asked.to) return { ok: false, message: "The period must end after it starts: `to` is the first day not included." };
  return { ok: true, period: { from: asked.from, to: asked.to } };
}

function safeZone(zone: string): string {
  return DateTime.local().setZone(zone).isValid ? zone : "UTC";
}
