// Notifications and the delivery outbox against a real database, a real SMTP server (smtp-server) and a real
// HTTP receiver that checks the HMAC signature: what is written, what is sent, and what happens on failure.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performMutation } from "@/lib/actions/mutation";
import { markAllNotificationsRead, markNotificationsRead, retryDelivery } from "@/lib/actions/notifications";
import { deliveries, notifications } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { deliveryConfig, type DeliveryConfig } from "@/lib/notify/config";
import { MAX_ATTEMPTS, notifyMany, sendDueDeliveries, verifyWebhookSignature, type NotificationMessage } from "@/lib/notify/outbox";
import { unreadCount } from "@/lib/queries/notifications";
import { openTestDb, type TestDb } from "../helpers/db";
import { createUser, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

const SECRET = "test-webhook-secret-0123456789";
const NONE: DeliveryConfig = { email: null, webhook: null, appUrl: "https://console.example" };
const T0 = new Date("2026-03-02T09:00:00Z");
const MIN = 60_000;

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

function message(team: Team, userIds: string[], over: Partial<NotificationMessage> = {}): NotificationMessage {
  return {
    userIds,
    workItemId: null,
    escalationId: null,
    subject: "ACME-7 P1: Resolution SLA breached (level 2)",
    body: 'ACME-7 "Rotate the deploy key" - the resolution clock is breached.',
    link: `/o/${team.org.slug}/items/7`,
    event: { type: "escalation.fired", rule: "breach", level: 2 },
    ...over,
  };
}

const notify = (team: Team, messages: NotificationMessage[], config: DeliveryConfig) =>
  withTenant(t.db, team.org.id, null, (tx) => notifyMany(tx, team.org.id, messages, config, { now: T0 }));

const outbox = (orgId: string) => withTenant(t.db, orgId, null, (tx) => tx.select().from(deliveries).where(eq(deliveries.organisationId, orgId)));

// --- a local webhook receiver -------------------------------------------------------------------------------
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  valid: boolean;
}

async function receiver(status: (n: number) => number = () => 204, delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const valid = verifyWebhookSignature(SECRET, req.headers["x-wrapper-timestamp"] as string, body, req.headers["x-wrapper-signature"] as string);
      received.push({ headers: req.headers, body, valid });
      // A receiver refuses what it cannot verify.
      res.statusCode = valid ? status(received.length) : 401;
      setTimeout(() => res.end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/wrapper`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const webhook = (url: string): DeliveryConfig => ({ ...NONE, webhook: { url, secret: SECRET } });

// --- a local SMTP server ------------------------------------------------------------------------------------
async function smtp() {
  const mails: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === "mailer" && auth.password === "p@ss word") cb(null, { user: "mailer" });
      else cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Undoes quoted-printable soft breaks and escapes, so assertions read the text as sent. */
function decodeQp(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

describe("notifyMany", () => {
  it("writes one notification per message and distinct known user, and no deliveries without channels", async () => {
    const team = await createTeam(t.db);
    const [a, l] = [team.as("analyst").id, team.as("lead").id];
    const item = await createWorkItem(t.db, team.org.id, { identityId: team.identity.id });
    const out = await notify(team, [message(team, [a, l, l, "00000000-0000-4000-8000-000000000000"], { workItemId: item.id }), message(team, [l])], NONE);
    expect(out).toEqual({ notifications: 3, deliveries: 0 });
    const rows = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(notifications).where(eq(notifications.organisationId, team.org.id)));
    expect(rows.map((r) => r.userId).sort()).toEqual([a, l, l].sort());
    expect(rows.filter((r) => r.workItemId === item.id)).toHaveLength(2);
    expect(rows.every((r) => r.readAt === null && r.createdAt.getTime() === T0.getTime())).toBe(true);
    expect(await outbox(team.org.id)).toEqual([]);
  });

  it("queues an e-mail per notification for active accounts only when SMTP is configured, linked to its notification", async () => {
    const team = await createTeam(t.db);
    const disabled = await createUser(t.db, { memberships: [[team.org.id, "lead"]], disabled: true });
    const config = { ...NONE, email: { smtpUrl: "smtp://127.0.0.1:1", from: "Ops <ops@example.test>" } };
    const out = await notify(team, [message(team, [team.as("lead").id, team.as("owner").id, disabled.id])], config);
    expect(out).toEqual({ notifications: 3, deliveries: 2 });
    const rows = await outbox(team.org.id);
    expect(rows.map((r) => r.channel)).toEqual(["email", "email"]);
    expect(rows.map((r) => r.recipient).sort()).toEqual([team.as("lead").email, team.as("owner").email].sort());
    expect(rows.every((r) => r.status === "pending" && r.attempts === 0 && r.notificationId !== null)).toBe(true);
    expect(rows[0]!.payload).toEqual({ link: `https://console.example/o/${team.org.slug}/items/7` });
  });

  it("queues one webhook per message when the webhook is configured, with the event, organisation and link", async () => {
    const team = await createTeam(t.db);
    const out = await notify(team, [message(team, [team.as("lead").id, team.as("lead", 1).id]), message(team, [])], webhook("https://hooks.example/x"));
    expect(out).toEqual({ notifications: 2, deliveries: 2 });
    const rows = await outbox(team.org.id);
    expect(rows.map((r) => r.channel)).toEqual(["webhook", "webhook"]);
    expect(rows[0]!.payload).toMatchObject({
      type: "escalation.fired",
      link: `https://console.example/o/${team.org.slug}/items/7`,
      organisation: { id: team.org.id, slug: team.org.slug },
      event: { rule: "breach", level: 2 },
    });
  });

  it("writes a thousand messages in a few statements", async () => {
    const team = await createTeam(t.db);
    const people = [team.as("lead").id, team.as("owner").id, team.as("executive").id];
    const config = { ...webhook("https://hooks.example/x"), email: { smtpUrl: "smtp://127.0.0.1:1", from: "ops@example.test" } };
    const started = Date.now();
    const out = await notify(team, Array.from({ length: 1000 }, (_, i) => message(team, people, { subject: `Item ${i}` })), config);
    expect(out).toEqual({ notifications: 3000, deliveries: 4000 });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe("sending", () => {
  it("delivers e-mail to a real SMTP server, with authentication from SMTP_URL", async () => {
    const server = await smtp();
    try {
      const team = await createTeam(t.db);
      const config: DeliveryConfig = { ...NONE, email: { smtpUrl: `smtp://mailer:${encodeURIComponent("p@ss word")}@127.0.0.1:${server.port}`, from: "Wrapper Ops <ops@example.test>" } };
      await notify(team, [message(team, [team.as("lead").id], { body: 'Key <b>"deploy"</b> & more: rotate it.' })], config);
      expect(await sendDueDeliveries(t.db, team.org.id, T0, config)).toEqual({ sent: 1, failed: 0, retrying: 0 });
      expect(server.mails).toHaveLength(1);
      const mail = server.mails[0]!;
      expect(mail.from).toBe("ops@example.test");
      expect(mail.to).toEqual([team.as("lead").email]);
      const raw = decodeQp(mail.raw);
      expect(raw).toMatch(/^Subject: ACME-7 P1: Resolution SLA breached \(level 2\)\r?$/m);
      expect(raw).toMatch(new RegExp(`^To: ${team.as("lead").email}\\r?$`, "m"));
      expect(raw).toContain('Key <b>"deploy"</b> & more: rotate it.'); // the text part, as written
      expect(raw).toContain("Key &lt;b&gt;&quot;deploy&quot;&lt;/b&gt; &amp; more"); // the HTML part, escaped
      expect(raw).toContain(`https://console.example/o/${team.org.slug}/items/7`);
      const [row] = await outbox(team.org.id);
      expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
      expect(row!.sentAt?.getTime()).toBe(T0.getTime());
      // Sent once: a second pass finds nothing due.
      expect(await sendDueDeliveries(t.db, team.org.id, new Date(T0.getTime() + 60 * MIN), config)).toEqual({ sent: 0, failed: 0, retrying: 0 });
      expect(server.mails).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("keeps a refused SMTP login as the error, without the password", async () => {
    const server = await smtp();
    try {
      const team = await createTeam(t.db);
      const config: DeliveryConfig = { ...NONE, email: { smtpUrl: `smtp://mailer:wrong-horse@127.0.0.1:${server.port}`, from: "ops@example.test" } };
      await notify(team, [message(team, [team.as("lead").id])], config);
      expect(await sendDueDeliveries(t.db, team.org.id, T0, config, { random: () => 0.5 })).toEqual({ sent: 0, failed: 0, retrying: 1 });
      const [row] = await outbox(team.org.id);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row!.lastError).toMatch(/Invalid login|535/);
      expect(row!.lastError).not.toContain("wrong-horse");
      expect(server.mails).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("POSTs a webhook the receiver can verify with the shared secret; a tampered body does not verify", async () => {
    const hook = await receiver();
    try {
      const team = await createTeam(t.db);
      await notify(team, [message(team, [team.as("lead").id])], webhook(hook.url));
      expect(await sendDueDeliveries(t.db, team.org.id, T0, webhook(hook.url))).toEqual({ sent: 1, failed: 0, retrying: 0 });
      expect(hook.received).toHaveLength(1);
      const got = hook.received[0]!;
      const [row] = await outbox(team.org.id);
      expect(got.valid).toBe(true);
      expect(got.headers["content-type"]).toBe("application/json");
      expect(got.headers["x-wrapper-event"]).toBe("escalation.fired");
      expect(got.headers["x-wrapper-delivery"]).toBe(row!.id);
      expect(got.headers["x-wrapper-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(Math.abs(Number(got.headers["x-wrapper-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(got.body)).toMatchObject({ type: "escalation.fired", subject: row!.subject, organisation: { slug: team.org.slug } });
      const ts = got.headers["x-wrapper-timestamp"] as string;
      const sig = got.headers["x-wrapper-signature"] as string;
      expect(verifyWebhookSignature(SECRET, ts, got.body.replace("breached", "resolved"), sig)).toBe(false);
      expect(verifyWebhookSignature(SECRET, String(Number(ts) + 1), got.body, sig)).toBe(false);
      expect(verifyWebhookSignature("another-secret-entirely", ts, got.body, sig)).toBe(false);
      expect(verifyWebhookSignature(SECRET, ts, got.body, "sha256=00")).toBe(false);
      expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    } finally {
      await hook.close();
    }
  });

  it("retries a failing endpoint with growing pauses, shows its error, and marks it failed after the last attempt", async () => {
    const hook = await receiver(() => 500);
    try {
      const team = await createTeam(t.db);
      const config = webhook(hook.url);
      await notify(team, [message(team, [])], config);
      let now = T0;
      const waits: number[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        // Not yet due: nothing is sent before the pause is over.
        if (attempt > 1) expect(await sendDueDeliveries(t.db, team.org.id, new Date(now.getTime() - 1000), config)).toEqual({ sent: 0, failed: 0, retrying: 0 });
        const r = await sendDueDeliveries(t.db, team.org.id, now, config, { random: () => 0.5 });
        const [row] = await outbox(team.org.id);
        expect(row!.attempts).toBe(attempt);
        expect(row!.lastError).toBe("HTTP 500 Internal Server Error");
        expect(row!.lastAttemptAt?.getTime()).toBe(now.getTime());
        if (attempt < MAX_ATTEMPTS) {
          expect(r).toEqual({ sent: 0, failed: 0, retrying: 1 });
          expect(row!.status).toBe("pending");
          waits.push(row!.nextAttemptAt.getTime() - now.getTime());
          now = row!.nextAttemptAt;
        } else {
          expect(r).toEqual({ sent: 0, failed: 1, retrying: 0 });
          expect(row!.status).toBe("failed");
        }
      }
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64].map((m) => m * MIN));
      expect(hook.received).toHaveLength(MAX_ATTEMPTS);
      // Failed stays failed and listed; nothing more is sent on its own.
      expect(await sendDueDeliveries(t.db, team.org.id, new Date(now.getTime() + 24 * 60 * MIN), config)).toEqual({ sent: 0, failed: 0, retrying: 0 });
      expect(await outbox(team.org.id)).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it("records a refused connection and a jittered pause", async () => {
    const team = await createTeam(t.db);
    const config = webhook(`http://127.0.0.1:${await closedPort()}/hook`);
    await notify(team, [message(team, [])], config);
    expect(await sendDueDeliveries(t.db, team.org.id, T0, config)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [row] = await outbox(team.org.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toMatch(/ECONNREFUSED/);
    const wait = row!.nextAttemptAt.getTime() - T0.getTime();
    expect(wait).toBeGreaterThanOrEqual(0.9 * MIN);
    expect(wait).toBeLessThanOrEqual(1.1 * MIN);
  });

  it("leaves a delivery whose channel is no longer configured pending, saying why, without counting an attempt", async () => {
    const team = await createTeam(t.db);
    await notify(team, [message(team, [team.as("lead").id])], { ...NONE, email: { smtpUrl: "smtp://127.0.0.1:1", from: "ops@example.test" } });
    expect(await sendDueDeliveries(t.db, team.org.id, T0, NONE)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [row] = await outbox(team.org.id);
    expect(row).toMatchObject({ status: "pending", attempts: 0, lastAttemptAt: null });
    expect(row!.lastError).toMatch(/SMTP_URL/);
  });

  it("sends each delivery exactly once when two sweepers run at the same time", async () => {
    const hook = await receiver(() => 204, 100);
    try {
      const team = await createTeam(t.db);
      const config = webhook(hook.url);
      await notify(team, Array.from({ length: 30 }, (_, i) => message(team, [], { subject: `Message ${i}` })), config);
      // The second sweeper starts while the first is still sending what it claimed (slow receiver).
      const first = sendDueDeliveries(t.db, team.org.id, T0, config, { limit: 20 });
      while (hook.received.length === 0) await new Promise((r) => setTimeout(r, 5));
      const [a, b] = await Promise.all([first, sendDueDeliveries(t.db, team.org.id, T0, config, { limit: 20 })]);
      const c = await sendDueDeliveries(t.db, team.org.id, T0, config, { limit: 20 });
      expect(a.sent + b.sent + c.sent).toBe(30);
      const ids = hook.received.map((r) => r.headers["x-wrapper-delivery"]);
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
      expect((await outbox(team.org.id)).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it("only sees and sends its own organisation's rows", async () => {
    const hook = await receiver();
    try {
      const [mine, theirs] = [await createTeam(t.db), await createTeam(t.db)];
      const config = webhook(hook.url);
      await notify(mine, [message(mine, [mine.as("lead").id])], config);
      await notify(theirs, [message(theirs, [theirs.as("lead").id])], config);
      const seen = await withTenant(t.db, mine.org.id, null, async (tx) => ({
        notes: await tx.select().from(notifications),
        outbox: await tx.select().from(deliveries),
      }));
      expect(seen.notes.map((n) => n.organisationId)).toEqual([mine.org.id]);
      expect(seen.outbox.map((d) => d.organisationId)).toEqual([mine.org.id]);
      expect(await sendDueDeliveries(t.db, mine.org.id, T0, config)).toEqual({ sent: 1, failed: 0, retrying: 0 });
      expect(hook.received).toHaveLength(1);
      expect((await outbox(theirs.org.id))[0]).toMatchObject({ status: "pending", attempts: 0 });
      // Writing another organisation's notification from this scope is refused by the policy.
      await expect(
        withTenant(t.db, mine.org.id, null, (tx) => tx.insert(notifications).values({ organisationId: theirs.org.id, userId: theirs.as("lead").id, subject: "x", body: "x" })),
      ).rejects.toThrow();
    } finally {
      await hook.close();
    }
  });
});

describe("the inbox and retries", () => {
  it("lets a person mark only their own notifications read, and counts what is unread", async () => {
    const team = await createTeam(t.db);
    const [me, other] = [team.as("analyst"), team.as("analyst", 1)];
    await notify(team, [message(team, [me.id, other.id]), message(team, [me.id])], NONE);
    const ids = await withTenant(t.db, team.org.id, null, (tx) => tx.select({ id: notifications.id, userId: notifications.userId }).from(notifications));
    const mine = ids.filter((n) => n.userId === me.id).map((n) => n.id);
    const theirs = ids.filter((n) => n.userId === other.id).map((n) => n.id);
    const count = (userId: string) => withTenant(t.db, team.org.id, userId, (tx) => unreadCount(tx, team.org.id, userId));
    expect(await count(me.id)).toBe(2);

    const refused = await performMutation(t.db, me, team.org.slug, markNotificationsRead, { ids: theirs });
    expect(refused).toMatchObject({ ok: false, error: { code: "not_found:notification" } });
    expect(await count(other.id)).toBe(1);

    expect(await performMutation(t.db, me, team.org.slug, markNotificationsRead, { ids: [mine[0]] })).toEqual({ ok: true, data: { read: 1 } });
    expect(await count(me.id)).toBe(1);
    expect(await performMutation(t.db, me, team.org.slug, markAllNotificationsRead, {})).toEqual({ ok: true, data: { read: 1 } });
    expect(await count(me.id)).toBe(0);
    expect(await count(other.id)).toBe(1);
  });

  it("refuses API tokens: an integration has no inbox", async () => {
    const team = await createTeam(t.db);
    const token = await team.token(["items:read", "items:write"]);
    expect(await performMutation(t.db, token, team.org.slug, markAllNotificationsRead, {})).toMatchObject({ ok: false, error: { code: "forbidden:notification.read" } });
  });

  it("puts a failed delivery back in line for one more attempt", async () => {
    const hook = await receiver(() => 503);
    try {
      const team = await createTeam(t.db);
      const config = webhook(hook.url);
      await notify(team, [message(team, [])], config);
      await sendDueDeliveries(t.db, team.org.id, T0, config, { maxAttempts: 1 });
      const [failed] = await outbox(team.org.id);
      expect(failed).toMatchObject({ status: "failed", attempts: 1, lastError: "HTTP 503 Service Unavailable" });
      expect(await performMutation(t.db, team.as("lead"), team.org.slug, retryDelivery, { id: failed!.id })).toEqual({ ok: true, data: { ok: true } });
      const [queued] = await outbox(team.org.id);
      expect(queued).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503 Service Unavailable" });
      // A sent delivery is not sent again.
      await withTenant(t.db, team.org.id, null, (tx) => tx.update(deliveries).set({ status: "sent" }).where(and(eq(deliveries.id, failed!.id))));
      expect(await performMutation(t.db, team.as("lead"), team.org.slug, retryDelivery, { id: failed!.id })).toMatchObject({ ok: false, error: { code: "not_found:delivery" } });
    } finally {
      await hook.close();
    }
  });
});

describe("deliveryConfig", () => {
  const base = { MAIL_FROM: "ops@example.test", SMTP_URL: undefined, WEBHOOK_URL: undefined, WEBHOOK_SECRET: undefined, APP_URL: undefined, NEXTAUTH_URL: undefined };

  it("turns channels on only when they are configured", () => {
    expect(deliveryConfig(base)).toEqual({ email: null, webhook: null, appUrl: null });
    expect(deliveryConfig({ ...base, SMTP_URL: "smtp://h:25", WEBHOOK_URL: "https://h/x", WEBHOOK_SECRET: SECRET, NEXTAUTH_URL: "https://ops.example/" })).toEqual({
      email: { smtpUrl: "smtp://h:25", from: "ops@example.test" },
      webhook: { url: "https://h/x", secret: SECRET },
      appUrl: "https://ops.example",
    });
  });

  it("refuses a webhook URL without a secret", () => {
    expect(() => deliveryConfig({ ...base, WEBHOOK_URL: "https://h/x" })).toThrow(/WEBHOOK_SECRET/);
  });
});
