// Working time on a calendar (SPEC §3): 24×7, or business hours in a time zone with several rows per day
// and holidays (one-off or annual). All instants are epoch milliseconds; local days come from the zone, so
// daylight-saving changes are right (a 09:00–17:00 day is 8 hours on either side of the change).
import { DateTime } from "luxon";

export type HHMM = `${number}:${number}`;
export interface HoursRow {
  start: HHMM;
  /** "24:00" is the end of the day. */
  end: HHMM;
}
export interface Holiday {
  /** YYYY-MM-DD in the calendar's zone. */
  date: string;
  /** Repeats every year on the same month and day. */
  annual?: boolean;
  name?: string;
}
/** ISO weekday (1 = Monday … 7 = Sunday) → working rows. */
export type Week = Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, HoursRow[]>>;

export type Calendar =
  | { kind: "24x7"; timeZone: string }
  | { kind: "business"; timeZone: string; week: Week; holidays: Holiday[] };

const DAY_LIMIT = 3660; // a calendar with (almost) no working time must not loop forever

function minutes(t: HHMM): number {
  const [h, m] = t.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

function isHoliday(holidays: Holiday[], day: DateTime): boolean {
  const iso = day.toISODate()!;
  return holidays.some((h) => h.date === iso || (h.annual && h.date.slice(5) === iso.slice(5)));
}

/**
 * Local wall-clock time on `day` → instant. Setting the fields (not adding elapsed minutes) keeps 09:00 at
 * 09:00 on a daylight-saving change day; "24:00" is the start of the next day.
 */
function at(day: DateTime, t: HHMM): number {
  const m = minutes(t);
  if (m >= 24 * 60) return day.plus({ days: 1 }).startOf("day").toMillis();
  return day.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 }).toMillis();
}

/** The working rows of one local day as instants, in order. */
function dayRows(cal: Business, day: DateTime): [number, number][] {
  if (isHoliday(cal.holidays, day)) return [];
  return (cal.week[day.weekday as 1] ?? [])
    .map((r) => [at(day, r.start), at(day, r.end)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
}

/**
 * One local day of a business calendar: its working rows as instants and where the next day starts. Days are
 * memoised per calendar (by content), because luxon's zone arithmetic is slow and the same days are read over
 * and over (every list of items reads its clocks live); the cache is bounded and simply dropped when full.
 */
interface Day {
  rows: [number, number][];
  next: number;
}
type Business = Extract<Calendar, { kind: "business" }>;
const keys = new WeakMap<Business, string>();
const days = new Map<string, Map<number, Day>>();
let cached = 0;
const CACHE_LIMIT = 500_000;

function dayTable(cal: Business): Map<number, Day> {
  let key = keys.get(cal);
  if (key === undefined) {
    key = JSON.stringify([cal.timeZone, cal.week, cal.holidays]);
    keys.set(cal, key);
  }
  let table = days.get(key);
  if (!table) days.set(key, (table = new Map()));
  return table;
}

function dayAt(cal: Business, table: Map<number, Day>, start: number): Day {
  let d = table.get(start);
  if (!d) {
    if (cached >= CACHE_LIMIT) {
      for (const t of days.values()) t.clear();
      cached = 0;
    }
    const day = DateTime.fromMillis(start, { zone: cal.timeZone });
    d = { rows: dayRows(cal, day), next: day.plus({ days: 1 }).startOf("day").toMillis() };
    table.set(start, d);
    cached++;
  }
  return d;
}

/** Start of the local day containing `t`, memoised per quarter hour (every zone offset is a multiple of 15 minutes). */
const dayStarts = new Map<string, number>();
const QUARTER = 900_000;
function dayStart(zone: string, t: number): number {
  const k = `${zone}|${Math.floor(t / QUARTER)}`;
  let s = dayStarts.get(k);
  if (s === undefined) {
    if (dayStarts.size >= CACHE_LIMIT) dayStarts.clear();
    s = DateTime.fromMillis(t, { zone }).startOf("day").toMillis();
    dayStarts.set(k, s);
  }
  return s;
}

/** The local days from the one containing `t` onwards. */
function* daysFrom(cal: Business, t: number): Generator<Day> {
  const table = dayTable(cal);
  let start = dayStart(cal.timeZone, t);
  for (let i = 0; i < DAY_LIMIT; i++) {
    const d = dayAt(cal, table, start);
    yield d;
    start = d.next;
  }
}

/** Working intervals within [from, to), as [start, end) pairs in order. */
export function workingIntervals(cal: Calendar, from: number, to: number): [number, number][] {
  if (!(to > from)) return [];
  if (cal.kind === "24x7") return [[from, to]];
  const out: [number, number][] = [];
  for (const d of daysFrom(cal, from)) {
    for (const [s, e] of d.rows) {
      const a = Math.max(s, from);
      const b = Math.min(e, to);
      if (b > a) out.push([a, b]);
    }
    if (d.next >= to) break;
  }
  return out;
}

export function workingMs(cal: Calendar, from: number, to: number): number {
  return workingIntervals(cal, from, to).reduce((n, [a, b]) => n + (b - a), 0);
}

/** The instant at which `ms` of working time has passed after `from` (null if the calendar never gets there). */
export function addWorkingMs(cal: Calendar, from: number, ms: number): number | null {
  if (ms <= 0) return from;
  if (cal.kind === "24x7") return from + ms;
  let left = ms;
  for (const d of daysFrom(cal, from)) {
    for (const [s, e] of d.rows) {
      const a = Math.max(s, from);
      if (e <= a) continue;
      if (e - a >= left) return a + left;
      left -= e - a;
    }
  }
  return null;
}
