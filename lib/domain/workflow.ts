// The service cycle as pure rules (SPEC §2): which moves exist, who may make them and what each requires.
// Every function returns a result union; a broken business rule is a coded refusal, never a throw.
import { actorCan, actorUserId, scopeFor, type Actor } from "./actor";
import { denialCode, denialMessage, type Permission } from "./permissions";
import { type Priority, type Resolution, type Stage, type WaitingOn, type WorkItemType } from "./vocabulary";

export const CYCLE: readonly Stage[] = ["intake", "prioritisation", "validation", "implementation", "evidence", "closure"];

/** Types whose work is about one identity: intake cannot be left without linking it. */
export const IDENTITY_REQUIRED: ReadonlySet<WorkItemType> = new Set([
  "revocation",
  "privileged_onboarding",
  "privileged_offboarding",
  "recertification",
  "secret_rotation",
  "orphan_assignment",
]);

export interface ItemState {
  stage: Stage;
  resolution: Resolution | null;
  type: WorkItemType;
  title: string;
  identityId: string | null;
  priority: Priority | null;
  implementedById: string | null;
  assigneeId: string | null;
  waitingOn: WaitingOn;
  cycle: number;
  evidenceCount: number;
  /** Consumers of the identity not yet confirmed updated or cut off in this cycle (rotation and revocation). */
  unconfirmedConsumers?: number;
  /** An access review of a campaign: it closes with its reviewer's decision, not through the cycle. */
  campaignReview?: boolean;
}

/** Work whose credential change must reach every consumer before it leaves implementation (SPEC §7). */
export const CONSUMER_CHECKED: ReadonlySet<WorkItemType> = new Set(["secret_rotation", "revocation"]);

export interface MoveRequest {
  to: Stage;
  resolution?: Resolution | null;
  reason?: string | null;
  /** Work item id of the original, when closing as duplicate. */
  duplicateOfId?: string | null;
}

export type MoveKind = "forward" | "backward" | "close" | "verify" | "reject_verification" | "cancel" | "reopen";

/** What a move changes; persistence adds version, timestamps and the audit event. */
export interface MovePatch {
  stage: Stage;
  resolution: Resolution | null;
  resolutionReason: string | null;
  duplicateOfId: string | null;
  implementedById: string | null;
  waitingOn: WaitingOn;
  cycle: number;
  closed: boolean;
}

export type Refusal = { ok: false; code: `${"forbidden" | "invalid"}:${string}`; message: string };
export type MoveResult = { ok: true; kind: MoveKind; patch: MovePatch } | Refusal;

export function refuse(code: Refusal["code"], message: string): Refusal {
  return { ok: false, code, message };
}

export function denied(actor: Actor, permission: Permission): Refusal {
  if (actor.kind === "token") {
    const [action, entity] = permission.split(":") as [string, string];
    const noun = entity.replace(/_/g, " ");
    const what = `${action.replace(/_/g, " ")} ${noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
    const scope = scopeFor(permission);
    return refuse(denialCode(permission), scope ? `This API token lacks the ${scope} scope needed to ${what}.` : `API tokens may not ${what}; a person must.`);
  }
  return refuse(denialCode(permission), denialMessage(permission, actor.role));
}

const stageIndex = (s: Stage) => CYCLE.indexOf(s);
const hasText = (s: string | null | undefined): s is string => typeof s === "string" && s.trim().length > 0;

export function planMove(item: ItemState, actor: Actor, req: MoveRequest): MoveResult {
  const reason = hasText(req.reason) ? req.reason.trim() : null;
  const base: MovePatch = {
    stage: req.to,
    resolution: null,
    resolutionReason: null,
    duplicateOfId: null,
    implementedById: item.implementedById,
    waitingOn: item.waitingOn,
    cycle: item.cycle,
    closed: false,
  };

  if (item.stage === "closed") {
    if (req.to !== "prioritisation") {
      return refuse("invalid:work_item.closed", "This item is closed. A programme owner can reopen it; it then returns to prioritisation.");
    }
    if (!actorCan(actor, "reopen:work_item")) return denied(actor, "reopen:work_item");
    if (!reason) return refuse("invalid:work_item.reason_required", "Say why the item is being reopened.");
    return { ok: true, kind: "reopen", patch: { ...base, implementedById: null, waitingOn: "provider", cycle: item.cycle + 1, resolutionReason: reason } };
  }
  if (req.to === item.stage) return refuse("invalid:work_item.transition", `The item is already in ${item.stage}.`);
  if (req.to === "closed") return planClose(item, actor, req, reason, base);

  const from = stageIndex(item.stage);
  const to = stageIndex(req.to);
  if (to < from) {
    const fromClosure = item.stage === "closure";
    // A verifier who is not provider staff (an owner) may only send the work back to implementation.
    const permission: Permission = fromClosure && req.to === "implementation" && !actorCan(actor, "move:work_item") ? "verify:work_item" : "move:work_item";
    if (!actorCan(actor, permission)) return denied(actor, permission);
    if (!reason) return refuse("invalid:work_item.reason_required", "A backward move needs a reason.");
    // Going back to implementation or before means the work is redone and marked done again.
    const implementedById = to <= stageIndex("implementation") ? null : item.implementedById;
    const kind: MoveKind = fromClosure && req.to === "implementation" ? "reject_verification" : "backward";
    return { ok: true, kind, patch: { ...base, implementedById, resolutionReason: reason } };
  }
  if (to !== from + 1) {
    return refuse("invalid:work_item.transition", `Items move one stage at a time: from ${item.stage} the next stage is ${CYCLE[from + 1]}.`);
  }
  return planForward(item, actor, base);
}

function planForward(item: ItemState, actor: Actor, base: MovePatch): MoveResult {
  if (item.campaignReview) {
    return refuse("invalid:work_item.review_decides", "An access review closes with its reviewer's decision (certify or revoke) on the campaign page, not through the service cycle.");
  }
  switch (item.stage) {
    case "intake":
      if (!actorCan(actor, "triage:work_item")) return denied(actor, "triage:work_item");
      if (!hasText(item.title)) return refuse("invalid:work_item.title_required", "Give the item a title before triage.");
      if (IDENTITY_REQUIRED.has(item.type) && !item.identityId) {
        return refuse("invalid:work_item.identity_required", "Link the identity this item is about before it leaves intake.");
      }
      break;
    case "prioritisation":
      if (!actorCan(actor, "triage:work_item")) return denied(actor, "triage:work_item");
      if (!item.priority) return refuse("invalid:work_item.priority_required", "Set a priority before validation.");
      break;
    case "validation":
      if (!actorCan(actor, "move:work_item")) return denied(actor, "move:work_item");
      break;
    case "implementation":
      if (!actorCan(actor, "implement:work_item")) return denied(actor, "implement:work_item");
      if (CONSUMER_CHECKED.has(item.type) && (item.unconfirmedConsumers ?? 0) > 0) {
        const n = item.unconfirmedConsumers!;
        return refuse(
          "invalid:work_item.consumers_unconfirmed",
          `${n} ${n === 1 ? "consumer" : "consumers"} of this credential ${n === 1 ? "is" : "are"} not confirmed yet: confirm each one updated or deliberately cut off, with evidence, before implementation is done.`,
        );
      }
      return { ok: true, kind: "forward", patch: { ...base, implementedById: actorUserId(actor) } };
    case "evidence":
      if (!actorCan(actor, "move:work_item")) return denied(actor, "move:work_item");
      if (item.evidenceCount < 1) {
        return refuse("invalid:work_item.evidence_required", "Attach at least one piece of evidence before asking for verification.");
      }
      break;
    default:
      return refuse("invalid:work_item.transition", "Closure ends with verification: close as remediated, or send it back to implementation.");
  }
  return { ok: true, kind: "forward", patch: base };
}

function planClose(item: ItemState, actor: Actor, req: MoveRequest, reason: string | null, base: MovePatch): MoveResult {
  const closed = { ...base, closed: true, resolution: req.resolution ?? null, resolutionReason: reason };
  switch (req.resolution) {
    case "remediated": {
      if (item.stage !== "closure") {
        return refuse("invalid:work_item.transition", "An item is closed as remediated only from closure, after evidence and verification.");
      }
      const me = actorUserId(actor);
      if (me && me === item.implementedById) {
        return refuse("forbidden:work_item.verify_own", "You implemented this item, so someone else — a lead or a programme owner — must verify it.");
      }
      if (!actorCan(actor, "verify:work_item")) return denied(actor, "verify:work_item");
      return { ok: true, kind: "verify", patch: closed };
    }
    case "invalid":
    case "duplicate":
      if (item.stage !== "validation") {
        return refuse("invalid:work_item.transition", `Closing as ${req.resolution} is the outcome of validation; move the item to validation first.`);
      }
      if (!actorCan(actor, "move:work_item")) return denied(actor, "move:work_item");
      if (req.resolution === "duplicate") {
        if (!req.duplicateOfId) return refuse("invalid:work_item.duplicate_of_required", "Name the item this one duplicates.");
        return { ok: true, kind: "close", patch: { ...closed, duplicateOfId: req.duplicateOfId } };
      }
      if (!reason) return refuse("invalid:work_item.reason_required", "Say why the finding is not valid.");
      return { ok: true, kind: "close", patch: closed };
    case "cancelled":
      if (!actorCan(actor, "cancel:work_item")) return denied(actor, "cancel:work_item");
      if (!reason) return refuse("invalid:work_item.reason_required", "Say why the item is cancelled.");
      return { ok: true, kind: "cancel", patch: closed };
    case "risk_accepted":
      return refuse("invalid:work_item.resolution", "Risk acceptance closes an item only when a programme owner approves the acceptance request.");
    default:
      return refuse("invalid:work_item.resolution_required", "Closing needs a resolution: remediated, invalid, duplicate or cancelled.");
  }
}
