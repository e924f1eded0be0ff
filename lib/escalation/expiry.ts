// Expiry of risk acceptances (SPEC §5), run by the sweeper: at its date an acceptance in force becomes
// `expired`, and its item reopens at prioritisation with a new SLA cycle, back with the provider (or with the
// client, while an extension waits for the owners). Everyone who must act is told.
import crypto from "node:crypto";
import { and, eq, lte } from "drizzle-orm";
import type { Tx } from "../db/client";
import { memberships, riskAcceptances, workItems } from "../db/schema";
import { recordAudit } from "../audit/record";
import { passCourt } from "../domain/ball-in-court";
import { itemKey } from "../domain/keys";
import { applyChange } from "../actions/work-item-store";
import { updateAcceptance } from "../actions/acceptance-store";
import { notifyMany, type NotificationMessage } from "../notify/outbox";
import type { DeliveryConfig } from "../notify/config";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Expires up to `limit` acceptances whose date has come; returns how many. */
export async function expireAcceptances(tx: Tx, org: { id: string; slug: string }, now: Date, config: DeliveryConfig, limit = 500): Promise<number> {
  const due = await tx
    .select({ a: riskAcceptances, item: workItems })
    .from(riskAcceptances)
    .innerJoin(workItems, and(eq(workItems.organisationId, riskAcceptances.organisationId), eq(workItems.id, riskAcceptances.workItemId)))
    .where(and(eq(riskAcceptances.organisationId, org.id), eq(riskAcceptances.status, "approved"), lte(riskAcceptances.expiresAt, now)))
    .orderBy(riskAcceptances.expiresAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  if (due.length === 0) return 0;
  const requestId = `sweep:${crypto.randomUUID()}`;
  const ctx = { tx, now, audit: (e: Parameters<Parameters<typeof applyChange>[0]["audit"]>[0]) => recordAudit(tx, { ...e, organisationId: org.id, actor: { type: "system", id: null }, requestId, occurredAt: now }) };
  const leads = (await tx.select({ id: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.organisationId, org.id))).filter((m) => m.role === "lead" || m.role === "owner");
  const messages: NotificationMessage[] = [];
  for (const { a, item } of due) {
    await updateAcceptance(ctx, a, { status: "expired", endedAt: now });
    const waiting = a.extensionExpiresAt !== null;
    const reason = `The risk acceptance expired on ${day(a.expiresAt)}; the item is back in prioritisation.`;
    if (item.stage === "closed" && item.resolution === "risk_accepted") {
      const to = waiting ? "client" : "provider";
      await applyChange(
        ctx,
        item,
        {
          stage: "prioritisation",
          resolution: null,
          resolutionReason: reason,
          closedAt: null,
          cycle: item.cycle + 1,
          implementedById: null,
          exceptionExpiresAt: null,
          stageEnteredAt: now,
          ...passCourt(item, to, now, false),
        },
        {
          action: "work_item.acceptance_expire",
          before: { stage: item.stage, resolution: item.resolution },
          after: { acceptanceId: a.id, stage: "prioritisation", resolution: null, cycle: item.cycle + 1, waitingOn: to },
          reason,
        },
      );
    } else {
      await applyChange(ctx, item, { exceptionExpiresAt: null }, { action: "work_item.acceptance_expire", before: {}, after: { acceptanceId: a.id }, reason });
    }
    const key = itemKey(org.slug, item.number);
    const people = new Set([a.accountableOwnerId, ...(item.assigneeId ? [item.assigneeId] : []), ...leads.map((l) => l.id)]);
    messages.push({
      userIds: [...people],
      workItemId: item.id,
      escalationId: null,
      subject: `${key}: risk acceptance expired`,
      body: `${key} "${item.title}" — ${reason}${waiting ? " An extension still waits for the owners' decision." : ""}`,
      link: `/o/${org.slug}/items/${item.number}`,
      event: { type: "risk_acceptance.expired", organisation: org.slug, acceptanceId: a.id, item: { id: item.id, key, number: item.number, title: item.title, priority: item.priority }, expiredAt: now.toISOString() },
    });
  }
  await notifyMany(tx, org.id, messages, config, { now });
  return due.length;
}
