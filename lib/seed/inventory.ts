// Demo inventory work, made through the real mutations at past instants: owners who review their own
// privileged identities, the consumers of the credentials that matter (the dependency map), a rotation item half
// way through its consumer checklist, and a quarterly recertification of privileged access nine days into its
// first run, partly reviewed (certified in bulk, one revoked, its revocation item with the provider).
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/client";
import { withTenant } from "../db/tenant";
import { accessReviews, identities, identityConsumers, organisations, users } from "../db/schema";
import { performMutation, type MutationDef } from "../actions/mutation";
import { addConsumer, confirmConsumer } from "../actions/inventory";
import { createCampaign, decideReviews } from "../actions/campaigns";
import { createWorkItem, moveWorkItem } from "../actions/work-items";
import type { ConsumerKind } from "../domain/vocabulary";
import { must, principals } from "./act";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const LEAD = "lead@provider.demo";
const ANALYST = "analyst@provider.demo";
const OWNER = "owner@acme.demo";
const OWNER2 = "owner2@acme.demo";

/** Who uses what, by the demo identity's name (lib/seed/catalogue.ts). */
const CONSUMERS: Record<string, [ConsumerKind, string, string | null][]> = {
  "sk_live_…9fA1 (billing)": [
    ["workload", "billing-service (EKS prod)", "Deployment billing/api, env STRIPE_API_KEY"],
    ["pipeline", "checkout-deploy (GitHub Actions)", "Smoke test step charges a test card"],
    ["system", "Finance reconciliation (Airflow)", "DAG stripe_payouts_daily"],
  ],
  "kv/prod/orders-db/password": [
    ["workload", "orders-api (EKS prod)", "Vault agent sidecar"],
    ["workload", "orders-reporting ETL", "Nightly export to Snowflake"],
    ["pipeline", "db-migrations (Argo CD)", "Pre-sync hook"],
  ],
  "ghp_…K2d9 (release-bot PAT)": [
    ["pipeline", "release.yml (platform/sdk)", null],
    ["repository", "platform/sdk", ".github/workflows/release.yml"],
  ],
  "AKIA…7Q2X (terraform-state)": [
    ["pipeline", "infra-live plan/apply (Atlantis)", "Workspace prod"],
    ["system", "Terraform Cloud workspace prod", null],
  ],
  "SG.…tR8w (transactional mail)": [["workload", "notifications-service", "Kubernetes secret notifications/sendgrid"]],
};

/** The privileged identities the acme owners answer for themselves (the rest go to the fallback reviewer). */
const OWNED_BY: Record<string, string> = {
  "break-glass-admin": OWNER,
  "payments-gateway mTLS client": OWNER,
  "saml-signing-2024": OWNER,
  "kv/prod/orders-db/password": OWNER2,
  "ghp_…K2d9 (release-bot PAT)": OWNER2,
};

export async function seedDemoInventory(db: Db, now: Date): Promise<void> {
  const people = await principals(db);
  const [org] = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(eq(organisations.slug, "acme"));
  if (!org) return;
  const act = <S extends z.ZodType, T>(who: string, def: MutationDef<S, T>, input: unknown, at: number, what: string) =>
    must(performMutation(db, people.get(who)!, org.slug, def, input, `seed:${org.slug}`, new Date(now.getTime() + at)), `${what} by ${who}`);
  const byName = new Map(
    (await withTenant(db, org.id, null, (tx) => tx.select({ id: identities.id, name: identities.name }).from(identities).where(and(eq(identities.organisationId, org.id), isNull(identities.parentId))))).map((i) => [i.name, i.id]),
  );

  // Owners named on the identities they answer for, with their names as the console knows them.
  const names = new Map((await db.select({ email: users.email, name: users.name }).from(users).where(inArray(users.email, [OWNER, OWNER2]))).map((u) => [u.email, u.name]));
  await withTenant(db, org.id, null, async (tx) => {
    for (const [name, email] of Object.entries(OWNED_BY)) {
      await tx.update(identities).set({ ownerName: names.get(email)!, ownerEmail: email, ownerActive: true }).where(and(eq(identities.organisationId, org.id), eq(identities.name, name)));
    }
  });

  for (const [name, consumers] of Object.entries(CONSUMERS)) {
    const identityId = byName.get(name);
    if (!identityId) continue;
    for (const [i, [kind, consumer, detail]] of consumers.entries()) {
      await act(i % 2 ? LEAD : ANALYST, addConsumer, { identityId, kind, name: consumer, detail }, -60 * DAY + i * HOUR, "consumer");
    }
  }

  // A rotation in implementation, one of its three consumers confirmed.
  const billing = byName.get("sk_live_…9fA1 (billing)");
  if (billing) {
    const item = await act(ANALYST, createWorkItem, { type: "secret_rotation", title: "Rotate the Stripe live key (billing) after the contractor offboarding", description: "The key was readable by the offboarded contractor's CI role. Rotate it and move every consumer to the new key.", severity: "high", identityId: billing }, -5 * DAY, "rotation item");
    let version = 1;
    for (const [to, at] of [["prioritisation", -5 * DAY + HOUR], ["validation", -4 * DAY], ["implementation", -3 * DAY]] as const) {
      version = (await act(ANALYST, moveWorkItem, { id: item.id, to, version }, at, `move to ${to}`)).version;
    }
    const [first] = await withTenant(db, org.id, null, (tx) =>
      tx.select({ id: identityConsumers.id }).from(identityConsumers).where(and(eq(identityConsumers.organisationId, org.id), eq(identityConsumers.identityId, billing))).orderBy(asc(identityConsumers.createdAt)).limit(1),
    );
    if (first) {
      await act(ANALYST, confirmConsumer, { id: item.id, consumerId: first.id, outcome: "updated", summary: "New restricted key deployed; the old key shows no calls from billing-service since 14:20 UTC.", url: "https://dashboard.stripe.com/logs" }, -2 * DAY, "confirm consumer");
    }
  }

  // A quarterly recertification of privileged access, nine days into its first run.
  const campaign = await act(
    LEAD,
    createCampaign,
    {
      name: "Quarterly privileged access recertification",
      description: "Every privileged identity is certified by its owner (or the programme owner) each quarter; what is not certified by the deadline is revoked.",
      scope: { kinds: [], tiers: [], privileged: true, system: "" },
      fallbackReviewerId: (await db.select({ id: users.id }).from(users).where(eq(users.email, OWNER)))[0]!.id,
      defaultAction: "revoke",
      reviewDays: 14,
      closeDays: 21,
      reminderDays: [7, 2],
      recurrence: "quarterly",
    },
    -9 * DAY,
    "campaign",
  );
  const reviews = await withTenant(db, org.id, null, (tx) =>
    tx
      .select({ id: accessReviews.id, reviewer: users.email, name: identities.name })
      .from(accessReviews)
      .innerJoin(users, eq(users.id, accessReviews.reviewerId))
      .innerJoin(identities, and(eq(identities.organisationId, accessReviews.organisationId), eq(identities.id, accessReviews.identityId)))
      .where(and(eq(accessReviews.organisationId, org.id), sql`${accessReviews.runId} = (select id from access_campaign_runs where campaign_id = ${campaign.id} and number = 1)`))
      .orderBy(asc(identities.name)),
  );
  const mine = reviews.filter((r) => r.reviewer === OWNER);
  const revoke = mine.find((r) => r.name.startsWith("elena.")) ?? mine.at(-1);
  const certify = mine.filter((r) => r !== revoke).slice(0, Math.ceil(mine.length / 2));
  if (certify.length) await act(OWNER, decideReviews, { reviewIds: certify.map((r) => r.id), decision: "certify", justification: "Still needed for the role; checked against the on-call and platform rotas." }, -6 * DAY, "certify in bulk");
  if (revoke) await act(OWNER, decideReviews, { reviewIds: [revoke.id], decision: "revoke", justification: "Moved to the data team in October; production admin access is no longer needed." }, -5 * DAY, "revoke");
  const omar = reviews.filter((r) => r.reviewer === OWNER2).slice(0, 1);
  if (omar.length) await act(OWNER2, decideReviews, { reviewIds: omar.map((r) => r.id), decision: "certify", justification: "Release automation still publishes the SDKs; token scoped to the sdk repository." }, -4 * DAY, "certify");
}
