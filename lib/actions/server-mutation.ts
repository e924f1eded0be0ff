// Binds performMutation to the request: the signed-in user, the database and a request id.
import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getCurrentUser } from "../auth/current";
import { getDb } from "../db";
import { newRequestId, performMutation, type ActionResult, type MutationDef } from "./mutation";

export function mutation<S extends z.ZodType, R>(def: MutationDef<S, R>) {
  return async (orgSlug: string, raw: unknown): Promise<ActionResult<R>> => {
    const requestId = (await headers()).get("x-request-id") ?? newRequestId();
    return performMutation(await getDb(), await getCurrentUser(), orgSlug, def, raw, requestId);
  };
}

/** `mutation(def)` that also refreshes the organisation's pages after a change that went through. */
export function refreshingMutation<S extends z.ZodType, R>(def: MutationDef<S, R>) {
  const bound = mutation(def);
  return async (orgSlug: string, raw: unknown): Promise<ActionResult<R>> => {
    const r = await bound(orgSlug, raw);
    if (r.ok) revalidatePath(`/o/${orgSlug}`, "layout");
    return r;
  };
}
