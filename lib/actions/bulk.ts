// Bulk changes for leads: the same mutation applied item by item, each in its own transaction with its own
// version guard and audit event, so one stale or refused item never blocks (or rolls back) the others.
import { z } from "zod";
import type { Db } from "../db/client";
import type { Principal } from "../auth/principal";
import { authorize, failure, fieldErrors, performMutation, type ActionResult, type MutationDef } from "./mutation";
import { AppError } from "../errors";
import { assignWorkItem, moveWorkItem } from "./work-items";
import { RESOLUTIONS, STAGES } from "../domain/vocabulary";

export const MAX_BULK = 200;
const targets = z.array(z.object({ id: z.uuid(), version: z.int().min(1) })).min(1, "Select at least one item.").max(MAX_BULK, `Select at most ${MAX_BULK} items.`);
export const bulkAssignInput = z.object({ items: targets, assigneeId: z.uuid().nullable() });
export const bulkMoveInput = z.object({ items: targets, to: z.enum(STAGES), resolution: z.enum(RESOLUTIONS).nullish(), reason: z.string().trim().max(2000).nullish() });

export interface BulkOutcome {
  done: number;
  refused: { id: string; code: string; message: string }[];
}

async function each<S extends z.ZodType, R>(
  db: Db,
  principal: Principal | null,
  slug: string,
  def: MutationDef<S, R>,
  inputs: unknown[],
  requestId: string,
): Promise<BulkOutcome> {
  const out: BulkOutcome = { done: 0, refused: [] };
  for (const input of inputs) {
    const r = await performMutation(db, principal, slug, def, input, requestId);
    if (r.ok) out.done++;
    else out.refused.push({ id: (input as { id: string }).id, code: r.error.code, message: r.error.message });
  }
  return out;
}

/** Bulk work is a lead's tool (assigning is theirs); each item is still checked against the rules. */
async function bulk<T>(db: Db, principal: Principal | null, slug: string, schema: z.ZodType<T>, raw: unknown, requestId: string, run: (input: T) => Promise<BulkOutcome>): Promise<ActionResult<BulkOutcome>> {
  try {
    await authorize(db, principal, slug, "assign:work_item", requestId);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new AppError("invalid:input", parsed.error.issues[0]?.message ?? "Some fields need attention.", fieldErrors(parsed.error));
    return { ok: true, data: await run(parsed.data) };
  } catch (e) {
    return { ok: false, error: failure(e, requestId, slug, "assign:work_item") };
  }
}

export function performBulkAssign(db: Db, principal: Principal | null, slug: string, raw: unknown, requestId: string) {
  return bulk(db, principal, slug, bulkAssignInput, raw, requestId, (input) =>
    each(db, principal, slug, assignWorkItem, input.items.map((it) => ({ ...it, assigneeId: input.assigneeId })), requestId),
  );
}

export function performBulkMove(db: Db, principal: Principal | null, slug: string, raw: unknown, requestId: string) {
  return bulk(db, principal, slug, bulkMoveInput, raw, requestId, (input) =>
    each(db, principal, slug, moveWorkItem, input.items.map((it) => ({ ...it, to: input.to, resolution: input.resolution, reason: input.reason })), requestId),
  );
}
