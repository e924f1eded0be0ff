"use server";
import { revalidatePath } from "next/cache";
import { mutation } from "@/lib/actions/server-mutation";
import { issueApiToken, revokeToken } from "@/lib/actions/api-token-actions";

const issue = mutation(issueApiToken);
const revoke = mutation(revokeToken);

export async function issueTokenAction(org: string, input: unknown) {
  const r = await issue(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/tokens`);
  return r;
}

export async function revokeTokenAction(org: string, input: unknown) {
  const r = await revoke(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/tokens`);
  return r;
}
