// The permission table against SPEC §1, cell by cell. The expectation below is written out by hand from the
// spec's table (not derived from the code), so a change to either shows up here.
import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, denialCode, denialMessage, type Permission } from "@/lib/domain/permissions";
import { ROLES, type Role } from "@/lib/domain/vocabulary";

const A = "analyst", L = "lead", O = "owner", E = "executive", D = "admin";

const EXPECTED: Record<Permission, Role[]> = {
  "read:work_item": [A, L, O, E],
  "create:work_item": [A, L, O], // analysts create; owners raise items
  "triage:work_item": [A, L],
  "move:work_item": [A, L],
  "implement:work_item": [A, L], // owners may never perform provider execution steps
  "comment:work_item": [A, L, O],
  "assign:work_item": [L],
  "take:work_item": [A, L], // analysts claim unassigned work for themselves ("take next")
  "hand_over:work_item": [A, L, O], // ball in court: whoever holds the item hands it on
  "cancel:work_item": [L, O],
  "verify:work_item": [L, O], // four-eyes: lead or owner
  "reopen:work_item": [O],
  "attach:evidence": [A, L], // owners may never attach evidence (a provider step)
  "request:risk_acceptance": [A, L, O],
  "decide:risk_acceptance": [O], // leads and analysts may never approve
  "decide:exception_extension": [O],
  "read:risk_acceptance": [A, L, O, E], // the exception register
  "export:evidence_pack": [L, O, E], // the auditor's pack (SPEC §6): not analysts
  "acknowledge:escalation": [L],
  "propose:policy": [L, O], // owners edit drafts too; only they activate
  "activate:policy": [O], // leads may never activate
  "read:policy": [A, L, O, E],
  "run:intake": [A, L],
  "read:identity": [A, L, O, E],
  "update:identity": [A, L, O],
  "classify:identity": [L, O],
  "read:campaign": [A, L, O, E],
  "manage:campaign": [L, O],
  "decide:access_review": [O],
  "read:dashboard": [A, L, O, E],
  "read:audit": [L, O, E, D],
  "read:notification": [A, L, O, E], // one's own inbox; admins get no work notifications
  "read:delivery": [L, O, D], // the outbox: provider lead, client owner, platform admin
  "retry:delivery": [L, D], // running deliveries is the provider's and the platform's job
  "manage:organisation": [D],
  "manage:user": [D],
  "manage:membership": [D],
  "manage:api_token": [D],
};

describe("permission table", () => {
  it("covers exactly the expected actions", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const permission of Object.keys(EXPECTED) as Permission[]) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("executives may change nothing: every permission they hold is a read (or an export, which reads)", () => {
    const held = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can("executive", p));
    expect(held.every((p) => p.startsWith("read:") || p.startsWith("export:"))).toBe(true);
  });

  it("admins hold no work-item action or decision", () => {
    const held = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can("admin", p));
    expect(held.filter((p) => /work_item|risk_acceptance|exception|evidence|policy|intake|escalation/.test(p))).toEqual([]);
  });

  it("nobody without a role may do anything", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can(null, p)).toBe(false);
  });

  it("denials carry SPEC §1's codes and a sentence", () => {
    expect(denialCode("decide:risk_acceptance")).toBe("forbidden:risk_acceptance.decide");
    expect(denialCode("activate:policy")).toBe("forbidden:policy.activate");
    expect(denialMessage("decide:risk_acceptance", "lead")).toMatch(/Only a programme owner/);
    expect(denialMessage("comment:work_item", "executive")).toBe("Your role (executive) may not comment work items in this organisation.");
  });
});
