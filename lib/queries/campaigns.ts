// Access-review campaign reads (SPEC §8) for the console: the list with each campaign's latest run, one
// campaign with its runs, and a run's reviews, keyset-paginated. Every count is an aggregate in the database.
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { accessCampaignRuns, accessCampaigns, accessReviews, identities, memberships, users, workItems } from "../db/schema";
import { decodeCursor, encodeCursor } from "./cursor";

const reviewItem = alias(workItems, "review_item");
const revocation = alias(workItems, "revocation_item");
const reviewer = alias(users, "reviewer");
const decider = alias(users, "decider");
const fallback = alias(users, "fallback");
const creator = alias(users, "creator");

const n = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
const countWhere = (cond: SQL) => n(sql`count(*) filter (where ${cond})`);
const verified = sql`${revocation.stage} = 'closed' and ${revocation.resolution} = 'remediated'`;

/** Per-run tallies: completion, decisions by kind, the closed loop, and the viewer's own share. */
function runTallies(me: string) {
  const mine = sql`${accessReviews.reviewerId} = ${me}`;
  return {
    runId: accessReviews.runId,
    reviews: n(sql`count(*)`),
    decided: n(sql`count(${accessReviews.decision})`),
    certified: countWhere(sql`${accessReviews.decision} = 'certify' and not ${accessReviews.defaulted}`),
    revoked: countWhere(sql`${accessReviews.decision} = 'revoke' and not ${accessReviews.defaulted}`),
    defaultedKept: countWhere(sql`${accessReviews.decision} = 'certify' and ${accessReviews.defaulted}`),
    defaultedRevoked: countWhere(sql`${accessReviews.decision} = 'revoke' and ${accessReviews.defaulted}`),
    revocations: n(sql`count(${accessReviews.revocationItemId})`),
    revocationsVerified: countWhere(verified),
    mine: countWhere(mine),
    mineUndecided: countWhere(sql`${mine} and ${accessReviews.decision} is null`),
  };
}

export type RunTally = Omit<Awaited<ReturnType<typeof tallyRuns>>[number], "runId">;
const EMPTY_TALLY: RunTally = { reviews: 0, decided: 0, certified: 0, revoked: 0, defaultedKept: 0, defaultedRevoked: 0, revocations: 0, revocationsVerified: 0, mine: 0, mineUndecided: 0 };

async function tallyRuns(tx: Tx, orgId: string, runIds: string[], me: string) {
  if (runIds.length === 0) return [];
  return tx
    .select(runTallies(me))
    .from(accessReviews)
    .leftJoin(revocation, and(eq(revocation.organisationId, accessReviews.organisationId), eq(revocation.id, accessReviews.revocationItemId)))
    .where(and(eq(accessReviews.organisationId, orgId), inArray(accessReviews.runId, runIds)))
    .groupBy(accessReviews.runId);
}

const runColumns = {
  id: accessCampaignRuns.id,
  campaignId: accessCampaignRuns.campaignId,
  number: accessCampaignRuns.number,
  openedAt: accessCampaignRuns.openedAt,
  dueAt: accessCampaignRuns.dueAt,
  deadlineAt: accessCampaignRuns.deadlineAt,
  nextReminderAt: accessCampaignRuns.nextReminderAt,
  closedAt: accessCampaignRuns.closedAt,
};
export type RunRow = { [K in keyof typeof runColumns]: (typeof accessCampaignRuns.$inferSelect)[K] };

/** The organisation's campaigns, newest first, each with its latest run and that run's tallies. */
export async function listCampaigns(tx: Tx, p: { orgId: string; me: string; limit?: number }) {
  const campaigns = await tx
    .select({
      id: accessCampaigns.id,
      name: accessCampaigns.name,
      description: accessCampaigns.description,
      scope: accessCampaigns.scope,
      defaultAction: accessCampaigns.defaultAction,
      everyMonths: accessCampaigns.everyMonths,
      nextRunAt: accessCampaigns.nextRunAt,
      createdAt: accessCampaigns.createdAt,
      endedAt: accessCampaigns.endedAt,
      fallbackReviewer: fallback.name,
    })
    .from(accessCampaigns)
    .innerJoin(fallback, eq(fallback.id, accessCampaigns.fallbackReviewerId))
    .where(eq(accessCampaigns.organisationId, p.orgId))
    .orderBy(desc(accessCampaigns.createdAt), desc(accessCampaigns.id))
    .limit(p.limit ?? 200);
  if (campaigns.length === 0) return [];
  const latest = await tx
    .selectDistinctOn([accessCampaignRuns.campaignId], runColumns)
    .from(accessCampaignRuns)
    .where(and(eq(accessCampaignRuns.organisationId, p.orgId), inArray(accessCampaignRuns.campaignId, campaigns.map((c) => c.id))))
    .orderBy(accessCampaignRuns.campaignId, desc(accessCampaignRuns.number));
  const tallies = new Map((await tallyRuns(tx, p.orgId, latest.map((r) => r.id), p.me)).map(({ runId, ...t }) => [runId, t]));
  const runOf = new Map(latest.map((r) => [r.campaignId, r]));
  return campaigns.map((c) => {
    const run = runOf.get(c.id) ?? null;
    return { ...c, run, tally: run ? (tallies.get(run.id) ?? EMPTY_TALLY) : EMPTY_TALLY };
  });
}
export type CampaignListRow = Awaited<ReturnType<typeof listCampaigns>>[number];

/** Undecided reviews assigned to `me` in open runs, per campaign (the reviewer's to-do list). */
export function waitingForReviewer(tx: Tx, orgId: string, me: string) {
  return tx
    .select({
      campaignId: accessCampaigns.id,
      name: accessCampaigns.name,
      runNumber: accessCampaignRuns.number,
      dueAt: accessCampaignRuns.dueAt,
      deadlineAt: accessCampaignRuns.deadlineAt,
      undecided: n(sql`count(*)`),
    })
    .from(accessReviews)
    .innerJoin(accessCampaignRuns, and(eq(accessCampaignRuns.organisationId, accessReviews.organisationId), eq(accessCampaignRuns.id, accessReviews.runId)))
    .innerJoin(accessCampaigns, and(eq(accessCampaigns.organisationId, accessCampaignRuns.organisationId), eq(accessCampaigns.id, accessCampaignRuns.campaignId)))
    .where(and(eq(accessReviews.organisationId, orgId), eq(accessReviews.reviewerId, me), isNull(accessReviews.decision), isNull(accessCampaignRuns.closedAt)))
    .groupBy(accessCampaigns.id, accessCampaigns.name, accessCampaignRuns.number, accessCampaignRuns.dueAt, accessCampaignRuns.deadlineAt)
    .orderBy(asc(accessCampaignRuns.dueAt));
}

/** One campaign with the names behind it, and every run (newest first) with its tallies; null if not here. */
export async function getCampaign(tx: Tx, p: { orgId: string; id: string; me: string }) {
  const [campaign] = await tx
    .select({
      id: accessCampaigns.id,
      name: accessCampaigns.name,
      description: accessCampaigns.description,
      scope: accessCampaigns.scope,
      defaultAction: accessCampaigns.defaultAction,
      reviewDays: accessCampaigns.reviewDays,
      closeDays: accessCampaigns.closeDays,
      reminderDays: accessCampaigns.reminderDays,
      everyMonths: accessCampaigns.everyMonths,
      nextRunAt: accessCampaigns.nextRunAt,
      createdAt: accessCampaigns.createdAt,
      endedAt: accessCampaigns.endedAt,
      fallbackReviewerId: accessCampaigns.fallbackReviewerId,
      fallbackReviewer: fallback.name,
      createdBy: creator.name,
    })
    .from(accessCampaigns)
    .innerJoin(fallback, eq(fallback.id, accessCampaigns.fallbackReviewerId))
    .leftJoin(creator, eq(creator.id, accessCampaigns.createdById))
    .where(and(eq(accessCampaigns.organisationId, p.orgId), eq(accessCampaigns.id, p.id)));
  if (!campaign) return null;
  const runs = await tx
    .select(runColumns)
    .from(accessCampaignRuns)
    .where(and(eq(accessCampaignRuns.organisationId, p.orgId), eq(accessCampaignRuns.campaignId, p.id)))
    .orderBy(desc(accessCampaignRuns.number));
  const tallies = new Map((await tallyRuns(tx, p.orgId, runs.map((r) => r.id), p.me)).map(({ runId, ...t }) => [runId, t]));
  return { campaign, runs: runs.map((r) => ({ ...r, tally: tallies.get(r.id) ?? EMPTY_TALLY })) };
}
export type CampaignDetail = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;

export const REVIEW_STATES = ["all", "undecided", "decided"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export interface ReviewFilter {
  orgId: string;
  runId: string;
  state: ReviewState;
  /** Only reviews assigned to this user. */
  reviewerId?: string | null;
  cursor?: string | null;
  limit?: number;
}

/** A run's reviews by identity name, with the identity, the people, and both items (review and revocation). */
export async function listRunReviews(tx: Tx, f: ReviewFilter) {
  const limit = Math.min(Math.max(f.limit ?? 200, 1), 500);
  const conds: SQL[] = [eq(accessReviews.organisationId, f.orgId), eq(accessReviews.runId, f.runId)];
  if (f.state === "undecided") conds.push(isNull(accessReviews.decision));
  if (f.state === "decided") conds.push(isNotNull(accessReviews.decision));
  if (f.reviewerId) conds.push(eq(accessReviews.reviewerId, f.reviewerId));
  const c = decodeCursor(f.cursor);
  if (c) conds.push(or(gt(identities.name, c.key), and(eq(identities.name, c.key), gt(accessReviews.id, c.id)))!);
  const rows = await tx
    .select({
      id: accessReviews.id,
      identityId: identities.id,
      identityName: identities.name,
      kind: identities.kind,
      system: identities.system,
      tier: identities.tier,
      privileged: identities.privileged,
      ownerName: identities.ownerName,
      reviewerId: accessReviews.reviewerId,
      reviewerName: reviewer.name,
      decision: accessReviews.decision,
      justification: accessReviews.justification,
      defaulted: accessReviews.defaulted,
      decidedAt: accessReviews.decidedAt,
      decidedBy: decider.name,
      reviewNumber: reviewItem.number,
      revocationNumber: revocation.number,
      revocationStage: revocation.stage,
      revocationResolution: revocation.resolution,
    })
    .from(accessReviews)
    .innerJoin(identities, and(eq(identities.organisationId, accessReviews.organisationId), eq(identities.id, accessReviews.identityId)))
    .innerJoin(reviewer, eq(reviewer.id, accessReviews.reviewerId))
    .leftJoin(decider, eq(decider.id, accessReviews.decidedById))
    .innerJoin(reviewItem, and(eq(reviewItem.organisationId, accessReviews.organisationId), eq(reviewItem.id, accessReviews.workItemId)))
    .leftJoin(revocation, and(eq(revocation.organisationId, accessReviews.organisationId), eq(revocation.id, accessReviews.revocationItemId)))
    .where(and(...conds))
    .orderBy(asc(identities.name), asc(accessReviews.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.identityName, last.id) : null };
}
export type ReviewRow = Awaited<ReturnType<typeof listRunReviews>>["items"][number];

/** Active programme owners of the organisation: who may be a campaign's fallback reviewer. */
export function reviewerChoices(tx: Tx, orgId: string) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.role, "owner"), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
}

/**
 * Active identities grouped by what a campaign scope filters on, so the form can count a scope as it is edited
 * without a round trip. Bounded by kinds × tiers × privileged × systems, not by the inventory's size.
 */
export function scopeFacets(tx: Tx, orgId: string) {
  return tx
    .select({ kind: identities.kind, tier: identities.tier, privileged: identities.privileged, system: identities.system, count: count() })
    .from(identities)
    .where(and(eq(identities.organisationId, orgId), eq(identities.status, "active")))
    .groupBy(identities.kind, identities.tier, identities.privileged, identities.system)
    .orderBy(asc(identities.system))
    .limit(5000);
}
export type ScopeFacet = Awaited<ReturnType<typeof scopeFacets>>[number];
