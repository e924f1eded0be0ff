// The service cycle's rules (SPEC §2) case by case; tests/db/workflow-model.test.ts explores random sequences.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { moveOptions, planApproval, planAssign, planPriority } from "@/lib/domain/work-item-rules";
import { planMove, type ItemState } from "@/lib/domain/workflow";
import type { Role } from "@/lib/domain/vocabulary";

const item = (over: Partial<ItemState> = {}): ItemState => ({
  stage: "intake",
  resolution: null,
  type: "secret_rotation",
  title: "Rotate the deploy key",
  identityId: "id-1",
  priority: "P2",
  implementedById: null,
  assigneeId: null,
  waitingOn: "provider",
  cycle: 1,
  evidenceCount: 0,
  ...over,
});
const user = (role: Role, userId = `${role}-1`): Actor => ({ kind: "user", userId, role });
const token = (...scopes: ("items:read" | "items:write" | "intake:write")[]): Actor => ({ kind: "token", tokenId: "t1", scopes });

describe("forward moves", () => {
  it("walks an item from intake to closure one stage at a time", () => {
    let s = item();
    for (const to of ["prioritisation", "validation", "implementation", "evidence"] as const) {
      const r = planMove(s, user("analyst"), { to });
      expect(r, `${s.stage} → ${to}`).toMatchObject({ ok: true, kind: "forward" });
      if (r.ok) s = { ...s, stage: r.patch.stage, implementedById: r.patch.implementedById };
    }
    expect(s.implementedById).toBe("analyst-1");
    expect(planMove({ ...s, evidenceCount: 1 }, user("analyst"), { to: "closure" })).toMatchObject({ ok: true });
  });

  it("refuses to skip stages", () => {
    expect(planMove(item(), user("lead"), { to: "validation" })).toMatchObject({ ok: false, code: "invalid:work_item.transition" });
  });

  it("needs the identity before an identity-bound item leaves intake", () => {
    expect(planMove(item({ identityId: null }), user("analyst"), { to: "prioritisation" })).toMatchObject({ code: "invalid:work_item.identity_required" });
    expect(planMove(item({ identityId: null, type: "access_request" }), user("analyst"), { to: "prioritisation" })).toMatchObject({ ok: true });
  });

  it("needs evidence before closure", () => {
    const r = planMove(item({ stage: "evidence" }), user("analyst"), { to: "closure" });
    expect(r).toMatchObject({ ok: false, code: "invalid:work_item.evidence_required" });
  });

  it("keeps owners and executives out of provider execution", () => {
    expect(planMove(item({ stage: "implementation" }), user("owner"), { to: "evidence" })).toMatchObject({ code: "forbidden:work_item.implement" });
    expect(planMove(item(), user("executive"), { to: "prioritisation" })).toMatchObject({ code: "forbidden:work_item.triage" });
    expect(planMove(item(), user("admin"), { to: "prioritisation" })).toMatchObject({ code: "forbidden:work_item.triage" });
  });
});

describe("verification (implementer ≠ verifier)", () => {
  const atClosure = item({ stage: "closure", implementedById: "lead-1", evidenceCount: 1 });

  it("lets another lead or an owner close as remediated", () => {
    expect(planMove(atClosure, user("lead", "lead-2"), { to: "closed", resolution: "remediated" })).toMatchObject({ ok: true, kind: "verify" });
    expect(planMove(atClosure, user("owner"), { to: "closed", resolution: "remediated" })).toMatchObject({ ok: true, kind: "verify" });
  });

  it("refuses the implementer, whatever their role", () => {
    const r = planMove(atClosure, user("lead", "lead-1"), { to: "closed", resolution: "remediated" });
    expect(r).toMatchObject({ ok: false, code: "forbidden:work_item.verify_own" });
    expect(!r.ok && r.message).toMatch(/someone else/);
  });

  it("refuses analysts and tokens", () => {
    expect(planMove(atClosure, user("analyst"), { to: "closed", resolution: "remediated" })).toMatchObject({ code: "forbidden:work_item.verify" });
    expect(planMove(atClosure, token("items:write"), { to: "closed", resolution: "remediated" })).toMatchObject({ code: "forbidden:work_item.verify" });
  });

  it("sends a rejected verification back to implementation with a reason, clearing the implementer", () => {
    expect(planMove(atClosure, user("owner"), { to: "implementation" })).toMatchObject({ code: "invalid:work_item.reason_required" });
    const r = planMove(atClosure, user("owner"), { to: "implementation", reason: "Old key still active" });
    expect(r).toMatchObject({ ok: true, kind: "reject_verification", patch: { implementedById: null, resolutionReason: "Old key still active" } });
  });

  it("closes as remediated only from closure", () => {
    expect(planMove(item({ stage: "evidence" }), user("lead"), { to: "closed", resolution: "remediated" })).toMatchObject({ code: "invalid:work_item.transition" });
  });
});

describe("closing and reopening", () => {
  it("closes as invalid or duplicate only from validation, with a reason or a link", () => {
    const v = item({ stage: "validation" });
    expect(planMove(v, user("analyst"), { to: "closed", resolution: "invalid" })).toMatchObject({ code: "invalid:work_item.reason_required" });
    expect(planMove(v, user("analyst"), { to: "closed", resolution: "invalid", reason: "Test key" })).toMatchObject({ ok: true, kind: "close" });
    expect(planMove(v, user("analyst"), { to: "closed", resolution: "duplicate" })).toMatchObject({ code: "invalid:work_item.duplicate_of_required" });
    expect(planMove(item({ stage: "implementation" }), user("analyst"), { to: "closed", resolution: "invalid", reason: "x" })).toMatchObject({
      code: "invalid:work_item.transition",
    });
  });

  it("never closes as risk_accepted through a move", () => {
    expect(planMove(item({ stage: "validation" }), user("owner"), { to: "closed", resolution: "risk_accepted", reason: "x" })).toMatchObject({
      code: "invalid:work_item.resolution",
    });
  });

  it("lets leads and owners cancel with a reason, not analysts", () => {
    expect(planMove(item(), user("analyst"), { to: "closed", resolution: "cancelled", reason: "x" })).toMatchObject({ code: "forbidden:work_item.cancel" });
    expect(planMove(item(), user("lead"), { to: "closed", resolution: "cancelled", reason: "Raised twice" })).toMatchObject({ ok: true, kind: "cancel" });
  });

  it("changes a closed item only by an owner's reopen, which starts a new cycle at prioritisation", () => {
    const closed = item({ stage: "closed", resolution: "remediated", implementedById: "analyst-1" });
    expect(planMove(closed, user("lead"), { to: "implementation", reason: "x" })).toMatchObject({ code: "invalid:work_item.closed" });
    expect(planMove(closed, user("lead"), { to: "prioritisation", reason: "x" })).toMatchObject({ code: "forbidden:work_item.reopen" });
    expect(planMove(closed, user("owner"), { to: "prioritisation" })).toMatchObject({ code: "invalid:work_item.reason_required" });
    expect(planMove(closed, user("owner"), { to: "prioritisation", reason: "Key seen again" })).toMatchObject({
      ok: true,
      kind: "reopen",
      patch: { stage: "prioritisation", cycle: 2, implementedById: null, closed: false },
    });
  });

  it("needs a reason for a backward move", () => {
    const s = item({ stage: "implementation" });
    expect(planMove(s, user("analyst"), { to: "validation" })).toMatchObject({ code: "invalid:work_item.reason_required" });
    expect(planMove(s, user("analyst"), { to: "validation", reason: "Scope unclear" })).toMatchObject({ ok: true, kind: "backward" });
  });
});

describe("priority, assignment and approval", () => {
  it("needs a reason to override the computed priority", () => {
    const req = { tier: "T1" as const, severity: "critical" as const };
    expect(planPriority(item(), user("analyst"), { ...req, priority: "P1" })).toEqual({ ok: true, override: false });
    expect(planPriority(item(), user("analyst"), { ...req, priority: "P3" })).toMatchObject({ code: "invalid:work_item.override_reason" });
    expect(planPriority(item(), user("analyst"), { ...req, priority: "P3", reason: "Test tenant" })).toEqual({ ok: true, override: true });
  });

  it("lets an analyst take unassigned work, and only a lead assign others", () => {
    expect(planAssign(item(), user("analyst"), "analyst-1")).toEqual({ ok: true });
    expect(planAssign(item({ assigneeId: "lead-1" }), user("analyst"), "analyst-1")).toMatchObject({ code: "forbidden:work_item.assign" });
    expect(planAssign(item(), user("analyst"), "lead-1")).toMatchObject({ code: "forbidden:work_item.assign" });
    expect(planAssign(item(), user("lead"), "analyst-1")).toEqual({ ok: true });
  });

  it("never lets the requester approve, nor a token", () => {
    expect(planApproval("owner-1", user("owner", "owner-1"), "decide:risk_acceptance")).toMatchObject({ code: "forbidden:risk_acceptance.own_request" });
    expect(planApproval("analyst-1", user("owner", "owner-1"), "decide:risk_acceptance")).toEqual({ ok: true });
    expect(planApproval("analyst-1", user("lead"), "decide:risk_acceptance")).toMatchObject({ code: "forbidden:risk_acceptance.decide" });
    expect(planApproval("analyst-1", token("items:write"), "decide:risk_acceptance")).toMatchObject({ code: "forbidden:risk_acceptance.decide" });
  });
});

describe("actions offered to a person", () => {
  it("shows the implementer why they cannot verify, and hides verification from analysts who did not implement", () => {
    const s = item({ stage: "closure", implementedById: "analyst-1", evidenceCount: 1 });
    const mine = moveOptions(s, user("analyst", "analyst-1")).find((o) => o.resolution === "remediated");
    expect(mine?.blocked).toMatch(/someone else/);
    expect(moveOptions(s, user("analyst", "analyst-2")).find((o) => o.resolution === "remediated")).toBeUndefined();
    expect(moveOptions(s, user("lead")).find((o) => o.resolution === "remediated")?.blocked).toBeNull();
  });

  it("offers executives nothing", () => {
    for (const stage of ["intake", "validation", "closure", "closed"] as const) {
      expect(moveOptions(item({ stage, evidenceCount: 1 }), user("executive"))).toEqual([]);
    }
  });

  it("offers the owner a reopen of a closed item", () => {
    expect(moveOptions(item({ stage: "closed", resolution: "remediated" }), user("owner")).map((o) => o.label)).toEqual(["Reopen"]);
  });
});
