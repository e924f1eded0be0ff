// Risk acceptances against a real database: requests, tiered decisions, the separations (requester ≠ approver,
// no provider role or token decides, every refusal audited), expiry with a controlled clock, extensions and
// renewals, and what closing or reopening an item does to them.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, escalations, notifications, riskAcceptances, workItems } from "@/lib/db/schema";
import { performMutation } from "@/lib/actions/mutation";
import { createWorkItem, moveWorkItem, setPriority } from "@/lib/actions/work-items";
import { decideAcceptance, extendAcceptance, requestAcceptance, withdrawAcceptance } from "@/lib/actions/risk-acceptances";
import { sweep } from "@/lib/escalation/engine";
import { runApi } from "@/lib/api/handler";
import { decideAcceptanceOp, requestAcceptanceOp } from "@/lib/api/acceptances";
import type { DeliveryConfig } from "@/lib/notify/config";
import type { Principal } from "@/lib/auth/principal";
import { openTestDb, type TestDb } from "../helpers/db";
import { createPolicyVersion } from "../helpers/factories";
import { createTeam, performOk, type Team } from "../helpers/team";

const H = 3_600_000;
const D = 24 * H;
const NO_CHANNELS: DeliveryConfig = { email: null, webhook: null, appUrl: null };

const SLA = {
  calendars: { always: { kind: "24x7", timeZone: "UTC" } },
  goals: [{ name: "All", match: {}, response: { within: "PT8H", calendar: "always" }, resolution: { within: "PT800H", calendar: "always" }, decision: { within: "PT8H", calendar: "always" } }],
};
const RULES = {
  rules: [
    { id: "decision-late", when: { clock: "decision", breached: true }, then: { level: 2, notify: ["owner"] } },
    { id: "exception-expiring", when: { exceptionExpiresWithin: "P7D" }, then: { notify: ["owner"] } },
  ],
  exceptions: { P1: { approvals: 2, maxExpiry: "P30D" }, P3: { approvals: 1, maxExpiry: "P90D" } },
};

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

async function team() {
  const tm = await createTeam(t.db);
  await createPolicyVersion(t.db, tm.org.id, "sla", SLA);
  await createPolicyVersion(t.db, tm.org.id, "escalation", RULES);
  return tm;
}

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

const act = <T,>(tm: Team, who: Principal, def: Parameters<typeof performMutation>[3], input: unknown, at?: Date) =>
  performMutation(t.db, who, tm.org.slug, def, input, undefined, at) as Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>;

async function item(tm: Team, priority: "P1" | "P3", at: Date) {
  return ok(act<{ id: string }>(tm, tm.as("lead"), createWorkItem, { type: "access_request", title: "Stale admin grant", priority, priorityReason: "test" }, at));
}

function request(tm: Team, who: Principal, itemId: string, at: Date, expiresInDays = 20) {
  return act<{ id: string }>(tm, who, requestAcceptance, {
    id: itemId,
    justification: "The vendor ships the fix next month; removing the grant breaks billing.",
    treatment: "mitigate",
    compensatingControls: "Grant restricted to the billing subnet.",
    accountableOwner: tm.as("owner").email,
    expiresAt: new Date(at.getTime() + expiresInDays * D).toISOString(),
  }, at);
}

const decide = (tm: Team, who: Principal, id: string, decision: "approve" | "reject", at?: Date) =>
  act<{ outcome: string }>(tm, who, decideAcceptance, { id, decision, comment: decision === "approve" ? "Accepted for the window." : "Remediate instead." }, at);

async function row(id: string) {
  const [w] = await t.db.select().from(workItems).where(eq(workItems.id, id));
  return w!;
}
async function acceptance(id: string) {
  const [a] = await t.db.select().from(riskAcceptances).where(eq(riskAcceptances.id, id));
  return a!;
}
const denials = (orgId: string) => t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, orgId), eq(auditEvents.action, "access.denied")));

describe("requesting and deciding", () => {
  it("puts the item in the client's court with the decision clock running, and one owner approval closes a P3 as risk accepted", async () => {
    const tm = await team();
    const t0 = new Date("2026-03-02T09:00:00Z");
    const it0 = await item(tm, "P3", t0);
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, new Date(t0.getTime() + H)));
    let w = await row(it0.id);
    expect(w).toMatchObject({ waitingOn: "client", stage: "intake", version: 2 });
    expect(w.sla?.clocks.find((c) => c.clock === "decision")).toMatchObject({ mode: "running", cycle: 1 });
    // Both owners but not the analyst are told.
    const told = await t.db.select().from(notifications).where(eq(notifications.workItemId, it0.id));
    expect(new Set(told.map((n) => n.userId))).toEqual(new Set(tm.people.owner.map((o) => o.id)));

    expect(await ok(decide(tm, tm.as("owner"), id, "approve", new Date(t0.getTime() + 2 * H)))).toMatchObject({ outcome: "approved" });
    w = await row(it0.id);
    expect(w).toMatchObject({ stage: "closed", resolution: "risk_accepted", version: 3 });
    expect(w.exceptionExpiresAt?.toISOString()).toBe(new Date(t0.getTime() + H + 20 * D).toISOString());
    expect(w.sla?.clocks.find((c) => c.clock === "decision")).toMatchObject({ mode: "stopped" });
    expect(await acceptance(id)).toMatchObject({ status: "approved", renewals: 0 });
  });

  it("refuses an analyst and a token the decision with forbidden:risk_acceptance.decide, and records both attempts", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, new Date()));
    const before = (await denials(tm.org.id)).length;

    const analyst = await decide(tm, tm.as("analyst"), id, "approve");
    expect(analyst).toMatchObject({ ok: false, error: { code: "forbidden:risk_acceptance.decide" } });

    const token = await tm.token(["items:write", "items:read"]);
    const res = await runApi(
      new Request(`http://console.test/api/v1/risk-acceptances/${id}/decision`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ decision: "approve", comment: "Looks fine to the robot." }),
      }),
      { db: t.db, session: async () => null },
      { id },
      decideAcceptanceOp,
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden:risk_acceptance.decide");

    const after = await denials(tm.org.id);
    expect(after.length).toBe(before + 2);
    expect(after.slice(-2).map((e) => [e.actorType, (e.after as { code: string }).code])).toEqual([
      ["user", "forbidden:risk_acceptance.decide"],
      ["token", "forbidden:risk_acceptance.decide"],
    ]);
    expect(await acceptance(id)).toMatchObject({ status: "pending" });
  });

  it("lets an integration ask through the API (201) but never decide", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const token = await tm.token(["items:write"]);
    const res = await runApi(
      new Request(`http://console.test/api/v1/work-items/${it0.id}/risk-acceptances`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ justification: "Scanner false positive pending vendor fix.", treatment: "accept", compensatingControls: "None needed.", accountableOwner: tm.as("owner").email, expiresAt: "2099-01-01" }),
      }),
      { db: t.db, session: async () => null },
      { id: it0.id },
      requestAcceptanceOp,
    );
    // 2099 is beyond the 90 days a P3 may be accepted for.
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "invalid:risk_acceptance.expiry_too_far" });
    const good = await runApi(
      new Request(`http://console.test/api/v1/work-items/${it0.id}/risk-acceptances`, {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ justification: "Scanner false positive pending vendor fix.", treatment: "accept", compensatingControls: "None needed.", accountableOwner: tm.as("owner").email, expiresAt: new Date(Date.now() + 10 * D).toISOString() }),
      }),
      { db: t.db, session: async () => null },
      { id: it0.id },
      requestAcceptanceOp,
    );
    expect(good.status).toBe(201);
    const body = (await good.json()) as { acceptance: { status: string; requestedById: string | null; decisionWaiting: boolean } };
    expect(body.acceptance).toMatchObject({ status: "pending", requestedById: null, decisionWaiting: true });
  });

  it("never lets owners decide their own request, and counts each owner once towards a P1's two approvals", async () => {
    const tm = await team();
    const it0 = await item(tm, "P1", new Date());
    const { id } = await ok(request(tm, tm.as("owner", 0), it0.id, new Date()));
    expect(await decide(tm, tm.as("owner", 0), id, "approve")).toMatchObject({ ok: false, error: { code: "forbidden:risk_acceptance.own_request" } });
    expect((await denials(tm.org.id)).at(-1)?.after).toMatchObject({ code: "forbidden:risk_acceptance.own_request" });
    expect(await ok(decide(tm, tm.as("owner", 1), id, "approve"))).toMatchObject({ outcome: "approval_recorded" });
    expect(await decide(tm, tm.as("owner", 1), id, "approve")).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.already_decided" } });
    // Still open and waiting on the client: one approval of two.
    expect(await row(it0.id)).toMatchObject({ stage: "intake", waitingOn: "client" });

    const it1 = await item(tm, "P1", new Date());
    const second = await ok(request(tm, tm.as("analyst"), it1.id, new Date()));
    await ok(decide(tm, tm.as("owner", 0), second.id, "approve"));
    expect(await ok(decide(tm, tm.as("owner", 1), second.id, "approve"))).toMatchObject({ outcome: "approved" });
    expect(await row(it1.id)).toMatchObject({ stage: "closed", resolution: "risk_accepted" });
  });

  it("refuses expiries beyond the policy's maximum for the priority, accountable owners who are not owners, and a second request", async () => {
    const tm = await team();
    const it0 = await item(tm, "P1", new Date());
    expect(await request(tm, tm.as("analyst"), it0.id, new Date(), 31)).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.expiry_too_far" } });
    const notOwner = await act(tm, tm.as("analyst"), requestAcceptance, {
      id: it0.id, justification: "Long enough justification.", treatment: "accept", compensatingControls: "Some.", accountableOwner: tm.as("lead").email, expiresAt: new Date(Date.now() + D).toISOString(),
    });
    expect(notOwner).toMatchObject({ ok: false, error: { code: "invalid:input", fields: { accountableOwner: [expect.stringContaining("programme owner")] } } });
    await ok(request(tm, tm.as("analyst"), it0.id, new Date(), 10));
    expect(await request(tm, tm.as("lead"), it0.id, new Date(), 10)).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.exists" } });
  });

  it("returns a rejected request to the provider in the same stage, and lets a new one be asked", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    await performOk(t.db, tm, tm.as("lead"), moveWorkItem, { id: it0.id, version: 1, to: "prioritisation" });
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, new Date()));
    expect(await ok(decide(tm, tm.as("owner"), id, "reject"))).toMatchObject({ outcome: "rejected" });
    expect(await row(it0.id)).toMatchObject({ stage: "prioritisation", waitingOn: "provider" });
    expect(await acceptance(id)).toMatchObject({ status: "rejected" });
    expect(await decide(tm, tm.as("owner", 1), id, "approve")).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.decided" } });
    await ok(request(tm, tm.as("analyst"), it0.id, new Date()));
  });

  it("withdraws a waiting request when the item is closed another way, and ends an acceptance when an owner reopens the item", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, new Date()));
    await performOk(t.db, tm, tm.as("lead"), moveWorkItem, { id: it0.id, version: 2, to: "closed", resolution: "cancelled", reason: "Raised twice." });
    expect(await acceptance(id)).toMatchObject({ status: "withdrawn" });
    expect((await row(it0.id)).sla?.clocks.find((c) => c.clock === "decision")).toMatchObject({ mode: "stopped" });

    const it1 = await item(tm, "P3", new Date());
    const b = await ok(request(tm, tm.as("analyst"), it1.id, new Date()));
    await ok(decide(tm, tm.as("owner"), b.id, "approve"));
    await performOk(t.db, tm, tm.as("owner"), moveWorkItem, { id: it1.id, version: 3, to: "prioritisation", reason: "The compensating control was removed." });
    expect(await acceptance(b.id)).toMatchObject({ status: "withdrawn" });
    expect(await row(it1.id)).toMatchObject({ stage: "prioritisation", exceptionExpiresAt: null, cycle: 2 });
  });

  it("lets the requester withdraw a waiting request, and nobody else on the provider side", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const { id } = await ok(request(tm, tm.as("analyst", 0), it0.id, new Date()));
    expect(await act(tm, tm.as("analyst", 1), withdrawAcceptance, { id, reason: "Not mine." })).toMatchObject({ ok: false, error: { code: "forbidden:risk_acceptance.withdraw" } });
    await performOk(t.db, tm, tm.as("analyst", 0), withdrawAcceptance, { id, reason: "Fixed after all." });
    expect(await acceptance(id)).toMatchObject({ status: "withdrawn" });
    expect(await row(it0.id)).toMatchObject({ waitingOn: "provider" });
  });
});

describe("loopholes closed", () => {
  it("refuses a priority change while the owners decide, so a tier cannot be dodged", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    await ok(request(tm, tm.as("analyst"), it0.id, new Date(), 80));
    const raise = await act(tm, tm.as("lead"), setPriority, { id: it0.id, version: 2, priority: "P1", reason: "Crown jewels after all." });
    expect(raise).toMatchObject({ ok: false, error: { code: "invalid:work_item.decision_pending" } });
  });

  it("holds a decision to the stricter tier if the item's priority rose after the request", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, new Date(), 20));
    // Written behind the rules' back (as a migration or a bug might): the item is a P1 now.
    await t.db.update(workItems).set({ priority: "P1" }).where(eq(workItems.id, it0.id));
    expect(await ok(decide(tm, tm.as("owner", 0), id, "approve"))).toMatchObject({ outcome: "approval_recorded", required: 2 });
    expect(await ok(decide(tm, tm.as("owner", 1), id, "approve"))).toMatchObject({ outcome: "approved" });
  });

  it("refuses to approve once the expiry asked for has passed (rejecting stays possible)", async () => {
    const tm = await team();
    const t0 = new Date("2026-07-01T08:00:00Z");
    const it0 = await item(tm, "P3", t0);
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, t0, 1));
    expect(await decide(tm, tm.as("owner"), id, "approve", new Date(t0.getTime() + 3 * D))).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.expiry_passed" } });
    expect(await ok(decide(tm, tm.as("owner"), id, "reject", new Date(t0.getTime() + 3 * D)))).toMatchObject({ outcome: "rejected" });
  });

  it("answers a token 403 for a decision before looking at its body, and records the attempt", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, new Date()));
    const token = await tm.token(["items:write"]);
    const res = await runApi(
      new Request(`http://console.test/api/v1/risk-acceptances/${id}/decision`, { method: "POST", headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" }, body: JSON.stringify({ decision: "approve" }) }),
      { db: t.db, session: async () => null },
      { id },
      decideAcceptanceOp,
    );
    expect(res.status).toBe(403);
    expect((await denials(tm.org.id)).at(-1)).toMatchObject({ actorType: "token", after: { code: "forbidden:risk_acceptance.decide" } });
  });

  it("does not let a lead end a request undecided that someone else raised", async () => {
    const tm = await team();
    const it0 = await item(tm, "P3", new Date());
    const { id } = await ok(request(tm, tm.as("owner"), it0.id, new Date()));
    expect(await act(tm, tm.as("lead"), withdrawAcceptance, { id, reason: "We would rather fix it." })).toMatchObject({ ok: false, error: { code: "forbidden:risk_acceptance.withdraw" } });
  });
});

describe("expiry, heads-up and extension with a controlled clock", () => {
  it("warns once before the expiry, then reopens the item once at prioritisation with a new SLA cycle and marks the acceptance expired", async () => {
    const tm = await team();
    const t0 = new Date("2026-04-01T08:00:00Z");
    const it0 = await item(tm, "P3", t0);
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, t0, 20));
    await ok(decide(tm, tm.as("owner"), id, "approve", new Date(t0.getTime() + H)));
    const expiry = new Date(t0.getTime() + 20 * D);
    expect((await row(it0.id)).nextCheckAt?.toISOString()).toBe(new Date(expiry.getTime() - 7 * D).toISOString());

    await sweep(t.db, new Date(expiry.getTime() - 6 * D), { deliver: false, config: NO_CHANNELS });
    await sweep(t.db, new Date(expiry.getTime() - 5 * D), { deliver: false, config: NO_CHANNELS });
    const heads = await t.db.select().from(escalations).where(and(eq(escalations.workItemId, it0.id), eq(escalations.ruleId, "exception-expiring")));
    expect(heads).toHaveLength(1);
    expect((await row(it0.id)).stage).toBe("closed");

    const r1 = await sweep(t.db, new Date(expiry.getTime() + 60_000), { deliver: false, config: NO_CHANNELS });
    const r2 = await sweep(t.db, new Date(expiry.getTime() + 120_000), { deliver: false, config: NO_CHANNELS });
    expect(r1.expired).toBeGreaterThanOrEqual(1);
    expect(r2.expired).toBe(0);
    const w = await row(it0.id);
    expect(w).toMatchObject({ stage: "prioritisation", resolution: null, cycle: 2, closedAt: null, exceptionExpiresAt: null, waitingOn: "provider" });
    expect(w.sla?.clocks.find((c) => c.clock === "resolution")).toMatchObject({ cycle: 2, mode: "running" });
    expect(await acceptance(id)).toMatchObject({ status: "expired" });
    const expiries = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, it0.id), eq(auditEvents.action, "work_item.acceptance_expire")));
    expect(expiries).toHaveLength(1);
    expect(expiries[0]!.actorType).toBe("system");

    // A new request is refused: the expired one is renewed instead, keeping its dates and counting the renewal.
    expect(await request(tm, tm.as("analyst"), it0.id, new Date(expiry.getTime() + H))).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.renew" } });
    const at = new Date(expiry.getTime() + 2 * H);
    await performOk(t.db, tm, tm.as("analyst"), extendAcceptance, { id, justification: "The vendor fix slipped by a month.", expiresAt: new Date(at.getTime() + 30 * D).toISOString() }, at);
    expect(await row(it0.id)).toMatchObject({ waitingOn: "client" });
    await ok(decide(tm, tm.as("owner", 1), id, "approve", new Date(at.getTime() + H)));
    const a = await acceptance(id);
    expect(a).toMatchObject({ status: "approved", renewals: 1, round: 2, endedAt: null });
    expect(a.requestedAt.toISOString()).toBe(t0.toISOString());
    expect(a.originalExpiresAt.toISOString()).toBe(expiry.toISOString());
    expect(a.expiresAt.toISOString()).toBe(new Date(at.getTime() + 30 * D).toISOString());
    expect(await row(it0.id)).toMatchObject({ stage: "closed", resolution: "risk_accepted" });
  });

  it("extends an acceptance in force through a new round of approval, keeping the item closed", async () => {
    const tm = await team();
    const t0 = new Date("2026-05-01T08:00:00Z");
    const it0 = await item(tm, "P3", t0);
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, t0, 30));
    await ok(decide(tm, tm.as("owner"), id, "approve", t0));
    const at = new Date(t0.getTime() + 20 * D);
    expect(await act(tm, tm.as("analyst"), extendAcceptance, { id, justification: "Shorter than now is no extension.", expiresAt: new Date(t0.getTime() + 29 * D).toISOString() }, at)).toMatchObject({ ok: false, error: { code: "invalid:risk_acceptance.expiry" } });
    await performOk(t.db, tm, tm.as("analyst"), extendAcceptance, { id, justification: "Migration needs another month.", expiresAt: new Date(at.getTime() + 60 * D).toISOString() }, at);
    // The analyst who asked for the extension cannot approve anyway; the owner who approved the first round may.
    await ok(decide(tm, tm.as("owner"), id, "approve", new Date(at.getTime() + H)));
    const a = await acceptance(id);
    expect(a).toMatchObject({ status: "approved", renewals: 1, extensionExpiresAt: null });
    expect(a.originalExpiresAt.toISOString()).toBe(new Date(t0.getTime() + 30 * D).toISOString());
    expect((await row(it0.id)).exceptionExpiresAt?.toISOString()).toBe(new Date(at.getTime() + 60 * D).toISOString());
  });

  it("escalates a late decision once (the decision clock), and not after the decision", async () => {
    const tm = await team();
    const t0 = new Date("2026-06-01T08:00:00Z");
    const it0 = await item(tm, "P3", t0);
    const { id } = await ok(request(tm, tm.as("analyst"), it0.id, t0));
    await sweep(t.db, new Date(t0.getTime() + 9 * H), { deliver: false, config: NO_CHANNELS });
    await sweep(t.db, new Date(t0.getTime() + 10 * H), { deliver: false, config: NO_CHANNELS });
    const fired = await t.db.select().from(escalations).where(and(eq(escalations.workItemId, it0.id), eq(escalations.ruleId, "decision-late")));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ clock: "decision", cycle: 1 });
    expect((await row(it0.id)).escalationLevel).toBe(2);
    await ok(decide(tm, tm.as("owner"), id, "reject", new Date(t0.getTime() + 11 * H)));
    expect((await row(it0.id)).sla?.clocks.find((c) => c.clock === "decision")).toMatchObject({ mode: "stopped" });
  });
});

describe("regression", () => {
  it("reopens a remediated item as regressed when an owner says the problem came back", async () => {
    const tm = await team();
    const [w] = await t.db.insert(workItems).values({ organisationId: tm.org.id, number: 990_001, type: "secret_rotation", title: "Rotate deploy key", stage: "closed", resolution: "remediated", closedAt: new Date() }).returning();
    await performOk(t.db, tm, tm.as("owner"), moveWorkItem, { id: w!.id, version: 1, to: "prioritisation", reason: "The key showed up in a new commit.", regressed: true });
    expect(await row(w!.id)).toMatchObject({ stage: "prioritisation", regressed: true, cycle: 2 });
  });
});
