// A person's in-app inbox in one organisation, and the organisation's delivery outbox for operators.
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../db/client";
import { deliveries, notifications, workItems } from "../db/schema";

/** Unread notifications of one person (answered from the partial index notifications_unread_idx). */
export async function unreadCount(tx: Tx, orgId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.organisationId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export function listInbox(tx: Tx, orgId: string, userId: string, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  return tx
    .select({
      id: notifications.id,
      subject: notifications.subject,
      body: notifications.body,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      itemNumber: workItems.number,
    })
    .from(notifications)
    .leftJoin(workItems, and(eq(workItems.organisationId, notifications.organisationId), eq(workItems.id, notifications.workItemId)))
    .where(and(eq(notifications.organisationId, orgId), eq(notifications.userId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit ?? 100);
}

/** Marks the person's own notifications read; returns how many of `ids` are theirs (read before or now). */
export async function markRead(tx: Tx, orgId: string, userId: string, ids: string[], now: Date): Promise<number> {
  const mine = and(eq(notifications.organisationId, orgId), eq(notifications.userId, userId), inArray(notifications.id, ids));
  await tx.update(notifications).set({ readAt: now }).where(and(mine, isNull(notifications.readAt)));
  const [row] = await tx.select({ n: count() }).from(notifications).where(mine);
  return row?.n ?? 0;
}

export async function markAllRead(tx: Tx, orgId: string, userId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.organisationId, orgId), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export const DELIVERY_FILTERS = ["all", "pending", "failed", "sent"] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];

export function listDeliveries(tx: Tx, orgId: string, opts: { status?: DeliveryFilter; limit?: number } = {}) {
  const status = opts.status && opts.status !== "all" ? eq(deliveries.status, opts.status) : undefined;
  return tx
    .select({
      id: deliveries.id,
      channel: deliveries.channel,
      recipient: deliveries.recipient,
      subject: deliveries.subject,
      status: deliveries.status,
      attempts: deliveries.attempts,
      nextAttemptAt: deliveries.nextAttemptAt,
      lastAttemptAt: deliveries.lastAttemptAt,
      lastError: deliveries.lastError,
      sentAt: deliveries.sentAt,
      createdAt: deliveries.createdAt,
    })
    .from(deliveries)
    .where(and(eq(deliveries.organisationId, orgId), status))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(opts.limit ?? 200);
}

/** Counts by status, for the filter tabs. */
export async function deliveryCounts(tx: Tx, orgId: string): Promise<Record<"pending" | "sent" | "failed", number>> {
  const rows = await tx.select({ status: deliveries.status, n: count() }).from(deliveries).where(eq(deliveries.organisationId, orgId)).groupBy(deliveries.status);
  const out = { pending: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/**
 * Puts a failed or pending delivery back in line now; a sent one is left alone (null). Attempts are kept, so a
 * failed delivery gets one more try and is marked failed again if that fails too.
 */
export async function retryDelivery(tx: Tx, orgId: string, id: string, now: Date) {
  const [row] = await tx
    .update(deliveries)
    .set({ status: "pending", nextAttemptAt: now })
    .where(and(eq(deliveries.organisationId, orgId), eq(deliveries.id, id), inArray(deliveries.status, ["pending", "failed"])))
    .returning({ id: deliveries.id, channel: deliveries.channel, subject: deliveries.subject });
  return row ?? null;
}
