// The inventory rules that raise work by themselves (SPEC §7), as pure predicates over one identity. The
// sweeper and every import run them in SQL (lib/inventory/rules.ts), which must say the same thing: a test
// holds the two to each other on random identities.
import type { IdentityKind, IdentityStatus, Severity, WorkItemType } from "./vocabulary";

const DAY = 86_400_000;

export const IDENTITY_RULES = ["rotation_due", "orphaned", "deactivated_access"] as const;
export type IdentityRule = (typeof IDENTITY_RULES)[number];

/** The work each rule raises. */
export const RULE_WORK: Record<IdentityRule, WorkItemType> = {
  rotation_due: "secret_rotation",
  orphaned: "orphan_assignment",
  deactivated_access: "revocation",
};

/** Credentials that are rotated (a person or a workload is not; its keys are). */
export const ROTATED_KINDS: readonly IdentityKind[] = ["api_key", "token", "certificate", "secret"];

/**
 * Sources that only ever saw the credential leak: the finding's own item deals with it, so such an identity is
 * not also "orphaned" for want of an owner nobody could have given it.
 */
export const SCANNER_SOURCES: readonly string[] = ["gitleaks", "trufflehog", "github-secret-scanning"];

export interface RuleIdentity {
  kind: IdentityKind;
  status: IdentityStatus;
  name: string;
  ownerName: string | null;
  ownerEmail: string | null;
  ownerActive: boolean;
  privileged: boolean;
  /** Held by another identity (an AWS user's access key): owned through its holder. */
  parentId: string | null;
  /** Where the inventory learnt of it (an import format, or "manual"). */
  source: string;
  accessRemovedAt: Date | null;
  createdAt: Date;
  lastRotatedAt: Date | null;
  rotationPeriodDays: number | null;
  expiresAt: Date | null;
  /** Active credentials this identity holds. */
  activeCredentials: number;
}

export interface RuleHit {
  rule: IdentityRule;
  type: WorkItemType;
  severity: Severity;
  title: string;
  reason: string;
}

/** When a credential's rotation falls due: its last rotation (or creation) plus its period. */
export function rotationDueAt(i: Pick<RuleIdentity, "lastRotatedAt" | "createdAt" | "rotationPeriodDays">): Date | null {
  if (i.rotationPeriodDays === null) return null;
  return new Date((i.lastRotatedAt ?? i.createdAt).getTime() + i.rotationPeriodDays * DAY);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The rules `i` breaks at `now`, each with the item it raises. */
export function identityRuleHits(i: RuleIdentity, now: Date): RuleHit[] {
  const hits: RuleHit[] = [];
  const t = now.getTime();
  if (i.status === "active" && ROTATED_KINDS.includes(i.kind)) {
    const due = rotationDueAt(i);
    const expired = i.expiresAt !== null && i.expiresAt.getTime() <= t;
    if (expired || (due !== null && due.getTime() <= t)) {
      hits.push({
        rule: "rotation_due",
        type: RULE_WORK.rotation_due,
        severity: expired ? "high" : "medium",
        title: expired ? `Rotate ${i.name}: expired ${day(i.expiresAt!)}` : `Rotate ${i.name}: rotation was due ${day(due!)}`,
        reason: expired
          ? `The credential expired on ${day(i.expiresAt!)} and is still active.`
          : `The credential was last rotated ${i.lastRotatedAt ? `on ${day(i.lastRotatedAt)}` : "never (created " + day(i.createdAt) + ")"}; its period is ${i.rotationPeriodDays} days.`,
      });
    }
  }
  if (i.status === "active" && i.parentId === null && !SCANNER_SOURCES.includes(i.source)) {
    const noOwner = i.ownerName === null && i.ownerEmail === null;
    if (noOwner || !i.ownerActive) {
      hits.push({
        rule: "orphaned",
        type: RULE_WORK.orphaned,
        severity: i.privileged ? "high" : "medium",
        title: noOwner ? `Assign an owner to ${i.name}` : `Reassign ${i.name}: its owner ${i.ownerName ?? i.ownerEmail} is deactivated`,
        reason: noOwner ? "The identity is active and nobody owns it." : `The owner ${i.ownerName ?? i.ownerEmail} is deactivated at the source.`,
      });
    }
  }
  const deactivated = i.kind === "human" && (i.status !== "active" || i.accessRemovedAt !== null);
  if (deactivated && (i.activeCredentials > 0 || i.privileged)) {
    const holds = [i.activeCredentials > 0 ? `${i.activeCredentials} active ${i.activeCredentials === 1 ? "key" : "keys"}` : null, i.privileged ? "privileged access" : null].filter(Boolean).join(" and ");
    hits.push({
      rule: "deactivated_access",
      type: RULE_WORK.deactivated_access,
      severity: i.privileged ? "critical" : "high",
      title: `Revoke what ${i.name} still holds: ${holds}`,
      reason: `${i.name} is ${i.status !== "active" ? i.status : "without console access"} at the source but still holds ${holds}.`,
    });
  }
  return hits;
}
