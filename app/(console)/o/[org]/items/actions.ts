"use server";
// Server actions for work items: thin bindings of lib/actions definitions to the request.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "@/lib/auth/current";
import { getDb } from "@/lib/db";
import { mutation } from "@/lib/actions/server-mutation";
import { newRequestId, type ActionResult } from "@/lib/actions/mutation";
import { addComment, addEvidence, assignWorkItem, createWorkItem, handOver, moveWorkItem, setPriority } from "@/lib/actions/work-items";
import { takeNext } from "@/lib/actions/take-next";
import { performBulkAssign, performBulkMove } from "@/lib/actions/bulk";

function refreshing<R>(bound: (org: string, input: unknown) => Promise<ActionResult<R>>) {
  return async (org: string, input: unknown): Promise<ActionResult<R>> => {
    const r = await bound(org, input);
    if (r.ok) revalidatePath(`/o/${org}`, "layout");
    return r;
  };
}

const move = refreshing(mutation(moveWorkItem));
const prioritise = refreshing(mutation(setPriority));
const assign = refreshing(mutation(assignWorkItem));
const handOverTo = refreshing(mutation(handOver));
const comment = refreshing(mutation(addComment));
const evidence = refreshing(mutation(addEvidence));
const create = refreshing(mutation(createWorkItem));
const take = refreshing(mutation(takeNext));

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
