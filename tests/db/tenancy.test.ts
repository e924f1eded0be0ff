// Tenant isolation in the database (SPEC §11): RLS enabled and forced, a runtime role that cannot bypass it,
// nothing visible without a scope, and no writes into another organisation.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessCampaignRuns,
  accessCampaigns,
  accessReviews,
  apiTokens,
  consumerConfirmations,
  identityConsumers,
  deliveries,
  escalations,
  evidenceFiles, intakeFindings, intakeRequests, identities, memberships, notifications, organisations, riskAcceptanceDecisions, workItems } from "@/lib/db/schema";
import { RUNTIME_ROLE, withScope, withTenant } from "@/lib/db/tenant";
import { hashToken } from "@/lib/auth/api-tokens";
import { openTestDb, type TestDb } from "../helpers/db";
import { expectDbError } from "../helpers/errors";
import { createAcceptance, createAuditEvents, createEvidence, createIdentity, createOrg, createPolicyVersion, createToken, createUser, createWorkItem } from "../helpers/factories";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});

/** Every table that holds tenant data: those with an organisation_id column, plus organisations itself. */
async function tenantTables(): Promise<string[]> {
  const { rows } = await t.db.execute<{ table_name: string }>(sql`
    select distinct table_name from information_schema.columns
    where table_schema = 'public' and (column_name = 'organisation_id' or table_name = 'organisations')
    order by table_name`);
  return rows.map((r) => r.table_name);
}

describe(`tenant isolation`, () => {
  it("finds the tenant tables this suite must cover", async () => {
    expect(await tenantTables()).toEqual(expect.arrayContaining(["api_tokens", "audit_events", "deliveries", "escalations", "evidence", "evidence_files", "identities", "intake_findings", "intake_requests", "memberships", "notifications", "organisations", "policy_versions", "risk_acceptance_decisions", "risk_acceptances", "work_item_backlog", "work_item_days", "work_items"]));
  });

  it("has row-level security enabled and forced on every tenant table", async () => {
    const tables = await tenantTables();
    const { rows } = await t.db.execute<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(sql`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`);
    for (const table of tables) {
      const row = rows.find((r) => r.relname === table);
      expect(row, table).toBeDefined();
      expect({ table, enabled: row!.relrowsecurity, forced: row!.relforcerowsecurity }).toEqual({ table, enabled: true, forced: true });
    }
  });

  it("runs queries as a role that is neither superuser nor BYPASSRLS", async () => {
    const r = await withScope(t.db, { orgIds: [] }, (tx) =>
      tx.execute<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
        sql`select current_user, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(r.rows[0]).toEqual({ current_user: RUNTIME_ROLE, rolsuper: false, rolbypassrls: false });
  });

  it("shows no rows of any tenant table without a scope", async () => {
    const org = await createOrg(t.db);
    const user = await createUser(t.db, { memberships: [[org.id, "analyst"]] });
    const identity = await createIdentity(t.db, org.id);
    const item = await createWorkItem(t.db, org.id, { identityId: identity.id });
    const ev = await createEvidence(t.db, org.id, item.id);
    await t.db.insert(evidenceFiles).values({ organisationId: org.id, evidenceId: ev.id, content: Buffer.from("%PDF-1.7 proof") });
    const acceptance = await createAcceptance(t.db, org.id, item.id, { accountableOwnerId: user.id });
    await t.db.insert(riskAcceptanceDecisions).values({ organisationId: org.id, acceptanceId: acceptance.id, round: 1, deciderId: user.id, decision: "approve", comment: "Fine.", decidedAt: new Date() });
    await createToken(t.db, org.id, ["items:read"]);
    await t.db.insert(intakeFindings).values({ organisationId: org.id, fingerprint: "f1", format: "gitleaks", rule: "aws-access-token", workItemId: item.id, location: {}, firstSeenAt: new Date(), lastSeenAt: new Date() });
    await t.db.insert(intakeRequests).values({ organisationId: org.id, idempotencyKey: "k1", format: "gitleaks", bodySha256: "0".repeat(64) });
    const [esc] = await t.db.insert(escalations).values({ organisationId: org.id, workItemId: item.id, ruleId: "breach", clock: "resolution", cycle: 1, notify: ["lead"], policyVersion: 1 }).returning();
    const [note] = await t.db.insert(notifications).values({ organisationId: org.id, userId: user.id, workItemId: item.id, escalationId: esc!.id, subject: "Breached", body: "…" }).returning();
    await t.db.insert(deliveries).values({ organisationId: org.id, channel: "email", recipient: "a@example.test", subject: "Breached", body: "…", payload: {}, notificationId: note!.id });
    await createPolicyVersion(t.db, org.id, "escalation", { rules: [] });
    await createAuditEvents(t.db, org.id, 2);
    const [consumer] = await t.db.insert(identityConsumers).values({ organisationId: org.id, identityId: identity.id, kind: "pipeline", name: "deploy" }).returning();
    await t.db.insert(consumerConfirmations).values({ organisationId: org.id, workItemId: item.id, consumerId: consumer!.id, cycle: 1, outcome: "updated", evidenceId: ev.id, confirmedAt: new Date() });
    const [campaign] = await t.db
      .insert(accessCampaigns)
      .values({ organisationId: org.id, name: "Quarterly", scope: { kinds: [], tiers: [], privileged: true, system: "" }, fallbackReviewerId: user.id, defaultAction: "revoke", reviewDays: 14, closeDays: 21, reminderDays: [7] })
      .returning();
    const [run] = await t.db.insert(accessCampaignRuns).values({ organisationId: org.id, campaignId: campaign!.id, number: 1, openedAt: new Date(), dueAt: new Date(), deadlineAt: new Date() }).returning();
    await t.db.insert(accessReviews).values({ organisationId: org.id, runId: run!.id, identityId: identity.id, workItemId: item.id, reviewerId: user.id });
    for (const table of await tenantTables()) {
      const owner = await t.db.execute<{ n: string }>(sql`select count(*) as n from ${sql.identifier(table)}`);
      expect(Number(owner.rows[0]!.n), `${table} has data`).toBeGreaterThan(0);
      const scoped = await withScope(t.db, { orgIds: [] }, (tx) => tx.execute<{ n: string }>(sql`select count(*) as n from ${sql.identifier(table)}`));
      expect({ table, n: Number(scoped.rows[0]!.n) }).toEqual({ table, n: 0 });
    }
    void user;
  });

  it("shows only the scoped organisation's rows", async () => {
    const a = await createOrg(t.db, "A");
    const b = await createOrg(t.db, "B");
    const itemA = await createWorkItem(t.db, a.id);
    await createWorkItem(t.db, b.id);
    const seen = await withTenant(t.db, a.id, null, (tx) => tx.select({ id: workItems.id, org: workItems.organisationId }).from(workItems));
    expect(seen).toEqual([{ id: itemA.id, org: a.id }]);
    const orgs = await withTenant(t.db, a.id, null, (tx) => tx.select({ id: organisations.id }).from(organisations));
    expect(orgs).toEqual([{ id: a.id }]);
  });

  it("refuses an insert for another organisation", async () => {
    const a = await createOrg(t.db, "A");
    const b = await createOrg(t.db, "B");
    await expectDbError(
      withTenant(t.db, a.id, null, (tx) => tx.insert(workItems).values({ organisationId: b.id, number: 1, type: "revocation", title: "smuggled" })),
      /row-level security/,
    );
    await expectDbError(
      withTenant(t.db, a.id, null, (tx) => tx.insert(identities).values({ organisationId: b.id, kind: "secret", name: "x", system: "y", externalId: "z" })),
      /row-level security/,
    );
    const { rows } = await t.db.execute<{ n: string }>(sql`select count(*) as n from work_items where organisation_id = ${b.id}`);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("cannot update or delete another organisation's rows, nor move a row into it", async () => {
    const a = await createOrg(t.db, "A");
    const b = await createOrg(t.db, "B");
    const itemA = await createWorkItem(t.db, a.id, { title: "mine" });
    const itemB = await createWorkItem(t.db, b.id, { title: "theirs" });
    const updated = await withTenant(t.db, a.id, null, (tx) =>
      tx.update(workItems).set({ title: "hijacked" }).where(sql`${workItems.id} = ${itemB.id}`).returning(),
    );
    expect(updated).toEqual([]);
    const deleted = await withTenant(t.db, a.id, null, (tx) => tx.delete(workItems).where(sql`${workItems.id} = ${itemB.id}`).returning());
    expect(deleted).toEqual([]);
    await expectDbError(
      withTenant(t.db, a.id, null, (tx) => tx.update(workItems).set({ organisationId: b.id }).where(sql`${workItems.id} = ${itemA.id}`)),
      /row-level security/,
    );
    const { rows } = await t.db.execute<{ title: string }>(sql`select title from work_items where id = ${itemB.id}`);
    expect(rows[0]!.title).toBe("theirs");
  });

  it("lets a user read their own memberships across organisations, and no one else's", async () => {
    const a = await createOrg(t.db, "A");
    const b = await createOrg(t.db, "B");
    const me = await createUser(t.db, { memberships: [[a.id, "lead"], [b.id, "executive"]] });
    await createUser(t.db, { memberships: [[a.id, "analyst"]] });
    const mine = await withScope(t.db, { orgIds: [], userId: me.id }, (tx) =>
      tx.select({ org: memberships.organisationId, role: memberships.role }).from(memberships),
    );
    expect(mine.sort((x, y) => x.role.localeCompare(y.role))).toEqual([
      { org: b.id, role: "executive" },
      { org: a.id, role: "lead" },
    ]);
  });

  it("lets a presented token's hash read that token and its organisation, and nothing else", async () => {
    const a = await createOrg(t.db, "A");
    const b = await createOrg(t.db, "B");
    const mine = await createToken(t.db, a.id, ["items:read"]);
    await createToken(t.db, a.id, ["items:read"]);
    await createToken(t.db, b.id, ["items:read"]);
    await createWorkItem(t.db, a.id);
    const seen = await withScope(t.db, { orgIds: [], tokenHash: hashToken(mine.secret) }, async (tx) => ({
      tokens: await tx.select({ id: apiTokens.id }).from(apiTokens),
      orgs: await tx.select({ id: organisations.id }).from(organisations),
      items: await tx.select({ id: workItems.id }).from(workItems),
    }));
    expect(seen).toEqual({ tokens: [{ id: mine.token.id }], orgs: [{ id: a.id }], items: [] });
    // A hash that is no token's shows nothing at all.
    const none = await withScope(t.db, { orgIds: [], tokenHash: "0".repeat(64) }, async (tx) => [
      ...(await tx.select({ id: apiTokens.id }).from(apiTokens)),
      ...(await tx.select({ id: organisations.id }).from(organisations)),
    ]);
    expect(none).toEqual([]);
  });

  it("rolls a failed transaction back and hands its connection on clean", async () => {
    const a = await createOrg(t.db);
    await expect(
      withTenant(t.db, a.id, null, async (tx) => {
        await tx.insert(workItems).values({ organisationId: a.id, number: 1, type: "secret_rotation", title: "Written, then rolled back" });
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow(/Failed query: select 1 \/ 0/);
    const items = await withTenant(t.db, a.id, null, (tx) => tx.select({ id: workItems.id }).from(workItems));
    expect(items).toEqual([]);
    // Every pooled connection is out of the transaction and back to the owner role.
    const states = await Promise.all(
      Array.from({ length: 6 }, () => t.db.execute<{ role: string; scope: string | null }>(sql`select current_user as role, nullif(current_setting('app.org_ids', true), '') as scope`)),
    );
    for (const r of states) expect(r.rows[0]).toEqual({ role: expect.not.stringMatching(RUNTIME_ROLE), scope: null });
  });

  it("clears the scope when the transaction ends", async () => {
    const a = await createOrg(t.db);
    await createWorkItem(t.db, a.id);
    await withTenant(t.db, a.id, null, async () => {});
    const after = await t.db.execute<{ role: string; scope: string | null }>(
      sql`select current_user as role, nullif(current_setting('app.org_ids', true), '') as scope`,
    );
    expect(after.rows[0]!.role).not.toBe(RUNTIME_ROLE);
    expect(after.rows[0]!.scope).toBeNull();
  });
});

describe("portfolio scope", () => {
  it("sees exactly the organisations in a multi-organisation scope", async () => {
    const a = await createOrg(t.db, "A");
    const b = await createOrg(t.db, "B");
    const c = await createOrg(t.db, "C");
    for (const o of [a, b, c]) await createWorkItem(t.db, o.id);
    const seen = await withScope(t.db, { orgIds: [a.id, b.id] }, (tx) =>
      tx.selectDistinct({ org: workItems.organisationId }).from(workItems),
    );
    expect(seen.map((r) => r.org).sort()).toEqual([a.id, b.id].sort());
  });
});
