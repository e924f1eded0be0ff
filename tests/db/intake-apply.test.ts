// Applying parsed intake records: findings known by fingerprint (a re-import creates nothing; a remediated one
// that comes back reopens its item as regressed), identities upserted by (system, external id), and every new
// item with its creation event, clocks and a number of its own.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, identities, intakeFindings, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { applyIntake } from "@/lib/intake/apply";
import type { FindingRecord, IdentityRecord, ParseResult } from "@/lib/intake/types";
import { verifyAuditChains } from "@/lib/audit/verify";
import { openTestDb, type TestDb } from "../helpers/db";
import { createTeamWithPolicies } from "../helpers/team";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

const finding = (n: number, over: Partial<FindingRecord> = {}): FindingRecord => ({
  type: "finding",
  fingerprint: `abc123:config/app.env:aws-access-token:${n}`,
  rule: "aws-access-token",
  title: `AWS access key leaked in config/app.env:${n}`,
  severity: "high",
  secretRedacted: "AKIA…7QX2",
  secretHash: "f".repeat(64),
  location: { repository: "acme/payments", file: "config/app.env", line: n, commit: "abc123" },
  identity: { system: "AWS", externalId: `AKIAEXAMPLE${n}`, name: "AKIA…7QX2", kind: "api_key" },
  detectedAt: null,
  resolved: false,
  ...over,
});

const person = (id: string, over: Partial<IdentityRecord> = {}): IdentityRecord => ({
  type: "identity",
  system: "Okta",
  externalId: id,
  name: `user ${id}`,
  kind: "human",
  ownerName: "Manager Mo",
  ownerEmail: "mo@example.com",
  ownerActive: true,
  status: "active",
  privileged: false,
  interactiveAccess: true,
  createdAt: "2025-01-01T00:00:00.000Z",
  lastUsedAt: "2026-10-01T00:00:00.000Z",
  lastRotatedAt: null,
  expiresAt: null,
  tier: null,
  purpose: null,
  rotationPeriodDays: null,
  credentials: [],
  ...over,
});

async function team() {
  const tm = await createTeamWithPolicies(t.db);
  return tm;
}

function run(orgId: string, parsed: ParseResult, format: "gitleaks" | "scim-users" = "gitleaks", now = new Date()) {
  return withTenant(t.db, orgId, null, (tx) => applyIntake(tx, { orgId, format, actor: { type: "system", id: null }, requestId: "test", now }, parsed));
}

describe("findings", () => {
  it("creates one item per finding, and nothing on a re-import of the same file", async () => {
    const tm = await team();
    const file: ParseResult = { records: [finding(1), finding(2), finding(2)], errors: [{ record: 4, field: "Fingerprint", reason: "missing" }] };
    expect(await run(tm.org.id, file)).toEqual({ created: 2, updated: 0, reopened: 0, unchanged: 1, rejected: [{ record: 4, field: "Fingerprint", error: "Fingerprint: missing" }] });
    expect(await run(tm.org.id, file)).toMatchObject({ created: 0, reopened: 0, unchanged: 3 });
    const items = await t.db.select().from(workItems).where(eq(workItems.organisationId, tm.org.id));
    expect(items).toHaveLength(2);
    expect(new Set(items.map((i) => i.number)).size).toBe(2);
    for (const i of items) {
      expect(i).toMatchObject({ type: "finding_remediation", stage: "intake", version: 1 });
      expect(i.sla?.clocks.map((c) => c.clock)).toContain("response");
      expect(i.nextCheckAt).not.toBeNull();
      expect(i.identityId).not.toBeNull();
    }
    const [f] = await t.db.select().from(intakeFindings).where(eq(intakeFindings.workItemId, items[0]!.id));
    expect(f).toMatchObject({ timesSeen: 2, secretRedacted: "AKIA…7QX2" });
    // One creation event per item, chained.
    const created = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, tm.org.id), eq(auditEvents.action, "work_item.create")));
    expect(created).toHaveLength(2);
    expect((await verifyAuditChains(t.db)).every((c) => c.ok)).toBe(true);
  });

  it("reopens exactly the remediated item whose finding comes back, as regressed, with a new cycle", async () => {
    const tm = await team();
    await run(tm.org.id, { records: [finding(1), finding(2)], errors: [] });
    const [one] = await t.db.select().from(workItems).where(and(eq(workItems.organisationId, tm.org.id), eq(workItems.title, finding(1).title)));
    await t.db.update(workItems).set({ stage: "closed", resolution: "remediated", closedAt: new Date() }).where(eq(workItems.id, one!.id));
    const out = await run(tm.org.id, { records: [finding(1), finding(2)], errors: [] });
    expect(out).toMatchObject({ created: 0, reopened: 1, unchanged: 1 });
    const [again] = await t.db.select().from(workItems).where(eq(workItems.id, one!.id));
    expect(again).toMatchObject({ stage: "prioritisation", resolution: null, regressed: true, cycle: 2, closedAt: null, version: 2 });
    expect(await run(tm.org.id, { records: [finding(1)], errors: [] })).toMatchObject({ reopened: 0, unchanged: 1 });
  });

  it("keeps findings apart between organisations", async () => {
    const a = await team();
    const b = await team();
    await run(a.org.id, { records: [finding(7)], errors: [] });
    expect(await run(b.org.id, { records: [finding(7)], errors: [] })).toMatchObject({ created: 1 });
  });
});

describe("identities", () => {
  it("creates, updates what changed and leaves the rest", async () => {
    const tm = await team();
    expect(await run(tm.org.id, { records: [person("u1"), person("u2")], errors: [] }, "scim-users")).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const out = await run(tm.org.id, { records: [person("u1", { status: "disabled" }), person("u2")], errors: [] }, "scim-users");
    expect(out).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const [u1] = await t.db.select().from(identities).where(and(eq(identities.organisationId, tm.org.id), eq(identities.externalId, "u1")));
    expect(u1).toMatchObject({ status: "disabled", kind: "human", source: "scim-users", ownerName: "Manager Mo" });
  });

  it("stores the tier, purpose and rotation period a source gives, and keeps them when a source says nothing", async () => {
    const tm = await team();
    const given = { tier: "T1" as const, purpose: "Deploys the storefront", rotationPeriodDays: 90 };
    expect(await run(tm.org.id, { records: [person("k1", given)], errors: [] }, "scim-users")).toMatchObject({ created: 1 });
    const read = async () => (await t.db.select().from(identities).where(and(eq(identities.organisationId, tm.org.id), eq(identities.externalId, "k1"))))[0]!;
    expect(await read()).toMatchObject(given);
    // A later file without them (a SCIM export never has them) changes nothing.
    expect(await run(tm.org.id, { records: [person("k1")], errors: [] }, "scim-users")).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await read()).toMatchObject(given);
    // A file that says otherwise is the truth for them.
    expect(await run(tm.org.id, { records: [person("k1", { ...given, tier: "T2", rotationPeriodDays: 30 })], errors: [] }, "scim-users")).toMatchObject({ updated: 1 });
    expect(await read()).toMatchObject({ tier: "T2", purpose: "Deploys the storefront", rotationPeriodDays: 30 });
  });
});
