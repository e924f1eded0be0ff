// Keeping each item's stored SLA true: recomputed from its audit history on every change that can move a
// clock (stage, ball in court, priority, type, a new cycle), and whenever the active SLA policy changes. The
// stored snapshot lets the queue, the API and the sweeper read clocks live without the history.
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { auditEvents, workItems } from "../db/schema";
import { activePolicy } from "../queries/policies";
import { escalationDocument, type EscalationDocument } from "../domain/escalation/rules";
import { deadlineClock, firingRules, nextRuleCheck, type RuleClock } from "../domain/escalation/evaluate";
import { historyFromEvents, readItemClocks } from "../domain/sla/item-clocks";
import { slaPolicyDocument, type SlaPolicyDocument } from "../domain/sla/policy";
import { readSnapshot, slaColumns, snapshotOf, type SlaSnapshot } from "../domain/sla/snapshot";
import type { Priority, WorkItemType } from "../domain/vocabulary";

export interface Policies {
  sla: { version: number; doc: SlaPolicyDocument } | null;
  escalation: { version: number; doc: EscalationDocument } | null;
}

/** The organisation's active SLA and escalation policies (a version that no longer validates counts as none). */
export async function loadPolicies(tx: Tx, orgId: string): Promise<Policies> {
  // One transaction is one connection: its queries run one after another.
  const sla = await activePolicy(tx, orgId, "sla");
  const esc = await activePolicy(tx, orgId, "escalation");
  const s = sla ? slaPolicyDocument.safeParse(sla.document) : null;
  const e = esc ? escalationDocument.safeParse(esc.document) : null;
  return {
    sla: sla && s?.success ? { version: sla.version, doc: s.data } : null,
    escalation: esc && e?.success ? { version: esc.version, doc: e.data } : null,
  };
}

export interface SlaSubject {
  id: string;
  priority: Priority;
  type: WorkItemType;
  /** The expiry of the risk acceptance in force, if the item is closed under one. */
  exceptionExpiresAt?: Date | null;
  /** A due date of the item's own (an access review's): the "deadline" clock while the item is open. */
  dueAt?: Date | null;
  closedAt?: Date | null;
}

/** Recomputes the snapshots of many items from their audit histories in one query. */
export async function snapshotsFromHistory(tx: Tx, orgId: string, items: SlaSubject[], policies: Policies, now: number): Promise<Map<string, SlaSnapshot | null>> {
  const out = new Map<string, SlaSnapshot | null>();
  if (items.length === 0) return out;
  if (!policies.sla) {
    for (const i of items) out.set(i.id, null);
    return out;
  }
  const rows = await tx
    .select({ entityId: auditEvents.entityId, action: auditEvents.action, occurredAt: auditEvents.occurredAt, after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, orgId),
        eq(auditEvents.entityType, "work_item"),
        inArray(
          auditEvents.entityId,
          items.map((i) => i.id),
        ),
        like(auditEvents.action, "work_item.%"),
      ),
    )
    .orderBy(asc(auditEvents.seq));
  const events = new Map<string, { action: string; occurredAt: number; after: Record<string, unknown> | null }[]>();
  for (const r of rows) {
    const list = events.get(r.entityId!) ?? [];
    list.push({ action: r.action, occurredAt: r.occurredAt.getTime(), after: r.after as Record<string, unknown> | null });
    events.set(r.entityId!, list);
  }
  for (const item of items) {
    const history = historyFromEvents(events.get(item.id) ?? []);
    if (history.length === 0) {
      out.set(item.id, null);
      continue;
    }
    out.set(item.id, snapshotOf(readItemClocks(history, item, policies.sla.doc, now), policies.sla.version, now));
  }
  return out;
}

export interface SlaRowState {
  sla: SlaSnapshot | null;
  slaDueAt: Date | null;
  slaAtRiskAt: Date | null;
  slaBreached: boolean;
  nextCheckAt: Date | null;
}

/** The row's columns and the clocks read for them, for callers that go on to evaluate rules. */
export interface SlaReading extends SlaRowState {
  /** The clocks the escalation rules read: the SLA policy's and the item's own deadline. */
  live: RuleClock[];
}

/**
 * The row's SLA columns for a snapshot at `now`. The next check is the next instant a clock turns at risk or
 * falls due, or a `breachedFor` rule comes due; with `fireable`, it is now when a rule already matches, so the
 * sweeper (not the request) fires it.
 */
export function rowState(item: SlaSubject, snap: SlaSnapshot | null, policies: Policies, now: number, fireable: boolean): SlaReading {
  const cols = slaColumns(snap, policies.sla?.doc ?? null, now);
  const live: RuleClock[] = readSnapshot(snap, policies.sla?.doc ?? null, now);
  const deadline = item.dueAt && !item.closedAt ? item.dueAt : null;
  if (deadline) live.push(deadlineClock(deadline, now));
  let next: number | null = null;
  const consider = (t: number | null) => {
    if (t !== null && t > now && (next === null || t < next)) next = t;
  };
  consider(cols.nextChangeAt);
  // The deadline clock breaches at the due date, with nothing else changing: look again then.
  consider(deadline?.getTime() ?? null);
  const expiresAt = item.exceptionExpiresAt ?? null;
  consider(nextRuleCheck(policies.escalation?.doc ?? null, live, now, expiresAt));
  // The sweeper expires the acceptance in force at its date (one already due, on its next pass: never a time
  // in the past, which this pass would read again and again).
  if (expiresAt) {
    const at = Math.max(expiresAt.getTime(), now + 1);
    next = next === null ? at : Math.min(next, at);
  }
  if (fireable && policies.escalation && firingRules(policies.escalation.doc, item, live, now).length > 0) next = now;
  const d = (t: number | null) => (t === null ? null : new Date(t));
  return { sla: snap, slaDueAt: d(cols.slaDueAt), slaAtRiskAt: d(cols.slaAtRiskAt), slaBreached: cols.slaBreached, nextCheckAt: d(next), live };
}

/** Writes many rows' SLA columns in one statement (and raises escalation levels where given). */
export async function writeSlaRows(tx: Tx, orgId: string, rows: (SlaRowState & { id: string; escalationLevel?: number })[]): Promise<void> {
  if (rows.length === 0) return;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const data = JSON.stringify(
    rows.map((r) => ({ id: r.id, sla: r.sla, due: iso(r.slaDueAt), risk: iso(r.slaAtRiskAt), breached: r.slaBreached, next: iso(r.nextCheckAt), level: r.escalationLevel ?? 0 })),
  );
  await tx.execute(sql`
    update work_items w
       set sla = v.sla, sla_due_at = v.due, sla_at_risk_at = v.risk, sla_breached = v.breached, next_check_at = v.next,
           escalation_level = greatest(w.escalation_level, v.level)
      from jsonb_to_recordset(${data}::jsonb) as v(id uuid, sla jsonb, due timestamptz, risk timestamptz, breached boolean, next timestamptz, level int)
     where w.organisation_id = ${orgId} and w.id = v.id`);
}

/** After a change to one item: recompute its clocks from the history (which now includes the change). */
export async function refreshItemSla(tx: Tx, orgId: string, item: SlaSubject, now: Date, policies?: Policies): Promise<SlaRowState> {
  const p = policies ?? (await loadPolicies(tx, orgId));
  const t = now.getTime();
  const snap = (await snapshotsFromHistory(tx, orgId, [item], p, t)).get(item.id) ?? null;
  const state = rowState(item, snap, p, t, true);
  await writeSlaRows(tx, orgId, [{ id: item.id, ...state }]);
  return state;
}

/** Recomputes every item of an organisation from its history (seeding, repair), in batches. */
export async function refreshOrganisationSla(tx: Tx, orgId: string, now: Date, batch = 500): Promise<number> {
  const p = await loadPolicies(tx, orgId);
  const t = now.getTime();
  const items = await tx
    .select({ id: workItems.id, priority: workItems.priority, type: workItems.type, exceptionExpiresAt: workItems.exceptionExpiresAt, dueAt: workItems.dueAt, closedAt: workItems.closedAt })
    .from(workItems).where(eq(workItems.organisationId, orgId));
  for (let i = 0; i < items.length; i += batch) {
    const chunk = items.slice(i, i + batch);
    const snaps = await snapshotsFromHistory(tx, orgId, chunk, p, t);
    await writeSlaRows(tx, orgId, chunk.map((item) => ({ id: item.id, ...rowState(item, snaps.get(item.id) ?? null, p, t, true) })));
  }
  return items.length;
}
