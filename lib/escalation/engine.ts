// The sweeper (SPEC §4): reads only items whose next check time has come, brings their stored clocks up to
// date, fires the escalation rules they now satisfy (once per item, rule, clock and cycle: the unique key on
// escalations decides, whatever number of sweepers run at once), raises the item's escalation level, writes
// the in-app notifications and the outbox, and then sends what the outbox holds. Also the dry run.
import crypto from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { withTenant } from "../db/tenant";
import { auditEvents, escalations, memberships, organisations, users, workItems } from "../db/schema";
import { sweepCampaigns } from "../campaigns/store";
import { raiseInventoryWork } from "../inventory/rules";
import { logger } from "../logger";
import { deadlineClock, EXCEPTION_CLOCK, firingRules, type Firing, type RuleClock } from "../domain/escalation/evaluate";
import { expireAcceptances } from "./expiry";
import type { EscalationDocument, NOTIFY } from "../domain/escalation/rules";
import { readSnapshot, type SlaSnapshot } from "../domain/sla/snapshot";
import { itemKey } from "../domain/keys";
import type { Priority, Role, WorkItemType } from "../domain/vocabulary";
import { loadPolicies, rowState, snapshotsFromHistory, writeSlaRows, type Policies } from "../sla/store";
import { deliveryConfig, type DeliveryConfig } from "../notify/config";
import { notifyMany, sendDueDeliveries, type NotificationMessage } from "../notify/outbox";

export interface SweepOptions {
  /** Items read per transaction. */
  batchSize?: number;
  /** Stop an organisation after this many batches (the rest waits for the next run). */
  maxBatches?: number;
  /** Send the outbox after evaluating (default true). */
  deliver?: boolean;
  config?: DeliveryConfig;
}

export interface SweepReport {
  organisations: number;
  /** Organisations another sweeper was already working on. */
  busy: number;
  checked: number;
  fired: number;
  notifications: number;
  /** Risk acceptances that reached their expiry (their items reopened). */
  expired: number;
  /** Items the inventory rules raised. */
  raised: number;
  campaigns: { opened: number; reminded: number; defaulted: number; closed: number };
  deliveries: { sent: number; failed: number; retrying: number };
  ms: number;
}

const SWEEP_LOCK = "sweep:";
const DELIVERY_BATCH = 100;
const DELIVERY_BUDGET_MS = 20_000;

/** One pass over every organisation. Safe to run from several processes at once. */
export async function sweep(db: Db, now = new Date(), opts: SweepOptions = {}): Promise<SweepReport> {
  const started = performance.now();
  const config = opts.config ?? deliveryConfig();
  // As the connection's own role, before any tenant scope: which organisations have anything due at all (one
  // query on the two partial indexes), so a pass with nothing due costs one round trip.
  // (In a transaction: the embedded database's socket keeps a transaction's statements together.)
  const { rows: orgs } = await db.transaction((tx) => tx.execute<{ id: string; slug: string; items_due: boolean; deliveries_due: boolean; campaigns_due: boolean; inventory_due: boolean }>(sql`
    select o.id, o.slug,
           (exists (select 1 from access_campaigns c where c.organisation_id = o.id and c.ended_at is null and c.next_run_at <= ${now.toISOString()}::timestamptz)
            or exists (select 1 from access_campaign_runs r where r.organisation_id = o.id and r.closed_at is null
                          and least(r.deadline_at, r.next_reminder_at) <= ${now.toISOString()}::timestamptz)) as campaigns_due,
           (o.inventory_checked_at is null or o.inventory_checked_at <= ${now.toISOString()}::timestamptz - ${`${INVENTORY_EVERY_MINUTES} minutes`}::interval) as inventory_due,
           (exists (select 1 from work_items w where w.organisation_id = o.id and w.next_check_at <= ${now.toISOString()}::timestamptz)
            or exists (select 1 from risk_acceptances a where a.organisation_id = o.id and a.status = 'approved' and a.expires_at <= ${now.toISOString()}::timestamptz)) as items_due,
           exists (select 1 from deliveries d where d.organisation_id = o.id and d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz) as deliveries_due
      from organisations o order by o.id`));
  const report: SweepReport = {
    organisations: orgs.length,
    busy: 0,
    checked: 0,
    fired: 0,
    notifications: 0,
    expired: 0,
    raised: 0,
    campaigns: { opened: 0, reminded: 0, defaulted: 0, closed: 0 },
    deliveries: { sent: 0, failed: 0, retrying: 0 },
    ms: 0,
  };
  for (const org of orgs) {
    // Campaign runs and inventory rules first: the items they create are then checked in this same pass.
    if (org.campaigns_due || org.inventory_due) {
      const r = await sweepInventory(db, org, now, { campaigns: org.campaigns_due, rules: org.inventory_due }, config);
      report.raised += r.raised;
      for (const k of ["opened", "reminded", "defaulted", "closed"] as const) report.campaigns[k] += r.campaigns[k];
      if (r.raised || r.campaigns.opened || r.campaigns.defaulted || r.campaigns.reminded) org.items_due = true;
    }
    if (org.items_due) {
      const r = await sweepOrganisation(db, org, now, opts, config);
      if (r === "busy") report.busy++;
      else {
        report.checked += r.checked;
        report.expired += r.expired;
        report.fired += r.fired;
        report.notifications += r.notifications;
      }
    }
    // Deliveries written by this pass are due now too.
    if (opts.deliver !== false && (org.deliveries_due || org.items_due)) {
      // Batches until the outbox is drained or the pass has spent its time on this organisation.
      const until = performance.now() + DELIVERY_BUDGET_MS;
      for (;;) {
        const d = await sendDueDeliveries(db, org.id, now, config, { limit: DELIVERY_BATCH });
        report.deliveries.sent += d.sent;
        report.deliveries.failed += d.failed;
        report.deliveries.retrying += d.retrying;
        if (d.sent + d.failed + d.retrying < DELIVERY_BATCH || performance.now() > until) break;
      }
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** The inventory rules look at each organisation this often (rotation falls due by the day, not the minute). */
export const INVENTORY_EVERY_MINUTES = 60;

/** Campaign runs, reminders and deadlines, then the inventory rules, for one organisation. */
async function sweepInventory(db: Db, org: { id: string; slug: string }, now: Date, what: { campaigns: boolean; rules: boolean }, config: DeliveryConfig) {
  return withTenant(db, org.id, null, async (tx) => {
    const c = { orgId: org.id, orgSlug: org.slug, actor: { type: "system" as const, id: null }, requestId: `sweep:${crypto.randomUUID()}`, now };
    const campaigns = what.campaigns ? await sweepCampaigns(tx, c, config) : { opened: 0, reminded: 0, defaulted: 0, closed: 0 };
    let raised = 0;
    if (what.rules) {
      raised = Object.values(await raiseInventoryWork(tx, c)).reduce((a, b) => a + b, 0);
      await tx.update(organisations).set({ inventoryCheckedAt: now }).where(eq(organisations.id, org.id));
    }
    return { campaigns, raised };
  });
}

type ItemRow = {
  id: string;
  number: number;
  title: string;
  priority: Priority;
  type: WorkItemType;
  assigneeId: string | null;
  sla: SlaSnapshot | null;
  closedAt: Date | null;
  exceptionExpiresAt: Date | null;
  dueAt: Date | null;
};

export async function sweepOrganisation(db: Db, org: { id: string; slug: string }, now: Date, opts: SweepOptions = {}, config: DeliveryConfig = deliveryConfig()) {
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 100;
  const total = { checked: 0, fired: 0, notifications: 0, expired: 0 };
  let policies: Policies | null = null;
  let people: Map<Role, string[]> | null = null;
  for (let b = 0; b < maxBatches; b++) {
    const r = await withTenant(db, org.id, null, async (tx) => {
      // One sweeper per organisation at a time; the others move on (and the unique key backs this up).
      const { rows } = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtextextended(${SWEEP_LOCK + org.id}, 0)) as locked`);
      if (!rows[0]?.locked) return "busy" as const;
      // Acceptances that expire reopen their items first, so this pass already checks them as open items.
      const expired = await expireAcceptances(tx, org, now, config);
      const due = await tx
        .select({
          id: workItems.id,
          number: workItems.number,
          title: workItems.title,
          priority: workItems.priority,
          type: workItems.type,
          assigneeId: workItems.assigneeId,
          sla: workItems.sla,
          closedAt: workItems.closedAt,
          exceptionExpiresAt: workItems.exceptionExpiresAt,
          dueAt: workItems.dueAt,
        })
        .from(workItems)
        .where(and(eq(workItems.organisationId, org.id), lte(workItems.nextCheckAt, now)))
        .orderBy(workItems.nextCheckAt)
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (due.length === 0) return { checked: 0, fired: 0, notifications: 0, expired };
      policies ??= await loadPolicies(tx, org.id);
      people ??= await membersByRole(tx, org.id);
      return { ...(await evaluateBatch(tx, org, due, policies, people, now, config)), expired };
    });
    if (r === "busy") return b === 0 ? ("busy" as const) : total;
    total.expired += r.expired;
    total.checked += r.checked;
    total.fired += r.fired;
    total.notifications += r.notifications;
    if (r.checked < batchSize && r.expired < 500) break;
  }
  return total;
}

async function evaluateBatch(tx: Tx, org: { id: string; slug: string }, due: ItemRow[], policies: Policies, people: Map<Role, string[]>, now: Date, config: DeliveryConfig) {
  const t = now.getTime();
  // A snapshot from another policy version (or none) is recomputed from the history first.
  const stale = due.filter((i) => !i.closedAt && policies.sla && i.sla?.policyVersion !== policies.sla.version);
  const fresh = await snapshotsFromHistory(tx, org.id, stale, policies, t);
  // Each item's clocks are read once, for its new columns and for the rules. A closed item's stopped clocks
  // still fire a `breached` rule that the sweep had not reached before the item closed.
  const readings = due.map((item) => ({ item, reading: rowState(item, fresh.has(item.id) ? fresh.get(item.id)! : item.sla, policies, t, false) }));
  const candidates: { item: ItemRow; firing: Firing; live: RuleClock[] }[] = [];
  if (policies.escalation) {
    for (const { item, reading } of readings) {
      for (const firing of firingRules(policies.escalation.doc, item, reading.live, t)) candidates.push({ item, firing, live: reading.live });
    }
  }
  // The unique key (item, rule, clock, cycle) makes a second firing impossible; only new rows come back.
  const inserted = candidates.length
    ? await tx
        .insert(escalations)
        .values(
          candidates.map(({ item, firing }) => ({
            organisationId: org.id,
            workItemId: item.id,
            ruleId: firing.rule.id,
            clock: firing.clock,
            cycle: firing.cycle,
            level: firing.rule.then.level ?? null,
            notify: firing.rule.then.notify,
            policyVersion: policies.escalation!.version,
            firedAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: escalations.id, workItemId: escalations.workItemId, ruleId: escalations.ruleId, clock: escalations.clock, cycle: escalations.cycle })
    : [];
  const fired = inserted.map((row) => ({ row, ...candidates.find((c) => c.item.id === row.workItemId && c.firing.rule.id === row.ruleId && c.firing.clock === row.clock)! }));
  const levels = new Map<string, number>();
  for (const f of fired) levels.set(f.item.id, Math.max(levels.get(f.item.id) ?? 0, f.firing.rule.then.level ?? 0));
  await writeSlaRows(
    tx,
    org.id,
    readings.map(({ item, reading }) => ({ id: item.id, ...reading, escalationLevel: levels.get(item.id) ?? 0 })),
  );
  if (fired.length === 0) return { checked: due.length, fired: 0, notifications: 0 };
  const requestId = `sweep:${crypto.randomUUID()}`;
  await tx.insert(auditEvents).values(
    fired.map((f) => ({
      organisationId: org.id,
      actorType: "system" as const,
      actorId: null,
      action: "escalation.fire",
      entityType: "work_item",
      entityId: f.item.id,
      after: { escalationId: f.row.id, ruleId: f.firing.rule.id, clock: f.firing.clock, cycle: f.firing.cycle, level: f.firing.rule.then.level ?? null, notify: f.firing.rule.then.notify },
      reason: `Escalation rule "${f.firing.rule.id}" (policy v${policies.escalation!.version})`,
      requestId,
      occurredAt: now,
    })),
  );
  const messages: NotificationMessage[] = fired.map((f) => message(org, f.item, f.firing, f.live, f.row.id, recipients(f.firing.rule.then.notify, f.item, people), t));
  const n = await notifyMany(tx, org.id, messages, config, { now });
  return { checked: due.length, fired: fired.length, notifications: n.notifications };
}

async function membersByRole(tx: Tx, orgId: string): Promise<Map<Role, string[]>> {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), isNull(users.disabledAt)));
  const out = new Map<Role, string[]>();
  for (const r of rows) out.set(r.role, [...(out.get(r.role) ?? []), r.userId]);
  return out;
}

/** Who a rule's `notify` names for an item; an unassigned item's "assignee" is its leads. */
function recipients(notify: readonly (typeof NOTIFY)[number][], item: ItemRow, people: Map<Role, string[]>): string[] {
  const ids = new Set<string>();
  for (const target of notify) {
    if (target === "assignee") (item.assigneeId ? [item.assigneeId] : (people.get("lead") ?? [])).forEach((id) => ids.add(id));
    else (people.get(target) ?? []).forEach((id) => ids.add(id));
  }
  return [...ids];
}

const CLOCK_WORD = { response: "Response SLA", resolution: "Resolution SLA", decision: "Decision SLA", deadline: "Due date" } as Record<string, string>;

function message(org: { slug: string }, item: ItemRow, firing: Firing, live: RuleClock[], escalationId: string, userIds: string[], now: number): NotificationMessage {
  if (firing.clock === EXCEPTION_CLOCK) return exceptionMessage(org, item, firing, escalationId, userIds, now);
  const c = live.find((k) => k.clock === firing.clock);
  const what = c?.state === "breached" ? "breached" : "at risk";
  const due = c?.dueAt ? new Date(c.dueAt).toISOString() : null;
  const key = itemKey(org.slug, item.number);
  const level = firing.rule.then.level;
  return {
    userIds,
    workItemId: item.id,
    escalationId,
    subject: `${key} ${item.priority}: ${CLOCK_WORD[firing.clock] ?? firing.clock} ${what}${level ? ` (level ${level})` : ""}`,
    body:
      `${key} "${item.title}" — ${firing.clock === "deadline" ? "the due date" : `the ${firing.clock} clock`} is ${what}` +
      (due ? (c?.state === "breached" ? `; it fell due at ${due}.` : `; it falls due at ${due}.`) : ".") +
      ` Escalation rule "${firing.rule.id}" fired${level ? ` and raised the item to level ${level}` : ""}.`,
    link: `/o/${org.slug}/items/${item.number}`,
    event: {
      type: "escalation.fired",
      organisation: org.slug,
      item: { id: item.id, key, number: item.number, title: item.title, priority: item.priority, type: item.type },
      rule: firing.rule.id,
      clock: firing.clock,
      cycle: firing.cycle,
      level: level ?? null,
      state: c?.state ?? null,
      dueAt: due,
      firedAt: new Date(now).toISOString(),
    },
  };
}

/** The heads-up before a risk acceptance expires (an `exceptionExpiresWithin` rule). */
function exceptionMessage(org: { slug: string }, item: ItemRow, firing: Firing, escalationId: string, userIds: string[], now: number): NotificationMessage {
  const key = itemKey(org.slug, item.number);
  const at = item.exceptionExpiresAt!;
  const days = Math.max(0, Math.ceil((at.getTime() - now) / 86_400_000));
  return {
    userIds,
    workItemId: item.id,
    escalationId,
    subject: `${key} ${item.priority}: risk acceptance expires ${at.toISOString().slice(0, 10)}`,
    body: `${key} "${item.title}" — the risk acceptance in force expires in ${days === 1 ? "1 day" : `${days} days`} (${at.toISOString().slice(0, 16).replace("T", " ")} UTC). Extend it through the owners' approval, or plan the remediation: at expiry the item reopens. Escalation rule "${firing.rule.id}".`,
    link: `/o/${org.slug}/items/${item.number}`,
    event: {
      type: "risk_acceptance.expiring",
      organisation: org.slug,
      item: { id: item.id, key, number: item.number, title: item.title, priority: item.priority, type: item.type },
      rule: firing.rule.id,
      expiresAt: at.toISOString(),
      firedAt: new Date(now).toISOString(),
    },
  };
}

export interface DryRunHit {
  itemId: string;
  number: number;
  title: string;
  priority: Priority;
  ruleId: string;
  clock: string;
  cycle: number;
  level: number | null;
  notify: string[];
  alreadyFired: boolean;
}

/**
 * What a draft rules document would fire now against the organisation's open items, read from their stored
 * clocks under the active SLA policy. Only items at risk or breached can match a clock rule, and only items
 * closed under a risk acceptance can match an exception rule, so only those
 * are read. Marks the firings that already happened (same item, rule, clock and cycle).
 */
export async function dryRunEscalations(tx: Tx, orgId: string, doc: EscalationDocument, now: Date, limit = 1000): Promise<DryRunHit[]> {
  const t = now.getTime();
  const policies = await loadPolicies(tx, orgId);
  const rows = await tx
    .select({
      id: workItems.id,
      number: workItems.number,
      title: workItems.title,
      priority: workItems.priority,
      type: workItems.type,
      sla: workItems.sla,
      exceptionExpiresAt: workItems.exceptionExpiresAt,
      dueAt: workItems.dueAt,
    })
    .from(workItems)
    .where(
      and(
        eq(workItems.organisationId, orgId),
        or(
          and(isNull(workItems.closedAt), or(eq(workItems.slaBreached, true), lte(workItems.slaAtRiskAt, now), lte(workItems.slaDueAt, now), lte(workItems.dueAt, now))),
          isNotNull(workItems.exceptionExpiresAt),
        ),
      ),
    )
    .orderBy(workItems.slaDueAt, workItems.id)
    .limit(limit);
  const hits: DryRunHit[] = [];
  for (const item of rows) {
    const live: RuleClock[] = readSnapshot(item.sla, policies.sla?.doc ?? null, t);
    if (item.dueAt) live.push(deadlineClock(item.dueAt, t));
    for (const f of firingRules(doc, item, live, t)) {
      hits.push({ itemId: item.id, number: item.number, title: item.title, priority: item.priority, ruleId: f.rule.id, clock: f.clock, cycle: f.cycle, level: f.rule.then.level ?? null, notify: f.rule.then.notify, alreadyFired: false });
    }
  }
  if (hits.length) {
    const past = await tx
      .select({ workItemId: escalations.workItemId, ruleId: escalations.ruleId, clock: escalations.clock, cycle: escalations.cycle })
      .from(escalations)
      .where(and(eq(escalations.organisationId, orgId), inArray(escalations.workItemId, [...new Set(hits.map((h) => h.itemId))])));
    const seen = new Set(past.map((p) => `${p.workItemId}|${p.ruleId}|${p.clock}|${p.cycle}`));
    for (const h of hits) h.alreadyFired = seen.has(`${h.itemId}|${h.ruleId}|${h.clock}|${h.cycle}`);
  }
  return hits;
}

/** Starts the in-process sweeper (instrumentation.ts): one pass every `intervalMs`, never two at once here. */
export function startSweeper(getDb: () => Promise<Db>, intervalMs: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweep(await getDb());
      if (r.fired || r.deliveries.sent || r.deliveries.failed) logger.info({ sweep: r }, "sweep");
    } catch (e) {
      logger.error({ err: e }, "sweep failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
