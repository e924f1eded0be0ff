// Test data factories. They write as the migration owner (outside any tenant scope), like the seed does,
// and give every test its own organisation and users so tests never depend on one another.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { evidence, identities, memberships, organisations, policyVersions, riskAcceptanceDecisions, riskAcceptances, users, workItems } from "@/lib/db/schema";
import { createApiToken } from "@/lib/auth/api-tokens";
import { recordAudit } from "@/lib/audit/record";
import type { PolicyKind } from "@/lib/domain/policy-text";
import type { ApiScope, Role } from "@/lib/domain/vocabulary";

const uid = () => crypto.randomBytes(4).toString("hex");
// A cheap argon2id hash of "correct horse battery staple" (m=19456,t=2,p=1), so factories need not hash.
export const TEST_PASSWORD = "correct horse battery staple";
let testHash: string | null = null;

export async function passwordHash(): Promise<string> {
  if (!testHash) {
    const { hashPassword } = await import("@/lib/auth/password");
    testHash = await hashPassword(TEST_PASSWORD);
  }
  return testHash;
}

export async function createOrg(db: Db, name = "Org") {
  const slug = `t-${uid()}`;
  const [org] = await db.insert(organisations).values({ slug, name: `${name} ${slug}` }).returning();
  return org!;
}

/** Provider staff unless told otherwise when any membership is a provider role (analyst, lead, admin). */
export async function createUser(db: Db, opts: { memberships?: [orgId: string, role: Role][]; disabled?: boolean; provider?: boolean } = {}) {
  const provider = opts.provider ?? (opts.memberships ?? []).some(([, r]) => r === "analyst" || r === "lead" || r === "admin");
  const [user] = await db
    .insert(users)
    .values({ email: `u-${uid()}@test.example`, name: `User ${uid()}`, passwordHash: await passwordHash(), disabledAt: opts.disabled ? new Date() : null, isProviderStaff: provider })
    .returning();
  for (const [organisationId, role] of opts.memberships ?? []) {
    await db.insert(memberships).values({ organisationId, userId: user!.id, role });
  }
  return user!;
}

export async function createIdentity(db: Db, orgId: string, overrides: Partial<typeof identities.$inferInsert> = {}) {
  const [row] = await db
    .insert(identities)
    .values({ organisationId: orgId, kind: "service_account", name: `svc-${uid()}`, system: "AWS IAM", externalId: uid(), ...overrides })
    .returning();
  return row!;
}

export async function createWorkItem(db: Db, orgId: string, overrides: Partial<typeof workItems.$inferInsert> = {}) {
  const [row] = await db
    .insert(workItems)
    .values({ organisationId: orgId, number: Math.floor(Math.random() * 1e9), type: "secret_rotation", title: `Item ${uid()}`, ...overrides })
    .returning();
  return row!;
}

export async function createAuditEvents(db: Db, orgId: string, n: number) {
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(tx, { organisationId: orgId, actor: { type: "system", id: null }, action: "test.event", entityType: "test", entityId: String(i), after: { i } });
    }
  });
}

export async function createEvidence(db: Db, orgId: string, workItemId: string, createdById: string | null = null) {
  const [row] = await db
    .insert(evidence)
    .values({ organisationId: orgId, workItemId, kind: "note", summary: "Rotated and verified", createdById })
    .returning();
  return row!;
}

/** An API token for `orgId`; returns the secret to send as a bearer token. */
export async function createToken(db: Db, orgId: string, scopes: ApiScope[], opts: { days?: number; now?: Date } = {}) {
  return db.transaction((tx) => createApiToken(tx, { orgId, name: `test-${uid()}`, scopes, days: opts.days ?? 30, createdById: null, now: opts.now }));
}

export async function createPolicyVersion(db: Db, orgId: string, kind: PolicyKind, document: unknown, status: "draft" | "active" | "retired" = "active", version = 1) {
  const [row] = await db.insert(policyVersions).values({ organisationId: orgId, kind, version, document, status }).returning();
  return row!;
}

/**
 * A risk acceptance of `itemId`, written directly (no request/decide rules): unless told otherwise pending,
 * requested 10 days ago, expiring 40 days after the request, one approval required.
 */
export async function createAcceptance(db: Db, orgId: string, itemId: string, over: Partial<typeof riskAcceptances.$inferInsert> & { accountableOwnerId: string }) {
  const requestedAt = over.requestedAt ?? new Date(Date.now() - 10 * 86_400_000);
  const expiresAt = over.expiresAt ?? new Date(requestedAt.getTime() + 40 * 86_400_000);
  const [row] = await db
    .insert(riskAcceptances)
    .values({
      organisationId: orgId,
      workItemId: itemId,
      itemCycle: 1,
      justification: "Legacy system; replacement scheduled",
      treatment: "accept",
      compensatingControls: "Monitored daily",
      requestedAt,
      originalExpiresAt: over.originalExpiresAt ?? expiresAt,
      expiresAt,
      approvalsRequired: 1,
      roundRequestedAt: over.roundRequestedAt ?? requestedAt,
      ...over,
    })
    .returning();
  return row!;
}

/** One owner's decision on a round of an acceptance. */
export async function createDecision(db: Db, orgId: string, acceptanceId: string, over: Partial<typeof riskAcceptanceDecisions.$inferInsert> & { deciderId: string }) {
  const [row] = await db
    .insert(riskAcceptanceDecisions)
    .values({ organisationId: orgId, acceptanceId, round: 1, decision: "approve", comment: "Agreed", decidedAt: new Date(), ...over })
    .returning();
  return row!;
}
