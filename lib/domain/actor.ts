// Who is acting: a person through their membership role, or an integration through an API token's scopes.
// A token acts with at most an analyst's rights, limited by its scopes, and never makes a decision
// (verification, risk acceptance, policy activation, reopening): SPEC §1 "decisions are human".
import { can, type Permission } from "./permissions";
import type { ApiScope, Role } from "./vocabulary";

export type Actor = { kind: "user"; userId: string; role: Role } | { kind: "token"; tokenId: string; scopes: readonly ApiScope[] };

/** What each scope lets a token do; anything not listed is refused to every token. */
export const SCOPE_PERMISSIONS: Record<ApiScope, readonly Permission[]> = {
  "items:read": ["read:work_item", "read:identity", "read:risk_acceptance", "read:campaign", "read:dashboard", "export:evidence_pack"],
  "items:write": [
    "read:work_item",
    "create:work_item",
    "triage:work_item",
    "move:work_item",
    "implement:work_item",
    "comment:work_item",
    "attach:evidence",
    "hand_over:work_item",
    // An integration may ask for an acceptance (a person of the client decides it).
    "request:risk_acceptance",
  ],
  "intake:write": ["run:intake", "create:work_item"],
};

export function actorCan(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "user") return can(actor.role, permission);
  return actor.scopes.some((s) => SCOPE_PERMISSIONS[s].includes(permission));
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** The scope a token lacks for `permission`, for the refusal message; null when no scope grants it. */
export function scopeFor(permission: Permission): ApiScope | null {
  for (const [scope, perms] of Object.entries(SCOPE_PERMISSIONS) as [ApiScope, readonly Permission[]][]) {
    if (perms.includes(permission)) return scope;
  }
  return null;
}
