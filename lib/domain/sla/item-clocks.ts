// An item's SLA clocks, read from its audit history under a policy: the current cycle of each clock, every
// earlier cycle (with whether it breached), and when the item next needs looking at (its next check time).
import type { Priority, Stage, WaitingOn, WorkItemType } from "../vocabulary";
import { addWorkingMs } from "./calendar";
import { cyclesOf, readClock, type ClockName, type ClockReading, type HistoryPoint } from "./clock";
import { targetFor, type SlaPolicyDocument } from "./policy";

/** The audit events that change what a clock sees (oldest first), as stored in audit_events. */
export interface ItemEvent {
  action: string;
  occurredAt: number;
  after: Record<string, unknown> | null;
}

/** Rebuilds the item's stage and ball-in-court over time from its audit events. */
export function historyFromEvents(events: ItemEvent[]): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  let state: { stage: Stage; waitingOn: WaitingOn; decisionPending: boolean } | null = null;
  for (const e of events) {
    const a = e.after ?? {};
    if (e.action === "work_item.create") state = { stage: "intake", waitingOn: "provider", decisionPending: false };
    if (!state) continue;
    if (typeof a.stage === "string") state = { ...state, stage: a.stage as Stage };
    if (typeof a.waitingOn === "string") state = { ...state, waitingOn: a.waitingOn as WaitingOn };
    if (typeof a.decisionPending === "boolean") state = { ...state, decisionPending: a.decisionPending };
    // A reopen hands the item back to the provider (see planMove).
    if (e.action === "work_item.reopen") state = { ...state, waitingOn: "provider" };
    const last = out.at(-1);
    if (!last || last.stage !== state.stage || last.waitingOn !== state.waitingOn || last.decisionPending !== state.decisionPending) out.push({ at: e.occurredAt, ...state });
  }
  return out;
}

export interface ClockView extends ClockReading {
  clock: ClockName;
  cycle: number;
  goal: string;
  calendar: string;
  /** When this cycle stopped (null while it runs or pauses). */
  stoppedAt: number | null;
  pausedNow: boolean;
  /** Earlier cycles of this clock, oldest first. */
  history: { cycle: number; start: number; stop: number | null; elapsedMs: number; everBreached: boolean }[];
}

export interface ItemClocks {
  clocks: ClockView[];
  /** The next instant at which a reading changes state (at risk, due), or null when nothing is pending. */
  nextCheckAt: number | null;
}

export function readItemClocks(history: HistoryPoint[], item: { priority: Priority; type: WorkItemType }, policy: SlaPolicyDocument, now: number): ItemClocks {
  const clocks: ClockView[] = [];
  let next: number | null = null;
  const consider = (t: number | null) => {
    if (t !== null && t > now && (next === null || t < next)) next = t;
  };
  for (const clock of ["response", "resolution", "decision"] as const) {
    const target = targetFor(policy, item, clock);
    if (!target) continue;
    const cycles = cyclesOf(history, clock);
    if (cycles.length === 0) continue;
    const readings = cycles.map((c) => readClock(c, target.ms, target.calendar, now, policy.atRiskShare));
    const current = readings.at(-1)!;
    const cur = cycles.at(-1)!;
    clocks.push({
      ...current,
      clock,
      cycle: cycles.length,
      goal: target.goal,
      calendar: target.calendarName,
      stoppedAt: cur.stop !== null && cur.stop <= now ? cur.stop : null,
      pausedNow: current.state === "paused" || (current.state === "breached" && cur.stop === null && cur.pauses.some(([a, b]) => a <= now && (b === null || b > now))),
      history: cycles.slice(0, -1).map((cy, i) => ({ cycle: i + 1, start: cy.start, stop: cy.stop, elapsedMs: readings[i]!.elapsedMs, everBreached: readings[i]!.everBreached })),
    });
    if (current.state === "running") {
      if (!current.atRisk) consider(addWorkingMs(target.calendar, now, policy.atRiskShare * target.ms - current.elapsedMs));
      consider(current.dueAt);
    }
    // A paused or stopped clock changes only when the item changes, which recomputes this anyway.
  }
  return { clocks, nextCheckAt: next };
}
