"use server";
// Server actions for access-review campaigns: thin bindings of lib/actions/campaigns.ts to the request.
import { refreshingMutation } from "@/lib/actions/server-mutation";
import { createCampaign, decideReviews, endCampaign } from "@/lib/actions/campaigns";

const create = refreshingMutation(createCampaign);
const end = refreshingMutation(endCampaign);
const decide = refreshingMutation(decideReviews);

export async function createCampaignAction(org: string, input: unknown) {
  return create(org, input);
}
export async function endCampaignAction(org: string, input: unknown) {
  return end(org, input);
}
export async function decideReviewsAction(org: string, input: unknown) {
  return decide(org, input);
}
