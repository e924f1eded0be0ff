// Work-item changes: definitions only; server actions and /api/v1 bind them to the request. Each one
// runs in one tenant transaction, applies a pure rule from lib/domain, guards the version and writes
// one audit event.
import { and, eq, inArray, sql } from "drizzle-orm";
import { memberships, organisations, workItems } from "../db/schema";
import { AppError } from "../errors";
import { itemNumber } from "../domain/keys";
import { passCourt } from "../domain/ball-in-court";
import { defaultPriority } from "../domain/priority";
import { planAssign, planHandOver, planPriority } from "../domain/work-item-rules";
import { planMove } from "../domain/workflow";
import { assignInput, commentInput, createWorkItemInput, handOverInput, moveInput, priorityInput } from "../schemas/work-items";
import type { MutationContext, MutationDef } from "./mutation";
import { refreshItemSla } from "../sla/store";
import { applyChange, identityTier, lockItem, notFound, throwRefusal } from "./work-item-store";
import { latestAcceptance, settleAcceptanceOnMove } from "./acceptance-store";
import { decisionWaiting } from "../domain/risk-acceptance";
import { applyVerifiedClosure } from "../inventory/closure";

export const createWorkItem: MutationDef<typeof createWorkItemInput, { id: string; number: number }> = {
  permission: "create:work_item",
  input: createWorkItemInput,
  async run(ctx, input) {
    const tier = await identityTier(ctx.tx, ctx.org.orgId, input.identityId ?? null);
    if (input.identityId && !tier) throw new AppError("invalid:work_item.identity", "That identity does not exist in this organisation.");
    const computed = defaultPriority(tier, input.severity);
    const priority = input.priority ?? computed;
    if (priority !== computed && !input.priorityReason) {
      throw new AppError("invalid:work_item.override_reason", `The computed priority is ${computed}; overriding it needs a reason.`);
    }
    const [seq] = await ctx.tx
      .update(organisations)
      .set({ itemSeq: sql`${organisations.itemSeq} + 1` })
      .where(eq(organisations.id, ctx.org.orgId))
      .returning({ n: organisations.itemSeq });
    const [row] = await ctx.tx
      .insert(workItems)
      .values({
        organisationId: ctx.org.orgId,
        number: seq!.n,
        type: input.type,
        title: input.title,
        description: input.description,
        severity: input.severity,
        identityId: input.identityId ?? null,
        priority,
        priorityOverrideReason: priority !== computed ? (input.priorityReason ?? null) : null,
        createdById: ctx.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        stageEnteredAt: ctx.now,
        waitingSince: ctx.now,
      })
      .returning();
    await ctx.audit({
      action: "work_item.create",
      entityType: "work_item",
      entityId: row!.id,
      after: { number: row!.number, type: row!.type, title: row!.title, stage: "intake", priority, severity: row!.severity, version: 1 },
      reason: row!.priorityOverrideReason,
    });
    await refreshItemSla(ctx.tx, ctx.org.orgId, row!, ctx.now);
    return { id: row!.id, number: row!.number };
  },
};

export const moveWorkItem: MutationDef<typeof moveInput, { version: number; stage: string }> = {
  permission: "read:work_item",
  input: moveInput,
  async run(ctx, input) {
    const { row, state } = await lockItem(ctx.tx, ctx.org.orgId, input.id, input.version);
    const duplicateOfId = input.duplicateOf ? await resolveItemRef(ctx, input.duplicateOf) : null;
    const plan = planMove(state, ctx.actor, { to: input.to, resolution: input.resolution, reason: input.reason, duplicateOfId });
    if (!plan.ok) throwRefusal(plan);
    const p = plan.patch;
    if (p.duplicateOfId === row.id) throw new AppError("invalid:work_item.duplicate_of", "An item cannot duplicate itself.");
    const wasOpen = row.stage !== "closed";
    const court = passCourt(row, p.waitingOn, ctx.now, wasOpen);
    const settled = await settleAcceptanceOnMove(ctx, ctx.org.orgId, row.id, { closing: p.closed, reopening: plan.kind === "reopen" });
    // Proof, not intent (SPEC §6): an owner reopening remediated work that came back marks it regressed.
    const regressed = plan.kind === "reopen" && row.resolution === "remediated" && input.regressed === true;
    const updated = await applyChange(
      ctx,
      row,
      {
        stage: p.stage,
        resolution: p.resolution,
        resolutionReason: p.resolutionReason,
        duplicateOfId: p.duplicateOfId,
        implementedById: p.implementedById,
        cycle: p.cycle,
        stageEnteredAt: ctx.now,
        closedAt: p.closed ? ctx.now : null,
        ...court,
        ...settled.patch,
        ...(regressed ? { regressed: true } : {}),
      },
      {
        action: `work_item.${plan.kind === "forward" || plan.kind === "backward" ? "move" : plan.kind}`,
        before: { stage: row.stage, resolution: row.resolution },
        after: {
          stage: p.stage,
          resolution: p.resolution,
          ...(p.duplicateOfId ? { duplicateOf: p.duplicateOfId } : {}),
          ...(p.cycle !== row.cycle ? { cycle: p.cycle } : {}),
          ...(regressed ? { regressed: true } : {}),
          ...settled.after,
        },
        // Every move keeps the reason it was given (forward moves may carry one too).
        reason: input.reason?.trim() || p.resolutionReason,
      },
    );
    if (p.closed && p.resolution === "remediated") await applyVerifiedClosure(ctx, updated);
    return { version: updated.version, stage: updated.stage };
  },
};

/** An item named by id, number or key; an unknown one is a validation error of the naming field. */
async function resolveItemRef(ctx: MutationContext, ref: string): Promise<string> {
  const n = itemNumber(ref);
  const [row] = await ctx.tx
    .select({ id: workItems.id })
    .from(workItems)
    .where(and(eq(workItems.organisationId, ctx.org.orgId), n !== null ? eq(workItems.number, n) : eq(workItems.id, ref)));
  if (!row) throw new AppError("invalid:work_item.duplicate_of", "The original item does not exist in this organisation.");
  return row.id;
}

export const setPriority: MutationDef<typeof priorityInput, { version: number }> = {
  permission: "triage:work_item",
  input: priorityInput,
  async run(ctx, input) {
    const { row, state } = await lockItem(ctx.tx, ctx.org.orgId, input.id, input.version);
    const tier = await identityTier(ctx.tx, ctx.org.orgId, row.identityId);
    const latest = await latestAcceptance(ctx.tx, ctx.org.orgId, row.id);
    const decisionPending = latest !== null && decisionWaiting(latest);
    const plan = planPriority(state, ctx.actor, { priority: input.priority, reason: input.reason, tier, severity: row.severity, decisionPending });
    if (!plan.ok) throwRefusal(plan);
    const reason = plan.override ? input.reason!.trim() : null;
    const updated = await applyChange(ctx, row, { priority: input.priority, priorityOverrideReason: reason }, {
      action: "work_item.prioritise",
      before: { priority: row.priority },
      after: { priority: input.priority, override: plan.override },
      reason,
    });
    return { version: updated.version };
  },
};

async function assignee(ctx: MutationContext, userId: string | null) {
  if (!userId) return null;
  const [m] = await ctx.tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, ctx.org.orgId), eq(memberships.userId, userId), inArray(memberships.role, ["analyst", "lead"])));
  if (!m) throw new AppError("invalid:work_item.assignee", "Work is assigned to an analyst or lead of this organisation.");
  return userId;
}

export const assignWorkItem: MutationDef<typeof assignInput, { version: number }> = {
  permission: "read:work_item",
  input: assignInput,
  async run(ctx, input) {
    const { row, state } = await lockItem(ctx.tx, ctx.org.orgId, input.id, input.version);
    const plan = planAssign(state, ctx.actor, input.assigneeId);
    if (!plan.ok) throwRefusal(plan);
    const to = await assignee(ctx, input.assigneeId);
    const updated = await applyChange(ctx, row, { assigneeId: to }, {
      action: "work_item.assign",
      before: { assigneeId: row.assigneeId },
      after: { assigneeId: to },
    });
    return { version: updated.version };
  },
};

export const handOver: MutationDef<typeof handOverInput, { version: number }> = {
  permission: "hand_over:work_item",
  input: handOverInput,
  async run(ctx, input) {
    const { row, state } = await lockItem(ctx.tx, ctx.org.orgId, input.id, input.version);
    const plan = planHandOver(state, ctx.actor, { waitingOn: input.waitingOn, reason: input.reason });
    if (!plan.ok) throwRefusal(plan);
    const updated = await applyChange(ctx, row, passCourt(row, input.waitingOn, ctx.now), {
      action: "work_item.hand_over",
      before: { waitingOn: row.waitingOn },
      after: { waitingOn: input.waitingOn },
      reason: input.reason!.trim(),
    });
    return { version: updated.version };
  },
};

/** Comments are kept in the audit trail itself: immutable, chained, and already the item's timeline. */
export const addComment: MutationDef<typeof commentInput, { ok: true }> = {
  permission: "comment:work_item",
  input: commentInput,
  async run(ctx, input) {
    const [row] = await ctx.tx
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.organisationId, ctx.org.orgId), eq(workItems.id, input.id)));
    if (!row) throw notFound();
    await ctx.audit({ action: "work_item.comment", entityType: "work_item", entityId: row.id, after: { body: input.body } });
    return { ok: true };
  },
};

// Evidence lives with its kinds, files and corrections in ./evidence; re-exported for existing importers.
export { addEvidence } from "./evidence";
