// One work item with what its page shows: people, identity, evidence and the timeline from the audit trail.
import { and, asc, desc, eq, inArray, like } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { isUuid } from "../domain/keys";
import { auditEvents, evidence, identities, memberships, users, workItems } from "../db/schema";

const assignee = alias(users, "assignee");
const implementer = alias(users, "implementer");
const creator = alias(users, "creator");
const original = alias(workItems, "original");

/** By id, or by number (the page URL uses the number people say out loud: ACME-42 is /items/42). */
export async function getWorkItem(tx: Tx, orgId: string, ref: string) {
  const by = isUuid(ref) ? eq(workItems.id, ref) : /^\d{1,9}$/.test(ref) ? eq(workItems.number, Number(ref)) : null;
  if (!by) return null;
  const [row] = await tx
    .select({
      item: workItems,
      assigneeName: assignee.name,
      implementerName: implementer.name,
      creatorName: creator.name,
      duplicateOfNumber: original.number,
      identity: {
        id: identities.id,
        name: identities.name,
        kind: identities.kind,
        system: identities.system,
        tier: identities.tier,
        privileged: identities.privileged,
        ownerName: identities.ownerName,
        status: identities.status,
      },
    })
    .from(workItems)
    .leftJoin(assignee, eq(assignee.id, workItems.assigneeId))
    .leftJoin(implementer, eq(implementer.id, workItems.implementedById))
    .leftJoin(creator, eq(creator.id, workItems.createdById))
    .leftJoin(original, and(eq(original.organisationId, workItems.organisationId), eq(original.id, workItems.duplicateOfId)))
    .leftJoin(identities, and(eq(identities.organisationId, workItems.organisationId), eq(identities.id, workItems.identityId)))
    .where(and(eq(workItems.organisationId, orgId), by));
  if (!row) return null;
  return { ...row, identity: row.identity?.id ? row.identity : null };
}

export type WorkItemDetail = NonNullable<Awaited<ReturnType<typeof getWorkItem>>>;

export function listEvidence(tx: Tx, orgId: string, workItemId: string) {
  return tx
    .select({
      id: evidence.id,
      kind: evidence.kind,
      summary: evidence.summary,
      url: evidence.url,
      fileName: evidence.fileName,
      contentType: evidence.contentType,
      sizeBytes: evidence.sizeBytes,
      sha256: evidence.sha256,
      result: evidence.result,
      supersedesId: evidence.supersedesId,
      createdAt: evidence.createdAt,
      createdByName: users.name,
    })
    .from(evidence)
    .leftJoin(users, eq(users.id, evidence.createdById))
    .where(and(eq(evidence.organisationId, orgId), eq(evidence.workItemId, workItemId)))
    .orderBy(asc(evidence.createdAt));
}

/** The item's audit events, newest first, with the actor's name. */
export function timeline(tx: Tx, orgId: string, workItemId: string, limit = 200) {
  return entityEvents(tx, orgId, "work_item", workItemId, limit);
}

/** One entity's audit events (an item's, an identity's), newest first, with the actor's name. */
export function entityEvents(tx: Tx, orgId: string, entityType: string, entityId: string, limit: number) {
  return tx
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorType: auditEvents.actorType,
      actorName: users.name,
      before: auditEvents.before,
      after: auditEvents.after,
      reason: auditEvents.reason,
      occurredAt: auditEvents.occurredAt,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.organisationId, orgId), eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
}

export type TimelineEvent = Awaited<ReturnType<typeof timeline>>[number];

/** Analysts and leads of the organisation: the people work can be assigned to. */
export function assignablePeople(tx: Tx, orgId: string) {
  return tx
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), inArray(memberships.role, ["analyst", "lead"])))
    .orderBy(asc(users.name));
}

/** The item's own change events, oldest first: what its SLA clocks are computed from. */
export function changeEvents(tx: Tx, orgId: string, workItemId: string) {
  return tx
    .select({ action: auditEvents.action, occurredAt: auditEvents.occurredAt, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, orgId), eq(auditEvents.entityType, "work_item"), eq(auditEvents.entityId, workItemId), like(auditEvents.action, "work_item.%")))
    .orderBy(asc(auditEvents.seq));
}
