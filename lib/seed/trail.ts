// The audit trail a demo item would have left: every stage move from intake to where it stands (or to its
// closure), and the hand-over to whoever it now waits on, spread over its life. Pure: no database.
import type { Resolution, Stage, WaitingOn } from "../domain/vocabulary";
import { CYCLE } from "../domain/workflow";
import type { Rng } from "./random";

export interface TrailItem {
  stage: Stage;
  resolution: Resolution | null;
  createdAt: Date;
  stageEnteredAt: Date;
  implementedById: string | null;
  assigneeId: string | null;
  waitingOn: WaitingOn;
}

export interface TrailStep {
  action: string;
  at: Date;
  actorId: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason: string | null;
}

const REASONS: Partial<Record<Resolution, string[]>> = {
  invalid: ["Test credential in a fixture; never valid in production.", "Account already removed by the joiner-mover-leaver process."],
  duplicate: ["Same finding as an earlier item from the previous scan."],
  cancelled: ["Raised twice by the import; the other item carries the work.", "System decommissioned before the change."],
  risk_accepted: ["Closed by an approved risk acceptance."],
};

/** Where the moves stop before the closing one, by resolution. */
function lastOpenStage(resolution: Resolution, r: Rng): Stage {
  if (resolution === "remediated") return "closure";
  if (resolution === "invalid" || resolution === "duplicate") return "validation";
  return r.pick(["prioritisation", "validation", "implementation"] as const);
}

export function trailFor(it: TrailItem, r: Rng, people: { provider: string[]; verifiers: string[] }): TrailStep[] {
  const target = it.stage === "closed" ? lastOpenStage(it.resolution!, r) : it.stage;
  const path = CYCLE.slice(0, CYCLE.indexOf(target) + 1);
  const moves = path.length - 1 + (it.stage === "closed" ? 1 : 0);
  const span = it.stageEnteredAt.getTime() - it.createdAt.getTime();
  const at = (k: number) => new Date(it.createdAt.getTime() + Math.round((span * k) / Math.max(moves, 1)));
  const mover = () => it.assigneeId ?? r.pick(people.provider);
  const steps: TrailStep[] = [];
  for (let k = 1; k < path.length; k++) {
    const from = path[k - 1]!;
    const to = path[k]!;
    const actorId = from === "implementation" ? (it.implementedById ?? mover()) : mover();
    steps.push({ action: "work_item.move", at: at(k), actorId, before: { stage: from, resolution: null }, after: { stage: to, resolution: null }, reason: null });
  }
  if (it.stage === "closed") {
    const resolution = it.resolution!;
    const verifiers = people.verifiers.filter((v) => v !== it.implementedById);
    const action = resolution === "remediated" ? "work_item.verify" : resolution === "cancelled" ? "work_item.cancel" : "work_item.close";
    // With nobody but the implementer able to verify (a one-lead organisation), the sign-off is the system's.
    const actorId = resolution === "remediated" ? (verifiers.length ? r.pick(verifiers) : null) : resolution === "risk_accepted" ? null : mover();
    steps.push({ action, at: it.stageEnteredAt, actorId, before: { stage: target, resolution: null }, after: { stage: "closed", resolution }, reason: REASONS[resolution] ? r.pick(REASONS[resolution]!) : null });
  } else if (it.waitingOn !== "provider") {
    const reason = it.waitingOn === "client" ? "Waiting for the programme owner's answer." : "Waiting on the vendor's support ticket.";
    steps.push({ action: "work_item.hand_over", at: it.stageEnteredAt, actorId: mover(), before: { waitingOn: "provider" }, after: { waitingOn: it.waitingOn }, reason });
  }
  // Versions count changes: creation is 1, each step adds one.
  steps.forEach((s, i) => (s.after = { ...s.after, version: i + 2 }));
  return steps;
}

export interface TrailOwner {
  id: string;
  number: number;
  type: string;
  title: string;
  createdAt: Date;
  createdById: string | null;
}

/** The audit events of an item's creation and its trail, for inserting as they would have been written. */
export function trailEvents(organisationId: string, it: TrailOwner, trail: readonly TrailStep[], requestId: string) {
  const actor = (id: string | null) => ({ actorType: id ? ("user" as const) : ("system" as const), actorId: id });
  return [
    {
      organisationId,
      ...actor(it.createdById),
      action: "work_item.create",
      entityType: "work_item",
      entityId: it.id,
      before: null as Record<string, unknown> | null,
      after: { number: it.number, type: it.type, title: it.title, stage: "intake" } as Record<string, unknown>,
      reason: null as string | null,
      requestId,
      occurredAt: it.createdAt,
    },
    ...trail.map((s) => ({
      organisationId,
      ...actor(s.actorId),
      action: s.action,
      entityType: "work_item",
      entityId: it.id,
      before: s.before as Record<string, unknown> | null,
      after: s.after as Record<string, unknown>,
      reason: s.reason,
      requestId,
      occurredAt: s.at,
    })),
  ];
}
