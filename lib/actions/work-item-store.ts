// Loading a work item for change and applying a change under its version guard, with its audit event.
import { and, count, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { accessReviews, evidence, identities, workItems } from "../db/schema";
import { AppError } from "../errors";
import { CONSUMER_CHECKED, type ItemState, type Refusal } from "../domain/workflow";
import { isUuid } from "../domain/keys";
import { refreshItemSla } from "../sla/store";
import type { MutationContext } from "./mutation";

export type WorkItemRow = typeof workItems.$inferSelect;

/**
 * Locks the item's row for the rest of the transaction; 404 when it is not in this organisation. With
 * `version`, a stale one gets 409 before any rule is looked at: the caller decided on a state that is gone.
 */
export async function lockItem(tx: Tx, orgId: string, id: string, version?: number): Promise<{ row: WorkItemRow; state: ItemState }> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx
    .select()
    .from(workItems)
    .where(and(eq(workItems.organisationId, orgId), eq(workItems.id, id)))
    .for("update");
  if (!row) throw notFound();
  if (version !== undefined) checkVersion(row, version);
  const [ev] = await tx
    .select({ n: count() })
    .from(evidence)
    .where(and(eq(evidence.organisationId, orgId), eq(evidence.workItemId, id)))
    .limit(1);
  return { row, state: { ...toState(row, Number(ev?.n ?? 0)), ...(await checklistState(tx, row)) } };
}

/** What the consumer checklist and campaigns add to an item's state (only for the types they concern). */
export async function checklistState(tx: Tx, row: Pick<WorkItemRow, "id" | "organisationId" | "type" | "identityId" | "cycle">): Promise<Pick<ItemState, "unconfirmedConsumers" | "campaignReview">> {
  if (row.type === "access_review") {
    const [r] = await tx.select({ id: accessReviews.id }).from(accessReviews).where(and(eq(accessReviews.organisationId, row.organisationId), eq(accessReviews.workItemId, row.id))).limit(1);
    return { campaignReview: !!r };
  }
  if (!CONSUMER_CHECKED.has(row.type) || !row.identityId) return {};
  const { rows } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from identity_consumers k
     where k.organisation_id = ${row.organisationId} and k.identity_id = ${row.identityId} and k.removed_at is null
       and not exists (select 1 from consumer_confirmations f
                        where f.organisation_id = k.organisation_id and f.work_item_id = ${row.id} and f.consumer_id = k.id and f.cycle = ${row.cycle})`);
  return { unconfirmedConsumers: Number(rows[0]?.n ?? 0) };
}

export function toState(row: WorkItemRow, evidenceCount: number): ItemState {
  return {
    stage: row.stage,
    resolution: row.resolution,
    type: row.type,
    title: row.title,
    identityId: row.identityId,
    priority: row.priority,
    implementedById: row.implementedById,
    assigneeId: row.assigneeId,
    waitingOn: row.waitingOn,
    cycle: row.cycle,
    evidenceCount,
  };
}

export function notFound() {
  return new AppError("not_found:work_item", "That work item does not exist in this organisation.");
}

function checkVersion(row: WorkItemRow, version: number) {
  if (row.version !== version) {
    throw new AppError(
      "conflict:work_item.version",
      `Someone changed this item since you loaded it (you had version ${version}, it is now ${row.version}). Reload and try again.`,
      { currentVersion: row.version },
    );
  }
}

export function throwRefusal(r: Refusal): never {
  throw new AppError(r.code, r.message);
}

/**
 * Applies `patch` to a row that `lockItem` locked and version-checked, bumps the version and writes one audit
 * event. The WHERE on the version stays as a second guard; under the row lock it cannot miss.
 */
export async function applyChange(
  ctx: Pick<MutationContext, "tx" | "now" | "audit">,
  row: WorkItemRow,
  patch: Partial<typeof workItems.$inferInsert>,
  audit: { action: string; before: Record<string, unknown>; after: Record<string, unknown>; reason?: string | null },
  opts: { refreshSla?: boolean } = {},
): Promise<WorkItemRow> {
  const [updated] = await ctx.tx
    .update(workItems)
    .set({ ...patch, version: row.version + 1, updatedAt: ctx.now })
    .where(and(eq(workItems.organisationId, row.organisationId), eq(workItems.id, row.id), eq(workItems.version, row.version)))
    .returning();
  if (!updated) throw new Error(`work item ${row.id} changed under its row lock`);
  await ctx.audit({
    action: audit.action,
    entityType: "work_item",
    entityId: row.id,
    before: audit.before,
    after: { ...audit.after, version: updated!.version },
    reason: audit.reason ?? null,
  });
  // A decision waiting or decided moves the decision clock, which has no column of its own.
  if (opts.refreshSla || "decisionPending" in audit.after || SLA_FIELDS.some((k) => k in patch)) return { ...updated!, ...(await refreshItemSla(ctx.tx, row.organisationId, updated!, ctx.now)) };
  return updated!;
}

/** What a clock depends on: a change to any of these recomputes the item's SLA from its history. */
const SLA_FIELDS = ["stage", "waitingOn", "priority", "type", "cycle", "exceptionExpiresAt"] as const;

export async function identityTier(tx: Tx, orgId: string, identityId: string | null) {
  if (!identityId) return null;
  const [i] = await tx
    .select({ tier: identities.tier })
    .from(identities)
    .where(and(eq(identities.organisationId, orgId), eq(identities.id, identityId)));
  return i?.tier ?? null;
}
