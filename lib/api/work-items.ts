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
import { activeSlaPolicy } from "../queries/policies";
import { headline, readSnapshot, type SlaSnapshot } from "../domain/sla/snapshot";
import type { SlaPolicyDocument } from "../domain/sla/policy";
import { errorResponse, json, readJson, respond, type ApiContext } from "./handler";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The item's clocks read live from its stored snapshot under the active policy's calendars. */
export function toApiSla(snap: SlaSnapshot | null, policy: SlaPolicyDocument | null, now: number) {
  const clocks = readSnapshot(snap, policy, now);
  const top = headline(clocks);
  const r = Math.round;
  return {
    state: top.state,
    dueAt: iso(top.clock?.dueAt == null ? null : new Date(top.clock.dueAt)),
    policyVersion: snap?.policyVersion ?? null,
    clocks: clocks.map((c) => ({
      clock: c.clock,
      cycle: c.cycle,
      state: c.state,
      atRisk: c.atRisk,
      goal: c.goal,
      calendar: c.calendar,
      targetMs: r(c.targetMs),
      elapsedMs: r(c.elapsedMs),
      remainingMs: r(c.remainingMs),
      dueAt: iso(c.dueAt === null ? null : new Date(c.dueAt)),
    })),
  };
}

export function toApiItem(slug: string, r: QueueRow, policy: SlaPolicyDocument | null, now: number) {
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
    sla: toApiSla(r.sla, policy, now),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: iso(r.closedAt),
  };
}

export function toApiDetail(slug: string, d: WorkItemDetail, policy: SlaPolicyDocument | null, now = new Date()) {
  const i = d.item;
  return {
    ...toApiItem(slug, { ...i, assigneeName: d.assigneeName, identityName: d.identity?.name ?? null }, policy, now.getTime()),
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
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:work_item", async (tx, { org, userId }) => {
    // One transaction is one connection: its queries run one after another.
    const page = await listWorkItems(tx, { ...parsed.data, orgId: org.orgId, me: userId });
    const sla = await activeSlaPolicy(tx, org.orgId);
    return { page, policy: sla?.doc ?? null };
  }, ctx.requestId);
  const now = Date.now();
  return respond(r, ({ page, policy }) => json({ items: page.items.map((it) => toApiItem(ctx.orgSlug, it, policy, now)), nextCursor: page.nextCursor }, 200, ctx.requestId), ctx.requestId);
}

async function detail(ctx: ApiContext, id: string, status = 200): Promise<Response> {
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:work_item", async (tx, { org }) => {
    const item = await getWorkItem(tx, org.orgId, id);
    const sla = await activeSlaPolicy(tx, org.orgId);
    return { item, policy: sla?.doc ?? null };
  }, ctx.requestId);
  if (!r.ok) return errorResponse(r.error, ctx.requestId);
  if (!r.data.item) return errorResponse(notFound(), ctx.requestId);
  return json({ item: toApiDetail(ctx.orgSlug, r.data.item, r.data.policy) }, status, ctx.requestId);
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
