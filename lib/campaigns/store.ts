// Access-review campaigns in the database (SPEC §8): opening a run (one `access_review` item per identity in
// scope, waiting on its reviewer, due on the run's due date), recording decisions (each revoke raises a
// `revocation` item for the provider), and what the sweeper does with time: open the next run of a recurring
// campaign, remind reviewers, and at the deadline apply the default action to what is left. The rules are pure
// (lib/domain/campaign.ts); overdue reviews escalate through the escalation rules' "deadline" clock.
import { and, asc, eq, inArray, isNull, lte, max, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { accessCampaignRuns, accessCampaigns, accessReviews, identities, memberships, users, workItems } from "../db/schema";
import { recordAudit, type AuditActor, type AuditInput } from "../audit/record";
import { AppError } from "../errors";
import { defaultDecision, nextReminderAt, nextRunAt, remindersDue, reviewerFor, runDates, type CampaignScope } from "../domain/campaign";
import { itemKey } from "../domain/keys";
import { defaultPriority } from "../domain/priority";
import type { ReviewDecision } from "../domain/vocabulary";
import { createItems } from "../actions/create-items";
import { applyChange, type WorkItemRow } from "../actions/work-item-store";
import type { DeliveryConfig } from "../notify/config";
import { notifyMany, type NotificationMessage } from "../notify/outbox";

export interface CampaignContext {
  orgId: string;
  orgSlug: string;
  actor: AuditActor;
  requestId: string;
  now: Date;
}

type Campaign = typeof accessCampaigns.$inferSelect;
type Run = typeof accessCampaignRuns.$inferSelect;

const audit = (tx: Tx, c: CampaignContext) => (e: Omit<AuditInput, "organisationId" | "actor" | "requestId" | "occurredAt">) =>
  recordAudit(tx, { ...e, organisationId: c.orgId, actor: c.actor, requestId: c.requestId, occurredAt: c.now });

/** Active identities matching a campaign's scope. */
export function scopeWhere(orgId: string, s: CampaignScope): SQL {
  const conds: SQL[] = [eq(identities.organisationId, orgId), eq(identities.status, "active")];
  if (s.kinds.length) conds.push(inArray(identities.kind, s.kinds));
  if (s.tiers.length) conds.push(inArray(identities.tier, s.tiers));
  if (s.privileged) conds.push(eq(identities.privileged, true));
  if (s.system) conds.push(eq(identities.system, s.system));
  return and(...conds)!;
}

/** Programme owners who may review, by lower-cased e-mail. */
async function reviewersByEmail(tx: Tx, orgId: string): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.role, "owner"), isNull(users.disabledAt)));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** Opens the campaign's next run at `c.now`: its reviews, their items, and the reviewers told. */
export async function openRun(tx: Tx, c: CampaignContext, campaign: Campaign, config: DeliveryConfig): Promise<Run> {
  const [last] = await tx
    .select({ n: max(accessCampaignRuns.number) })
    .from(accessCampaignRuns)
    .where(and(eq(accessCampaignRuns.organisationId, c.orgId), eq(accessCampaignRuns.campaignId, campaign.id)));
  const number = (last?.n ?? 0) + 1;
  const dates = runDates(campaign, c.now);
  const [run] = await tx
    .insert(accessCampaignRuns)
    .values({ organisationId: c.orgId, campaignId: campaign.id, number, ...dates, nextReminderAt: nextReminderAt(campaign.reminderDays, dates.dueAt, c.now) })
    .returning();
  const scope = await tx
    .select({ id: identities.id, name: identities.name, system: identities.system, tier: identities.tier, privileged: identities.privileged, ownerEmail: identities.ownerEmail })
    .from(identities)
    .where(scopeWhere(c.orgId, campaign.scope))
    .orderBy(asc(identities.name), asc(identities.id));
  const owners = await reviewersByEmail(tx, c.orgId);
  const reviewers = scope.map((i) => reviewerFor(i.ownerEmail, owners, campaign.fallbackReviewerId));
  const label = `${campaign.name} #${number}`;
  const created = await createItems(
    tx,
    c,
    scope.map((i, k) => {
      const severity = i.privileged ? ("high" as const) : ("medium" as const);
      return {
        type: "access_review" as const,
        title: `Review access: ${i.name} (${i.system})`.slice(0, 200),
        description: `Access review in campaign "${label}": certify that ${i.name} still needs its access, or revoke it. Due ${dates.dueAt.toISOString().slice(0, 10)}; undecided by ${dates.deadlineAt.toISOString().slice(0, 10)}, it is ${campaign.defaultAction === "revoke" ? "revoked" : "kept"} by default.`,
        severity,
        priority: defaultPriority(i.tier, severity),
        identityId: i.id,
        waitingOn: "client" as const,
        assigneeId: reviewers[k]!,
        dueAt: dates.dueAt,
        audit: { campaignId: campaign.id, run: number },
      };
    }),
  );
  if (scope.length) {
    await tx.insert(accessReviews).values(scope.map((i, k) => ({ organisationId: c.orgId, runId: run!.id, identityId: i.id, workItemId: created[k]!.id, reviewerId: reviewers[k]! })));
  }
  await tx
    .update(accessCampaigns)
    .set({ nextRunAt: nextRunAt(campaign.everyMonths, campaign.nextRunAt ?? c.now) })
    .where(and(eq(accessCampaigns.organisationId, c.orgId), eq(accessCampaigns.id, campaign.id)));
  await audit(tx, c)({ action: "campaign.run_open", entityType: "campaign", entityId: campaign.id, after: { run: number, reviews: scope.length, dueAt: dates.dueAt.toISOString(), deadlineAt: dates.deadlineAt.toISOString() } });
  const perReviewer = countBy(reviewers);
  await notifyMany(
    tx,
    c.orgId,
    [...perReviewer].map(([userId, n]) => ({
      userIds: [userId],
      workItemId: null,
      escalationId: null,
      subject: `Access review: ${n} ${n === 1 ? "identity" : "identities"} to review in "${label}"`,
      body: `Campaign "${label}" asks you to certify or revoke access for ${n} ${n === 1 ? "identity" : "identities"} by ${dates.dueAt.toISOString().slice(0, 10)}. What is undecided on ${dates.deadlineAt.toISOString().slice(0, 10)} is ${campaign.defaultAction === "revoke" ? "revoked" : "kept"} by default.`,
      link: `/o/${c.orgSlug}/campaigns/${campaign.id}`,
      event: { type: "campaign.run_opened", organisation: c.orgSlug, campaign: { id: campaign.id, name: campaign.name }, run: number, reviews: n, dueAt: dates.dueAt.toISOString() },
    })),
    config,
    { now: c.now },
  );
  return run!;
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

export interface Decision {
  decision: ReviewDecision;
  justification: string;
  defaulted: boolean;
  /** The reviewer deciding; null for the default action. */
  deciderId: string | null;
}

type ReviewRow = typeof accessReviews.$inferSelect;

/**
 * Records decisions on reviews locked by the caller (undecided, run open): each item closes, and each revoke
 * raises a `revocation` item for the provider. Returns the revocation items' numbers.
 */
export async function applyDecisions(tx: Tx, c: CampaignContext, campaign: Campaign, run: Run, reviews: ReviewRow[], d: Decision): Promise<number[]> {
  if (reviews.length === 0) return [];
  const items = new Map(
    (
      await tx
        .select()
        .from(workItems)
        .where(and(eq(workItems.organisationId, c.orgId), inArray(workItems.id, reviews.map((r) => r.workItemId))))
        .orderBy(asc(workItems.id))
        .for("update")
    ).map((w) => [w.id, w]),
  );
  const idents = new Map(
    (
      await tx
        .select({ id: identities.id, name: identities.name, system: identities.system, tier: identities.tier, privileged: identities.privileged })
        .from(identities)
        .where(and(eq(identities.organisationId, c.orgId), inArray(identities.id, reviews.map((r) => r.identityId))))
    ).map((i) => [i.id, i]),
  );
  const label = `${campaign.name} #${run.number}`;
  const revoked = d.decision === "revoke" ? reviews : [];
  const raised = await createItems(
    tx,
    c,
    revoked.map((r) => {
      const i = idents.get(r.identityId)!;
      const severity = i.privileged ? ("critical" as const) : ("high" as const);
      return {
        type: "revocation" as const,
        title: `Revoke access: ${i.name} (${i.system})`.slice(0, 200),
        description: `${d.defaulted ? "No decision by the deadline of" : "Revoked in"} access review campaign "${label}": ${d.justification}`,
        severity,
        priority: defaultPriority(i.tier, severity),
        identityId: i.id,
        audit: { campaignId: campaign.id, run: run.number, reviewId: r.id },
      };
    }),
  );
  const revocationOf = new Map(revoked.map((r, k) => [r.id, raised[k]!]));
  const ctx = { tx, now: c.now, audit: audit(tx, c) };
  for (const r of reviews) {
    const row = items.get(r.workItemId);
    await tx
      .update(accessReviews)
      .set({ decision: d.decision, justification: d.justification, defaulted: d.defaulted, decidedById: d.deciderId, decidedAt: c.now, revocationItemId: revocationOf.get(r.id)?.id ?? null })
      .where(and(eq(accessReviews.organisationId, c.orgId), eq(accessReviews.id, r.id)));
    if (row && !row.closedAt) await closeReviewItem(ctx, row, d, revocationOf.get(r.id)?.number ?? null, c.orgSlug);
  }
  return raised.map((x) => x.number);
}

async function closeReviewItem(ctx: Parameters<typeof applyChange>[0], row: WorkItemRow, d: Decision, revocationNumber: number | null, orgSlug: string) {
  const what = d.decision === "certify" ? "Access certified" : `Access revoked${revocationNumber ? `; ${itemKey(orgSlug, revocationNumber)} carries it out` : ""}`;
  const reason = `${what}${d.defaulted ? " by the campaign's default action" : ""}: ${d.justification}`;
  await applyChange(
    ctx,
    row,
    { stage: "closed", resolution: "remediated", resolutionReason: reason.slice(0, 2000), closedAt: ctx.now, waitingOn: "provider", waitingSince: ctx.now },
    {
      action: "access_review.decide",
      before: { stage: row.stage, resolution: row.resolution },
      after: { stage: "closed", resolution: "remediated", decision: d.decision, defaulted: d.defaulted, waitingOn: "provider", revocation: revocationNumber },
      reason,
    },
  );
}

/** The run and campaign of reviews, for a decision: refuses reviews of closed runs or of other campaigns. */
export async function lockOpenReviews(tx: Tx, orgId: string, reviewIds: string[]) {
  const reviews = await tx
    .select()
    .from(accessReviews)
    .where(and(eq(accessReviews.organisationId, orgId), inArray(accessReviews.id, reviewIds)))
    .orderBy(asc(accessReviews.id))
    .for("update");
  if (reviews.length !== new Set(reviewIds).size) throw new AppError("not_found:access_review", "One or more of those reviews do not exist in this organisation.");
  const runIds = [...new Set(reviews.map((r) => r.runId))];
  if (runIds.length !== 1) throw new AppError("invalid:access_review.runs", "Decide the reviews of one campaign run at a time.");
  const [run] = await tx.select().from(accessCampaignRuns).where(and(eq(accessCampaignRuns.organisationId, orgId), eq(accessCampaignRuns.id, runIds[0]!))).for("update");
  if (!run || run.closedAt) throw new AppError("invalid:access_review.closed", "This campaign run has closed; its undecided reviews took the default action.");
  const [campaign] = await tx.select().from(accessCampaigns).where(and(eq(accessCampaigns.organisationId, orgId), eq(accessCampaigns.id, run.campaignId)));
  return { reviews, run, campaign: campaign! };
}

/**
 * What time does to an organisation's campaigns at `now`: due runs open, reminders go out, and runs past their
 * deadline close with the default action. Returns what happened, for the sweep report.
 */
export async function sweepCampaigns(tx: Tx, c: CampaignContext, config: DeliveryConfig) {
  const report = { opened: 0, reminded: 0, defaulted: 0, closed: 0 };
  const due = await tx
    .select()
    .from(accessCampaigns)
    .where(and(eq(accessCampaigns.organisationId, c.orgId), isNull(accessCampaigns.endedAt), lte(accessCampaigns.nextRunAt, c.now)))
    .orderBy(asc(accessCampaigns.nextRunAt))
    .limit(20);
  for (const campaign of due) {
    await openRun(tx, c, campaign, config);
    report.opened++;
  }
  const runs = await tx
    .select()
    .from(accessCampaignRuns)
    .where(and(eq(accessCampaignRuns.organisationId, c.orgId), isNull(accessCampaignRuns.closedAt), sql`least(${accessCampaignRuns.deadlineAt}, ${accessCampaignRuns.nextReminderAt}) <= ${c.now.toISOString()}::timestamptz`))
    .orderBy(asc(accessCampaignRuns.deadlineAt))
    .for("update")
    .limit(20);
  for (const run of runs) {
    const [campaign] = await tx.select().from(accessCampaigns).where(and(eq(accessCampaigns.organisationId, c.orgId), eq(accessCampaigns.id, run.campaignId)));
    if (run.deadlineAt <= c.now) {
      const open = await tx
        .select()
        .from(accessReviews)
        .where(and(eq(accessReviews.organisationId, c.orgId), eq(accessReviews.runId, run.id), isNull(accessReviews.decision)))
        .orderBy(asc(accessReviews.id))
        .for("update");
      await applyDecisions(tx, c, campaign!, run, open, { ...defaultDecision(campaign!.defaultAction), deciderId: null });
      await tx.update(accessCampaignRuns).set({ closedAt: c.now, nextReminderAt: null }).where(and(eq(accessCampaignRuns.organisationId, c.orgId), eq(accessCampaignRuns.id, run.id)));
      await audit(tx, c)({ action: "campaign.run_close", entityType: "campaign", entityId: campaign!.id, after: { run: run.number, defaulted: open.length, defaultAction: campaign!.defaultAction } });
      report.defaulted += open.length;
      report.closed++;
    } else {
      report.reminded += await remind(tx, c, campaign!, run, config);
    }
  }
  return report;
}

/** One message per reviewer with reviews still undecided, when a reminder has come due. */
async function remind(tx: Tx, c: CampaignContext, campaign: Campaign, run: Run, config: DeliveryConfig): Promise<number> {
  const target = remindersDue(campaign.reminderDays, run.dueAt, c.now);
  const waiting = await tx
    .update(accessReviews)
    .set({ remindersSent: target })
    .where(and(eq(accessReviews.organisationId, c.orgId), eq(accessReviews.runId, run.id), isNull(accessReviews.decision), sql`${accessReviews.remindersSent} < ${target}`))
    .returning({ reviewerId: accessReviews.reviewerId });
  await tx
    .update(accessCampaignRuns)
    .set({ nextReminderAt: nextReminderAt(campaign.reminderDays, run.dueAt, c.now) })
    .where(and(eq(accessCampaignRuns.organisationId, c.orgId), eq(accessCampaignRuns.id, run.id)));
  const label = `${campaign.name} #${run.number}`;
  const days = Math.max(0, Math.ceil((run.dueAt.getTime() - c.now.getTime()) / 86_400_000));
  const messages: NotificationMessage[] = [...countBy(waiting.map((w) => w.reviewerId))].map(([userId, n]) => ({
    userIds: [userId],
    workItemId: null,
    escalationId: null,
    subject: `Reminder: ${n} access ${n === 1 ? "review" : "reviews"} due in ${days === 1 ? "1 day" : `${days} days`} ("${label}")`,
    body: `You have ${n} undecided access ${n === 1 ? "review" : "reviews"} in campaign "${label}", due ${run.dueAt.toISOString().slice(0, 10)}. Overdue reviews escalate; on ${run.deadlineAt.toISOString().slice(0, 10)} what is undecided is ${campaign.defaultAction === "revoke" ? "revoked" : "kept"} by default.`,
    link: `/o/${c.orgSlug}/campaigns/${campaign.id}`,
    event: { type: "campaign.reminder", organisation: c.orgSlug, campaign: { id: campaign.id, name: campaign.name }, run: run.number, undecided: n, dueAt: run.dueAt.toISOString() },
  }));
  await notifyMany(tx, c.orgId, messages, config, { now: c.now });
  if (waiting.length) await audit(tx, c)({ action: "campaign.remind", entityType: "campaign", entityId: campaign.id, after: { run: run.number, reminder: target, reviews: waiting.length } });
  return messages.length;
}
