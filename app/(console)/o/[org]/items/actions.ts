"use server";
// Server actions for work items: thin bindings of lib/actions definitions to the request.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/auth/current";
import { getDb } from "@/lib/db";
import { refreshingMutation } from "@/lib/actions/server-mutation";
import { newRequestId } from "@/lib/actions/mutation";
import { addComment, addEvidence, assignWorkItem, createWorkItem, handOver, moveWorkItem, setPriority } from "@/lib/actions/work-items";
import { takeNext } from "@/lib/actions/take-next";
import { performBulkAssign, performBulkMove } from "@/lib/actions/bulk";

const move = refreshingMutation(moveWorkItem);
const prioritise = refreshingMutation(setPriority);
const assign = refreshingMutation(assignWorkItem);
const handOverTo = refreshingMutation(handOver);
const comment = refreshingMutation(addComment);
const evidence = refreshingMutation(addEvidence);
const create = refreshingMutation(createWorkItem);
const take = refreshingMutation(takeNext);

export async function moveAction(org: string, input: unknown) {
  return move(org, input);
}
export async function priorityAction(org: string, input: unknown) {
  return prioritise(org, input);
}
export async function assignAction(org: string, input: unknown) {
  return assign(org, input);
}
export async function handOverAction(org: string, input: unknown) {
  return handOverTo(org, input);
}
export async function commentAction(org: string, input: unknown) {
  return comment(org, input);
}
export async function evidenceAction(org: string, input: unknown) {
  return evidence(org, input);
}
export async function createItemAction(org: string, input: unknown) {
  return create(org, input);
}
export async function takeNextAction(org: string) {
  return take(org, {});
}

async function requestId() {
  return (await headers()).get("x-request-id") ?? newRequestId();
}

export async function bulkAssignAction(org: string, input: unknown) {
  const r = await performBulkAssign(await getDb(), await getCurrentUser(), org, input, await requestId());
  revalidatePath(`/o/${org}`, "layout");
  return r;
}
export async function bulkMoveAction(org: string, input: unknown) {
  const r = await performBulkMove(await getDb(), await getCurrentUser(), org, input, await requestId());
  revalidatePath(`/o/${org}`, "layout");
  return r;
}
