// An item's SLA as stored on its row: each clock's current cycle as of the last change, with just enough to
// read it at any later instant without the history (the mode cannot change until the item does). The queue,
// the API and the sweeper read clocks from here; a change to the item recomputes it from the full history.
import { addWorkingMs, workingMs, type Calendar } from "./calendar";
import type { ClockName, ClockReading, ClockState } from "./clock";
import type { ItemClocks } from "./item-clocks";
import type { SlaPolicyDocument } from "./policy";

export interface ClockSnapshot {
  clock: ClockName;
  cycle: number;
  /** What the clock was doing at `asOf`; it keeps doing it until the item changes. */
  mode: "running" | "paused" | "stopped";
  goal: string;
  calendar: string;
  targetMs: number;
  /** Working, unpaused time counted up to `asOf`. */
  elapsedMs: number;
  asOf: number;
  /** When the target was crossed, if it was by `asOf`. */
  breachedAt: number | null;
  /** Whether an earlier cycle of this clock breached (the history keeps every cycle). */
  earlierBreaches: number;
}

export interface SlaSnapshot {
  policyVersion: number;
  clocks: ClockSnapshot[];
}

/** A clock read at an instant: the reading of lib/domain/sla/clock.ts plus which clock and cycle it is. */
export interface LiveClock extends Omit<ClockReading, "everBreached"> {
  clock: ClockName;
  cycle: number;
  /** Whether the clock still counts (running), waits (paused) or has stopped for this cycle. */
  mode: ClockSnapshot["mode"];
  goal: string;
  calendar: string;
}

/** Turns a full reading (from the history) into the stored form. */
export function snapshotOf(read: ItemClocks, policyVersion: number, now: number): SlaSnapshot {
  return {
    policyVersion,
    clocks: read.clocks.map((c) => {
      const mode: ClockSnapshot["mode"] = c.stoppedAt !== null ? "stopped" : c.pausedNow ? "paused" : "running";
      return {
          clock: c.clock,
          cycle: c.cycle,
          mode,
          goal: c.goal,
          calendar: c.calendar,
          targetMs: c.targetMs,
          elapsedMs: c.elapsedMs,
          asOf: now,
          breachedAt: c.state === "breached" ? c.dueAt : null,
          earlierBreaches: c.history.filter((h) => h.everBreached).length,
      };
    }),
  };
}

/** A stored clock read at `now` (≥ its asOf): running time keeps counting on its calendar; nothing else moves. */
export function readSnapshotClock(s: ClockSnapshot, cal: Calendar | undefined, now: number, atRiskShare: number): LiveClock {
  const since = s.mode === "running" && cal ? workingMs(cal, s.asOf, Math.max(s.asOf, now)) : 0;
  const elapsedMs = s.elapsedMs + since;
  const remainingMs = s.targetMs - elapsedMs;
  const breached = s.mode === "stopped" ? elapsedMs > s.targetMs : elapsedMs >= s.targetMs; // as readClock
  const state: ClockState = s.mode === "stopped" ? (breached ? "breached" : "met") : breached ? "breached" : s.mode;
  let dueAt: number | null = null;
  if (breached) dueAt = s.breachedAt ?? (cal ? addWorkingMs(cal, s.asOf, s.targetMs - s.elapsedMs) : null);
  else if (s.mode === "running" && cal) dueAt = addWorkingMs(cal, s.asOf, s.targetMs - s.elapsedMs);
  else if (s.mode === "paused" && cal) dueAt = addWorkingMs(cal, now, remainingMs);
  return {
    clock: s.clock,
    cycle: s.cycle,
    mode: s.mode,
    goal: s.goal,
    calendar: s.calendar,
    state,
    targetMs: s.targetMs,
    elapsedMs,
    remainingMs,
    atRisk: s.mode !== "stopped" && !breached && elapsedMs >= atRiskShare * s.targetMs,
    dueAt,
  };
}

export function readSnapshot(snap: SlaSnapshot | null, policy: Pick<SlaPolicyDocument, "calendars" | "atRiskShare"> | null, now: number): LiveClock[] {
  if (!snap) return [];
  return snap.clocks.map((c) => readSnapshotClock(c, policy?.calendars[c.calendar] as Calendar | undefined, now, policy?.atRiskShare ?? 0.75));
}

export type SlaHeadline = "breached" | "at_risk" | "ok" | "paused" | "met" | "none";

/** One word for the item: its worst current clock (breached > at risk > running > paused > met). */
export function headline(clocks: LiveClock[]): { state: SlaHeadline; clock: LiveClock | null } {
  const rank = (c: LiveClock) => (c.state === "breached" ? 5 : c.atRisk ? 4 : c.state === "running" ? 3 : c.state === "paused" ? 2 : 1);
  const worst = [...clocks].sort((a, b) => rank(b) - rank(a) || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity))[0] ?? null;
  if (!worst) return { state: "none", clock: null };
  const state: SlaHeadline = worst.state === "breached" ? "breached" : worst.atRisk ? "at_risk" : worst.state === "running" ? "ok" : worst.state === "paused" ? "paused" : "met";
  return { state, clock: worst };
}

/**
 * The row's SQL-facing columns at `now`: the earliest due time — of a running clock, or the instant a clock of
 * this cycle breached, whatever it does now (for sorting, and so a breach shows the moment it happens) — when it
 * turns at risk, and whether a clock of this cycle has breached.
 */
export function slaColumns(snap: SlaSnapshot | null, policy: Pick<SlaPolicyDocument, "calendars" | "atRiskShare"> | null, now: number) {
  let slaDueAt: number | null = null;
  let slaAtRiskAt: number | null = null;
  let slaBreached = false;
  /** The next instant after `now` at which some clock turns at risk or falls due. */
  let nextChangeAt: number | null = null;
  const share = policy?.atRiskShare ?? 0.75;
  const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  for (const s of snap?.clocks ?? []) {
    const cal = policy?.calendars[s.calendar] as Calendar | undefined;
    const live = readSnapshotClock(s, cal, now, share);
    if (live.state === "breached") {
      // Whatever the clock does now (running, paused while the client decides, or stopped late), a breach of this
      // cycle sorts the item by when it fell due: first, as its headline says "Breached".
      slaBreached = true;
      slaDueAt = min(slaDueAt, live.dueAt);
      continue;
    }
    if (s.mode === "stopped") continue;
    let riskAt: number | null = null;
    if (live.atRisk) riskAt = s.asOf;
    else if (s.mode === "running" && cal) riskAt = addWorkingMs(cal, s.asOf, Math.max(0, share * s.targetMs - s.elapsedMs));
    slaAtRiskAt = min(slaAtRiskAt, riskAt);
    if (s.mode === "running") {
      slaDueAt = min(slaDueAt, live.dueAt);
      if (riskAt !== null && riskAt > now) nextChangeAt = min(nextChangeAt, riskAt);
      if (live.dueAt !== null && live.dueAt > now) nextChangeAt = min(nextChangeAt, live.dueAt);
    }
  }
  return { slaDueAt, slaAtRiskAt, slaBreached, nextChangeAt };
}
