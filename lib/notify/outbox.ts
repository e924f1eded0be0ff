// Notifications and their deliveries (docs/decisions/007-notifications-outbox.md). `notifyMany` writes in-app
// notifications and outbox rows in the caller's tenant transaction, so they commit or vanish with what caused
// them; `sendDueDeliveries` sends due rows after commit, retries failures with backoff and keeps every row.
import crypto from "node:crypto";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { deliveries, organisations, users } from "../db/schema";
import { withTenant } from "../db/tenant";
import { absoluteLink, type DeliveryConfig } from "./config";
import { describe, sendEmail, sendWebhook, type OutgoingDelivery } from "./channels";

export { verifyWebhookSignature } from "./signature";

export interface NotificationMessage {
  userIds: string[];
  workItemId: string | null;
  escalationId: string | null;
  subject: string;
  body: string;
  /** A path such as /o/acme/items/123; made absolute with APP_URL in e-mails and webhooks. */
  link: string;
  /** The event as JSON for the webhook; its `type` becomes the x-wrapper-event header. */
  event: Record<string, unknown>;
}

export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 6 * 3_600_000;
/** How long a claimed delivery is hidden from other sweepers while it is being sent. */
const LEASE_MS = 5 * 60_000;
/** How often a delivery whose channel is not configured looks again. */
const UNCONFIGURED_RECHECK_MS = 10 * 60_000;
const BATCH = 5_000;

/** Wait before the next try after `attempts` failures: 1 min × 2^(attempts-1), at most 6 h, ±10 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);
  return Math.round(Math.min(BACKOFF_CAP_MS, base) * (0.9 + 0.2 * random()));
}

/** Rows go in as one JSON parameter per statement (no bind-parameter limit, one round trip). */
async function insertJson(tx: Tx, table: "notifications" | "deliveries", rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const cols = sql.raw(Object.keys(rows[0]!).map((c) => `"${c}"`).join(", "));
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = JSON.stringify(rows.slice(i, i + BATCH));
    await tx.execute(sql`insert into ${sql.identifier(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.identifier(table)}, ${chunk}::json)`);
  }
}

/**
 * One in-app notification per message and distinct recipient; an e-mail delivery per notification when SMTP is
 * configured (active accounts only); one webhook delivery per message when the webhook is. Sends nothing.
 * Unknown user ids are skipped. `opts.now` stamps the rows (default: the database's clock).
 */
export async function notifyMany(tx: Tx, orgId: string, messages: NotificationMessage[], config: DeliveryConfig, opts: { now?: Date } = {}): Promise<{ notifications: number; deliveries: number }> {
  if (messages.length === 0) return { notifications: 0, deliveries: 0 };
  const ids = [...new Set(messages.flatMap((m) => m.userIds))];
  const people = ids.length ? await tx.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(inArray(users.id, ids)) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const [org] = config.webhook ? await tx.select({ id: organisations.id, slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId)) : [];
  const stamp = opts.now ? { created_at: opts.now.toISOString() } : {};
  const due = opts.now ? { next_attempt_at: opts.now.toISOString() } : {};
  const notes: Record<string, unknown>[] = [];
  const outbox: Record<string, unknown>[] = [];
  for (const m of messages) {
    const link = absoluteLink(config, m.link);
    for (const userId of new Set(m.userIds)) {
      const person = byId.get(userId);
      if (!person) continue;
      const id = crypto.randomUUID();
      notes.push({ id, organisation_id: orgId, user_id: userId, work_item_id: m.workItemId, escalation_id: m.escalationId, subject: m.subject, body: m.body, ...stamp });
      if (config.email && !person.disabledAt) {
        outbox.push({ organisation_id: orgId, channel: "email", recipient: person.email, subject: m.subject, body: m.body, payload: { link }, escalation_id: m.escalationId, notification_id: id, ...stamp, ...due });
      }
    }
    if (config.webhook) {
      const type = typeof m.event.type === "string" ? m.event.type : "notification";
      const payload = {
        type,
        // `text` lets chat tools that take Slack-style incoming webhooks show the message as it is.
        text: `${m.subject} — ${link}`,
        subject: m.subject,
        body: m.body,
        link,
        organisation: org ? { id: org.id, slug: org.slug, name: org.name } : { id: orgId },
        workItemId: m.workItemId,
        escalationId: m.escalationId,
        event: m.event,
      };
      outbox.push({ organisation_id: orgId, channel: "webhook", recipient: config.webhook.url, subject: m.subject, body: m.body, payload, escalation_id: m.escalationId, notification_id: null, ...stamp, ...due });
    }
  }
  await insertJson(tx, "notifications", notes);
  await insertJson(tx, "deliveries", outbox);
  return { notifications: notes.length, deliveries: outbox.length };
}

export interface SendOptions {
  /** Deliveries claimed per call (default 100). */
  limit?: number;
  /** Attempts before a delivery is marked failed (default 8). */
  maxAttempts?: number;
  /** Deliveries sent at once (default 4). */
  concurrency?: number;
  leaseMs?: number;
  random?: () => number;
  fetch?: typeof fetch;
}

type Outcome = { id: string; status: "pending" | "sent" | "failed"; attempts: number; error: string | null; next: string; sent_at: string | null; attempted: boolean; recipient: string | null };

/**
 * Sends the organisation's due deliveries. Claiming pushes `next_attempt_at` out by a lease in a short
 * transaction (FOR UPDATE SKIP LOCKED), so concurrent sweepers never take the same row; sending happens
 * outside any transaction; the outcome is written afterwards in one statement.
 */
export async function sendDueDeliveries(db: Db, orgId: string, now: Date, config: DeliveryConfig, opts: SendOptions = {}): Promise<{ sent: number; failed: number; retrying: number }> {
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const random = opts.random ?? Math.random;
  const claimed = await withTenant(db, orgId, null, async (tx) => {
    const rows = await tx
      .select({ id: deliveries.id, channel: deliveries.channel, recipient: deliveries.recipient, subject: deliveries.subject, body: deliveries.body, payload: deliveries.payload, attempts: deliveries.attempts })
      .from(deliveries)
      .where(and(eq(deliveries.organisationId, orgId), eq(deliveries.status, "pending"), lte(deliveries.nextAttemptAt, now)))
      .orderBy(asc(deliveries.nextAttemptAt))
      .limit(opts.limit ?? 100)
      .for("update", { skipLocked: true });
    if (rows.length) {
      await tx
        .update(deliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + (opts.leaseMs ?? LEASE_MS)) })
        .where(and(eq(deliveries.organisationId, orgId), inArray(deliveries.id, rows.map((r) => r.id))));
    }
    return rows;
  });
  if (claimed.length === 0) return { sent: 0, failed: 0, retrying: 0 };

  const outcomes = await mapLimit(claimed, opts.concurrency ?? 4, async (d): Promise<Outcome> => {
    const channel = d.channel === "email" ? config.email : config.webhook;
    if (!channel) {
      const what = d.channel === "email" ? "E-mail is not configured (SMTP_URL)" : "The webhook is not configured (WEBHOOK_URL and WEBHOOK_SECRET)";
      return { id: d.id, status: "pending", attempts: d.attempts, error: `${what}; waiting until it is.`, next: new Date(now.getTime() + UNCONFIGURED_RECHECK_MS).toISOString(), sent_at: null, attempted: false, recipient: null };
    }
    const out: OutgoingDelivery = { id: d.id, recipient: d.recipient, subject: d.subject, body: d.body, payload: d.payload };
    // A webhook goes to the URL configured when it is sent (the row records where it went).
    const recipient = config.webhook && d.channel === "webhook" ? config.webhook.url : null;
    const attempts = d.attempts + 1;
    try {
      if (config.email && d.channel === "email") await sendEmail(config.email, out);
      else if (config.webhook) await sendWebhook(config.webhook, out, opts.fetch);
      return { id: d.id, status: "sent", attempts, error: null, next: now.toISOString(), sent_at: now.toISOString(), attempted: true, recipient };
    } catch (e) {
      const failed = attempts >= maxAttempts;
      const next = failed ? now : new Date(now.getTime() + backoffMs(attempts, random));
      return { id: d.id, status: failed ? "failed" : "pending", attempts, error: describe(e), next: next.toISOString(), sent_at: null, attempted: true, recipient };
    }
  });

  await withTenant(db, orgId, null, (tx) =>
    tx.execute(sql`
      update deliveries d set
        status = o.status::delivery_status,
        attempts = o.attempts,
        last_error = o.error,
        next_attempt_at = o.next,
        sent_at = o.sent_at,
        last_attempt_at = case when o.attempted then ${now.toISOString()}::timestamptz else d.last_attempt_at end,
        recipient = coalesce(o.recipient, d.recipient)
      from json_to_recordset(${JSON.stringify(outcomes)}::json)
        as o(id uuid, status text, attempts int, error text, next timestamptz, sent_at timestamptz, attempted boolean, recipient text)
      where d.organisation_id = ${orgId} and d.id = o.id`),
  );
  return {
    sent: outcomes.filter((o) => o.status === "sent").length,
    failed: outcomes.filter((o) => o.status === "failed").length,
    retrying: outcomes.filter((o) => o.status === "pending").length,
  };
}

/** `fn` over `items`, at most `n` at a time, results in order. */
async function mapLimit<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}
