"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { mutation } from "@/lib/actions/server-mutation";
import { activatePolicy, performDryRun, proposePolicy } from "@/lib/actions/policies";
import { newRequestId } from "@/lib/actions/mutation";
import { getCurrentUser } from "@/lib/auth/current";
import { getDb } from "@/lib/db";

const propose = mutation(proposePolicy);
const activate = mutation(activatePolicy);

export async function proposePolicyAction(org: string, input: unknown) {
  const r = await propose(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/policies`, "layout");
  return r;
}

export async function activatePolicyAction(org: string, input: unknown) {
  const r = await activate(org, input);
  if (r.ok) revalidatePath(`/o/${org}`, "layout");
  return r;
}

export async function dryRunAction(org: string, input: unknown) {
  const requestId = (await headers()).get("x-request-id") ?? newRequestId();
  return performDryRun(await getDb(), await getCurrentUser(), org, input, requestId);
}
