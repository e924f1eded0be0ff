// The one permission table (SPEC §1): `action:entity` → roles that may do it. Server checks and UI gating
// both read it; tests check it cell by cell. Separation-of-duty rules (requester ≠ approver,
// implementer ≠ verifier) depend on the item and live in the workflow, on top of this table.
import type { Role } from "./vocabulary";

const PROVIDER: Role[] = ["analyst", "lead"];

export const PERMISSIONS = {
  "read:work_item": ["analyst", "lead", "owner", "executive"],
  "create:work_item": ["analyst", "lead", "owner"],
  "triage:work_item": PROVIDER,
  "move:work_item": PROVIDER,
  "implement:work_item": PROVIDER,
  "comment:work_item": ["analyst", "lead", "owner"],
  "assign:work_item": ["lead"],
  "take:work_item": PROVIDER,
  "hand_over:work_item": ["analyst", "lead", "owner"],
  "cancel:work_item": ["lead", "owner"],
  "verify:work_item": ["lead", "owner"],
  "reopen:work_item": ["owner"],
  "attach:evidence": PROVIDER,
  "request:risk_acceptance": ["analyst", "lead", "owner"],
  "decide:risk_acceptance": ["owner"],
  "decide:exception_extension": ["owner"],
  "read:risk_acceptance": ["analyst", "lead", "owner", "executive"],
  "export:evidence_pack": ["lead", "owner", "executive"],
  "acknowledge:escalation": ["lead"],
  "propose:policy": ["lead", "owner"],
  "activate:policy": ["owner"],
  "read:policy": ["analyst", "lead", "owner", "executive"],
  "run:intake": PROVIDER,
  "read:identity": ["analyst", "lead", "owner", "executive"],
  "update:identity": ["analyst", "lead", "owner"],
  "classify:identity": ["lead", "owner"],
  "read:campaign": ["analyst", "lead", "owner", "executive"],
  "manage:campaign": ["lead", "owner"],
  "decide:access_review": ["owner"],
  "read:dashboard": ["analyst", "lead", "owner", "executive"],
  "read:audit": ["lead", "owner", "executive", "admin"],
  "read:notification": ["analyst", "lead", "owner", "executive"],
  "read:delivery": ["lead", "owner", "admin"],
  "retry:delivery": ["lead", "admin"],
  "manage:organisation": ["admin"],
  "manage:user": ["admin"],
  "manage:membership": ["admin"],
  "manage:api_token": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** `decide:risk_acceptance` → `forbidden:risk_acceptance.decide` (SPEC §1's denial codes). */
export function denialCode(permission: Permission): `forbidden:${string}` {
  const [action, entity] = permission.split(":") as [string, string];
  return `forbidden:${entity}.${action}`;
}

const sentences: Partial<Record<Permission, string>> = {
  "decide:risk_acceptance": "Only a programme owner of this organisation can approve or reject a risk acceptance.",
  "activate:policy": "Only a programme owner of this organisation can activate a policy version.",
  "manage:membership": "Only an administrator can change who belongs to an organisation.",
  "manage:user": "Only an administrator can enable or disable accounts.",
  "verify:work_item": "Only a lead or a programme owner can verify and close an item.",
  "reopen:work_item": "Only a programme owner of this organisation can reopen a closed item.",
  "assign:work_item": "Only a lead can assign work to someone else.",
  "cancel:work_item": "Only a lead or a programme owner can cancel an item.",
  "implement:work_item": "Only provider staff (analysts and leads) carry out and mark implementation done.",
  "move:work_item": "Only provider staff (analysts and leads) move items through the service cycle.",
  "triage:work_item": "Only provider staff (analysts and leads) triage and prioritise items.",
  "manage:api_token": "Only an administrator can issue or revoke API tokens.",
  "retry:delivery": "Only a lead or an administrator can retry a delivery.",
  "classify:identity": "Only a lead or a programme owner can change an identity's tier, privilege or rotation period.",
  "manage:campaign": "Only a lead or a programme owner can create or end an access-review campaign.",
  "decide:access_review": "Only a programme owner, as the assigned reviewer, can certify or revoke access in a review.",
  "export:evidence_pack": "Only a lead, a programme owner or an executive can export the evidence pack for auditors.",
};

/** A plain sentence for the person who was refused. */
export function denialMessage(permission: Permission, role: Role | null): string {
  const specific = sentences[permission];
  if (specific) return specific;
  const [action, entity] = permission.split(":") as [string, string];
  const who = role ? `Your role (${role})` : "You";
  return `${who} may not ${action.replace(/_/g, " ")} ${entity.replace(/_/g, " ")}s in this organisation.`;
}
