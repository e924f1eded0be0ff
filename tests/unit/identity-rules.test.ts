// The inventory rules as definitions (SPEC §7): which identities call for rotation, an owner, or revocation.
// Each case is written out by hand from the spec's sentence it checks.
import { describe, expect, it } from "vitest";
import { identityRuleHits, rotationDueAt, type RuleIdentity } from "@/lib/domain/identity-rules";

const NOW = new Date("2026-11-24T12:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

function identity(over: Partial<RuleIdentity> = {}): RuleIdentity {
  return {
    kind: "api_key",
    status: "active",
    name: "sk_live_…9fA1",
    ownerName: "Priya Raman",
    ownerEmail: "priya@acme.test",
    ownerActive: true,
    privileged: false,
    parentId: null,
    source: "manual",
    accessRemovedAt: null,
    createdAt: ago(400),
    lastRotatedAt: ago(10),
    rotationPeriodDays: 90,
    expiresAt: null,
    activeCredentials: 0,
    ...over,
  };
}
const rules = (i: RuleIdentity) => identityRuleHits(i, NOW).map((h) => h.rule);

describe("rotation due", () => {
  it("falls due a rotation period after the last rotation, or after creation when never rotated", () => {
    expect(rotationDueAt(identity({ lastRotatedAt: ago(100) }))).toEqual(ago(10));
    expect(rotationDueAt(identity({ lastRotatedAt: null, createdAt: ago(30) }))).toEqual(new Date(ago(30).getTime() + 90 * DAY));
    expect(rotationDueAt(identity({ rotationPeriodDays: null }))).toBeNull();
  });

  it("raises a secret_rotation for a key, token, certificate or secret past its period or expiry", () => {
    expect(rules(identity({ lastRotatedAt: ago(90) }))).toEqual(["rotation_due"]); // due exactly now
    expect(rules(identity({ lastRotatedAt: ago(89) }))).toEqual([]);
    expect(rules(identity({ kind: "certificate", rotationPeriodDays: null, expiresAt: ago(1) }))).toEqual(["rotation_due"]);
    expect(rules(identity({ kind: "token", lastRotatedAt: null, createdAt: ago(91) }))).toEqual(["rotation_due"]);
    const [hit] = identityRuleHits(identity({ kind: "secret", expiresAt: ago(2) }), NOW);
    expect(hit).toMatchObject({ type: "secret_rotation", severity: "high" });
    expect(identityRuleHits(identity({ lastRotatedAt: ago(200) }), NOW)[0]).toMatchObject({ severity: "medium" });
  });

  it("leaves people, workloads and anything not active alone", () => {
    expect(rules(identity({ kind: "human", lastRotatedAt: ago(500) }))).toEqual([]);
    expect(rules(identity({ kind: "workload", lastRotatedAt: ago(500) }))).toEqual([]);
    expect(rules(identity({ status: "disabled", lastRotatedAt: ago(500) }))).toEqual([]);
    expect(rules(identity({ status: "revoked", expiresAt: ago(5) }))).toEqual([]);
  });
});

describe("orphaned", () => {
  it("raises an orphan_assignment for an active identity with no owner or a deactivated one", () => {
    expect(rules(identity({ ownerName: null, ownerEmail: null }))).toEqual(["orphaned"]);
    expect(rules(identity({ ownerActive: false }))).toEqual(["orphaned"]);
    expect(identityRuleHits(identity({ ownerActive: false, privileged: true }), NOW)[0]).toMatchObject({ type: "orphan_assignment", severity: "high" });
    expect(rules(identity({ ownerName: null, ownerEmail: "someone@acme.test" }))).toEqual([]);
  });

  it("does not call a credential held by another identity, or one only a scanner saw, orphaned", () => {
    expect(rules(identity({ ownerName: null, ownerEmail: null, parentId: "p" }))).toEqual([]);
    for (const source of ["gitleaks", "trufflehog", "github-secret-scanning"]) expect(rules(identity({ ownerName: null, ownerEmail: null, source }))).toEqual([]);
    expect(rules(identity({ ownerName: null, ownerEmail: null, status: "disabled" }))).toEqual([]);
  });
});

describe("deactivated with access", () => {
  const person = (over: Partial<RuleIdentity>) => identity({ kind: "human", rotationPeriodDays: null, ...over });

  it("raises a revocation for a person deactivated at the source who still holds active keys or privileged access", () => {
    expect(rules(person({ status: "disabled", privileged: true }))).toEqual(["deactivated_access"]);
    expect(rules(person({ status: "disabled", activeCredentials: 2 }))).toEqual(["deactivated_access"]);
    // An AWS user whose console password was removed but whose access key is still active.
    expect(rules(person({ accessRemovedAt: ago(3), activeCredentials: 1 }))).toEqual(["deactivated_access"]);
    expect(identityRuleHits(person({ status: "disabled", privileged: true }), NOW)[0]).toMatchObject({ type: "revocation", severity: "critical" });
    expect(identityRuleHits(person({ status: "disabled", activeCredentials: 1 }), NOW)[0]!.title).toContain("1 active key");
  });

  it("leaves a deactivated person with nothing left, an active person, and non-people alone", () => {
    expect(rules(person({ status: "disabled" }))).toEqual([]);
    expect(rules(person({ privileged: true, activeCredentials: 3 }))).toEqual([]);
    expect(rules(identity({ kind: "service_account", status: "disabled", privileged: true, activeCredentials: 1 }))).toEqual([]);
  });
});
