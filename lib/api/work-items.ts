// /api/v1/work-items operations (SPEC §10). Thin: parse, call the same mutations and queries as the UI.
import { isUuid, itemKey } from "../domain/keys";
import { notFound } from "../actions/work-item-store";
import { courtTotals } from "../domain/ball-in-court";
import { fieldErrors, performMutation, performRead } from "../actions/mutation";
import { createWorkItem, moveWorkItem } from "../actions/work-items";
import { AppError } from "../errors";
import { getWorkItem, type WorkItemDetail } from "../queries/work-item-detail";
import { listWorkItems, type QueueRow } from "../queries/work-items";
import { listQuery, transitionInput } from "../schemas/work-items";
import { errorResponse, json, readJson, respond, type ApiContext } from "./handler";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toApiItem(slug: string, r: QueueRow) {
  return {
    id: r.id,
    key: itemKey(slug, r.number),
    number: r.number,
    type: r.type,
    stage: r.stage,
    resolution: r.resolution,
    title: r.title,
    priority: r.priority,
    severity: r.severity,
    waitingOn: r.waitingOn,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeName,
    identityId: r.identityId,
    identityName: r.identityName,
    escalationLevel: r.escalationLevel,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: iso(r.closedAt),
  };
}

export function toApiDetail(slug: string, d: WorkItemDetail, now = new Date()) {
  const i = d.item;
  return {
    ...toApiItem(slug, { ...i, assigneeName: d.assigneeName, identityName: d.identity?.name ?? null }),
    description: i.description,
    cycle: i.cycle,
    implementedById: i.implementedById,
    priorityOverrideReason: i.priorityOverrideReason,
    resolutionReason: i.resolutionReason,
    timeWaiting: courtTotals(i, now, i.closedAt === null),
  };
}

export async function listItemsOp(ctx: ApiContext): Promise<Response> {
  const parsed = listQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new AppError("invalid:input", "Some query parameters are not valid.", fieldErrors(parsed.error));
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:work_item", (tx, { org, userId }) =>
    listWorkItems(tx, { ...parsed.data, orgId: org.orgId, me: userId }), ctx.requestId);
  return respond(r, (page) => json({ items: page.items.map((it) => toApiItem(ctx.orgSlug, it)), nextCursor: page.nextCursor }, 200, ctx.requestId), ctx.requestId);
}

async function detail(ctx: ApiContext, id: string, status = 200): Promise<Response> {
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:work_item", (tx, { org }) => getWorkItem(tx, org.orgId, id), ctx.requestId);
  if (!r.ok) return errorResponse(r.error, ctx.requestId);
  if (!r.data) return errorResponse(notFound(), ctx.requestId);
  return json({ item: toApiDetail(ctx.orgSlug, r.data) }, status, ctx.requestId);
}

export function getItemOp(ctx: ApiContext): Promise<Response> {
  return detail(ctx, ctx.params.id ?? "");
}

export async function createItemOp(ctx: ApiContext): Promise<Response> {
  const body = await readJson(ctx.req);
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, createWorkItem, body, ctx.requestId);
  return respond(r, (created) => detail(ctx, created.id, 201), ctx.requestId);
}

export async function transitionOp(ctx: ApiContext): Promise<Response> {
  const body = await readJson(ctx.req);
  // Validate the documented body first, so the path id never masks a body error.
  const parsed = transitionInput.safeParse(body);
  if (!parsed.success) throw new AppError("invalid:input", "Some fields need attention.", fieldErrors(parsed.error));
  const id = ctx.params.id ?? "";
  if (!isUuid(id)) return errorResponse(notFound(), ctx.requestId);
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, moveWorkItem, { ...parsed.data, id }, ctx.requestId);
  return respond(r, () => detail(ctx, id), ctx.requestId);
}
