// Rules for the changes to a work item that are not stage moves (priority, assignment, ball in court,
// evidence), the requester ≠ approver separation, and the list of actions a person may take now.
import { actorCan, actorUserId, type Actor } from "./actor";
import type { Permission } from "./permissions";
import { defaultPriority } from "./priority";
import type { Priority, Resolution, Severity, Stage, Tier, WaitingOn } from "./vocabulary";
import { CYCLE, denied, planMove, refuse, type ItemState, type MoveRequest, type Refusal } from "./workflow";

type Ok<T = object> = { ok: true } & T;

function openItem(item: ItemState, actor: Actor, permission: Permission): Refusal | null {
  if (!actorCan(actor, permission)) return denied(actor, permission);
  if (item.stage === "closed") return refuse("invalid:work_item.closed", "This item is closed. A programme owner can reopen it.");
  return null;
}

/** A priority other than the computed default (identity tier × severity) is an override and needs a reason. */
export function planPriority(
  item: ItemState,
  actor: Actor,
  req: { priority: Priority; reason?: string | null; tier: Tier | null; severity: Severity; decisionPending?: boolean },
): Ok<{ override: boolean }> | Refusal {
  const no = openItem(item, actor, "triage:work_item");
  if (no) return no;
  // The priority sets how many owners must approve and how long an acceptance may run: not while they decide.
  if (req.decisionPending) {
    return refuse("invalid:work_item.decision_pending", "A risk acceptance of this item waits for the owners' decision; withdraw it before changing the priority.");
  }
  const override = req.priority !== defaultPriority(req.tier, req.severity);
  if (override && !req.reason?.trim()) {
    return refuse("invalid:work_item.override_reason", `The computed priority is ${defaultPriority(req.tier, req.severity)}; overriding it needs a reason.`);
  }
  return { ok: true, override };
}

export function planAssign(item: ItemState, actor: Actor, assigneeId: string | null): Ok | Refusal {
  const self = assigneeId !== null && assigneeId === actorUserId(actor);
  // Taking an unassigned item for oneself is an analyst's right; assigning to others is a lead's.
  const permission: Permission = self && item.assigneeId === null && !actorCan(actor, "assign:work_item") ? "take:work_item" : "assign:work_item";
  return openItem(item, actor, permission) ?? { ok: true };
}

export function planHandOver(item: ItemState, actor: Actor, req: { waitingOn: WaitingOn; reason?: string | null }): Ok | Refusal {
  const no = openItem(item, actor, "hand_over:work_item");
  if (no) return no;
  if (req.waitingOn === item.waitingOn) return refuse("invalid:work_item.waiting_on", `The item already waits on ${req.waitingOn.replace("_", " ")}.`);
  if (!req.reason?.trim()) return refuse("invalid:work_item.reason_required", "Say what the item now waits for.");
  return { ok: true };
}

export function planEvidence(item: ItemState, actor: Actor): Ok | Refusal {
  const no = openItem(item, actor, "attach:evidence");
  if (no) return no;
  if (CYCLE.indexOf(item.stage) < CYCLE.indexOf("implementation")) {
    return refuse("invalid:evidence.stage", "Evidence is captured from implementation onwards.");
  }
  return { ok: true };
}

/** Requester ≠ approver (SPEC §1): nobody approves what they asked for, whatever their role. */
export function planApproval(requestedById: string | null, actor: Actor, permission: Permission): Ok | Refusal {
  if (actor.kind === "token") return denied(actor, permission);
  if (requestedById && requestedById === actor.userId) {
    return refuse("forbidden:risk_acceptance.own_request", "You raised this request, so another programme owner must decide it.");
  }
  return actorCan(actor, permission) ? { ok: true } : denied(actor, permission);
}

export interface MoveOption {
  to: Stage;
  resolution: Resolution | null;
  label: string;
  needsReason: boolean;
  needsDuplicateOf: boolean;
  tone: "primary" | "neutral" | "danger";
  /** Set when the move is the person's to make but the item is not ready (e.g. no evidence yet). */
  blocked: string | null;
}

/** Candidate moves from the current stage, each checked against the rules with this actor. */
export function moveOptions(item: ItemState, actor: Actor): MoveOption[] {
  const candidates: Omit<MoveOption, "blocked">[] = [];
  const opt = (to: Stage, label: string, extra: Partial<Omit<MoveOption, "blocked">> = {}) =>
    candidates.push({ to, label, resolution: null, needsReason: false, needsDuplicateOf: false, tone: "neutral", ...extra });

  if (item.stage === "closed") {
    opt("prioritisation", "Reopen", { needsReason: true, tone: "danger" });
  } else {
    const i = CYCLE.indexOf(item.stage);
    const next = CYCLE[i + 1];
    if (item.stage === "closure") {
      opt("closed", "Verify and close as remediated", { resolution: "remediated", tone: "primary" });
      opt("implementation", "Reject verification", { needsReason: true, tone: "danger" });
    } else if (next) {
      const label = item.stage === "implementation" ? "Mark implementation done" : item.stage === "validation" ? "Valid: start implementation" : `Move to ${next}`;
      opt(next, label, { tone: "primary" });
    }
    if (item.stage === "validation") {
      opt("closed", "Close as invalid", { resolution: "invalid", needsReason: true });
      opt("closed", "Close as duplicate", { resolution: "duplicate", needsDuplicateOf: true, needsReason: true });
    }
    for (const back of CYCLE.slice(0, i).reverse()) {
      if (item.stage === "closure" && back === "implementation") continue;
      opt(back, `Back to ${back}`, { needsReason: true });
    }
    opt("closed", "Cancel item", { resolution: "cancelled", needsReason: true, tone: "danger" });
  }

  const out: MoveOption[] = [];
  for (const c of candidates) {
    const r = planMove(item, actor, { to: c.to, resolution: c.resolution, reason: "x", duplicateOfId: c.needsDuplicateOf ? "x" : null } satisfies MoveRequest);
    if (r.ok) out.push({ ...c, blocked: null });
    // A rule the person could satisfy (or must know about) is shown; a permission they lack is not.
    else if (r.code === "forbidden:work_item.verify_own" || r.code.startsWith("invalid:")) out.push({ ...c, blocked: r.message });
  }
  return out;
}
