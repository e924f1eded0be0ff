// Work-item reads for the queue. Functions take a tenant-scoped transaction; RLS limits rows to the scope,
// and the organisation is also in every WHERE so the indexes (organisation_id, …) are used.
import { and, count, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { identities, users, workItems } from "../db/schema";
import type { Stage } from "../domain/vocabulary";
import { decodeCursor, encodeCursor } from "./cursor";

export interface QueueFilter {
  orgId: string;
  stage?: Stage | null;
  cursor?: string | null;
  limit?: number;
}

const assignee = alias(users, "assignee");

export async function listWorkItems(tx: Tx, f: QueueFilter) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const conds: SQL[] = [eq(workItems.organisationId, f.orgId)];
  if (f.stage) conds.push(eq(workItems.stage, f.stage));
  const c = decodeCursor(f.cursor);
  if (c) {
    const at = new Date(c.key);
    if (!Number.isNaN(at.getTime())) {
      conds.push(or(lt(workItems.createdAt, at), and(eq(workItems.createdAt, at), lt(workItems.id, c.id)))!);
    }
  }
  const rows = await tx
    .select({
      id: workItems.id,
      number: workItems.number,
      type: workItems.type,
      stage: workItems.stage,
      resolution: workItems.resolution,
      priority: workItems.priority,
      title: workItems.title,
      waitingOn: workItems.waitingOn,
      escalationLevel: workItems.escalationLevel,
      createdAt: workItems.createdAt,
      closedAt: workItems.closedAt,
      assigneeName: assignee.name,
      identityName: identities.name,
    })
    .from(workItems)
    .leftJoin(assignee, eq(assignee.id, workItems.assigneeId))
    .leftJoin(identities, and(eq(identities.organisationId, workItems.organisationId), eq(identities.id, workItems.identityId)))
    .where(and(...conds))
    .orderBy(desc(workItems.createdAt), desc(workItems.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

export type QueueRow = Awaited<ReturnType<typeof listWorkItems>>["items"][number];

export async function countByStage(tx: Tx, orgId: string): Promise<Record<Stage, number>> {
  const rows = await tx
    .select({ stage: workItems.stage, n: count() })
    .from(workItems)
    .where(eq(workItems.organisationId, orgId))
    .groupBy(workItems.stage);
  const out = { intake: 0, prioritisation: 0, validation: 0, implementation: 0, evidence: 0, closure: 0, closed: 0 };
  for (const r of rows) out[r.stage] = Number(r.n);
  return out;
}

export async function countOpenUnassigned(tx: Tx, orgId: string): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(workItems)
    .where(and(eq(workItems.organisationId, orgId), isNull(workItems.closedAt), isNull(workItems.assigneeId)));
  return Number(r?.n ?? 0);
}

