// Work-item reads for the queue and the API. Functions take a tenant-scoped transaction; RLS limits rows to
// the scope, and the organisation is also in every WHERE so the (organisation_id, …) indexes are used.
// Pagination is keyset only: each sort orders by columns that all run one way, ending with the id.
import { and, count, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { ageRange } from "../domain/metrics";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { identities, users, workItemBacklog, workItemDays, workItems } from "../db/schema";
import { PRIORITIES, STAGES, type Priority, type Stage } from "../domain/vocabulary";
import { isUuid, itemNumber } from "../domain/keys";
import type { ListQuery } from "../schemas/work-items";

export type QueueFilter = Omit<ListQuery, "sort" | "limit"> & Partial<Pick<ListQuery, "sort" | "limit">> & { orgId: string; me?: string | null };

const assignee = alias(users, "assignee");

/**
 * Each sort: its key columns (after which the id breaks ties), and the direction they all share. Keys are plain
 * columns compared with leakproof operators, so under row-level security the keyset condition is an index condition
 * (see work_items.slaDueKey). `sla`: soonest due first, items with no running clock (paused, stopped, none) last.
 */
const SORTS = {
  sla: { keys: [workItems.slaDueKey], dir: "asc" },
  newest: { keys: [workItems.createdAt], dir: "desc" },
  oldest: { keys: [workItems.createdAt], dir: "asc" },
  priority: { keys: [workItems.priorityRank, workItems.createdAt], dir: "asc" },
  updated: { keys: [workItems.updatedAt], dir: "desc" },
} as const;

/** The rank columns' values (P1 → 1; a stage's place in STAGES), as PostgreSQL computes them. */
const priorityRank = (p: Priority) => PRIORITIES.indexOf(p) + 1;
const stageRank = (st: Stage) => STAGES.indexOf(st);
export type QueueSort = keyof typeof SORTS;

interface Cursor {
  s: QueueSort;
  k: string[];
  id: string;
}

export function encodeQueueCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** A timestamptz as PostgreSQL prints it (ISO style), a real instant, or `infinity` (the SLA sort's "no due time"). */
const PG_TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;
function isPgTimestamp(s: string): boolean {
  if (s === "infinity") return true;
  const m = PG_TIMESTAMPTZ.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return y >= 1000 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === se;
}

function decodeQueueCursor(raw: string | null | undefined, sort: QueueSort): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    const keys = SORTS[sort].keys;
    const ok =
      c.s === sort &&
      Array.isArray(c.k) &&
      c.k.length === keys.length &&
      c.k.every((k, i) => typeof k === "string" && (keys[i] === workItems.priorityRank ? PRIORITIES.some((p) => String(priorityRank(p)) === k) : isPgTimestamp(k))) &&
      isUuid(c.id);
    return ok ? c : null;
  } catch {
    return null;
  }
}

/** An open item's SLA is breached at `now`: a clock crossed its target, sweeper or not (its due time has passed). */
export const slaBreachedAt = (now: SQL) => sql`(${workItems.slaBreached} or ${workItems.slaDueAt} <= ${now})`;
/** An open item's SLA is at risk at `now`: past the at-risk share of its target, not yet breached. */
export const slaAtRiskAt = (now: SQL) =>
  sql`(not ${workItems.slaBreached} and ${workItems.slaAtRiskAt} <= ${now} and (${workItems.slaDueAt} is null or ${workItems.slaDueAt} > ${now}))`;

/** An audit event (alias `e`) that records remediated work coming back: a reopen marked regressed, or an import detecting it again. */
export const REGRESSION_EVENT = sql.raw(`(e.action = 'work_item.regress' or (e.action = 'work_item.reopen' and (e.after->>'regressed')::boolean))`);

/** The WHERE for every filter except stage and cursor (stage counts reuse it). */
function filterConds(f: QueueFilter): SQL[] {
  const conds: SQL[] = [eq(workItems.organisationId, f.orgId)];
  if (f.type?.length) conds.push(inArray(workItems.type, f.type));
  if (f.priority) conds.push(eq(workItems.priorityRank, priorityRank(f.priority)));
  if (f.waitingOn) conds.push(eq(workItems.waitingOn, f.waitingOn), isNull(workItems.closedAt));
  if (f.status === "open") conds.push(isNull(workItems.closedAt));
  if (f.status === "closed") conds.push(isNotNull(workItems.closedAt));
  // Exact at the moment of the query: a running clock is breached once its due time has passed, sweeper or not.
  if (f.sla === "breached") conds.push(isNull(workItems.closedAt), slaBreachedAt(sql`now()`));
  if (f.sla === "at_risk") conds.push(isNull(workItems.closedAt), slaAtRiskAt(sql`now()`));
  if (f.resolution) conds.push(eq(workItems.resolution, f.resolution));
  if (f.age) {
    // Whole days since raised: a bucket [min, max] holds created_at in (now - (max + 1) days, now - min days].
    const { minDays, maxDays } = ageRange(f.age);
    conds.push(isNull(workItems.closedAt), sql`${workItems.createdAt} <= now() - make_interval(days => ${minDays})`);
    if (maxDays !== Infinity) conds.push(sql`${workItems.createdAt} > now() - make_interval(days => ${maxDays + 1})`);
  }
  if (f.createdFrom) conds.push(sql`${workItems.createdAt} >= ${f.createdFrom}::date::timestamp at time zone 'UTC'`);
  if (f.createdTo) conds.push(sql`${workItems.createdAt} < ${f.createdTo}::date::timestamp at time zone 'UTC'`);
  if (f.closedFrom) conds.push(sql`${workItems.closedAt} >= ${f.closedFrom}::date::timestamp at time zone 'UTC'`);
  if (f.closedTo) conds.push(sql`${workItems.closedAt} < ${f.closedTo}::date::timestamp at time zone 'UTC'`);
  // The dashboard's SLA compliance: closed items an SLA applied to, by whether the cycle they closed in breached.
  if (f.slaOutcome) conds.push(isNotNull(workItems.closedAt), isNotNull(workItems.sla), eq(workItems.slaBreached, f.slaOutcome === "breached"));
  if (f.regressedFrom || f.regressedTo) {
    const from = f.regressedFrom ? sql`and e.occurred_at >= ${f.regressedFrom}::date::timestamp at time zone 'UTC'` : sql``;
    const to = f.regressedTo ? sql`and e.occurred_at < ${f.regressedTo}::date::timestamp at time zone 'UTC'` : sql``;
    conds.push(sql`exists (select 1 from audit_events e where e.organisation_id = ${workItems.organisationId} and e.entity_type = 'work_item'
      and e.entity_id = ${workItems.id}::text and ${REGRESSION_EVENT} ${from} ${to})`);
  }
  if (f.assignee === "unassigned") conds.push(isNull(workItems.assigneeId));
  else if (f.assignee === "me") conds.push(f.me ? eq(workItems.assigneeId, f.me) : sql`false`);
  else if (f.assignee && isUuid(f.assignee)) conds.push(eq(workItems.assigneeId, f.assignee));
  const q = f.q?.trim();
  if (q) {
    const n = itemNumber(q);
    const text = ilike(workItems.title, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conds.push(n !== null ? or(eq(workItems.number, n), text)! : text);
  }
  return conds;
}

export async function listWorkItems(tx: Tx, f: QueueFilter) {
  const sort: QueueSort = f.sort ?? "newest";
  const { keys, dir } = SORTS[sort];
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const conds = filterConds(f);
  if (f.stage) conds.push(eq(workItems.stageRank, stageRank(f.stage)));
  // Closed items have no due time: the SLA sort lists open work.
  if (sort === "sla") conds.push(isNull(workItems.closedAt));
  const c = decodeQueueCursor(f.cursor, sort);
  if (c) {
    const cols = sql.join([...keys.map((k) => sql`${k}`), sql`${workItems.id}`], sql`, `);
    const vals = sql.join([...keys.map((k, i) => sql`${c.k[i]}::${sql.raw(k === workItems.priorityRank ? "smallint" : "timestamptz")}`), sql`${c.id}::uuid`], sql`, `);
    conds.push(dir === "desc" ? sql`(${cols}) < (${vals})` : sql`(${cols}) > (${vals})`);
  }
  // "nulls last" matches the indexes drizzle-kit creates (`DESC NULLS LAST`); without it PostgreSQL sorts.
  const order = [...keys, workItems.id].map((k) => (dir === "desc" ? sql`${k} desc nulls last` : sql`${k} asc`));
  const rows = await tx
    .select({
      id: workItems.id,
      number: workItems.number,
      type: workItems.type,
      stage: workItems.stage,
      resolution: workItems.resolution,
      priority: workItems.priority,
      severity: workItems.severity,
      title: workItems.title,
      waitingOn: workItems.waitingOn,
      escalationLevel: workItems.escalationLevel,
      sla: workItems.sla,
      version: workItems.version,
      createdAt: workItems.createdAt,
      updatedAt: workItems.updatedAt,
      closedAt: workItems.closedAt,
      assigneeId: workItems.assigneeId,
      assigneeName: assignee.name,
      identityId: workItems.identityId,
      identityName: identities.name,
      // Exact key values as PostgreSQL prints them (microseconds survive the round trip through the cursor).
      cursorKeys: sql<string[]>`array[${sql.join(keys.map((k) => sql`${k}::text`), sql`, `)}]`,
    })
    .from(workItems)
    .leftJoin(assignee, eq(assignee.id, workItems.assigneeId))
    .leftJoin(identities, and(eq(identities.organisationId, workItems.organisationId), eq(identities.id, workItems.identityId)))
    .where(and(...conds))
    .orderBy(...order)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorKeys: _k, ...r }) => r),
    nextCursor: rows.length > limit && last ? encodeQueueCursor({ s: sort, k: last.cursorKeys, id: last.id }) : null,
  };
}

export type QueueRow = Awaited<ReturnType<typeof listWorkItems>>["items"][number];

/** Filters the rollups answer counts under: open items per stage, priority and type are kept in work_item_backlog. */
const ROLLUP_FILTERS = new Set(["orgId", "me", "sort", "limit", "cursor", "status", "stage", "type", "priority"]);

/**
 * Items per stage under the same filters (minus the stage itself), for the stage tabs. Under no filter but type and
 * priority the open stages come from the work_item_backlog rollup and the closed count from work_item_days (exact,
 * kept by triggers; see drizzle/0011), instead of counting an organisation's whole history on every queue page;
 * the closed count is then null (not shown) when a type or priority filter applies, which the rollups do not
 * split closed items by. Other filters count the items themselves.
 */
export async function countByStage(tx: Tx, f: QueueFilter): Promise<Record<Stage, number | null>> {
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number | null>;
  const empty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  if (Object.entries(f).some(([k, v]) => !ROLLUP_FILTERS.has(k) && !empty(v))) {
    const rows = await tx
      .select({ stage: workItems.stage, n: count() })
      .from(workItems)
      .where(and(...filterConds(f)))
      .groupBy(workItems.stage);
    for (const r of rows) out[r.stage] = Number(r.n);
    return out;
  }
  const conds = [eq(workItemBacklog.organisationId, f.orgId)];
  if (f.priority) conds.push(eq(workItemBacklog.priority, f.priority));
  if (f.type?.length) conds.push(inArray(workItemBacklog.type, f.type));
  const open = await tx
    .select({ stage: workItemBacklog.stage, n: sql<string>`sum(${workItemBacklog.items})` })
    .from(workItemBacklog)
    .where(and(...conds))
    .groupBy(workItemBacklog.stage);
  for (const r of open) out[r.stage] = Number(r.n);
  if (f.priority || f.type?.length) out.closed = null;
  else {
    const [closed] = await tx
      .select({ n: sql<string | null>`sum(${workItemDays.closed})` })
      .from(workItemDays)
      .where(eq(workItemDays.organisationId, f.orgId));
    out.closed = Number(closed?.n ?? 0);
  }
  return out;
}
