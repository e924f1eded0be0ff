// SLA clocks (SPEC §3) as a pure function of an item's history, a target, a calendar and `now`.
// A clock runs in cycles (a reopen starts a new one); within a cycle it pauses while the item waits on the
// parties its definition names, and only working time on the calendar counts.
import type { Stage, WaitingOn } from "../vocabulary";
import { addWorkingMs, workingIntervals, workingMs, type Calendar } from "./calendar";

export type ClockName = "response" | "resolution" | "decision";
export type ClockState = "running" | "paused" | "met" | "breached";

/** The item's state after each change, oldest first; the first entry is its creation. */
export interface HistoryPoint {
  at: number;
  stage: Stage;
  waitingOn: WaitingOn;
  /** A risk acceptance (or its extension) waits for the owners' decision. */
  decisionPending?: boolean;
}

export interface Cycle {
  start: number;
  /** When the clock stopped in this cycle (null while it runs). */
  stop: number | null;
  /** Paused stretches, [from, to) with to = null while paused; ordered and not overlapping. */
  pauses: [number, number | null][];
}

const PRE_RESPONSE: ReadonlySet<Stage> = new Set(["intake", "prioritisation"]);

export const CLOCKS: Record<Exclude<ClockName, "decision">, { stopsAt: (p: HistoryPoint) => boolean; pausedOn: ReadonlySet<WaitingOn> }> = {
  // Response: until the item leaves prioritisation (or closes); paused while waiting on the client.
  response: { stopsAt: (p) => !PRE_RESPONSE.has(p.stage), pausedOn: new Set(["client"]) },
  // Resolution: until the item is closed; paused while waiting on the client or a third party.
  resolution: { stopsAt: (p) => p.stage === "closed", pausedOn: new Set(["client", "third_party"]) },
};

/** Splits the history into cycles (creation, then every reopen) with their stop and pauses for `clock`. */
export function cyclesOf(history: HistoryPoint[], clock: ClockName): Cycle[] {
  if (clock === "decision") return decisionCycles(history);
  const def = CLOCKS[clock];
  const cycles: Cycle[] = [];
  let cur: Cycle | null = null;
  let prev: HistoryPoint | null = null;
  for (const p of history) {
    const reopened = prev?.stage === "closed" && p.stage !== "closed";
    if (!cur || reopened) {
      if (cur) closePause(cur, p.at);
      cur = { start: p.at, stop: null, pauses: [] };
      cycles.push(cur);
    }
    if (cur.stop === null) {
      if (def.stopsAt(p)) {
        cur.stop = p.at;
        closePause(cur, p.at);
      } else {
        const paused = def.pausedOn.has(p.waitingOn);
        const open = cur.pauses.at(-1);
        if (paused && !(open && open[1] === null)) cur.pauses.push([p.at, null]);
        if (!paused) closePause(cur, p.at);
      }
    }
    prev = p;
  }
  return cycles;
}

/**
 * Decision: the client's clock. Each request (or extension) that waits for the owners is a cycle of its own,
 * from the request to the decision; it never pauses.
 */
function decisionCycles(history: HistoryPoint[]): Cycle[] {
  const cycles: Cycle[] = [];
  let cur: Cycle | null = null;
  for (const p of history) {
    if (p.decisionPending && !cur) {
      cur = { start: p.at, stop: null, pauses: [] };
      cycles.push(cur);
    } else if (!p.decisionPending && cur) {
      cur.stop = p.at;
      cur = null;
    }
  }
  return cycles;
}

function closePause(c: Cycle, at: number) {
  const open = c.pauses.at(-1);
  if (open && open[1] === null) open[1] = at;
}

export interface ClockReading {
  state: ClockState;
  targetMs: number;
  elapsedMs: number;
  /** Negative once breached. */
  remainingMs: number;
  atRisk: boolean;
  /** When the target is (or was) reached, counting only working, unpaused time; while paused, as if resumed now. */
  dueAt: number | null;
  everBreached: boolean;
}

/** Working time of [from, to) outside the pauses. */
function runningMs(cal: Calendar, c: Cycle, from: number, to: number): number {
  let total = workingMs(cal, from, to);
  for (const [a, b] of c.pauses) total -= workingMs(cal, Math.max(a, from), Math.min(b ?? to, to));
  return total;
}

/** The instant at which the cycle's running working time reached `amount`, if it did by `until`. */
function reachedAt(cal: Calendar, c: Cycle, amount: number, until: number): number | null {
  let left = amount;
  let cursor = c.start;
  const gaps: [number, number][] = [...c.pauses.map(([a, b]) => [a, b ?? until] as [number, number]), [until, until]];
  for (const [pa, pb] of gaps) {
    for (const [s, e] of workingIntervals(cal, cursor, Math.min(pa, until))) {
      if (e - s >= left) return s + left;
      left -= e - s;
    }
    cursor = Math.max(cursor, pb);
    if (cursor >= until) break;
  }
  return null;
}

export function readClock(c: Cycle, targetMs: number, cal: Calendar, now: number, atRiskShare = 0.75): ClockReading {
  const end = Math.min(c.stop ?? now, now);
  const elapsedMs = Math.max(0, runningMs(cal, c, c.start, end));
  const remainingMs = targetMs - elapsedMs;
  const stopped = c.stop !== null && c.stop <= now;
  const pausedNow = !stopped && c.pauses.some(([a, b]) => a <= now && (b === null || b > now));
  // A running clock is breached once its whole target is used (from the due instant on, even out of hours);
  // a stopped one met its target if it used no more than all of it.
  const breached = stopped ? elapsedMs > targetMs : elapsedMs >= targetMs;
  const state: ClockState = stopped ? (breached ? "breached" : "met") : breached ? "breached" : pausedNow ? "paused" : "running";
  let dueAt: number | null;
  if (remainingMs <= 0) dueAt = reachedAt(cal, c, targetMs, end);
  else dueAt = stopped ? null : addWorkingMs(cal, now, remainingMs);
  return {
    state,
    targetMs,
    elapsedMs,
    remainingMs,
    atRisk: !stopped && !breached && elapsedMs >= atRiskShare * targetMs,
    dueAt,
    everBreached: breached,
  };
}
