// Reading and locking risk acceptances for a change, and what a change to the item does to them: closing an
// item another way withdraws the request that waited; reopening an item closed under an acceptance ends it.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Tx } from "../db/client";
import { memberships, organisations, riskAcceptanceDecisions, riskAcceptances, users } from "../db/schema";
import { AppError } from "../errors";
import { isUuid } from "../domain/keys";
import { decisionWaiting, type AcceptanceState } from "../domain/risk-acceptance";
import type { MutationContext } from "./mutation";

export type AcceptanceRow = typeof riskAcceptances.$inferSelect;

export const acceptanceNotFound = () => new AppError("not_found:risk_acceptance", "That risk acceptance does not exist in this organisation.");

export function toAcceptanceState(a: AcceptanceRow): AcceptanceState {
  return {
    status: a.status,
    requestedById: a.requestedById,
    roundRequestedById: a.roundRequestedById,
    round: a.round,
    expiresAt: a.expiresAt.getTime(),
    extensionExpiresAt: a.extensionExpiresAt?.getTime() ?? null,
    approvalsRequired: a.approvalsRequired,
  };
}

/** Reads an acceptance without locking (to find its item: items are locked before their acceptances). */
export async function findAcceptance(tx: Tx, orgId: string, id: string): Promise<AcceptanceRow> {
  if (!isUuid(id)) throw acceptanceNotFound();
  const [a] = await tx.select().from(riskAcceptances).where(and(eq(riskAcceptances.organisationId, orgId), eq(riskAcceptances.id, id)));
  if (!a) throw acceptanceNotFound();
  return a;
}

export async function lockAcceptance(tx: Tx, orgId: string, id: string): Promise<AcceptanceRow> {
  const [a] = await tx
    .select()
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.organisationId, orgId), eq(riskAcceptances.id, id)))
    .for("update");
  if (!a) throw acceptanceNotFound();
  return a;
}

/** The item's most recent acceptance (locked), if any. */
export async function latestAcceptance(tx: Tx, orgId: string, workItemId: string): Promise<AcceptanceRow | null> {
  const [a] = await tx
    .select()
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.organisationId, orgId), eq(riskAcceptances.workItemId, workItemId)))
    .orderBy(desc(riskAcceptances.requestedAt), desc(riskAcceptances.id))
    .limit(1)
    .for("update");
  return a ?? null;
}

export function roundDecisions(tx: Tx, orgId: string, acceptanceId: string, round: number) {
  return tx
    .select({ deciderId: riskAcceptanceDecisions.deciderId, decision: riskAcceptanceDecisions.decision })
    .from(riskAcceptanceDecisions)
    .where(and(eq(riskAcceptanceDecisions.organisationId, orgId), eq(riskAcceptanceDecisions.acceptanceId, acceptanceId), eq(riskAcceptanceDecisions.round, round)));
}

export async function updateAcceptance(ctx: Pick<MutationContext, "tx">, a: AcceptanceRow, patch: Partial<typeof riskAcceptances.$inferInsert>): Promise<AcceptanceRow> {
  const [row] = await ctx.tx
    .update(riskAcceptances)
    .set({ ...patch, version: a.version + 1 })
    .where(and(eq(riskAcceptances.organisationId, a.organisationId), eq(riskAcceptances.id, a.id), eq(riskAcceptances.version, a.version)))
    .returning();
  if (!row) throw new Error(`risk acceptance ${a.id} changed under its row lock`);
  return row;
}

/** A programme owner of the organisation, named by user id or e-mail. */
export async function resolveAccountableOwner(tx: Tx, orgId: string, ref: string): Promise<{ id: string; name: string }> {
  const [m] = await tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.role, "owner"), isNull(users.disabledAt), isUuid(ref) ? eq(users.id, ref) : eq(users.email, ref.toLowerCase())));
  if (!m) {
    throw new AppError("invalid:input", "Some fields need attention.", { accountableOwner: ["The accountable owner must be a programme owner of this organisation."] });
  }
  return m;
}

/** An expiry as given: a date is the end of that day in the organisation's time zone. */
export async function expiryInstant(tx: Tx, orgId: string, given: string): Promise<number> {
  if (given.includes("T")) return Date.parse(given);
  const [o] = await tx.select({ timeZone: organisations.timeZone }).from(organisations).where(eq(organisations.id, orgId));
  return DateTime.fromISO(given, { zone: o?.timeZone ?? "UTC" }).endOf("day").toMillis();
}

/** Active programme owners of the organisation, except `exclude`. */
export async function ownerIds(tx: Tx, orgId: string, exclude: (string | null)[] = []): Promise<string[]> {
  const rows = await tx
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.role, "owner"), isNull(users.disabledAt)));
  return rows.map((r) => r.id).filter((id) => !exclude.includes(id));
}

/**
 * A move that closes the item another way withdraws the acceptance that waited; reopening an item closed under
 * an acceptance withdraws it. Returns what the move's audit event and patch must add (the decision clock stops).
 */
export async function settleAcceptanceOnMove(
  ctx: Pick<MutationContext, "tx" | "now">,
  orgId: string,
  itemId: string,
  move: { closing: boolean; reopening: boolean },
): Promise<{ after: Record<string, unknown>; patch: { exceptionExpiresAt?: null } }> {
  if (!move.closing && !move.reopening) return { after: {}, patch: {} };
  const [live] = await ctx.tx
    .select()
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.organisationId, orgId), eq(riskAcceptances.workItemId, itemId), inArray(riskAcceptances.status, ["pending", "approved", "expired"])))
    .orderBy(desc(riskAcceptances.requestedAt))
    .limit(1)
    .for("update");
  if (!live) return { after: {}, patch: {} };
  const waiting = decisionWaiting(live);
  const ends = live.status === "pending" || (move.reopening && live.status === "approved");
  if (!ends && !waiting) return { after: {}, patch: {} };
  await updateAcceptance(ctx, live, {
    ...(ends ? { status: "withdrawn" as const, endedAt: ctx.now } : {}),
    extensionExpiresAt: null,
  });
  return {
    after: { acceptanceId: live.id, acceptanceEnded: ends ? "withdrawn" : null, ...(waiting ? { decisionPending: false } : {}) },
    patch: move.reopening ? { exceptionExpiresAt: null } : {},
  };
}
