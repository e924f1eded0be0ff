// The exception register (SPEC §5): every risk acceptance of the organisation with its item, people, state,
// expiry, renewals and approvals, filtered by the tabs below and paged by keyset. Each filter's meaning is
// written once here, in SQL, and explained to people in components/exceptions/filter-help.tsx.
import { and, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { riskAcceptances as ra, users, workItems } from "../db/schema";
import { isUuid, itemNumber } from "../domain/keys";
import { EXPIRING_WITHIN_DAYS, REGISTER_FILTERS, type RegisterFilter } from "../schemas/risk-acceptances-register";

export { REGISTER_FILTERS, type RegisterFilter };

const owner = alias(users, "accountable_owner");
const requester = alias(users, "requester");

/** A decision is awaited: the request itself, or an extension/renewal round. */
const waiting = sql`(${ra.status} = 'pending' or ${ra.extensionExpiresAt} is not null)`;

/**
 * Expired awaiting decision — the exceptions that accumulate outside formal review: the acceptance expired,
 * nobody has asked to renew it (no round waits), no owner has decided anything on it since it expired, no
 * newer acceptance has been requested for the item, and the item is still open. A renewal approval turns it
 * back to `approved`, so a row that is still `expired` was never re-approved. Needs `work_items` joined.
 */
const expiredAwaiting = sql`(${ra.status} = 'expired' and ${ra.extensionExpiresAt} is null and ${workItems.closedAt} is null
  and not exists (select 1 from risk_acceptances newer
    where newer.organisation_id = ${ra.organisationId} and newer.work_item_id = ${ra.workItemId} and newer.requested_at > ${ra.requestedAt})
  and not exists (select 1 from risk_acceptance_decisions later
    where later.organisation_id = ${ra.organisationId} and later.acceptance_id = ${ra.id} and later.decided_at >= coalesce(${ra.endedAt}, ${ra.expiresAt})))`;

/** Each tab's condition over `risk_acceptances` joined to `work_items` (the dashboard's exception figures count the same). */
export function filterCond(filter: RegisterFilter, now: Date): SQL | undefined {
  switch (filter) {
    case "all":
      return undefined;
    case "pending":
      return waiting;
    case "active":
      return sql`${ra.status} = 'approved'`;
    case "expiring":
      return sql`${ra.status} = 'approved' and ${ra.expiresAt} >= ${now.toISOString()}::timestamptz and ${ra.expiresAt} <= ${now.toISOString()}::timestamptz + make_interval(days => ${EXPIRING_WITHIN_DAYS})`;
    case "expired_awaiting":
      return expiredAwaiting;
    case "closed":
      // Over and dealt with: rejected, withdrawn, or expired and since re-decided or moot (see expiredAwaiting).
      return sql`${ra.status} in ('rejected', 'withdrawn', 'expired') and ${ra.extensionExpiresAt} is null and not ${expiredAwaiting}`;
  }
}

const ended = sql`coalesce(${ra.endedAt}, ${ra.requestedAt})`;

/** Each tab's order: the key (the id breaks ties) and its direction. */
const ORDER: Record<RegisterFilter, { key: SQL; dir: "asc" | "desc" }> = {
  all: { key: sql`${ra.requestedAt}`, dir: "desc" }, // newest first
  pending: { key: sql`${ra.roundRequestedAt}`, dir: "asc" }, // longest waiting first
  active: { key: sql`${ra.expiresAt}`, dir: "asc" }, // soonest expiry first
  expiring: { key: sql`${ra.expiresAt}`, dir: "asc" },
  expired_awaiting: { key: sql`${ra.expiresAt}`, dir: "asc" }, // longest lapsed first
  closed: { key: ended, dir: "desc" }, // most recently ended first
};

export interface RegisterParams {
  orgId: string;
  filter: RegisterFilter;
  q?: string;
  cursor?: string | null;
  limit: number;
  now: Date;
}

/** Free text: the item's title or number/key, or the accountable owner's name. */
function searchCond(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const n = itemNumber(text);
  return or(ilike(workItems.title, like), ilike(owner.name, like), ...(n !== null ? [eq(workItems.number, n)] : []));
}

interface Cursor {
  f: RegisterFilter;
  k: string;
  id: string;
}

/** A timestamptz as PostgreSQL prints it ("2026-05-01 10:00:00.123456+00"). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decode(raw: string | null | undefined, filter: RegisterFilter): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    return c.f === filter && typeof c.k === "string" && typeof c.id === "string" && isUuid(c.id) && TIMESTAMP.test(c.k) ? c : null;
  } catch {
    return null;
  }
}

/** Approving decisions in the round now open (or last decided). */
const approvals = sql<number>`(select count(*)::int from risk_acceptance_decisions d
  where d.organisation_id = ${ra.organisationId} and d.acceptance_id = ${ra.id} and d.round = ${ra.round} and d.decision = 'approve')`;

export async function listRegister(tx: Tx, p: RegisterParams) {
  const limit = Math.min(Math.max(p.limit, 1), 500);
  const { key, dir } = ORDER[p.filter];
  const conds = [eq(ra.organisationId, p.orgId), filterCond(p.filter, p.now), searchCond(p.q)];
  const c = decode(p.cursor, p.filter);
  if (c) conds.push(dir === "desc" ? sql`(${key}, ${ra.id}) < (${c.k}::timestamptz, ${c.id}::uuid)` : sql`(${key}, ${ra.id}) > (${c.k}::timestamptz, ${c.id}::uuid)`);
  const rows = await tx
    .select({
      id: ra.id,
      itemId: ra.workItemId,
      itemNumber: workItems.number,
      itemTitle: workItems.title,
      priority: workItems.priority,
      itemClosedAt: workItems.closedAt,
      accountableOwnerId: ra.accountableOwnerId,
      accountableOwnerName: owner.name,
      requestedById: ra.requestedById,
      requestedByName: requester.name,
      requestedByToken: sql<boolean>`${ra.requestedByTokenId} is not null`,
      treatment: ra.treatment,
      status: ra.status,
      decisionWaiting: sql<boolean>`${waiting}`,
      expiredAwaitingDecision: sql<boolean>`${expiredAwaiting}`,
      requestedAt: ra.requestedAt,
      originalExpiresAt: ra.originalExpiresAt,
      expiresAt: ra.expiresAt,
      extensionExpiresAt: ra.extensionExpiresAt,
      endedAt: ra.endedAt,
      round: ra.round,
      renewals: ra.renewals,
      approvals,
      approvalsRequired: ra.approvalsRequired,
      // The key exactly as PostgreSQL prints it, so microseconds survive the trip through the cursor.
      cursorKey: sql<string>`${key}::text`,
    })
    .from(ra)
    .innerJoin(workItems, and(eq(workItems.organisationId, ra.organisationId), eq(workItems.id, ra.workItemId)))
    .innerJoin(owner, eq(owner.id, ra.accountableOwnerId))
    .leftJoin(requester, eq(requester.id, ra.requestedById))
    .where(and(...conds))
    .orderBy(dir === "desc" ? sql`${key} desc` : sql`${key} asc`, dir === "desc" ? sql`${ra.id} desc` : sql`${ra.id} asc`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursorKey: _k, ...r }) => r),
    nextCursor: rows.length > limit && last ? encode({ f: p.filter, k: last.cursorKey, id: last.id }) : null,
  };
}

export type RegisterRow = Awaited<ReturnType<typeof listRegister>>["items"][number];

/** Rows per tab under the same search, in one pass, for the filter tabs. */
export async function countRegister(tx: Tx, p: Pick<RegisterParams, "orgId" | "q" | "now">): Promise<Record<RegisterFilter, number>> {
  const counted = REGISTER_FILTERS.map((f) => {
    const cond = filterCond(f, p.now);
    return sql`count(*) filter (where ${cond ?? sql`true`})::int`;
  });
  const [row] = await tx
    .select({ counts: sql<number[]>`array[${sql.join(counted, sql`, `)}]` })
    .from(ra)
    .innerJoin(workItems, and(eq(workItems.organisationId, ra.organisationId), eq(workItems.id, ra.workItemId)))
    .innerJoin(owner, eq(owner.id, ra.accountableOwnerId))
    .where(and(eq(ra.organisationId, p.orgId), searchCond(p.q)));
  return Object.fromEntries(REGISTER_FILTERS.map((f, i) => [f, Number(row?.counts[i] ?? 0)])) as Record<RegisterFilter, number>;
}
