// What a generated scale item went through, as the audit events the console would have written: its creation,
// a first cycle closed as remediated and reopened (a regression, or a reopen) for the few in a second cycle,
// every stage move (lib/seed/trail.ts), the stretches it waited on the client or a third party (which its
// ball-in-court seconds add up), and its closure. Its SLA columns are read from that same history, as
// lib/sla/store.ts does for a real item, so the clocks, the closure and the hand-overs tell one story.
import { historyFromEvents, readItemClocks } from "../domain/sla/item-clocks";
import { snapshotOf } from "../domain/sla/snapshot";
import { rowState, type Policies } from "../sla/store";
import type { Priority, Resolution, Stage, WaitingOn, WorkItemType } from "../domain/vocabulary";
import type { Rng } from "./random";
import { trailFor } from "./trail";

export interface StoryItem {
  type: WorkItemType;
  priority: Priority;
  stage: Stage;
  resolution: Resolution | null;
  createdAt: number;
  /** When it entered its stage (its closure, when closed). */
  stageEnteredAt: number;
  closedAt: number | null;
  cycle: number;
  regressed: boolean;
  waitingOn: WaitingOn;
  clientSeconds: number;
  thirdPartySeconds: number;
  assigneeId: string | null;
  implementedById: string | null;
  exceptionExpiresAt: number | null;
}

export interface StoryEvent {
  at: number;
  action: string;
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

/** The item's events after its creation, oldest first. */
export function itemStory(r: Rng, it: StoryItem, people: { provider: string[]; verifiers: string[] }): StoryEvent[] {
  const end = it.stageEnteredAt;
  const span = Math.max(0, end - it.createdAt);
  const out: StoryEvent[] = [];
  let start = it.createdAt;
  if (it.cycle > 1) {
    // The first cycle: verified as remediated, then back (detected again by an import, or reopened by hand).
    const closed = it.createdAt + Math.round(span * 0.3);
    start = closed + Math.round(span * 0.05);
    const verifier = people.verifiers.length ? r.pick(people.verifiers) : null;
    out.push({ at: closed, action: "work_item.verify", actorId: verifier, before: { stage: "closure", resolution: null }, after: { stage: "closed", resolution: "remediated" }, reason: null });
    const back = { stage: "prioritisation", resolution: null, cycle: 2, waitingOn: "provider", regressed: it.regressed };
    if (it.regressed && it.type === "finding_remediation") {
      out.push({ at: start, action: "work_item.regress", actorId: null, before: { stage: "closed", resolution: "remediated" }, after: { ...back, format: "gitleaks" }, reason: "The finding was detected again." });
    } else {
      const reason = it.regressed ? "The access came back: the remediation did not hold." : "Closed too early: the client still sees the account.";
      out.push({ at: start, action: "work_item.reopen", actorId: r.pick(people.provider), before: { stage: "closed", resolution: "remediated" }, after: back, reason });
    }
  }
  const trail = trailFor(
    { stage: it.stage, resolution: it.resolution, createdAt: new Date(start), stageEnteredAt: new Date(end), implementedById: it.implementedById, assigneeId: it.assigneeId, waitingOn: it.waitingOn },
    r,
    people,
  );
  for (const s of trail) out.push({ at: s.at.getTime(), action: s.action, actorId: s.actorId, before: s.before, after: s.after, reason: s.reason });
  // The stretches the ball was with the client and then a third party, inside the time before the current party took it.
  const client = it.clientSeconds * 1000;
  const third = it.thirdPartySeconds * 1000;
  const provider = Math.max(0, span - client - third);
  const handOver = (at: number, from: WaitingOn, to: WaitingOn, reason: string | null) =>
    out.push({ at, action: "work_item.hand_over", actorId: r.pick(people.provider), before: { waitingOn: from }, after: { waitingOn: to }, reason });
  let cursor = it.createdAt + Math.round(provider * 0.3);
  if (client > 0) {
    handOver(cursor, "provider", "client", "Waiting for the client to confirm the change window.");
    handOver((cursor += client), "client", "provider", null);
  }
  if (third > 0) {
    cursor += Math.round(provider * 0.2);
    handOver(cursor, "provider", "third_party", "Waiting on the vendor's support ticket.");
    handOver(cursor + third, "third_party", "provider", null);
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The row's SLA columns from its history, read at `now` as the store would write them. */
export function slaFromStory(policies: Policies, it: StoryItem, events: readonly StoryEvent[], now: number) {
  if (!policies.sla) return { sla: null, sla_due_at: null, sla_at_risk_at: null, sla_breached: false, next_check_at: null };
  const history = historyFromEvents([
    { action: "work_item.create", occurredAt: it.createdAt, after: null },
    ...events.map((e) => ({ action: e.action, occurredAt: e.at, after: e.after })),
  ]);
  const item = { priority: it.priority, type: it.type };
  const snap = snapshotOf(readItemClocks(history, item, policies.sla.doc, now), policies.sla.version, now);
  const exceptionExpiresAt = it.exceptionExpiresAt === null ? null : new Date(it.exceptionExpiresAt);
  const closedAt = it.closedAt === null ? null : new Date(it.closedAt);
  const s = rowState({ id: "", ...item, closedAt, exceptionExpiresAt }, snap, policies, now, false);
  const d = (x: Date | null) => (x ? x.toISOString() : null);
  return { sla: snap as unknown as Record<string, unknown>, sla_due_at: d(s.slaDueAt), sla_at_risk_at: d(s.slaAtRiskAt), sla_breached: s.slaBreached, next_check_at: d(s.nextCheckAt) };
}
