// Which escalation rules an item's clocks satisfy at an instant, and when that can next change. Pure: the
// sweeper feeds it the clocks read from the item's stored snapshot; the database makes each firing single.
import { Duration } from "luxon";
import type { Priority, WorkItemType } from "../vocabulary";
import type { LiveClock } from "../sla/snapshot";
import { ruleMatches, type EscalationDocument, type EscalationRule } from "./rules";

/** A clock as the rules read it: the SLA policy's, or an item's own deadline. */
export type RuleClock = Omit<LiveClock, "clock"> & { clock: LiveClock["clock"] | "deadline" };

export interface Firing {
  rule: EscalationRule;
  clock: string;
  cycle: number;
}

/** The escalation "clock" of exception heads-ups; their "cycle" is the expiry (in minutes since the epoch), so
 * each expiry date is announced once, and an extension's new date once more. */
export const EXCEPTION_CLOCK = "exception";
export const exceptionCycle = (expiresAt: number) => Math.floor(expiresAt / 60_000);

/**
 * An item's own due date (an access review's) read as a clock, so escalation rules can say
 * `{ "clock": "deadline", "breached": true }`. Its cycle is the due date in minutes: a new date is a new cycle.
 */
export function deadlineClock(dueAt: Date, now: number): RuleClock {
  const due = dueAt.getTime();
  const breached = now >= due;
  return {
    clock: "deadline",
    cycle: exceptionCycle(due),
    mode: "running",
    goal: "Due date",
    calendar: "24x7",
    state: breached ? "breached" : "running",
    targetMs: 0,
    elapsedMs: 0,
    remainingMs: due - now,
    atRisk: false,
    dueAt: due,
  };
}

/**
 * Rules that match now. `atRisk` holds only before a breach (a late sweep does not announce a breach as a
 * risk); `breached` holds for a clock of this cycle that crossed its target, stopped or not; `breachedFor`
 * counts wall-clock time since the crossing, for clocks still open.
 */
export function firingRules(
  doc: EscalationDocument,
  item: { priority: Priority; type: WorkItemType; exceptionExpiresAt?: Date | null },
  clocks: RuleClock[],
  now: number,
): Firing[] {
  const out: Firing[] = [];
  const expiresAt = item.exceptionExpiresAt?.getTime() ?? null;
  for (const rule of doc.rules) {
    if (rule.when.exceptionExpiresWithin) {
      // A heads-up before the risk acceptance in force expires (at expiry the sweeper reopens the item instead).
      if (expiresAt !== null && ruleMatches(rule, { priority: item.priority, type: item.type, exceptionExpiresInMs: expiresAt - now }) && expiresAt > now) {
        out.push({ rule, clock: EXCEPTION_CLOCK, cycle: exceptionCycle(expiresAt) });
      }
      continue;
    }
    const c = clocks.find((k) => k.clock === rule.when.clock);
    if (!c) continue;
    const breached = c.state === "breached";
    const overdueMs = breached && c.mode !== "stopped" && c.dueAt !== null ? Math.max(0, now - c.dueAt) : 0;
    if (rule.when.breachedFor && c.mode === "stopped") continue;
    if (ruleMatches(rule, { priority: item.priority, type: item.type, clock: { name: c.clock, atRisk: c.atRisk, breached, overdueMs } })) {
      out.push({ rule, clock: c.clock, cycle: c.cycle });
    }
  }
  return out;
}

/**
 * The next instant after `now` at which a rule comes due without the item changing: a `breachedFor` rule for an
 * open breached clock, or an `exceptionExpiresWithin` rule as the expiry of the acceptance in force nears.
 */
export function nextRuleCheck(doc: EscalationDocument | null, clocks: RuleClock[], now: number, exceptionExpiresAt: Date | null = null): number | null {
  let next: number | null = null;
  for (const rule of doc?.rules ?? []) {
    if (rule.when.exceptionExpiresWithin) {
      const at = exceptionExpiresAt ? exceptionExpiresAt.getTime() - Duration.fromISO(rule.when.exceptionExpiresWithin).toMillis() : null;
      if (at !== null && at > now && (next === null || at < next)) next = at;
      continue;
    }
    if (!rule.when.breachedFor) continue;
    const c = clocks.find((k) => k.clock === rule.when.clock);
    if (!c || c.state !== "breached" || c.mode === "stopped" || c.dueAt === null) continue;
    const at = c.dueAt + Duration.fromISO(rule.when.breachedFor).toMillis();
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}
