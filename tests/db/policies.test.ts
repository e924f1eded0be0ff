// Policy versions through the mutation wrapper: proposing drafts, activating them (owners only), the audit
// trail, re-evaluation of open items, concurrent proposals, tenancy, and the escalation dry run.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performMutation } from "@/lib/actions/mutation";
import { activatePolicy, performDryRun, proposePolicy } from "@/lib/actions/policies";
import { recordAudit } from "@/lib/audit/record";
import { auditEvents, policyVersions, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { formatPolicy } from "@/lib/domain/policy-text";
import { listPolicyVersions, previouslyActive } from "@/lib/queries/policies";
import { refreshOrganisationSla } from "@/lib/sla/store";
import { DEFAULT_ESCALATIONS, defaultSlaPolicy } from "@/lib/seed/policies";
import { openTestDb, type TestDb } from "../helpers/db";
import { createPolicyVersion, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

const RULES = { rules: [{ id: "breach", when: { clock: "resolution", breached: true }, then: { level: 2, notify: ["lead", "owner"] } }] };

/** A team whose organisation has version 1 of both policies active, as the seed leaves every organisation. */
async function policyTeam(): Promise<Team> {
  const team = await createTeam(t.db);
  await createPolicyVersion(t.db, team.org.id, "sla", defaultSlaPolicy("Europe/London"));
  await createPolicyVersion(t.db, team.org.id, "escalation", DEFAULT_ESCALATIONS);
  return team;
}

const propose = (team: Team, input: Record<string, unknown>, who = team.as("lead")) =>
  performMutation(t.db, who, team.org.slug, proposePolicy, { kind: "escalation", document: formatPolicy(RULES), note: "Escalate every breach to the owner.", ...input });

async function versions(team: Team) {
  return t.db.select().from(policyVersions).where(eq(policyVersions.organisationId, team.org.id)).orderBy(policyVersions.kind, policyVersions.version);
}

async function audit(team: Team, action: string) {
  return t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.action, action)));
}

describe("proposing a policy version", () => {
  it("stores a draft with the next version number and writes policy.propose", async () => {
    const team = await policyTeam();
    const r = await propose(team, { basedOnVersion: 1 });
    expect(r).toEqual({ ok: true, data: { id: expect.any(String), kind: "escalation", version: 2 } });
    const rows = await versions(team);
    expect(rows.map((v) => [v.kind, v.version, v.status])).toEqual([["sla", 1, "active"], ["escalation", 1, "active"], ["escalation", 2, "draft"]]);
    const draft = rows.find((v) => v.version === 2 && v.kind === "escalation")!;
    expect(draft).toMatchObject({ note: "Escalate every breach to the owner.", proposedById: team.as("lead").id, activatedAt: null, document: RULES });
    const events = await audit(team, "policy.propose");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "policy_version", entityId: draft.id, actorId: team.as("lead").id, after: { kind: "escalation", version: 2, basedOnVersion: 1 } });
  });

  it("takes an owner's proposal too, and an SLA policy as a JSON object", async () => {
    const team = await policyTeam();
    const doc = defaultSlaPolicy("America/New_York");
    const r = await performMutation(t.db, team.as("owner"), team.org.slug, proposePolicy, { kind: "sla", document: doc, note: "New York office hours." });
    expect(r).toMatchObject({ ok: true, data: { kind: "sla", version: 2 } });
  });

  it.each([
    ["a rule with a bad field", '{ "rules": [ { "id": "late", "when": { "clock": "resolution", "breachedFor": "two days" }, "then": { "level": 3 } } ] }', 'Rule "late", when.breachedFor: Use a positive ISO 8601 duration', 1],
    ["broken JSON", '{ "rules": [\n  { "id": "late", }\n] }', "JSON allows no trailing comma", 2],
  ])("refuses %s with messages naming the rule and field, and writes nothing", async (_, document, message, line) => {
    const team = await policyTeam();
    const r = await propose(team, { document });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid:policy");
    expect(r.error.message).toContain(message);
    const problems = (r.error.details as { problems: { message: string; line: number }[] }).problems;
    expect(problems[0]).toMatchObject({ message: expect.stringContaining(message), line });
    expect((await versions(team)).filter((v) => v.status === "draft")).toEqual([]);
    expect(await audit(team, "policy.propose")).toEqual([]);
  });

  it("refuses an SLA goal naming a calendar that does not exist, by goal and field", async () => {
    const team = await policyTeam();
    const doc = defaultSlaPolicy("Europe/London");
    doc.goals[0]!.response = { within: "PT1H", calendar: "weekends" };
    const r = await performMutation(t.db, team.as("lead"), team.org.slug, proposePolicy, { kind: "sla", document: formatPolicy(doc), note: "Typo" });
    expect(!r.ok && r.error).toMatchObject({ code: "invalid:policy", message: expect.stringContaining('Goal "P1: around the clock": no calendar named "weekends"') });
  });

  it("gives concurrent proposals distinct, consecutive versions", async () => {
    const team = await policyTeam();
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => propose(team, { note: `Proposal ${i}` }, team.as(i % 2 ? "owner" : "lead", i % 2))));
    expect(results.every((r) => r.ok)).toBe(true);
    const numbers = results.map((r) => (r.ok ? r.data.version : 0)).sort();
    expect(numbers).toEqual([2, 3, 4, 5, 6]);
  });

  it("is refused to analysts and executives (403, written to the audit trail)", async () => {
    const team = await policyTeam();
    for (const role of ["analyst", "executive"] as const) {
      const r = await propose(team, {}, team.as(role));
      expect(!r.ok && r.error.code).toBe("forbidden:policy.propose");
    }
    expect(await audit(team, "access.denied")).toHaveLength(2);
  });
});

describe("activating a policy version", () => {
  it("retires the active version, activates the draft, writes policy.activate and re-checks every open item", async () => {
    const team = await policyTeam();
    const open = await createWorkItem(t.db, team.org.id, { nextCheckAt: null });
    const later = await createWorkItem(t.db, team.org.id, { nextCheckAt: new Date(Date.now() + 86_400_000) });
    const closed = await createWorkItem(t.db, team.org.id, { stage: "closed", resolution: "remediated", closedAt: new Date(), nextCheckAt: null });
    const draft = await propose(team, {});
    if (!draft.ok) throw new Error(draft.error.message);
    const before = Date.now();
    const r = await performMutation(t.db, team.as("owner"), team.org.slug, activatePolicy, { id: draft.data.id });
    expect(r).toEqual({ ok: true, data: { kind: "escalation", version: 2, previousVersion: 1, itemsToRecheck: 2 } });

    const rows = (await versions(team)).filter((v) => v.kind === "escalation");
    expect(rows.map((v) => [v.version, v.status])).toEqual([[1, "retired"], [2, "active"]]);
    expect(rows[1]).toMatchObject({ activatedById: team.as("owner").id, activatedAt: expect.any(Date) });
    const [event] = await audit(team, "policy.activate");
    expect(event).toMatchObject({ entityId: draft.data.id, actorId: team.as("owner").id, before: { kind: "escalation", version: 1 }, after: { kind: "escalation", version: 2, itemsToRecheck: 2 } });

    const items = await t.db.select({ id: workItems.id, nextCheckAt: workItems.nextCheckAt }).from(workItems).where(eq(workItems.organisationId, team.org.id));
    const next = new Map(items.map((i) => [i.id, i.nextCheckAt]));
    for (const id of [open.id, later.id]) {
      expect(next.get(id)!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(next.get(id)!.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(next.get(closed.id)).toBeNull();
  });

  it("refuses a version that is not a draft with a clear 409, and leaves one version active", async () => {
    const team = await policyTeam();
    const [active] = (await versions(team)).filter((v) => v.kind === "sla");
    const r = await performMutation(t.db, team.as("owner"), team.org.slug, activatePolicy, { id: active!.id });
    expect(!r.ok && r.error).toEqual({ code: "conflict:policy.status", message: "SLA policy version 1 is already active; only a draft can be activated. Propose a new draft from it instead." });
    const draft = await propose(team, {});
    if (!draft.ok) throw new Error(draft.error.message);
    expect((await performMutation(t.db, team.as("owner"), team.org.slug, activatePolicy, { id: draft.data.id })).ok).toBe(true);
    const again = await performMutation(t.db, team.as("owner", 1), team.org.slug, activatePolicy, { id: draft.data.id });
    expect(!again.ok && again.error.code).toBe("conflict:policy.status");
    const [retiredV1] = (await versions(team)).filter((v) => v.kind === "escalation" && v.version === 1);
    const back = await performMutation(t.db, team.as("owner"), team.org.slug, activatePolicy, { id: retiredV1!.id });
    expect(!back.ok && back.error.message).toMatch(/version 1 is retired/);
    expect((await versions(team)).filter((v) => v.status === "active").map((v) => [v.kind, v.version])).toEqual([["sla", 1], ["escalation", 2]]);
  });

  it("lets two owners activate two drafts at once and still ends with exactly one active version", async () => {
    const team = await policyTeam();
    const a = await propose(team, { note: "Draft A" });
    const b = await propose(team, { note: "Draft B" });
    if (!a.ok || !b.ok) throw new Error("proposals failed");
    const results = await Promise.all([
      performMutation(t.db, team.as("owner", 0), team.org.slug, activatePolicy, { id: a.data.id }),
      performMutation(t.db, team.as("owner", 1), team.org.slug, activatePolicy, { id: b.data.id }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const active = (await versions(team)).filter((v) => v.kind === "escalation" && v.status === "active");
    expect(active).toHaveLength(1);
  });

  it("refuses a draft that no longer validates", async () => {
    const team = await policyTeam();
    const bad = await createPolicyVersion(t.db, team.org.id, "escalation", { rules: [{ id: "x", when: {}, then: {} }] }, "draft", 2);
    const r = await performMutation(t.db, team.as("owner"), team.org.slug, activatePolicy, { id: bad.id });
    expect(!r.ok && r.error.code).toBe("invalid:policy");
    expect((await versions(team)).find((v) => v.id === bad.id)!.status).toBe("draft");
  });

  it("is refused to leads, analysts, executives and tokens with forbidden:policy.activate, each written to the audit trail", async () => {
    const team = await policyTeam();
    const draft = await propose(team, {});
    if (!draft.ok) throw new Error(draft.error.message);
    for (const who of [team.as("lead"), team.as("analyst"), team.as("executive")]) {
      const r = await performMutation(t.db, who, team.org.slug, activatePolicy, { id: draft.data.id });
      expect(r).toEqual({ ok: false, error: { code: "forbidden:policy.activate", message: "Only a programme owner of this organisation can activate a policy version." } });
    }
    const token = await team.token(["items:read", "items:write", "intake:write"]);
    const byToken = await performMutation(t.db, token, team.org.slug, activatePolicy, { id: draft.data.id });
    expect(!byToken.ok && byToken.error).toMatchObject({ code: "forbidden:policy.activate", message: expect.stringMatching(/a person must/) });
    const denials = await audit(team, "access.denied");
    expect(denials).toHaveLength(4);
    expect(denials.map((d) => (d.after as { code: string }).code)).toEqual(Array(4).fill("forbidden:policy.activate"));
    expect(denials.map((d) => d.actorType).sort()).toEqual(["token", "user", "user", "user"]);
    expect((await versions(team)).find((v) => v.id === draft.data.id)!.status).toBe("draft");
    expect(await audit(team, "policy.activate")).toEqual([]);
  });
});

describe("tenancy", () => {
  it("shows an organisation only its own versions, and refuses to activate another organisation's draft", async () => {
    const mine = await policyTeam();
    const theirs = await policyTeam();
    const draft = await propose(theirs, {});
    if (!draft.ok) throw new Error(draft.error.message);
    const seen = await withTenant(t.db, mine.org.id, mine.as("owner").id, (tx) => listPolicyVersions(tx, theirs.org.id));
    expect(seen).toEqual([]);
    const own = await withTenant(t.db, mine.org.id, mine.as("owner").id, (tx) => listPolicyVersions(tx, mine.org.id));
    expect(own.map((v) => [v.kind, v.version])).toEqual([["sla", 1], ["escalation", 1]]);
    const r = await performMutation(t.db, mine.as("owner"), mine.org.slug, activatePolicy, { id: draft.data.id });
    expect(!r.ok && r.error.code).toBe("not_found:policy");
    const stranger = await performMutation(t.db, mine.as("owner"), theirs.org.slug, activatePolicy, { id: draft.data.id });
    expect(!stranger.ok && stranger.error.code).toBe("forbidden:organisation");
  });

  it("compares a version with the one active before it", async () => {
    const team = await policyTeam();
    const a = await propose(team, {});
    if (!a.ok) throw new Error("proposal failed");
    await performMutation(t.db, team.as("owner"), team.org.slug, activatePolicy, { id: a.data.id });
    const b = await propose(team, {});
    if (!b.ok) throw new Error("proposal failed");
    const all = await withTenant(t.db, team.org.id, null, (tx) => listPolicyVersions(tx, team.org.id, "escalation"));
    const by = (n: number) => all.find((v) => v.version === n)!;
    expect(previouslyActive(all, by(3))?.version).toBe(2); // a draft: the active one
    expect(previouslyActive(all, by(2))?.version).toBe(1);
    expect(previouslyActive(all, by(1))).toBeNull();
    expect(by(2)).toMatchObject({ proposedByName: expect.any(String), activatedByName: expect.any(String) });
  });
});

describe("the dry run", () => {
  it("lists what a draft would fire against open items, and marks nothing as written", async () => {
    const team = await policyTeam();
    const created = new Date(Date.now() - 5 * 86_400_000);
    const item = await createWorkItem(t.db, team.org.id, { priority: "P1", createdAt: created, stageEnteredAt: created, waitingSince: created });
    await t.db.transaction(async (tx) => {
      await recordAudit(tx, { organisationId: team.org.id, actor: { type: "system", id: null }, action: "work_item.create", entityType: "work_item", entityId: item.id, after: { stage: "intake" }, occurredAt: created });
    });
    await withTenant(t.db, team.org.id, null, (tx) => refreshOrganisationSla(tx, team.org.id, new Date()));
    const eventsBefore = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.organisationId, team.org.id));

    const r = await performDryRun(t.db, team.as("lead"), team.org.slug, { document: formatPolicy(RULES) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data).toContainEqual(expect.objectContaining({ itemId: item.id, number: item.number, ruleId: "breach", clock: "resolution", level: 2, notify: ["lead", "owner"], alreadyFired: false }));
    const quiet = await performDryRun(t.db, team.as("owner"), team.org.slug, { document: formatPolicy({ rules: [{ id: "p4", when: { clock: "resolution", breached: true, priority: ["P4"] }, then: { level: 1 } }] }) });
    expect(quiet).toEqual({ ok: true, data: [] });
    const eventsAfter = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.organisationId, team.org.id));
    expect(eventsAfter).toEqual(eventsBefore);
  });

  it("refuses an invalid draft and callers who may not propose", async () => {
    const team = await policyTeam();
    const bad = await performDryRun(t.db, team.as("owner"), team.org.slug, { document: '{ "rules": [ { "id": "x" } ] }' });
    expect(!bad.ok && bad.error).toMatchObject({ code: "invalid:policy", message: expect.stringContaining('Rule "x"') });
    const analyst = await performDryRun(t.db, team.as("analyst"), team.org.slug, { document: formatPolicy(RULES) });
    expect(!analyst.ok && analyst.error.code).toBe("forbidden:policy.propose");
  });
});
