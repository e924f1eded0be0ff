// One identity with what its page shows: the holder and the credentials it holds, its work, its history from the
// audit trail, and the people an owner is usually picked from.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { identities, memberships, users, workItems } from "../db/schema";
import { isUuid } from "../domain/keys";
import { entityEvents } from "./work-item-detail";

const holder = alias(identities, "holder");

export async function getIdentity(tx: Tx, orgId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select({ identity: identities, holder: { id: holder.id, name: holder.name, kind: holder.kind, status: holder.status } })
    .from(identities)
    .leftJoin(holder, and(eq(holder.organisationId, identities.organisationId), eq(holder.id, identities.parentId)))
    .where(and(eq(identities.organisationId, orgId), eq(identities.id, id)));
  if (!row) return null;
  return { identity: row.identity, holder: row.holder?.id ? row.holder : null };
}

export type IdentityDetail = NonNullable<Awaited<ReturnType<typeof getIdentity>>>;

/** Credentials this identity holds (an AWS user's access keys, say). */
export function heldCredentials(tx: Tx, orgId: string, id: string) {
  return tx
    .select({
      id: identities.id,
      kind: identities.kind,
      name: identities.name,
      status: identities.status,
      createdAt: identities.createdAt,
      lastUsedAt: identities.lastUsedAt,
      lastRotatedAt: identities.lastRotatedAt,
      rotationPeriodDays: identities.rotationPeriodDays,
      expiresAt: identities.expiresAt,
    })
    .from(identities)
    .where(and(eq(identities.organisationId, orgId), eq(identities.parentId, id)))
    .orderBy(asc(identities.name))
    .limit(200);
}

/** Work about this identity: open items first (newest first), then closed ones. */
export function identityWork(tx: Tx, orgId: string, id: string, limit = 100) {
  return tx
    .select({
      id: workItems.id,
      number: workItems.number,
      type: workItems.type,
      title: workItems.title,
      stage: workItems.stage,
      resolution: workItems.resolution,
      priority: workItems.priority,
      rule: workItems.rule,
      cycle: workItems.cycle,
      sla: workItems.sla,
      createdAt: workItems.createdAt,
      closedAt: workItems.closedAt,
    })
    .from(workItems)
    .where(and(eq(workItems.organisationId, orgId), eq(workItems.identityId, id)))
    .orderBy(sql`${workItems.closedAt} is not null`, desc(workItems.createdAt), desc(workItems.id))
    .limit(limit);
}

export type IdentityWorkRow = Awaited<ReturnType<typeof identityWork>>[number];

/** The identity's own audit events (owner, classification, consumers, rotation, revocation), newest first. */
export function identityHistory(tx: Tx, orgId: string, id: string, limit = 100) {
  return entityEvents(tx, orgId, "identity", id, limit);
}

export type IdentityEvent = Awaited<ReturnType<typeof identityHistory>>[number];

/** The organisation's people, offered (not imposed) when naming an owner. */
export function ownerSuggestions(tx: Tx, orgId: string) {
  return tx
    .select({ name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(users.isProviderStaff, false), isNull(users.disabledAt)))
    .orderBy(asc(users.name));
}
