// The auditor's evidence pack (SPEC §6): every item closed in a period with its timeline (the audit trail,
// each event with its chain seq and hash), risk acceptances and their decisions, and evidence with hashes.
// Items are read in batches by keyset on (closed_at, id), a fixed handful of queries per batch, and the
// timeline stops at the chain head read when the export began, so the pack ties to one point of the chain.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { auditEvents, evidence, organisations, riskAcceptanceDecisions, riskAcceptances, users, workItems } from "../db/schema";
import { actorLabel, auditChange } from "../domain/audit-change";
import { RESOLUTIONS, type Resolution } from "../domain/vocabulary";

export interface PackScope {
  orgId: string;
  /** [from, to): instants. */
  from: Date;
  to: Date;
}

const implementer = alias(users, "implementer");
const creator = alias(users, "creator");
const owner = alias(users, "accountable_owner");
const requester = alias(users, "requester");

/** The organisation and its audit chain head now: the last event's seq and hash. */
export async function packContext(tx: Tx, orgId: string) {
  const [org] = await tx.select({ slug: organisations.slug, name: organisations.name, timeZone: organisations.timeZone }).from(organisations).where(eq(organisations.id, orgId));
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash, at: auditEvents.occurredAt })
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, orgId))
    .orderBy(sql`${auditEvents.seq} desc`)
    .limit(1);
  if (!org) throw new Error(`organisation ${orgId} is not in scope`);
  return { org, head: head ?? null };
}

/**
 * The items closed in the period, by their closing events in the audit trail (not their current state), so
 * an item closed in the period and reopened since — an expired acceptance, a regression — is still in it:
 * each with its first closure in the period and the resolution it was closed with then.
 */
function closures(s: PackScope, headSeq?: number) {
  return sql`
    select e.entity_id as item_id, min(e.occurred_at) as closed_at, (array_agg(e.after->>'resolution' order by e.seq))[1] as resolution
      from audit_events e
     where e.organisation_id = ${s.orgId} and e.entity_type = 'work_item' and e.after->>'stage' = 'closed'
       and e.occurred_at >= ${s.from.toISOString()}::timestamptz and e.occurred_at < ${s.to.toISOString()}::timestamptz
       ${headSeq === undefined ? sql`` : sql`and e.seq <= ${headSeq}`}
     group by e.entity_id`;
}

/** What the pack holds, counted in one query. */
export async function packSummary(tx: Tx, s: PackScope) {
  const r = await tx.execute<{ by_resolution: Record<string, number> | null; acceptances: number; decided: number; decisions: number; evidence: number }>(sql`
    with items as (
      select item_id::uuid as id, resolution from (${closures(s)}) c
    ), acc as (
      select a.id from risk_acceptances a where a.organisation_id = ${s.orgId} and a.work_item_id in (select id from items)
    ), dec as (
      select d.acceptance_id from risk_acceptance_decisions d where d.organisation_id = ${s.orgId} and d.acceptance_id in (select id from acc)
    )
    select
      (select json_object_agg(coalesce(resolution::text, 'none'), n) from (select resolution, count(*)::int as n from items group by resolution) g) as by_resolution,
      (select count(*)::int from acc) as acceptances,
      (select count(distinct acceptance_id)::int from dec) as decided,
      (select count(*)::int from dec) as decisions,
      (select count(*)::int from evidence e where e.organisation_id = ${s.orgId} and e.work_item_id in (select id from items)) as evidence
  `);
  const row = r.rows[0]!;
  const byResolution = Object.fromEntries(RESOLUTIONS.map((k) => [k, Number(row.by_resolution?.[k] ?? 0)])) as Record<Resolution, number>;
  return {
    itemsClosed: Object.values(row.by_resolution ?? {}).reduce((n, v) => n + Number(v), 0),
    byResolution,
    acceptances: Number(row.acceptances),
    acceptancesDecided: Number(row.decided),
    decisions: Number(row.decisions),
    evidenceRecords: Number(row.evidence),
  };
}

export type PackSummary = Awaited<ReturnType<typeof packSummary>>;

export interface PackCursor {
  closedAt: string;
  id: string;
}

export interface BatchParams extends PackScope {
  /** Timeline events after this seq are left out (they happened after the export began). */
  headSeq: number;
  after: PackCursor | null;
  limit: number;
}

/** One batch of closed items, oldest closure first, with everything the pack shows about each. */
export async function packBatch(tx: Tx, p: BatchParams) {
  const { rows: closed } = await tx.execute<{ item_id: string; closed_at: string; resolution: Resolution | null }>(sql`
    select c.item_id, c.closed_at::text as closed_at, c.resolution from (${closures(p, p.headSeq)}) c
    ${p.after ? sql`where (c.closed_at, c.item_id) > (${p.after.closedAt}::timestamptz, ${p.after.id})` : sql``}
    order by c.closed_at, c.item_id
    limit ${p.limit + 1}`);
  const found = closed.length
    ? await tx
        .select({
          id: workItems.id,
          number: workItems.number,
          title: workItems.title,
          type: workItems.type,
          rule: workItems.rule,
          priority: workItems.priority,
          severity: workItems.severity,
          resolution: workItems.resolution,
          resolutionReason: workItems.resolutionReason,
          raisedAt: workItems.createdAt,
          closedAt: workItems.closedAt,
          cycle: workItems.cycle,
          regressed: workItems.regressed,
          raisedBy: creator.name,
          implementer: implementer.name,
        })
        .from(workItems)
        .leftJoin(implementer, eq(implementer.id, workItems.implementedById))
        .leftJoin(creator, eq(creator.id, workItems.createdById))
        .where(and(eq(workItems.organisationId, p.orgId), inArray(workItems.id, closed.map((c) => c.item_id))))
    : [];
  const byId = new Map(found.map((i) => [i.id, i]));
  const items = closed.flatMap((c) => {
    const i = byId.get(c.item_id);
    if (!i) return [];
    const closedAt = new Date(c.closed_at);
    // Reopened after this closure (it may be open again, or closed once more later).
    const reopenedSince = i.closedAt === null || i.closedAt.getTime() !== closedAt.getTime();
    return [{ ...i, closedAt, resolution: c.resolution ?? i.resolution, currentResolution: i.closedAt ? i.resolution : null, openNow: i.closedAt === null, reopenedSince, cursorKey: c.closed_at }];
  });
  const page = items.slice(0, p.limit);
  const last = page[page.length - 1];
  const next: PackCursor | null = items.length > p.limit && last ? { closedAt: last.cursorKey, id: last.id } : null;
  if (page.length === 0) return { items: [], next };
  const ids = page.map((i) => i.id);

  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const events = await tx
    .select({
      itemId: auditEvents.entityId,
      seq: auditEvents.seq,
      hash: auditEvents.hash,
      at: auditEvents.occurredAt,
      actorType: auditEvents.actorType,
      actorName: users.name,
      action: auditEvents.action,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.organisationId, p.orgId), eq(auditEvents.entityType, "work_item"), inArray(auditEvents.entityId, ids), lte(auditEvents.seq, p.headSeq)))
    .orderBy(asc(auditEvents.seq));
  const acceptances = await tx
    .select({
      id: riskAcceptances.id,
      itemId: riskAcceptances.workItemId,
      status: riskAcceptances.status,
      treatment: riskAcceptances.treatment,
      justification: riskAcceptances.justification,
      compensatingControls: riskAcceptances.compensatingControls,
      requestedBy: requester.name,
      requestedByToken: sql<boolean>`${riskAcceptances.requestedByTokenId} is not null`,
      requestedAt: riskAcceptances.requestedAt,
      accountableOwner: owner.name,
      originalExpiresAt: riskAcceptances.originalExpiresAt,
      expiresAt: riskAcceptances.expiresAt,
      renewals: riskAcceptances.renewals,
      approvalsRequired: riskAcceptances.approvalsRequired,
      approvedAt: riskAcceptances.approvedAt,
      endedAt: riskAcceptances.endedAt,
    })
    .from(riskAcceptances)
    .innerJoin(owner, eq(owner.id, riskAcceptances.accountableOwnerId))
    .leftJoin(requester, eq(requester.id, riskAcceptances.requestedById))
    .where(and(eq(riskAcceptances.organisationId, p.orgId), inArray(riskAcceptances.workItemId, ids)))
    .orderBy(asc(riskAcceptances.requestedAt), asc(riskAcceptances.id));
  const records = await tx
    .select({
      id: evidence.id,
      itemId: evidence.workItemId,
      kind: evidence.kind,
      summary: evidence.summary,
      url: evidence.url,
      fileName: evidence.fileName,
      contentType: evidence.contentType,
      sizeBytes: evidence.sizeBytes,
      sha256: evidence.sha256,
      result: evidence.result,
      supersedesId: evidence.supersedesId,
      createdBy: users.name,
      createdAt: evidence.createdAt,
    })
    .from(evidence)
    .leftJoin(users, eq(users.id, evidence.createdById))
    .where(and(eq(evidence.organisationId, p.orgId), inArray(evidence.workItemId, ids)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id));

  const accIds = acceptances.map((a) => a.id);
  // Assignment events name people by id: their names, in one more query when there are any.
  const assigneeIds = [...new Set(events.flatMap((e) => [(e.before as { assigneeId?: unknown } | null)?.assigneeId, (e.after as { assigneeId?: unknown } | null)?.assigneeId]).filter((v): v is string => typeof v === "string"))];
  const decisions = accIds.length
    ? await tx
        .select({
          acceptanceId: riskAcceptanceDecisions.acceptanceId,
          round: riskAcceptanceDecisions.round,
          decider: users.name,
          decision: riskAcceptanceDecisions.decision,
          comment: riskAcceptanceDecisions.comment,
          decidedAt: riskAcceptanceDecisions.decidedAt,
        })
        .from(riskAcceptanceDecisions)
        .innerJoin(users, eq(users.id, riskAcceptanceDecisions.deciderId))
        .where(and(eq(riskAcceptanceDecisions.organisationId, p.orgId), inArray(riskAcceptanceDecisions.acceptanceId, accIds)))
        .orderBy(asc(riskAcceptanceDecisions.round), asc(riskAcceptanceDecisions.decidedAt))
    : [];
  const assignees = assigneeIds.length ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, assigneeIds)) : [];
  const names = new Map(assignees.map((u) => [u.id, u.name]));
  const eventsOf = groupBy(events, (e) => e.itemId ?? "");
  const acceptancesOf = groupBy(acceptances, (a) => a.itemId);
  const decisionsOf = groupBy(decisions, (x) => x.acceptanceId);
  const evidenceOf = groupBy(records, (r) => r.itemId);

  const out = page.map(({ cursorKey: _k, ...item }) => {
    const timeline = (eventsOf.get(item.id) ?? []).map((e) => {
      const change = auditChange(e.action, e.before, e.after);
      const person = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
      const [from, to] = change.field === "assignee" ? [person(change.from), person(change.to)] : [change.from, change.to];
      return { seq: e.seq, hash: e.hash, at: e.at, actor: actorLabel(e.actorType, e.actorName), actorType: e.actorType, action: e.action, field: change.field, from, to, reason: e.reason, detail: change.detail };
    });
    const verify = [...timeline].reverse().find((e) => e.action === "work_item.verify");
    const mine = evidenceOf.get(item.id) ?? [];
    const supersededBy = new Map(mine.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));
    return {
      ...item,
      verifier: item.resolution === "remediated" ? (verify?.actor ?? null) : null,
      timeline,
      acceptances: (acceptancesOf.get(item.id) ?? []).map(({ itemId: _i, ...a }) => ({
        ...a,
        requestedBy: a.requestedBy ?? (a.requestedByToken ? "integration" : null),
        decisions: (decisionsOf.get(a.id) ?? []).map(({ acceptanceId: _a, ...d }) => d),
      })),
      evidence: mine.map(({ itemId: _i, ...r }) => ({ ...r, supersededById: supersededBy.get(r.id) ?? null })),
    };
  });
  return { items: out, next };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export type PackItem = Awaited<ReturnType<typeof packBatch>>["items"][number];

/** Every batch in turn, each read in its own transaction by `run` (so a long export holds none open). */
export async function* packBatches(run: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>, p: Omit<BatchParams, "limit"> & { batchSize?: number }) {
  let after = p.after;
  for (;;) {
    const cursor: PackCursor | null = after;
    const batch = await run((tx) => packBatch(tx, { ...p, after: cursor, limit: p.batchSize ?? 100 }));
    if (batch.items.length) yield batch.items;
    if (!batch.next) return;
    after = batch.next;
  }
}
