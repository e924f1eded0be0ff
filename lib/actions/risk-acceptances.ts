// Risk-acceptance changes (SPEC §5): request, decide, extend, withdraw. Each runs in one tenant transaction,
// locks the item before its acceptance, applies a pure rule from lib/domain/risk-acceptance.ts, writes one
// audit event on the item (bumping its version) and tells the people who must act.
import { riskAcceptanceDecisions, riskAcceptances } from "../db/schema";
import { actorUserId } from "../domain/actor";
import { passCourt } from "../domain/ball-in-court";
import { exceptionTier } from "../domain/exception-policy";
import { itemKey } from "../domain/keys";
import { planDecision, planExtension, planRequest, planWithdraw } from "../domain/risk-acceptance";
import { labels } from "../domain/vocabulary";
import { deliveryConfig } from "../notify/config";
import { notifyMany } from "../notify/outbox";
import { loadPolicies } from "../sla/store";
import { decideAcceptanceInput, extendAcceptanceInput, requestAcceptanceInput, withdrawAcceptanceInput } from "../schemas/risk-acceptances";
import type { MutationContext, MutationDef } from "./mutation";
import {
  expiryInstant,
  findAcceptance,
  latestAcceptance,
  lockAcceptance,
  ownerIds,
  resolveAccountableOwner,
  roundDecisions,
  toAcceptanceState,
  updateAcceptance,
} from "./acceptance-store";
import { applyChange, lockItem, throwRefusal, type WorkItemRow } from "./work-item-store";

const iso = (t: number | Date) => new Date(t).toISOString();

/** The acceptance and its item, both locked: the item first, as every change to an item does. */
async function lockForDecision(tx: MutationContext["tx"], orgId: string, id: string) {
  const found = await findAcceptance(tx, orgId, id);
  const { row } = await lockItem(tx, orgId, found.workItemId);
  return { row, a: await lockAcceptance(tx, orgId, found.id) };
}
const day = (t: number | Date) => iso(t).slice(0, 10);

async function tell(ctx: MutationContext, row: WorkItemRow, userIds: string[], subject: string, body: string, link: string, event: Record<string, unknown>) {
  if (userIds.length === 0) return;
  const key = itemKey(ctx.org.slug, row.number);
  await notifyMany(
    ctx.tx,
    ctx.org.orgId,
    [{ userIds, workItemId: row.id, escalationId: null, subject: `${key}: ${subject}`, body: `${key} "${row.title}" — ${body}`, link, event: { ...event, organisation: ctx.org.slug, item: { id: row.id, key, number: row.number, title: row.title, priority: row.priority } } }],
    deliveryConfig(),
    { now: ctx.now },
  );
}

export const requestAcceptance: MutationDef<typeof requestAcceptanceInput, { id: string; version: number }> = {
  permission: "request:risk_acceptance",
  input: requestAcceptanceInput,
  async run(ctx, input) {
    const { tx, org, now } = ctx;
    const { row } = await lockItem(tx, org.orgId, input.id, input.version);
    const latest = await latestAcceptance(tx, org.orgId, row.id);
    const policies = await loadPolicies(tx, org.orgId);
    const tier = exceptionTier(policies.escalation?.doc.exceptions, row.priority);
    const expiresAt = await expiryInstant(tx, org.orgId, input.expiresAt);
    const plan = planRequest({ open: row.stage !== "closed", priority: row.priority, latest }, ctx.actor, { expiresAt }, tier, now.getTime());
    if (!plan.ok) throwRefusal(plan);
    const owner = await resolveAccountableOwner(tx, org.orgId, input.accountableOwner);
    const me = actorUserId(ctx.actor);
    const [a] = await tx
      .insert(riskAcceptances)
      .values({
        organisationId: org.orgId,
        workItemId: row.id,
        itemCycle: row.cycle,
        status: "pending",
        justification: input.justification,
        treatment: input.treatment,
        compensatingControls: input.compensatingControls,
        accountableOwnerId: owner.id,
        requestedById: me,
        requestedByTokenId: ctx.actor.kind === "token" ? ctx.actor.tokenId : null,
        requestedAt: now,
        originalExpiresAt: new Date(expiresAt),
        expiresAt: new Date(expiresAt),
        approvalsRequired: tier.approvals,
        policyVersion: policies.escalation?.version ?? null,
        roundRequestedById: me,
        roundRequestedAt: now,
      })
      .returning();
    const updated = await applyChange(ctx, row, passCourt(row, "client", now), {
      action: "work_item.acceptance_request",
      before: { waitingOn: row.waitingOn },
      after: {
        acceptanceId: a!.id,
        waitingOn: "client",
        decisionPending: true,
        treatment: input.treatment,
        expiresAt: iso(expiresAt),
        accountableOwner: owner.name,
        approvalsRequired: tier.approvals,
      },
      reason: input.justification,
    });
    const needs = tier.approvals > 1 ? `${tier.approvals} owners must approve` : "one owner must approve";
    await tell(ctx, row, await ownerIds(tx, org.orgId, [me]), `risk acceptance requested (${row.priority})`, `a risk acceptance until ${day(expiresAt)} (${labels.treatment[input.treatment].toLowerCase()}) waits for your decision; ${needs}.`, `/o/${org.slug}/decisions`, { type: "risk_acceptance.requested", acceptanceId: a!.id });
    return { id: a!.id, version: updated.version };
  },
};

export const decideAcceptance: MutationDef<typeof decideAcceptanceInput, { outcome: string; approvals: number; required: number }> = {
  permission: "decide:risk_acceptance",
  input: decideAcceptanceInput,
  async run(ctx, input) {
    const { tx, org, now } = ctx;
    const { row, a } = await lockForDecision(tx, org.orgId, input.id);
    const decided = await roundDecisions(tx, org.orgId, a.id, a.round);
    const policies = await loadPolicies(tx, org.orgId);
    const tier = exceptionTier(policies.escalation?.doc.exceptions, row.priority);
    const plan = planDecision(toAcceptanceState(a), ctx.actor, decided, input.decision, { tier, at: now.getTime(), roundRequestedAt: a.roundRequestedAt.getTime(), priority: row.priority });
    if (!plan.ok) throwRefusal(plan);
    const me = actorUserId(ctx.actor)!;
    await tx.insert(riskAcceptanceDecisions).values({ organisationId: org.orgId, acceptanceId: a.id, round: a.round, deciderId: me, decision: input.decision, comment: input.comment, decidedAt: now });
    const extension = a.extensionExpiresAt !== null;
    const open = row.stage !== "closed";
    const base = { acceptanceId: a.id, round: a.round, decision: input.decision };
    const audit = (after: Record<string, unknown>) => ({ action: "work_item.acceptance_decide", before: { stage: row.stage, waitingOn: row.waitingOn }, after: { ...base, ...after }, reason: input.comment });

    if (plan.outcome === "approval_recorded") {
      await applyChange(ctx, row, {}, audit({ approvals: plan.approvals, required: plan.required }));
      return { outcome: plan.outcome, approvals: plan.approvals, required: plan.required };
    }
    const notifyIds = [...new Set([a.roundRequestedById, a.requestedById, a.accountableOwnerId].filter((x): x is string => !!x && x !== me))];
    const link = `/o/${org.slug}/items/${row.number}`;
    if (plan.outcome === "rejected") {
      await updateAcceptance(ctx, a, extension ? { extensionExpiresAt: null, decidedAt: now } : { status: "rejected", decidedAt: now, endedAt: now });
      // The item stays in its stage and goes back to the provider (an acceptance in force keeps it closed).
      await applyChange(ctx, row, open ? passCourt(row, "provider", now) : {}, audit({ decisionPending: false, ...(open ? { waitingOn: "provider" } : {}), extension }));
      await tell(ctx, row, notifyIds, extension ? "extension rejected" : "risk acceptance rejected", `the programme owner rejected the ${extension ? "extension" : "risk acceptance"}: ${input.comment}`, link, { type: "risk_acceptance.rejected", acceptanceId: a.id });
      return { outcome: plan.outcome, approvals: 0, required: a.approvalsRequired };
    }
    const expiresAt = a.extensionExpiresAt ?? a.expiresAt;
    await updateAcceptance(ctx, a, {
      status: "approved",
      expiresAt,
      extensionExpiresAt: null,
      decidedAt: now,
      approvedAt: a.approvedAt ?? now,
      // A renewal of a lapsed acceptance puts it back in force.
      endedAt: null,
      ...(extension ? { renewals: a.renewals + 1 } : {}),
    });
    const close = open
      ? { stage: "closed" as const, resolution: "risk_accepted" as const, resolutionReason: `Risk accepted until ${day(expiresAt)}.`, closedAt: now, stageEnteredAt: now, ...passCourt(row, "provider", now) }
      : {};
    await applyChange(ctx, row, { ...close, exceptionExpiresAt: expiresAt }, audit({ decisionPending: false, approvals: plan.approvals, required: plan.required, expiresAt: iso(expiresAt), ...(open ? { stage: "closed", resolution: "risk_accepted" } : {}), extension }));
    await tell(ctx, row, notifyIds, extension ? "extension approved" : "risk accepted", `the ${extension ? "extension" : "risk acceptance"} is approved until ${day(expiresAt)}${open ? "; the item is closed as risk accepted" : ""}.`, link, { type: "risk_acceptance.approved", acceptanceId: a.id });
    return { outcome: plan.outcome, approvals: plan.approvals, required: plan.required };
  },
};

export const extendAcceptance: MutationDef<typeof extendAcceptanceInput, { id: string; round: number }> = {
  permission: "request:risk_acceptance",
  input: extendAcceptanceInput,
  async run(ctx, input) {
    const { tx, org, now } = ctx;
    const { row, a } = await lockForDecision(tx, org.orgId, input.id);
    const policies = await loadPolicies(tx, org.orgId);
    const tier = exceptionTier(policies.escalation?.doc.exceptions, row.priority);
    const expiresAt = await expiryInstant(tx, org.orgId, input.expiresAt);
    const open = row.stage !== "closed";
    const plan = planExtension(toAcceptanceState(a), { open, priority: row.priority }, ctx.actor, { expiresAt }, tier, now.getTime());
    if (!plan.ok) throwRefusal(plan);
    const me = actorUserId(ctx.actor);
    const next = await updateAcceptance(ctx, a, {
      round: a.round + 1,
      extensionExpiresAt: new Date(expiresAt),
      roundRequestedById: me,
      roundRequestedAt: now,
      roundJustification: input.justification,
      // The policy in force now decides how many owners approve the extension.
      approvalsRequired: tier.approvals,
    });
    await applyChange(ctx, row, open ? passCourt(row, "client", now) : {}, {
      action: "work_item.acceptance_extend",
      before: { expiresAt: iso(a.expiresAt) },
      after: { acceptanceId: a.id, round: next.round, decisionPending: true, extensionExpiresAt: iso(expiresAt), ...(open ? { waitingOn: "client" } : {}) },
      reason: input.justification,
    });
    await tell(ctx, row, await ownerIds(tx, org.orgId, [me, a.requestedById]), "extension requested", `an extension of the risk acceptance to ${day(expiresAt)} waits for your decision (renewal ${a.renewals + 1}).`, `/o/${org.slug}/decisions`, { type: "risk_acceptance.extension_requested", acceptanceId: a.id });
    return { id: a.id, round: next.round };
  },
};

export const withdrawAcceptance: MutationDef<typeof withdrawAcceptanceInput, { id: string }> = {
  permission: "request:risk_acceptance",
  input: withdrawAcceptanceInput,
  async run(ctx, input) {
    const { tx, org, now } = ctx;
    const { row, a } = await lockForDecision(tx, org.orgId, input.id);
    const plan = planWithdraw(toAcceptanceState(a), ctx.actor);
    if (!plan.ok) throwRefusal(plan);
    const extension = a.extensionExpiresAt !== null;
    await updateAcceptance(ctx, a, extension ? { extensionExpiresAt: null } : { status: "withdrawn", endedAt: now });
    const open = row.stage !== "closed";
    await applyChange(ctx, row, open ? passCourt(row, "provider", now) : {}, {
      action: "work_item.acceptance_withdraw",
      before: { waitingOn: row.waitingOn },
      after: { acceptanceId: a.id, round: a.round, decisionPending: false, extension, ...(open ? { waitingOn: "provider" } : {}) },
      reason: input.reason,
    });
    return { id: a.id };
  },
};
