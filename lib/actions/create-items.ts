// Many new work items at once (imports, inventory rules, campaign runs): numbered from the organisation's
// sequence, each with its creation event and its clocks started, in a few statements whatever their number.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { insertRows } from "../db/bulk";
import { organisations } from "../db/schema";
import type { AuditActor } from "../audit/record";
import { readItemClocks } from "../domain/sla/item-clocks";
import { snapshotOf } from "../domain/sla/snapshot";
import type { Priority, Severity, WaitingOn, WorkItemType } from "../domain/vocabulary";
import { loadPolicies, rowState } from "../sla/store";

export interface NewItem {
  type: WorkItemType;
  title: string;
  description: string;
  severity: Severity;
  priority: Priority;
  identityId: string | null;
  /** The inventory rule that raised it. */
  rule?: string | null;
  waitingOn?: WaitingOn;
  assigneeId?: string | null;
  /** A due date of its own (an access review's). */
  dueAt?: Date | null;
  /** More for the creation event (the import format, the campaign…). */
  audit?: Record<string, unknown>;
}

export interface CreateContext {
  orgId: string;
  actor: AuditActor;
  requestId: string;
  now: Date;
}

/** Inserts `items` with their creation events; returns their ids and numbers, in order. */
export async function createItems(tx: Tx, c: CreateContext, items: NewItem[]): Promise<{ id: string; number: number }[]> {
  if (items.length === 0) return [];
  const [seq] = await tx
    .update(organisations)
    .set({ itemSeq: sql`${organisations.itemSeq} + ${items.length}` })
    .where(eq(organisations.id, c.orgId))
    .returning({ last: organisations.itemSeq });
  const first = seq!.last - items.length + 1;
  const policies = await loadPolicies(tx, c.orgId);
  const t = c.now.getTime();
  const iso = c.now.toISOString();
  const d = (x: Date | null) => (x ? x.toISOString() : null);
  // Every new item starts its clocks now: one reading serves all items of the same priority, type and party.
  const snaps = new Map<string, ReturnType<typeof snapshotOf> | null>();
  const snapFor = (it: NewItem) => {
    const k = `${it.priority}|${it.type}|${it.waitingOn ?? "provider"}`;
    if (!snaps.has(k)) {
      const history = [{ at: t, stage: "intake" as const, waitingOn: it.waitingOn ?? "provider" }];
      snaps.set(k, policies.sla ? snapshotOf(readItemClocks(history, it, policies.sla.doc, t), policies.sla.version, t) : null);
    }
    return snaps.get(k)!;
  };
  const rows = items.map((it, i) => {
    const id = crypto.randomUUID();
    const snap = snapFor(it);
    const state = rowState({ id, priority: it.priority, type: it.type, dueAt: it.dueAt ?? null }, snap, policies, t, false);
    return {
      id,
      organisation_id: c.orgId,
      number: first + i,
      type: it.type,
      title: it.title,
      description: it.description,
      severity: it.severity,
      priority: it.priority,
      identity_id: it.identityId,
      assignee_id: it.assigneeId ?? null,
      rule: it.rule ?? null,
      waiting_on: it.waitingOn ?? "provider",
      due_at: d(it.dueAt ?? null),
      created_at: iso,
      updated_at: iso,
      stage_entered_at: iso,
      waiting_since: iso,
      sla: snap,
      sla_due_at: d(state.slaDueAt),
      sla_at_risk_at: d(state.slaAtRiskAt),
      sla_breached: state.slaBreached,
      next_check_at: d(state.nextCheckAt),
    };
  });
  await insertRows(tx, "work_items", rows, 2_000);
  await insertRows(
    tx,
    "audit_events",
    rows.map((r, i) => ({
      organisation_id: c.orgId,
      actor_type: c.actor.type,
      actor_id: c.actor.id,
      action: "work_item.create",
      entity_type: "work_item",
      entity_id: r.id,
      after: {
        number: r.number,
        type: r.type,
        title: r.title,
        stage: "intake",
        priority: r.priority,
        severity: r.severity,
        version: 1,
        ...(r.waiting_on !== "provider" ? { waitingOn: r.waiting_on } : {}),
        ...(r.rule ? { rule: r.rule } : {}),
        ...items[i]!.audit,
      },
      request_id: c.requestId,
      occurred_at: iso,
    })),
    2_000,
  );
  return rows.map((r) => ({ id: r.id, number: r.number }));
}
