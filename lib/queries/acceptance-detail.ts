// Risk acceptances as the item page, the API and the decisions inbox show them: each with its decisions and
// the names of the people involved.
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { memberships, organisations, riskAcceptanceDecisions, riskAcceptances, users, workItems } from "../db/schema";
import { isUuid } from "../domain/keys";

const requester = alias(users, "requester");
const roundRequester = alias(users, "round_requester");
const accountable = alias(users, "accountable");

const columns = {
  acceptance: riskAcceptances,
  requesterName: requester.name,
  roundRequesterName: roundRequester.name,
  accountableName: accountable.name,
  item: { number: workItems.number, title: workItems.title, priority: workItems.priority, stage: workItems.stage, type: workItems.type, sla: workItems.sla },
};

function base(tx: Tx) {
  return tx
    .select(columns)
    .from(riskAcceptances)
    .innerJoin(workItems, and(eq(workItems.organisationId, riskAcceptances.organisationId), eq(workItems.id, riskAcceptances.workItemId)))
    .leftJoin(requester, eq(requester.id, riskAcceptances.requestedById))
    .leftJoin(roundRequester, eq(roundRequester.id, riskAcceptances.roundRequestedById))
    .innerJoin(accountable, eq(accountable.id, riskAcceptances.accountableOwnerId));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>["execute"]>>[number];

export interface DecisionView {
  round: number;
  deciderId: string;
  deciderName: string;
  decision: "approve" | "reject";
  comment: string;
  decidedAt: Date;
}

export type AcceptanceView = Row & { decisions: DecisionView[] };

async function withDecisions(tx: Tx, orgId: string, rows: Row[]): Promise<AcceptanceView[]> {
  if (rows.length === 0) return [];
  const ds = await tx
    .select({
      acceptanceId: riskAcceptanceDecisions.acceptanceId,
      round: riskAcceptanceDecisions.round,
      deciderId: riskAcceptanceDecisions.deciderId,
      deciderName: users.name,
      decision: riskAcceptanceDecisions.decision,
      comment: riskAcceptanceDecisions.comment,
      decidedAt: riskAcceptanceDecisions.decidedAt,
    })
    .from(riskAcceptanceDecisions)
    .innerJoin(users, eq(users.id, riskAcceptanceDecisions.deciderId))
    .where(and(eq(riskAcceptanceDecisions.organisationId, orgId), inArray(riskAcceptanceDecisions.acceptanceId, rows.map((r) => r.acceptance.id))))
    .orderBy(asc(riskAcceptanceDecisions.decidedAt));
  return rows.map((r) => ({ ...r, decisions: ds.filter((d) => d.acceptanceId === r.acceptance.id) }));
}

export async function getAcceptance(tx: Tx, orgId: string, id: string): Promise<AcceptanceView | null> {
  if (!isUuid(id)) return null;
  const rows = await base(tx).where(and(eq(riskAcceptances.organisationId, orgId), eq(riskAcceptances.id, id)));
  return (await withDecisions(tx, orgId, rows))[0] ?? null;
}

/** Every acceptance of one item, newest first. */
export async function itemAcceptances(tx: Tx, orgId: string, workItemId: string): Promise<AcceptanceView[]> {
  const rows = await base(tx)
    .where(and(eq(riskAcceptances.organisationId, orgId), eq(riskAcceptances.workItemId, workItemId)))
    .orderBy(desc(riskAcceptances.requestedAt));
  return withDecisions(tx, orgId, rows);
}

/**
 * What waits for a decision in the organisation (requests and extensions), oldest first; the page puts the
 * ones this person may decide first and orders by urgency (decision clock, then priority).
 */
export async function waitingDecisions(tx: Tx, orgId: string, limit = 200): Promise<AcceptanceView[]> {
  const rows = await base(tx)
    .where(and(eq(riskAcceptances.organisationId, orgId), or(eq(riskAcceptances.status, "pending"), isNotNull(riskAcceptances.extensionExpiresAt))))
    // Highest priority and longest waiting first, so a cap never hides the most urgent.
    .orderBy(asc(workItems.priority), asc(riskAcceptances.roundRequestedAt))
    .limit(limit);
  return withDecisions(tx, orgId, rows);
}

/** How many decisions wait, for the navigation badge. */
export async function waitingDecisionCount(tx: Tx, orgId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.organisationId, orgId), or(eq(riskAcceptances.status, "pending"), isNotNull(riskAcceptances.extensionExpiresAt))));
  return r?.n ?? 0;
}

/** What the request form needs: the organisation's programme owners and its time zone. */
export async function acceptanceFormContext(tx: Tx, orgId: string): Promise<{ owners: { id: string; name: string }[]; timeZone: string }> {
  const owners = await tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.role, "owner"), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
  const [o] = await tx.select({ timeZone: organisations.timeZone }).from(organisations).where(eq(organisations.id, orgId));
  return { owners, timeZone: o?.timeZone ?? "UTC" };
}
