"use server";
// Server actions for the identity inventory: thin bindings of lib/actions/inventory.ts to the request.
import { refreshingMutation } from "@/lib/actions/server-mutation";
import { addConsumer, classifyIdentity, confirmConsumer, removeConsumer, setIdentityOwner } from "@/lib/actions/inventory";

const owner = refreshingMutation(setIdentityOwner);
const classify = refreshingMutation(classifyIdentity);
const add = refreshingMutation(addConsumer);
const remove = refreshingMutation(removeConsumer);
const confirm = refreshingMutation(confirmConsumer);

export async function setIdentityOwnerAction(org: string, input: unknown) {
  return owner(org, input);
}
export async function classifyIdentityAction(org: string, input: unknown) {
  return classify(org, input);
}
export async function addConsumerAction(org: string, input: unknown) {
  return add(org, input);
}
export async function removeConsumerAction(org: string, input: unknown) {
  return remove(org, input);
}
export async function confirmConsumerAction(org: string, input: unknown) {
  return confirm(org, input);
}
