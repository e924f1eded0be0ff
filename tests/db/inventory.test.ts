// The inventory rules that raise work (SPEC §7), in the database: the SQL finds exactly what the definitions
// say, one open item per identity and rule, a verified rotation starts the clock again, an acceptance in force
// holds the rule off, real AWS and SCIM exports raise the right revocation once, and the sweeper runs the rules
// on its own cadence.
import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, organisations, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { runIntake } from "@/lib/api/intake";
import { performMutation } from "@/lib/actions/mutation";
import { addEvidence } from "@/lib/actions/evidence";
import { moveWorkItem } from "@/lib/actions/work-items";
import { classifyIdentity } from "@/lib/actions/inventory";
import { sweep, INVENTORY_EVERY_MINUTES } from "@/lib/escalation/engine";
import { raiseInventoryWork } from "@/lib/inventory/rules";
import { identityRuleHits, type RuleIdentity } from "@/lib/domain/identity-rules";
import { IDENTITY_KINDS, IDENTITY_STATUSES, type IdentityKind, type IdentityStatus } from "@/lib/domain/vocabulary";
import { openTestDb, type TestDb } from "../helpers/db";
import { createIdentity, createOrg } from "../helpers/factories";
import { createTeamWithPolicies, type Team } from "../helpers/team";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/intake");
const file = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const DAY = 86_400_000;
const NOW = new Date("2026-11-24T12:00:00Z");
const SYSTEM = { type: "system" as const, id: null };

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

async function team() {
  const tm = await createTeamWithPolicies(t.db);
  // The team's own identity, owned, so it raises nothing by itself.
  await t.db.update(identities).set({ ownerName: "Team owner" }).where(eq(identities.id, tm.identity.id));
  return tm;
}

const raise = (orgId: string, now = NOW) => withTenant(t.db, orgId, null, (tx) => raiseInventoryWork(tx, { orgId, actor: SYSTEM, requestId: "test", now }));
const ruleItems = async (orgId: string) =>
  t.db
    .select({ id: workItems.id, identityId: workItems.identityId, rule: workItems.rule, type: workItems.type, stage: workItems.stage, version: workItems.version, number: workItems.number })
    .from(workItems)
    .where(and(eq(workItems.organisationId, orgId), sql`${workItems.rule} is not null`));

const gen = fc.record({
  kind: fc.constantFrom<IdentityKind>(...IDENTITY_KINDS),
  status: fc.constantFrom<IdentityStatus>(...IDENTITY_STATUSES),
  owner: fc.constantFrom("none", "active", "deactivated"),
  privileged: fc.boolean(),
  source: fc.constantFrom("manual", "gitleaks", "scim-users", "aws-credential-report"),
  createdDaysAgo: fc.integer({ min: 0, max: 900 }),
  rotatedDaysAgo: fc.option(fc.integer({ min: 0, max: 900 })),
  period: fc.option(fc.constantFrom(30, 90, 365)),
  expiresInDays: fc.option(fc.integer({ min: -30, max: 30 })),
  accessRemoved: fc.boolean(),
  // Credentials held by this identity: how many, and whether each is active.
  credentials: fc.array(fc.boolean(), { maxLength: 2 }),
});

describe("inventory rules", () => {
  it("raise, in SQL, exactly the work the definitions call for, once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(gen, { minLength: 5, maxLength: 25 }), async (specs) => {
        const org = await createOrg(t.db);
        const ago = (d: number) => new Date(NOW.getTime() - d * DAY);
        const expected = new Set<string>();
        for (const s of specs) {
          const row = await createIdentity(t.db, org.id, {
            kind: s.kind,
            status: s.status,
            ownerName: s.owner === "none" ? null : "Dana Owner",
            ownerActive: s.owner !== "deactivated",
            privileged: s.privileged,
            source: s.source,
            createdAt: ago(s.createdDaysAgo),
            lastRotatedAt: s.rotatedDaysAgo === null ? null : ago(s.rotatedDaysAgo),
            rotationPeriodDays: s.period,
            expiresAt: s.expiresInDays === null ? null : ago(-s.expiresInDays),
            accessRemovedAt: s.accessRemoved ? ago(1) : null,
          });
          for (const active of s.credentials) {
            await createIdentity(t.db, org.id, { kind: "api_key", status: active ? "active" : "disabled", parentId: row.id, ownerName: "Dana Owner", createdAt: NOW });
          }
          const rule: RuleIdentity = {
            kind: row.kind,
            status: row.status,
            name: row.name,
            ownerName: row.ownerName,
            ownerEmail: row.ownerEmail,
            ownerActive: row.ownerActive,
            privileged: row.privileged,
            parentId: null,
            source: row.source,
            accessRemovedAt: row.accessRemovedAt,
            createdAt: row.createdAt,
            lastRotatedAt: row.lastRotatedAt,
            rotationPeriodDays: row.rotationPeriodDays,
            expiresAt: row.expiresAt,
            activeCredentials: s.credentials.filter(Boolean).length,
          };
          for (const h of identityRuleHits(rule, NOW)) expected.add(`${row.id}:${h.rule}`);
        }
        await raise(org.id);
        const got = await ruleItems(org.id);
        expect(new Set(got.map((i) => `${i.identityId}:${i.rule}`))).toEqual(expected);
        expect(got.length).toBe(expected.size);
        // Again: nothing new while those items are open.
        expect(Object.values(await raise(org.id)).reduce((a, b) => a + b, 0)).toBe(0);
      }),
      { numRuns: 12 },
    );
  });

  it("start the rotation clock again when a rotation is verified done, and not before", async () => {
    const tm = await team();
    const key = await createIdentity(t.db, tm.org.id, { kind: "api_key", name: "sk_live_…9fA1", ownerName: "Billing team", rotationPeriodDays: 90, lastRotatedAt: new Date(Date.now() - 120 * DAY) });
    await raise(tm.org.id, new Date());
    const [item] = (await ruleItems(tm.org.id)).filter((i) => i.identityId === key.id);
    expect(item).toMatchObject({ rule: "rotation_due", type: "secret_rotation", stage: "intake" });
    await closeAsRemediated(tm, item!.id);
    const [after] = await t.db.select().from(identities).where(eq(identities.id, key.id));
    expect(Date.now() - after!.lastRotatedAt!.getTime()).toBeLessThan(60_000);
    await raise(tm.org.id, new Date());
    expect((await ruleItems(tm.org.id)).filter((i) => i.identityId === key.id)).toHaveLength(1);
  });

  it("hold off while an acceptance for the rule's item is in force", async () => {
    const org = await createOrg(t.db);
    const key = await createIdentity(t.db, org.id, { kind: "token", ownerName: "CI", rotationPeriodDays: 30, lastRotatedAt: new Date(NOW.getTime() - 60 * DAY) });
    await raise(org.id);
    const [item] = await ruleItems(org.id);
    await t.db.update(workItems).set({ stage: "closed", resolution: "risk_accepted", closedAt: NOW, exceptionExpiresAt: new Date(NOW.getTime() + 30 * DAY) }).where(eq(workItems.id, item!.id));
    expect((await raise(org.id, new Date(NOW.getTime() + DAY))).rotation_due).toBe(0);
    // Closed some other way (cancelled), the rule raises the work again.
    await t.db.update(workItems).set({ resolution: "cancelled", exceptionExpiresAt: null }).where(eq(workItems.id, item!.id));
    expect((await raise(org.id, new Date(NOW.getTime() + DAY))).rotation_due).toBe(1);
    void key;
  });

  it("count the same work opened by hand as the rule's open item", async () => {
    const org = await createOrg(t.db);
    const key = await createIdentity(t.db, org.id, { kind: "api_key", ownerName: "Billing", rotationPeriodDays: 90, lastRotatedAt: new Date(NOW.getTime() - 200 * DAY) });
    await t.db.insert(workItems).values({ organisationId: org.id, number: 999_999, type: "secret_rotation", title: "Rotate the billing key (raised by hand)", identityId: key.id });
    expect((await raise(org.id)).rotation_due).toBe(0);
    await t.db.update(workItems).set({ stage: "closed", resolution: "cancelled", closedAt: NOW }).where(eq(workItems.organisationId, org.id));
    expect((await raise(org.id)).rotation_due).toBe(1);
  });

  it("raise one revocation when an AWS user loses console access but keeps an active key", async () => {
    const tm = await team();
    const scope = { orgId: tm.org.id, userId: null, actor: SYSTEM };
    const first = await runIntake(t.db, scope, "aws-credential-report", file("aws-credential-report.csv"), "r1");
    expect(first.raised.deactivated_access).toBe(0);
    const offboarded = await runIntake(t.db, scope, "aws-credential-report", file("aws-credential-report-offboarded.csv"), "r2");
    expect(offboarded.raised.deactivated_access).toBe(1);
    const [alice] = await t.db.select().from(identities).where(and(eq(identities.organisationId, tm.org.id), eq(identities.name, "alice.nguyen")));
    // Still the person she was (the report alone would now call her a service account), her access removed now.
    expect(alice).toMatchObject({ kind: "human", interactiveAccess: false });
    expect(alice!.accessRemovedAt).not.toBeNull();
    const revocations = (await ruleItems(tm.org.id)).filter((i) => i.rule === "deactivated_access");
    expect(revocations).toEqual([expect.objectContaining({ identityId: alice!.id, type: "revocation" })]);
    const [title] = await t.db.select({ title: workItems.title, severity: workItems.severity }).from(workItems).where(eq(workItems.id, revocations[0]!.id));
    expect(title!.title).toBe("Revoke what alice.nguyen still holds: 1 active key");
    // The same report again changes nothing and raises nothing.
    const again = await runIntake(t.db, scope, "aws-credential-report", file("aws-credential-report-offboarded.csv"), "r3");
    expect(again).toMatchObject({ created: 0, updated: 0, raised: { rotation_due: 0, orphaned: 0, deactivated_access: 0 } });
  });

  it("raise a revocation for a privileged person deactivated in the identity provider", async () => {
    const tm = await team();
    const scope = { orgId: tm.org.id, userId: null, actor: SYSTEM };
    const scim = JSON.parse(file("scim-users-list.json").toString()) as { Resources: { userName: string; active: boolean }[] };
    await runIntake(t.db, scope, "scim-users", Buffer.from(JSON.stringify(scim)), "s1");
    const [priya] = await t.db.select().from(identities).where(and(eq(identities.organisationId, tm.org.id), eq(identities.name, "Priya Shah")));
    expect(priya, "the SCIM fixture's first user").toBeDefined();
    expect(await performMutation(t.db, tm.as("lead"), tm.org.slug, classifyIdentity, { identityId: priya!.id, tier: "T1", privileged: true, reason: "Global admin in Okta." })).toMatchObject({ ok: true });
    scim.Resources.find((r) => r.userName.startsWith("priya"))!.active = false;
    const off = await runIntake(t.db, scope, "scim-users", Buffer.from(JSON.stringify(scim)), "s2");
    expect(off.raised.deactivated_access).toBe(1);
    const [item] = (await ruleItems(tm.org.id)).filter((i) => i.rule === "deactivated_access");
    expect(item).toMatchObject({ identityId: priya!.id, type: "revocation" });
    const [row] = await t.db.select({ priority: workItems.priority, severity: workItems.severity }).from(workItems).where(eq(workItems.id, item!.id));
    // Privileged access left behind is critical; on a T1 identity that is P1.
    expect(row).toEqual({ priority: "P1", severity: "critical" });
  });

  it("run from the sweeper once per interval, not on every pass", async () => {
    const org = await createOrg(t.db);
    await createIdentity(t.db, org.id, { kind: "secret", ownerName: null });
    const at = (min: number) => new Date(NOW.getTime() + min * 60_000);
    // Another organisation's rules ran just now; this one's never did.
    await t.db.update(organisations).set({ inventoryCheckedAt: at(0) }).where(sql`${organisations.id} <> ${org.id}`);
    expect((await sweep(t.db, at(0), { deliver: false })).raised).toBeGreaterThanOrEqual(1);
    await createIdentity(t.db, org.id, { kind: "secret", ownerName: null });
    await t.db.update(organisations).set({ inventoryCheckedAt: at(0) });
    expect((await sweep(t.db, at(INVENTORY_EVERY_MINUTES - 1), { deliver: false })).raised).toBe(0);
    const later = await sweep(t.db, at(INVENTORY_EVERY_MINUTES), { deliver: false });
    expect(later.raised).toBeGreaterThanOrEqual(1);
    expect((await ruleItems(org.id)).filter((i) => i.rule === "orphaned")).toHaveLength(2);
  });
});

/** Drives an item from intake to closed: remediated, with evidence, verified by a lead who did not implement it. */
async function closeAsRemediated(tm: Team, id: string) {
  const analyst = tm.as("analyst");
  const move = async (who: typeof analyst, to: string, extra: object = {}) => {
    const [row] = await t.db.select({ version: workItems.version }).from(workItems).where(eq(workItems.id, id));
    const r = await performMutation(t.db, who, tm.org.slug, moveWorkItem, { id, to, version: row!.version, ...extra });
    if (!r.ok) throw new Error(`${to}: ${r.error.code} ${r.error.message}`);
  };
  for (const to of ["prioritisation", "validation", "implementation", "evidence"]) await move(analyst, to);
  expect(await performMutation(t.db, analyst, tm.org.slug, addEvidence, { id, kind: "note", summary: "Rotated; the old key is deleted." })).toMatchObject({ ok: true });
  await move(analyst, "closure");
  await move(tm.as("lead"), "closed", { resolution: "remediated" });
}
