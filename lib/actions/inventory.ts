// Identity inventory changes (SPEC §7): owner, classification, consumers, and confirming a consumer on a
// rotation or revocation item. Each runs in one tenant transaction and writes one audit event on the identity
// (or on the item, for a confirmation).
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../db/client";
import { consumerConfirmations, evidence, identities, identityConsumers } from "../db/schema";
import { AppError } from "../errors";
import { actorUserId } from "../domain/actor";
import { CONSUMER_CHECKED } from "../domain/workflow";
import { labels } from "../domain/vocabulary";
import { classifyInput, confirmConsumerInput, consumerInput, ownerInput, removeConsumerInput } from "../schemas/inventory";
import { insertEvidence, openForEvidence } from "./evidence";
import type { MutationContext, MutationDef } from "./mutation";

async function lockIdentity(tx: Tx, orgId: string, id: string) {
  const [row] = await tx.select().from(identities).where(and(eq(identities.organisationId, orgId), eq(identities.id, id))).for("update");
  if (!row) throw new AppError("not_found:identity", "That identity does not exist in this organisation.");
  return row;
}

type IdentityRow = typeof identities.$inferSelect;

/** Sets `after` on the identity and writes one audit event with those fields before and after. */
async function changeIdentity<K extends keyof IdentityRow>(ctx: MutationContext, id: string, action: string, after: Pick<IdentityRow, K>, reason: string | null) {
  const row = await lockIdentity(ctx.tx, ctx.org.orgId, id);
  await ctx.tx
    .update(identities)
    .set({ ...after, updatedAt: ctx.now })
    .where(and(eq(identities.organisationId, ctx.org.orgId), eq(identities.id, row.id)));
  const before = Object.fromEntries(Object.keys(after).map((k) => [k, row[k as K]]));
  await ctx.audit({ action, entityType: "identity", entityId: row.id, before, after, reason });
}

export const setIdentityOwner: MutationDef<typeof ownerInput, { ok: true }> = {
  permission: "update:identity",
  input: ownerInput,
  async run(ctx, input) {
    // A named owner is a live one: the source says otherwise on its next import, if it knows better.
    await changeIdentity(ctx, input.identityId, "identity.owner", { ownerName: input.ownerName ?? input.ownerEmail, ownerEmail: input.ownerEmail, ownerActive: true }, input.reason ?? null);
    return { ok: true };
  },
};

export const classifyIdentity: MutationDef<typeof classifyInput, { ok: true }> = {
  permission: "classify:identity",
  input: classifyInput,
  async run(ctx, input) {
    await changeIdentity(ctx, input.identityId, "identity.classify", { tier: input.tier, privileged: input.privileged, rotationPeriodDays: input.rotationPeriodDays ?? null }, input.reason);
    return { ok: true };
  },
};

export const addConsumer: MutationDef<typeof consumerInput, { id: string }> = {
  permission: "update:identity",
  input: consumerInput,
  async run(ctx, input) {
    const row = await lockIdentity(ctx.tx, ctx.org.orgId, input.identityId);
    const [added] = await ctx.tx
      .insert(identityConsumers)
      .values({ organisationId: ctx.org.orgId, identityId: row.id, kind: input.kind, name: input.name, detail: input.detail, source: "manual", createdById: actorUserId(ctx.actor), createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: identityConsumers.id });
    if (!added) throw new AppError("conflict:identity_consumer.exists", `${labels.consumerKind[input.kind]} "${input.name}" is already listed as a consumer of this identity.`);
    await ctx.audit({ action: "identity.consumer_add", entityType: "identity", entityId: row.id, after: { consumerId: added.id, kind: input.kind, name: input.name, detail: input.detail } });
    return { id: added.id };
  },
};

export const removeConsumer: MutationDef<typeof removeConsumerInput, { ok: true }> = {
  permission: "update:identity",
  input: removeConsumerInput,
  async run(ctx, input) {
    const [k] = await ctx.tx
      .select()
      .from(identityConsumers)
      .where(and(eq(identityConsumers.organisationId, ctx.org.orgId), eq(identityConsumers.id, input.consumerId), isNull(identityConsumers.removedAt)));
    if (!k) throw new AppError("not_found:identity_consumer", "That consumer is not listed (or was already removed).");
    await lockIdentity(ctx.tx, ctx.org.orgId, k.identityId);
    await ctx.tx
      .update(identityConsumers)
      .set({ removedAt: ctx.now, removedById: actorUserId(ctx.actor) })
      .where(and(eq(identityConsumers.organisationId, ctx.org.orgId), eq(identityConsumers.id, k.id)));
    await ctx.audit({ action: "identity.consumer_remove", entityType: "identity", entityId: k.identityId, before: { consumerId: k.id, kind: k.kind, name: k.name }, reason: input.reason });
    return { ok: true };
  },
};

/**
 * A consumer of the item's identity confirmed updated (or deliberately cut off) in this cycle, with evidence: a
 * record already on the item, or a new note or link recorded with it.
 */
export const confirmConsumer: MutationDef<typeof confirmConsumerInput, { evidenceId: string }> = {
  permission: "attach:evidence",
  input: confirmConsumerInput,
  async run(ctx, input) {
    const item = await openForEvidence(ctx, input.id);
    if (!CONSUMER_CHECKED.has(item.type) || !item.identityId) {
      throw new AppError("invalid:work_item.no_checklist", "Only rotation and revocation items linked to an identity carry a consumer checklist.");
    }
    if (item.stage !== "implementation") {
      throw new AppError("invalid:work_item.checklist_stage", "Consumers are confirmed while the item is in implementation, as the change reaches them.");
    }
    const [k] = await ctx.tx
      .select()
      .from(identityConsumers)
      .where(and(eq(identityConsumers.organisationId, ctx.org.orgId), eq(identityConsumers.id, input.consumerId), eq(identityConsumers.identityId, item.identityId), isNull(identityConsumers.removedAt)));
    if (!k) throw new AppError("invalid:identity_consumer", "That is not a current consumer of this item's identity.");
    let evidenceId = input.evidenceId ?? null;
    if (evidenceId) {
      const [e] = await ctx.tx.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.organisationId, ctx.org.orgId), eq(evidence.id, evidenceId), eq(evidence.workItemId, item.id)));
      if (!e) throw new AppError("invalid:evidence", "That evidence is not on this item.");
    } else {
      const summary = `${labels.consumerKind[k.kind]} ${k.name}: ${input.outcome === "updated" ? "updated to the new credential" : "deliberately cut off"}. ${input.summary}`.slice(0, 2000);
      evidenceId = (await insertEvidence(ctx, item.id, input.url ? { kind: "link", summary, url: input.url } : { kind: "note", summary })).id;
    }
    const [done] = await ctx.tx
      .insert(consumerConfirmations)
      .values({ organisationId: ctx.org.orgId, workItemId: item.id, consumerId: k.id, cycle: item.cycle, outcome: input.outcome, evidenceId, confirmedById: actorUserId(ctx.actor), confirmedAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: consumerConfirmations.id });
    if (!done) throw new AppError("conflict:consumer.confirmed", `${k.name} is already confirmed for this item.`);
    await ctx.audit({ action: "work_item.consumer_confirm", entityType: "work_item", entityId: item.id, after: { consumerId: k.id, consumer: k.name, outcome: input.outcome, evidenceId, cycle: item.cycle } });
    return { evidenceId };
  },
};
