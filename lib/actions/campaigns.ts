// Access-review campaigns (SPEC §8): creating one (its first run opens at once), ending one, and reviewers'
// decisions, one by one or in bulk. The database work is in lib/campaigns/store.ts.
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { accessCampaigns, accessReviews, memberships, users } from "../db/schema";
import { AppError } from "../errors";
import { actorUserId } from "../domain/actor";
import { campaignInput, RECURRENCES } from "../domain/campaign";
import { REVIEW_DECISIONS } from "../domain/vocabulary";
import { deliveryConfig } from "../notify/config";
import { applyDecisions, lockOpenReviews, openRun, type CampaignContext } from "../campaigns/store";
import { auditActor, type MutationContext, type MutationDef } from "./mutation";

const campaignContext = (ctx: MutationContext): CampaignContext => ({ orgId: ctx.org.orgId, orgSlug: ctx.org.slug, actor: auditActor(ctx.actor), requestId: ctx.requestId, now: ctx.now });

export const createCampaign: MutationDef<typeof campaignInput, { id: string; reviews: number }> = {
  permission: "manage:campaign",
  input: campaignInput,
  async run(ctx, input) {
    const [reviewer] = await ctx.tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, ctx.org.orgId), eq(memberships.userId, input.fallbackReviewerId), eq(memberships.role, "owner"), isNull(users.disabledAt)));
    if (!reviewer) throw new AppError("invalid:campaign.fallback_reviewer", "The fallback reviewer must be an active programme owner of this organisation: reviews are the client's decisions.");
    const everyMonths = RECURRENCES[input.recurrence];
    if (everyMonths && input.closeDays > everyMonths * 28) {
      throw new AppError("invalid:campaign.close_days", `A ${input.recurrence} campaign must close within ${everyMonths * 28} days, before its next run opens.`);
    }
    const [campaign] = await ctx.tx
      .insert(accessCampaigns)
      .values({
        organisationId: ctx.org.orgId,
        name: input.name,
        description: input.description,
        scope: input.scope,
        fallbackReviewerId: reviewer.id,
        defaultAction: input.defaultAction,
        reviewDays: input.reviewDays,
        closeDays: input.closeDays,
        reminderDays: [...new Set(input.reminderDays)].sort((a, b) => b - a),
        everyMonths,
        nextRunAt: ctx.now,
        createdById: actorUserId(ctx.actor),
        createdAt: ctx.now,
      })
      .returning();
    await ctx.audit({ action: "campaign.create", entityType: "campaign", entityId: campaign!.id, after: { ...input, everyMonths } });
    const run = await openRun(ctx.tx, campaignContext(ctx), campaign!, deliveryConfig());
    const reviews = await ctx.tx.$count(accessReviews, and(eq(accessReviews.organisationId, ctx.org.orgId), eq(accessReviews.runId, run.id)));
    return { id: campaign!.id, reviews };
  },
};

export const endCampaignInput = z.object({ campaignId: z.uuid(), reason: z.string().trim().min(3, "Say why the campaign ends.").max(2000) });

/** No further runs; a run still open finishes on its own dates. */
export const endCampaign: MutationDef<typeof endCampaignInput, { ok: true }> = {
  permission: "manage:campaign",
  input: endCampaignInput,
  async run(ctx, input) {
    const [c] = await ctx.tx
      .update(accessCampaigns)
      .set({ endedAt: ctx.now, nextRunAt: null })
      .where(and(eq(accessCampaigns.organisationId, ctx.org.orgId), eq(accessCampaigns.id, input.campaignId), isNull(accessCampaigns.endedAt)))
      .returning({ id: accessCampaigns.id });
    if (!c) throw new AppError("not_found:campaign", "That campaign does not exist here or has already ended.");
    await ctx.audit({ action: "campaign.end", entityType: "campaign", entityId: c.id, reason: input.reason });
    return { ok: true };
  },
};

export const decideReviewsInput = z.object({
  reviewIds: z.array(z.uuid("Not a review id.")).min(1, "Choose at least one review.").max(500, "Decide at most 500 reviews at once."),
  decision: z.enum(REVIEW_DECISIONS),
  justification: z.string().trim().min(3, "Give a justification: it is kept with the decision.").max(2000),
});

/** Certify or revoke: only the assigned reviewer, only undecided reviews of an open run. */
export const decideReviews: MutationDef<typeof decideReviewsInput, { decided: number; revocations: number[] }> = {
  permission: "decide:access_review",
  input: decideReviewsInput,
  async run(ctx, input) {
    const userId = actorUserId(ctx.actor);
    const { reviews, run, campaign } = await lockOpenReviews(ctx.tx, ctx.org.orgId, [...new Set(input.reviewIds)]);
    const notMine = reviews.filter((r) => r.reviewerId !== userId);
    if (notMine.length) {
      throw new AppError("forbidden:access_review.not_reviewer", `${notMine.length === 1 ? "One of these reviews is" : `${notMine.length} of these reviews are`} assigned to another reviewer; only the assigned reviewer decides.`);
    }
    const decided = reviews.filter((r) => r.decision !== null);
    if (decided.length) throw new AppError("conflict:access_review.decided", `${decided.length === 1 ? "One review was" : `${decided.length} reviews were`} already decided; reload and decide the rest.`);
    const revocations = await applyDecisions(ctx.tx, campaignContext(ctx), campaign, run, reviews, { decision: input.decision, justification: input.justification, defaulted: false, deciderId: userId });
    return { decided: reviews.length, revocations };
  },
};
