// Risk acceptances (SPEC §1, §5) as pure rules: who may ask, who may decide, what a decision does, and the
// separations that hold whatever the role — nobody decides a request they raised, no token decides anything.
// Persistence (lib/actions/risk-acceptances.ts) applies the outcome in one transaction with its audit event.
import { actorCan, actorUserId, type Actor } from "./actor";
import { durationWords, type ExceptionTier } from "./exception-policy";
import type { AcceptanceStatus, Decision, Priority } from "./vocabulary";
import { denied, refuse, type Refusal } from "./workflow";

export interface AcceptanceState {
  status: AcceptanceStatus;
  /** Who asked for the acceptance (null: an integration). */
  requestedById: string | null;
  /** Who asked for the round being decided (the request itself, or an extension). */
  roundRequestedById: string | null;
  round: number;
  expiresAt: number;
  /** While an extension round waits: the expiry asked for. */
  extensionExpiresAt: number | null;
  approvalsRequired: number;
}

export interface RoundDecision {
  deciderId: string;
  decision: Decision;
}

/** A decision is awaited: the request itself, or an extension (of one in force, or of one that expired). */
export type Waiting = { status: AcceptanceStatus; extensionExpiresAt: number | Date | null };

export function decisionWaiting(a: Waiting): boolean {
  return a.status === "pending" || a.extensionExpiresAt !== null;
}

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function checkExpiry(expiresAt: number, priority: Priority, tier: ExceptionTier, now: number): Refusal | null {
  if (!Number.isFinite(expiresAt) || expiresAt <= now) return refuse("invalid:risk_acceptance.expiry", "Choose an expiry date in the future.");
  if (expiresAt > now + tier.maxExpiryMs) {
    return refuse(
      "invalid:risk_acceptance.expiry_too_far",
      `For a ${priority} item the policy allows at most ${durationWords(tier.maxExpiry)}: choose ${day(now + tier.maxExpiryMs)} or earlier.`,
    );
  }
  return null;
}

export interface RequestSubject {
  open: boolean;
  priority: Priority;
  /** The item's latest acceptance, if any. */
  latest: Waiting | null;
}

export function planRequest(item: RequestSubject, actor: Actor, req: { expiresAt: number }, tier: ExceptionTier, now: number): { ok: true } | Refusal {
  if (!actorCan(actor, "request:risk_acceptance")) return denied(actor, "request:risk_acceptance");
  if (!item.open) return refuse("invalid:work_item.closed", "Risk acceptance is asked for open items; this one is closed.");
  const latest = item.latest;
  if (latest && (latest.status === "pending" || latest.status === "approved")) {
    return refuse(
      "invalid:risk_acceptance.exists",
      latest.status === "pending" ? "This item already has a risk acceptance waiting for a decision." : "This item already has a risk acceptance in force.",
    );
  }
  if (latest?.status === "expired") {
    return refuse("invalid:risk_acceptance.renew", "The acceptance for this item expired: ask for an extension of it, which keeps its dates and history.");
  }
  return checkExpiry(req.expiresAt, item.priority, tier, now) ?? { ok: true };
}

export function planExtension(
  a: AcceptanceState,
  item: { open: boolean; priority: Priority },
  actor: Actor,
  req: { expiresAt: number },
  tier: ExceptionTier,
  now: number,
): { ok: true } | Refusal {
  if (!actorCan(actor, "request:risk_acceptance")) return denied(actor, "request:risk_acceptance");
  if (a.extensionExpiresAt !== null) return refuse("invalid:risk_acceptance.exists", "An extension of this acceptance is already waiting for a decision.");
  const inForce = a.status === "approved";
  // An expired acceptance is renewed while its item is still open (it reopened at expiry and nobody closed it).
  const lapsed = a.status === "expired" && item.open;
  if (!inForce && !lapsed) {
    return refuse("invalid:risk_acceptance.not_extendable", `Only an acceptance in force, or one that expired on a still open item, can be extended; this one is ${a.status}.`);
  }
  if (inForce && req.expiresAt <= a.expiresAt) {
    return refuse("invalid:risk_acceptance.expiry", `An extension must end after the current expiry (${day(a.expiresAt)}).`);
  }
  return checkExpiry(req.expiresAt, item.priority, tier, now) ?? { ok: true };
}

export type DecisionOutcome =
  | { ok: true; outcome: "rejected" }
  | { ok: true; outcome: "approval_recorded"; approvals: number; required: number }
  | { ok: true; outcome: "approved"; approvals: number; required: number };

/**
 * One owner's decision on the round that waits. Rejection by any one owner ends the round; approval counts
 * until as many distinct owners as the policy asked for have approved.
 */
export function planDecision(
  a: AcceptanceState,
  actor: Actor,
  decided: RoundDecision[],
  decision: Decision,
  /** The policy's tier for the item's priority now, and the instant of the decision. */
  now?: { tier: ExceptionTier; at: number; roundRequestedAt: number; priority: Priority },
): DecisionOutcome | Refusal {
  // Decisions are human (SPEC §1): no token, whatever its scopes.
  if (actor.kind === "token" || !actorCan(actor, "decide:risk_acceptance")) return denied(actor, "decide:risk_acceptance");
  const me = actorUserId(actor)!;
  if (me === a.requestedById || me === a.roundRequestedById) {
    return refuse("forbidden:risk_acceptance.own_request", "You asked for this acceptance, so another programme owner must decide it.");
  }
  if (!decisionWaiting(a)) return refuse("invalid:risk_acceptance.decided", `Nothing waits for a decision here: the acceptance is ${a.status}.`);
  if (decided.some((d) => d.deciderId === me)) {
    return refuse("invalid:risk_acceptance.already_decided", "You have already approved this request; it needs another programme owner's approval.");
  }
  if (decision === "reject") return { ok: true, outcome: "rejected" };
  const asked = a.extensionExpiresAt ?? a.expiresAt;
  let required = a.approvalsRequired;
  if (now) {
    if (asked <= now.at) {
      return refuse("invalid:risk_acceptance.expiry_passed", `The expiry asked for (${day(asked)}) has passed: reject this request, or ask for an extension with a new date.`);
    }
    // Should the item's tier have risen since the request, the stricter rule holds.
    required = Math.max(required, now.tier.approvals);
    if (asked > now.roundRequestedAt + now.tier.maxExpiryMs) {
      return refuse("invalid:risk_acceptance.expiry_too_far", `For a ${now.priority} item the policy allows at most ${durationWords(now.tier.maxExpiry)} from the request; this one asks for longer.`);
    }
  }
  const approvals = decided.filter((d) => d.decision === "approve").length + 1;
  return approvals >= required ? { ok: true, outcome: "approved", approvals, required } : { ok: true, outcome: "approval_recorded", approvals, required };
}

/**
 * The requester of the waiting round, or a programme owner (the client may drop a request to itself), may
 * withdraw it before it is decided; nobody else on the provider side can end a client's request undecided.
 */
export function planWithdraw(a: AcceptanceState, actor: Actor): { ok: true } | Refusal {
  if (!actorCan(actor, "request:risk_acceptance")) return denied(actor, "request:risk_acceptance");
  if (!decisionWaiting(a)) return refuse("invalid:risk_acceptance.decided", `Nothing waits for a decision here: the acceptance is ${a.status}.`);
  const me = actorUserId(actor);
  const mine = me !== null && me === (a.round === 1 ? a.requestedById : a.roundRequestedById);
  if (!mine && !(actor.kind === "user" && actor.role === "owner")) {
    return refuse("forbidden:risk_acceptance.withdraw", "Only the person who asked, or a programme owner, can withdraw this request.");
  }
  return { ok: true };
}

/** Days from `now` to the expiry, for the register and the heads-up ("expires in 6 days"). */
export function daysLeft(expiresAt: number, now: number): number {
  return Math.ceil((expiresAt - now) / DAY);
}
