"use server";
// Server actions for risk acceptances: thin bindings of lib/actions/risk-acceptances.ts to the request.
import { revalidatePath } from "next/cache";
import { mutation } from "@/lib/actions/server-mutation";
import type { ActionResult } from "@/lib/actions/mutation";
import { decideAcceptance, extendAcceptance, requestAcceptance, withdrawAcceptance } from "@/lib/actions/risk-acceptances";

function refreshing<R>(bound: (org: string, input: unknown) => Promise<ActionResult<R>>) {
  return async (org: string, input: unknown): Promise<ActionResult<R>> => {
    const r = await bound(org, input);
    if (r.ok) revalidatePath(`/o/${org}`, "layout");
    return r;
  };
}

const request = refreshing(mutation(requestAcceptance));
const decide = refreshing(mutation(decideAcceptance));
const extend = refreshing(mutation(extendAcceptance));
const withdraw = refreshing(mutation(withdrawAcceptance));

export async function requestAcceptanceAction(org: string, input: unknown) {
  return request(org, input);
}
export async function decideAcceptanceAction(org: string, input: unknown) {
  return decide(org, input);
}
export async function extendAcceptanceAction(org: string, input: unknown) {
  return extend(org, input);
}
export async function withdrawAcceptanceAction(org: string, input: unknown) {
  return withdraw(org, input);
}
