"use server";
// Server actions for risk acceptances: thin bindings of lib/actions/risk-acceptances.ts to the request.
import { refreshingMutation } from "@/lib/actions/server-mutation";
import { decideAcceptance, extendAcceptance, requestAcceptance, withdrawAcceptance } from "@/lib/actions/risk-acceptances";

const request = refreshingMutation(requestAcceptance);
const decide = refreshingMutation(decideAcceptance);
const extend = refreshingMutation(extendAcceptance);
const withdraw = refreshingMutation(withdrawAcceptance);

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
