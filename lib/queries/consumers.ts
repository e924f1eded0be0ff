// The dependency map (SPEC §7): what uses an identity's credential, and which of those consumers a rotation or
// revocation item has confirmed (updated or cut off, with evidence) in its current cycle.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../db/client";
import { consumerConfirmations, evidence, identityConsumers, users } from "../db/schema";
import { CONSUMER_CHECKED } from "../domain/workflow";
import type { WorkItemType } from "../domain/vocabulary";

/** The identity's consumers that still use it (removed ones live on in its history). */
export function liveConsumers(tx: Tx, orgId: string, identityId: string) {
  return tx
    .select({
      id: identityConsumers.id,
      kind: identityConsumers.kind,
      name: identityConsumers.name,
      detail: identityConsumers.detail,
      source: identityConsumers.source,
      createdAt: identityConsumers.createdAt,
      createdByName: users.name,
    })
    .from(identityConsumers)
    .leftJoin(users, eq(users.id, identityConsumers.createdById))
    .where(and(eq(identityConsumers.organisationId, orgId), eq(identityConsumers.identityId, identityId), isNull(identityConsumers.removedAt)))
    .orderBy(asc(identityConsumers.kind), asc(identityConsumers.name));
}

export type LiveConsumer = Awaited<ReturnType<typeof liveConsumers>>[number];

/** Confirmations of these items, each in the item's current cycle only (a reopened item starts its checklist again). */
export async function confirmationsFor(tx: Tx, orgId: string, items: { id: string; cycle: number }[]) {
  if (items.length === 0) return [];
  return tx
    .select({
      workItemId: consumerConfirmations.workItemId,
      consumerId: consumerConfirmations.consumerId,
      outcome: consumerConfirmations.outcome,
      confirmedAt: consumerConfirmations.confirmedAt,
      confirmedByName: users.name,
      evidenceId: consumerConfirmations.evidenceId,
      evidenceSummary: evidence.summary,
      evidenceUrl: evidence.url,
    })
    .from(consumerConfirmations)
    .innerJoin(evidence, and(eq(evidence.organisationId, consumerConfirmations.organisationId), eq(evidence.id, consumerConfirmations.evidenceId)))
    .leftJoin(users, eq(users.id, consumerConfirmations.confirmedById))
    .where(
      and(
        eq(consumerConfirmations.organisationId, orgId),
        inArray(consumerConfirmations.workItemId, items.map((i) => i.id)),
        or(...items.map((i) => and(eq(consumerConfirmations.workItemId, i.id), eq(consumerConfirmations.cycle, i.cycle)))),
      ),
    );
}

export type Confirmation = Awaited<ReturnType<typeof confirmationsFor>>[number];

/**
 * A rotation or revocation item's consumer checklist: every live consumer of its identity with its confirmation in
 * the item's current cycle, or null when the item carries no checklist.
 */
export async function itemChecklist(tx: Tx, orgId: string, item: { id: string; type: WorkItemType; cycle: number; identityId: string | null }) {
  if (!CONSUMER_CHECKED.has(item.type) || !item.identityId) return null;
  const consumers = await liveConsumers(tx, orgId, item.identityId);
  const confirmed = new Map((await confirmationsFor(tx, orgId, [item])).map((c) => [c.consumerId, c]));
  return consumers.map((k) => ({ ...k, confirmation: confirmed.get(k.id) ?? null }));
}

export type ChecklistRow = NonNullable<Awaited<ReturnType<typeof itemChecklist>>>[number];
