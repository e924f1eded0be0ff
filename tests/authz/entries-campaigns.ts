// The rows of the authorization matrix for access-review campaigns (SPEC §8): leads and programme owners create
// and end campaigns; only a programme owner, as the assigned reviewer, certifies or revokes.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { performMutation, type ActionResult } from "@/lib/actions/mutation";
import { createCampaign, decideReviews, endCampaign } from "@/lib/actions/campaigns";
import { accessReviews, identities } from "@/lib/db/schema";
import { statusOf } from "@/lib/errors";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const CAMPAIGNS = "app/(console)/o/[org]/campaigns/actions.ts";

function outcome(r: ActionResult<unknown>): Outcome {
  return r.ok ? { status: 200 } : { status: statusOf(r.error.code), code: r.error.code };
}

/**
 * A campaign input scoped to a system of its own holding one new active identity, so each call reviews exactly
 * that identity. The identity has no owner, so its reviewer is the fallback: the team's first programme owner.
 */
async function campaignInput(c: CallContext) {
  const system = `authz-${crypto.randomBytes(4).toString("hex")}`;
  await c.db.insert(identities).values({ organisationId: c.team.org.id, kind: "human", name: `reviewed-${system}`, system, externalId: system, privileged: true, tier: "T1" });
  return {
    name: `Matrix review ${system}`,
    scope: { kinds: [], tiers: [], privileged: true, system },
    fallbackReviewerId: c.team.as("owner").id,
    defaultAction: "certify",
    reviewDays: 14,
    closeDays: 21,
    reminderDays: [7, 2],
    recurrence: "once",
  };
}

/** A campaign started by a lead, with its first run open. */
async function started(c: CallContext) {
  const input = await campaignInput(c);
  const r = await performMutation(c.db, c.team.as("lead"), c.team.org.slug, createCampaign, input);
  if (!r.ok) throw new Error(`campaign setup failed: ${r.error.code}`);
  return { id: r.data.id, system: input.scope.system };
}

/** The one review of a fresh campaign: undecided, assigned to the team's first programme owner. */
async function openReview(c: CallContext) {
  const { system } = await started(c);
  const [review] = await c.db
    .select({ id: accessReviews.id })
    .from(accessReviews)
    .innerJoin(identities, and(eq(identities.organisationId, accessReviews.organisationId), eq(identities.id, accessReviews.identityId)))
    .where(and(eq(accessReviews.organisationId, c.team.org.id), eq(identities.system, system)));
  return review!;
}

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "action", file: CAMPAIGNS, export: "createCampaignAction", binds: "refreshingMutation(createCampaign)", allowed: ["lead", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, createCampaign, await campaignInput(c))),
  },
  {
    kind: "action", file: CAMPAIGNS, export: "endCampaignAction", binds: "refreshingMutation(endCampaign)", allowed: ["lead", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, endCampaign, { campaignId: (await started(c)).id, reason: "Superseded by the quarterly campaign." })),
  },
  {
    // The assigned reviewer is the first owner; every other role is refused by the permission table first.
    kind: "action", file: CAMPAIGNS, export: "decideReviewsAction", binds: "refreshingMutation(decideReviews)", allowed: ["owner"],
    call: async (c) => {
      const review = await openReview(c);
      return outcome(await performMutation(c.db, c.principal, c.team.org.slug, decideReviews, { reviewIds: [review.id], decision: "revoke", justification: "Left the team last month." }));
    },
  },
];
