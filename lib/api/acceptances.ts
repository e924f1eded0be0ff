// /api/v1 risk-acceptance operations (SPEC §10): request one for an item, decide it, ask for an extension, read
// it. Thin: the same mutations as the console; tokens are refused every decision by the rules themselves.
import { itemKey } from "../domain/keys";
import { decisionWaiting } from "../domain/risk-acceptance";
import { AppError } from "../errors";
import { authorize, fieldErrors, performMutation, performRead } from "../actions/mutation";
import type { Permission } from "../domain/permissions";
import { decideAcceptance, extendAcceptance, requestAcceptance } from "../actions/risk-acceptances";
import { acceptanceNotFound } from "../actions/acceptance-store";
import { notFound } from "../actions/work-item-store";
import { isUuid } from "../domain/keys";
import { getAcceptance, type AcceptanceView } from "../queries/acceptance-detail";
import { acceptanceRequestBody, decisionBody, extensionBody } from "../schemas/risk-acceptances";
import { errorResponse, json, readJson, respond, type ApiContext } from "./handler";
import type { z } from "zod";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiAcceptance(slug: string, v: AcceptanceView) {
  const a = v.acceptance;
  return {
    id: a.id,
    workItemId: a.workItemId,
    itemKey: itemKey(slug, v.item.number),
    status: a.status,
    decisionWaiting: decisionWaiting(a),
    treatment: a.treatment,
    justification: a.justification,
    compensatingControls: a.compensatingControls,
    accountableOwnerId: a.accountableOwnerId,
    requestedById: a.requestedById,
    requestedAt: a.requestedAt.toISOString(),
    originalExpiresAt: a.originalExpiresAt.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    extensionExpiresAt: iso(a.extensionExpiresAt),
    round: a.round,
    renewals: a.renewals,
    approvalsRequired: a.approvalsRequired,
    approvals: v.decisions.filter((d) => d.round === a.round && d.decision === "approve").length,
    decisions: v.decisions.map((d) => ({ round: d.round, deciderId: d.deciderId, decision: d.decision, comment: d.comment, decidedAt: d.decidedAt.toISOString() })),
  };
}

async function show(ctx: ApiContext, id: string, status = 200, extra: Record<string, unknown> = {}): Promise<Response> {
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:work_item", (tx, { org }) => getAcceptance(tx, org.orgId, id), ctx.requestId);
  if (!r.ok) return errorResponse(r.error, ctx.requestId);
  if (!r.data) return errorResponse(acceptanceNotFound(), ctx.requestId);
  return json({ acceptance: toApiAcceptance(ctx.orgSlug, r.data), ...extra }, status, ctx.requestId);
}

/** The caller's right first (a refusal is audited), then the body: a token never learns more than "no". */
async function body<S extends z.ZodType>(ctx: ApiContext, schema: S, permission: Permission): Promise<z.infer<S>> {
  await authorize(ctx.db, ctx.principal, ctx.orgSlug, permission, ctx.requestId);
  const parsed = schema.safeParse(await readJson(ctx.req));
  if (!parsed.success) throw new AppError("invalid:input", "Some fields need attention.", fieldErrors(parsed.error));
  return parsed.data;
}

export function getAcceptanceOp(ctx: ApiContext): Promise<Response> {
  return show(ctx, ctx.params.id ?? "");
}

export async function requestAcceptanceOp(ctx: ApiContext): Promise<Response> {
  const input = await body(ctx, acceptanceRequestBody, "request:risk_acceptance");
  const id = ctx.params.id ?? "";
  if (!isUuid(id)) return errorResponse(notFound(), ctx.requestId);
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, requestAcceptance, { ...input, id }, ctx.requestId);
  return respond(r, (d) => show(ctx, d.id, 201), ctx.requestId);
}

/** Tokens get 403 `forbidden:risk_acceptance.decide` (decisions are human), recorded in the audit trail. */
export async function decideAcceptanceOp(ctx: ApiContext): Promise<Response> {
  const input = await body(ctx, decisionBody, "decide:risk_acceptance");
  const id = ctx.params.id ?? "";
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, decideAcceptance, { ...input, id }, ctx.requestId);
  return respond(r, (d) => show(ctx, id, 200, { outcome: d.outcome }), ctx.requestId);
}

export async function extendAcceptanceOp(ctx: ApiContext): Promise<Response> {
  const input = await body(ctx, extensionBody, "request:risk_acceptance");
  const id = ctx.params.id ?? "";
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, extendAcceptance, { ...input, id }, ctx.requestId);
  return respond(r, () => show(ctx, id), ctx.requestId);
}
