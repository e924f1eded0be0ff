// The SLA sweeper against a real database (PGlite here, PostgreSQL in CI's second pass): items are checked
// when their next check time comes and not before; each escalation fires once per (item, rule, clock, cycle),
// also with three sweepers at once; changes and policy activations recompute the stored clocks.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalations, notifications, workItems, auditEvents, policyVersions } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { performMutation } from "@/lib/actions/mutation";
import { createWorkItem, handOver, moveWorkItem } from "@/lib/actions/work-items";
import { recordAudit } from "@/lib/audit/record";
import { refreshItemSla } from "@/lib/sla/store";
import { dryRunEscalations, sweep, sweepOrganisation } from "@/lib/escalation/engine";
import { runApi } from "@/lib/api/handler";
import { listItemsOp } from "@/lib/api/work-items";
import type { DeliveryConfig } from "@/lib/notify/config";
import { escalationDocument } from "@/lib/domain/escalation/rules";
import { openTestDb, type TestDb } from "../helpers/db";
import { createPolicyVersion, createToken, createWorkItem as insertItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

const H = 3_600_000;
const NO_CHANNELS: DeliveryConfig = { email: null, webhook: null, appUrl: null };
const opts = { deliver: false, config: NO_CHANNELS };

const SLA = {
  calendars: { always: { kind: "24x7", timeZone: "UTC" } },
  goals: [
    { name: "P1", match: { priority: ["P1"] }, response: { within: "PT1H", calendar: "always" }, resolution: { within: "PT24H", calendar: "always" } },
    { name: "Rest", match: {}, response: { within: "PT8H", calendar: "always" }, resolution: { within: "PT80H", calendar: "always" } },
  ],
};
const RULES = {
  rules: [
    { id: "response-late", when: { clock: "response", breached: true }, then: { level: 1, notify: ["lead"] } },
    { id: "p1-at-risk", when: { clock: "resolution", atRisk: true, priority: ["P1"] }, then: { level: 1, notify: ["assignee"] } },
    { id: "breach", when: { clock: "resolution", breached: true }, then: { level: 2, notify: ["lead", "owner"] } },
  ],
};

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

async function teamWithPolicies() {
  const team = await createTeam(t.db);
  await createPolicyVersion(t.db, team.org.id, "sla", SLA);
  await createPolicyVersion(t.db, team.org.id, "escalation", RULES);
  return team;
}

async function raise(team: Team, priority: "P1" | "P3" = "P1") {
  const r = await performMutation(t.db, team.as("lead"), team.org.slug, createWorkItem, { type: "access_request", title: "Remove stale admin", priority, priorityReason: "test" });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

/** An item whose history began `hoursAgo` (a create event in the past), with its clocks computed now. */
async function backdated(team: Team, hoursAgo: number, priority: "P1" | "P3" = "P1") {
  const at = new Date(Date.now() - hoursAgo * H);
  const item = await insertItem(t.db, team.org.id, { priority, type: "revocation", createdAt: at });
  await withTenant(t.db, team.org.id, null, async (tx) => {
    await recordAudit(tx, { organisationId: team.org.id, actor: { type: "system", id: null }, action: "work_item.create", entityType: "work_item", entityId: item.id, after: { stage: "intake" }, occurredAt: at });
    await refreshItemSla(tx, team.org.id, item, new Date());
  });
  return item;
}

const row = (team: Team, id: string) => withTenant(t.db, team.org.id, null, async (tx) => (await tx.select().from(workItems).where(eq(workItems.id, id)))[0]!);
const fired = (team: Team, id?: string) =>
  withTenant(t.db, team.org.id, null, (tx) =>
    tx.select().from(escalations).where(and(eq(escalations.organisationId, team.org.id), id ? eq(escalations.workItemId, id) : sql`true`)),
  );
const org = (team: Team) => ({ id: team.org.id, slug: team.org.slug });

describe("the sweeper", () => {
  it("stores the next check time on creation and reads nothing before it comes", async () => {
    const team = await teamWithPolicies();
    const { id } = await raise(team);
    const r = await row(team, id);
    // P1 response: 1 h on 24×7, at risk after 45 minutes; that is the first thing to look at.
    expect(r.nextCheckAt!.getTime() - r.createdAt.getTime()).toBeCloseTo(0.75 * H, -3);
    expect(r.slaDueAt!.getTime() - r.createdAt.getTime()).toBeCloseTo(H, -3);
    expect(await sweepOrganisation(t.db, org(team), new Date(Date.now() + 0.5 * H), opts)).toEqual({ checked: 0, fired: 0, notifications: 0, expired: 0 });
  });

  it("fires a breach once, raises the level, notifies the named roles, records it, and moves the next check on", async () => {
    const team = await teamWithPolicies();
    const { id } = await raise(team);
    const later = new Date(Date.now() + 2 * H);
    const first = await sweepOrganisation(t.db, org(team), later, opts);
    expect(first).toMatchObject({ checked: 1, fired: 1 });
    expect((await fired(team, id)).map((e) => [e.ruleId, e.clock, e.cycle, e.level])).toEqual([["response-late", "response", 1, 1]]);
    const r = await row(team, id);
    expect(r.escalationLevel).toBe(1);
    expect(r.version).toBe(1); // an escalation is not a change to the item: nobody's edit gets a conflict from it
    expect(r.nextCheckAt!.getTime()).toBeCloseTo(r.createdAt.getTime() + 18 * H, -3); // resolution at risk next
    const notes = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(notifications).where(eq(notifications.workItemId, id)));
    expect(notes.map((n) => n.userId).sort()).toEqual(team.people.lead.map((u) => u.id).sort());
    expect(notes[0]!.subject).toMatch(/Response SLA breached/);
    const events = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "escalation.fire"))));
    expect(events).toHaveLength(1);
    // Sweeping again at the same instant finds nothing due; forcing a re-check fires nothing new.
    expect(await sweepOrganisation(t.db, org(team), later, opts)).toMatchObject({ checked: 0, fired: 0 });
    await withTenant(t.db, team.org.id, null, (tx) => tx.update(workItems).set({ nextCheckAt: new Date(0) }).where(eq(workItems.id, id)));
    expect(await sweepOrganisation(t.db, org(team), later, opts)).toMatchObject({ checked: 1, fired: 0 });
    // A day later the resolution clock has breached too: one more escalation, level 2.
    expect(await sweepOrganisation(t.db, org(team), new Date(Date.now() + 30 * H), opts)).toMatchObject({ fired: 1 });
    expect((await row(team, id)).escalationLevel).toBe(2);
  });

  it("records every due escalation exactly once with three sweepers started at once", async () => {
    const team = await teamWithPolicies();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await raise(team, i % 2 ? "P1" : "P3")).id);
    const at = new Date(Date.now() + 30 * H); // P1: response and resolution breached; P3: response breached
    const reports = await Promise.all([
      sweepOrganisation(t.db, org(team), at, { ...opts, batchSize: 4 }),
      sweepOrganisation(t.db, org(team), at, { ...opts, batchSize: 4 }),
      sweep(t.db, at, opts),
    ]);
    const all = await fired(team);
    const keys = all.map((e) => `${e.workItemId}|${e.ruleId}|${e.clock}|${e.cycle}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all).toHaveLength(6 * 2 + 6 * 1);
    const notes = await withTenant(t.db, team.org.id, null, (tx) => tx.select({ n: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.organisationId, team.org.id)));
    // Each firing notifies its recipients once: response-late → 2 leads; breach → 2 leads + 2 owners.
    expect(notes[0]!.n).toBe(12 * 2 + 6 * 4);
    // Between them they fired at least these 18 (sweep() also covers the other tests' organisations).
    expect(reports.map((r) => (r === "busy" ? 0 : "fired" in r ? r.fired : 0)).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(18);
  });

  it("recomputes the clocks when the item changes: the response clock stops, the client pause holds resolution", async () => {
    const team = await teamWithPolicies();
    const { id } = await raise(team);
    const lead = team.as("lead");
    expect((await performMutation(t.db, lead, team.org.slug, moveWorkItem, { id, to: "prioritisation", version: 1 })).ok).toBe(true);
    expect((await performMutation(t.db, lead, team.org.slug, moveWorkItem, { id, to: "validation", version: 2 })).ok).toBe(true);
    let r = await row(team, id);
    expect(r.sla!.clocks.map((c) => [c.clock, c.mode])).toEqual([["response", "stopped"], ["resolution", "running"]]);
    expect(r.slaDueAt!.getTime() - r.createdAt.getTime()).toBeCloseTo(24 * H, -3);
    expect((await performMutation(t.db, lead, team.org.slug, handOver, { id, version: 3, waitingOn: "client", reason: "Owner to confirm" })).ok).toBe(true);
    r = await row(team, id);
    expect(r.sla!.clocks.find((c) => c.clock === "resolution")!.mode).toBe("paused");
    expect(r.slaDueAt).toBeNull();
    expect(r.nextCheckAt).toBeNull(); // nothing can change while it waits on the client
  });

  it("recomputes every open item under a newly activated SLA policy", async () => {
    const team = await teamWithPolicies();
    const { id } = await raise(team, "P3");
    const looser = { ...SLA, goals: [SLA.goals[0], { ...SLA.goals[1], response: { within: "PT48H", calendar: "always" } }] };
    await withTenant(t.db, team.org.id, null, async (tx) => {
      await tx.update(policyVersions).set({ status: "retired" }).where(and(eq(policyVersions.organisationId, team.org.id), eq(policyVersions.kind, "sla")));
      await tx.insert(policyVersions).values({ organisationId: team.org.id, kind: "sla", version: 2, document: looser, status: "active" });
      await tx.update(workItems).set({ nextCheckAt: new Date() }).where(and(eq(workItems.organisationId, team.org.id), sql`${workItems.closedAt} is null`));
    });
    await sweepOrganisation(t.db, org(team), new Date(Date.now() + 1000), opts);
    const r = await row(team, id);
    expect(r.sla!.policyVersion).toBe(2);
    expect(r.slaDueAt!.getTime() - r.createdAt.getTime()).toBeCloseTo(48 * H, -3);
  });

  it("lets the API filter by SLA state and give each clock's figures", async () => {
    const team = await teamWithPolicies();
    const breached = await backdated(team, 30);
    const atRisk = await backdated(team, 7, "P3"); // P3 response 8 h: at risk after 6 h
    const fine = await backdated(team, 1, "P3");
    const { secret } = await createToken(t.db, team.org.id, ["items:read"]);
    const list = async (q: string) => {
      const req = new Request(`http://console.test/api/v1/work-items?${q}`, { headers: { host: "console.test", authorization: `Bearer ${secret}` } });
      const res = await runApi(req, { db: t.db, session: async () => null }, {}, listItemsOp);
      return (await res.json()) as { items: { id: string; sla: { state: string; clocks: { clock: string; state: string; elapsedMs: number; remainingMs: number; targetMs: number; dueAt: string }[] } }[] };
    };
    expect((await list("sla=breached")).items.map((i) => i.id)).toEqual([breached.id]);
    expect((await list("sla=at_risk")).items.map((i) => i.id)).toEqual([atRisk.id]);
    const sorted = (await list("sort=sla")).items.map((i) => i.id);
    expect(sorted).toEqual([breached.id, atRisk.id, fine.id]);
    const b = (await list("sla=breached")).items[0]!;
    expect(b.sla.state).toBe("breached");
    const response = b.sla.clocks.find((c) => c.clock === "response")!;
    expect(response).toMatchObject({ state: "breached", targetMs: H });
    expect(response.remainingMs).toBeLessThan(-28 * H);
    expect(response.elapsedMs - response.targetMs).toBe(-response.remainingMs);
    expect(Date.parse(response.dueAt)).toBeCloseTo(Date.now() - 29 * H, -5);
    expect((await list("sla=sideways")).items).toBeUndefined();
  });

  it("fires a breach the sweep had not reached before the item closed, and keeps the closed item's clocks", async () => {
    const team = await teamWithPolicies();
    const item = await backdated(team, 30);
    await withTenant(t.db, team.org.id, null, async (tx) => {
      await recordAudit(tx, { organisationId: team.org.id, actor: { type: "system", id: null }, action: "work_item.close", entityType: "work_item", entityId: item.id, after: { stage: "closed", resolution: "cancelled" } });
      await tx.update(workItems).set({ stage: "closed", resolution: "cancelled", closedAt: new Date() }).where(eq(workItems.id, item.id));
      await refreshItemSla(tx, team.org.id, item, new Date());
    });
    await sweepOrganisation(t.db, org(team), new Date(Date.now() + 1000), opts);
    expect((await fired(team, item.id)).map((e) => e.ruleId).sort()).toEqual(["breach", "response-late"]);
    const r = await row(team, item.id);
    expect(r.sla!.clocks.map((c) => [c.clock, c.mode])).toEqual([["response", "stopped"], ["resolution", "stopped"]]);
    expect(r.slaBreached).toBe(true);
    expect(r.nextCheckAt).toBeNull();
  });

  it("dry-runs a draft against current data, marking what already fired", async () => {
    const team = await teamWithPolicies();
    const item = await backdated(team, 30);
    await sweepOrganisation(t.db, org(team), new Date(), opts);
    const draft = escalationDocument.parse({
      rules: [...RULES.rules, { id: "p1-breach-exec", when: { clock: "resolution", breached: true, priority: ["P1"] }, then: { notify: ["executive"] } }],
    });
    const hits = await withTenant(t.db, team.org.id, null, (tx) => dryRunEscalations(tx, team.org.id, draft, new Date()));
    expect(hits.filter((h) => h.itemId === item.id).map((h) => [h.ruleId, h.alreadyFired])).toEqual([
      ["response-late", true],
      ["breach", true],
      ["p1-breach-exec", false],
    ]);
  });
});
