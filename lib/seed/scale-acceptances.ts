// Risk acceptances for generated scale items, as bulk rows: the one in force behind each item closed as
// risk_accepted (approved when the item closed, renewed as often as it took to be in force now), and an expired
// one on a few open items nobody has decided on again (the register's "expired awaiting decision").
import crypto from "node:crypto";
import type { Rng } from "./random";

const DAY = 86_400_000;

export interface AcceptanceSubject {
  id: string;
  organisationId: string;
  cycle: number;
  createdAt: number;
  closedAt: number | null;
  requestedById: string | null;
}

const JUSTIFICATIONS = [
  "Legacy integration cannot rotate its credential until the vendor's next release.",
  "Service account kept for the data-warehouse migration window.",
  "Break-glass account retained; every checkout is paged to the on-call lead.",
  "Shared deploy key across pipelines; splitting it needs a release freeze.",
];
const CONTROLS = ["Usage alerts on any new source address.", "Read-only grants; interactive login disabled.", "Credential vaulted; checkouts logged and reviewed weekly."];

/** The acceptance in force for an item closed as risk_accepted at `closedAt`; its expiry is after `now`. */
export function acceptanceInForce(r: Rng, it: AcceptanceSubject & { closedAt: number }, ownerId: string, now: number) {
  const requestedAt = Math.max(it.createdAt + 60_000, it.closedAt - r.int(1, 72) * 3_600_000);
  const term = r.pick([30, 90, 180, 365]) * DAY;
  const originalExpiresAt = it.closedAt + term;
  // Renewed for another term each time it ran out before now.
  const renewals = originalExpiresAt > now ? 0 : Math.ceil((now - originalExpiresAt) / term);
  const expiresAt = originalExpiresAt + renewals * term;
  return {
    ...base(r, it, ownerId, requestedAt),
    status: "approved",
    original_expires_at: iso(originalExpiresAt),
    expires_at: iso(expiresAt),
    round: 1 + renewals,
    round_requested_at: iso(renewals ? expiresAt - term - 7 * DAY : requestedAt),
    renewals,
    decided_at: iso(it.closedAt),
    approved_at: iso(it.closedAt),
    ended_at: null,
    version: 2 + renewals * 2,
  };
}

/** An acceptance that expired `ago` ms before now on an item that is open again. */
export function acceptanceExpired(r: Rng, it: AcceptanceSubject, ownerId: string, now: number) {
  const expiresAt = now - r.int(1, 60) * DAY;
  const requestedAt = Math.max(it.createdAt + 60_000, expiresAt - r.int(30, 90) * DAY);
  return {
    ...base(r, it, ownerId, requestedAt),
    status: "expired",
    original_expires_at: iso(expiresAt),
    expires_at: iso(expiresAt),
    round: 1,
    round_requested_at: iso(requestedAt),
    renewals: 0,
    decided_at: iso(requestedAt + DAY),
    approved_at: iso(requestedAt + DAY),
    ended_at: iso(expiresAt),
    version: 3,
  };
}

function base(r: Rng, it: AcceptanceSubject, ownerId: string, requestedAt: number) {
  return {
    id: crypto.randomUUID(),
    organisation_id: it.organisationId,
    work_item_id: it.id,
    item_cycle: it.cycle,
    justification: r.pick(JUSTIFICATIONS),
    treatment: r.pick(["accept", "mitigate", "transfer"]),
    compensating_controls: r.pick(CONTROLS),
    accountable_owner_id: ownerId,
    requested_by_id: it.requestedById,
    requested_at: iso(requestedAt),
    approvals_required: 1,
    policy_version: 1,
    extension_expires_at: null,
    round_requested_by_id: it.requestedById,
    round_justification: null,
  };
}

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
