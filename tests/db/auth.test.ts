// Sign-in and per-request authorisation: wrong passwords, throttling, and changes that take effect at once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { verifyCredentials, type ThrottlePolicy } from "@/lib/auth/credentials";
import { loadSessionUser } from "@/lib/auth/session-user";
import { performMutation } from "@/lib/actions/mutation";
import { removeMember, setAccountDisabled } from "@/lib/actions/members";
import { openTestDb, type TestDb } from "../helpers/db";
import { createOrg, createUser, TEST_PASSWORD } from "../helpers/factories";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});

const policy: ThrottlePolicy = { maxPerAccount: 3, maxPerAddress: 5, lockMinutes: 15 };
let addr = 0;
const address = () => `198.51.100.${++addr}`;

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one with a clear message", async () => {
    const user = await createUser(t.db);
    const ip = address();
    const ok = await verifyCredentials(t.db, { email: user.email.toUpperCase(), password: TEST_PASSWORD, address: ip }, policy);
    expect(ok).toMatchObject({ ok: true, user: { id: user.id } });
    const bad = await verifyCredentials(t.db, { email: user.email, password: "wrong", address: ip }, policy);
    expect(bad).toEqual({ ok: false, code: "invalid_credentials", message: "That e-mail and password do not match an account." });
    const unknown = await verifyCredentials(t.db, { email: "nobody@test.example", password: "x", address: ip }, policy);
    expect(unknown).toEqual(bad);
  });

  it("stores argon2id hashes", async () => {
    const user = await createUser(t.db);
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("throttles an account after repeated failures, even with the right password, and names the wait", async () => {
    const user = await createUser(t.db);
    const now = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < policy.maxPerAccount; i++) {
      const r = await verifyCredentials(t.db, { email: user.email, password: "nope", address: address() }, policy, now);
      expect(r.ok).toBe(false);
    }
    const locked = await verifyCredentials(t.db, { email: user.email, password: TEST_PASSWORD, address: address() }, policy, now);
    expect(locked).toEqual({ ok: false, code: "throttled", message: "Too many failed sign-in attempts. Try again in 15 minutes." });
    const later = new Date(now.getTime() + 16 * 60_000);
    const after = await verifyCredentials(t.db, { email: user.email, password: TEST_PASSWORD, address: address() }, policy, later);
    expect(after.ok).toBe(true);
  });

  it("throttles a client address that tries many accounts", async () => {
    const ip = address();
    const now = new Date("2026-11-23T11:00:00Z");
    for (let i = 0; i < policy.maxPerAddress; i++) {
      const victim = await createUser(t.db);
      await verifyCredentials(t.db, { email: victim.email, password: "guess", address: ip }, policy, now);
    }
    const someone = await createUser(t.db);
    const r = await verifyCredentials(t.db, { email: someone.email, password: TEST_PASSWORD, address: ip }, policy, now);
    expect(r).toMatchObject({ ok: false, code: "throttled" });
    const elsewhere = await verifyCredentials(t.db, { email: someone.email, password: TEST_PASSWORD, address: address() }, policy, now);
    expect(elsewhere.ok).toBe(true);
  });

  it("refuses a disabled account", async () => {
    const user = await createUser(t.db, { disabled: true });
    const r = await verifyCredentials(t.db, { email: user.email, password: TEST_PASSWORD, address: address() }, policy);
    expect(r).toMatchObject({ ok: false, code: "disabled" });
  });
});

describe("per-request session checks", () => {
  async function setup() {
    const org = await createOrg(t.db);
    const other = await createOrg(t.db);
    const admin = await createUser(t.db, { memberships: [[org.id, "admin"]] });
    const analyst = await createUser(t.db, { memberships: [[org.id, "analyst"], [other.id, "analyst"]] });
    const adminSession = (await loadSessionUser(t.db, { userId: admin.id, sessionVersion: 1 }))!;
    return { org, other, admin, analyst, adminSession };
  }

  it("loads the user's memberships from the database", async () => {
    const { org, other, analyst } = await setup();
    const s = await loadSessionUser(t.db, { userId: analyst.id, sessionVersion: 1 });
    expect(s?.memberships.map((m) => m.orgId).sort()).toEqual([org.id, other.id].sort());
  });

  it("drops a removed membership on the next request", async () => {
    const { org, other, analyst, adminSession } = await setup();
    const r = await performMutation(t.db, adminSession, org.slug, removeMember, { userId: analyst.id });
    expect(r).toEqual({ ok: true, data: null });
    const s = await loadSessionUser(t.db, { userId: analyst.id, sessionVersion: 1 });
    expect(s?.memberships.map((m) => m.orgId)).toEqual([other.id]);
  });

  it("refuses a disabled user's existing session on the next request", async () => {
    const { org, analyst, adminSession } = await setup();
    expect(await loadSessionUser(t.db, { userId: analyst.id, sessionVersion: 1 })).not.toBeNull();
    const r = await performMutation(t.db, adminSession, org.slug, setAccountDisabled, { userId: analyst.id, disabled: true });
    expect(r.ok).toBe(true);
    expect(await loadSessionUser(t.db, { userId: analyst.id, sessionVersion: 1 })).toBeNull();
    // Re-enabling does not revive the old session: its version has moved on.
    await performMutation(t.db, adminSession, org.slug, setAccountDisabled, { userId: analyst.id, disabled: false });
    expect(await loadSessionUser(t.db, { userId: analyst.id, sessionVersion: 1 })).toBeNull();
    expect(await loadSessionUser(t.db, { userId: analyst.id, sessionVersion: 3 })).not.toBeNull();
  });
});

describe("the mutation wrapper", () => {
  it("refuses a role without the permission with a coded 403 and writes the denial to the audit trail", async () => {
    const org = await createOrg(t.db);
    const lead = await createUser(t.db, { memberships: [[org.id, "lead"]] });
    const victim = await createUser(t.db, { memberships: [[org.id, "analyst"]] });
    const session = (await loadSessionUser(t.db, { userId: lead.id, sessionVersion: 1 }))!;
    const r = await performMutation(t.db, session, org.slug, removeMember, { userId: victim.id }, "req-denied-1");
    expect(r).toEqual({
      ok: false,
      error: { code: "forbidden:membership.manage", message: "Only an administrator can change who belongs to an organisation." },
    });
    const { rows } = await t.db.execute<{ action: string; actor_id: string; request_id: string }>(
      sql`select action, actor_id, request_id from audit_events where organisation_id = ${org.id}`,
    );
    expect(rows).toEqual([{ action: "access.denied", actor_id: lead.id, request_id: "req-denied-1" }]);
    const still = await loadSessionUser(t.db, { userId: victim.id, sessionVersion: 1 });
    expect(still?.memberships.map((m) => m.orgId)).toEqual([org.id]);
  });

  it("refuses an organisation the user does not belong to, and a missing session", async () => {
    const org = await createOrg(t.db);
    const foreign = await createOrg(t.db);
    const admin = await createUser(t.db, { memberships: [[org.id, "admin"]] });
    const session = (await loadSessionUser(t.db, { userId: admin.id, sessionVersion: 1 }))!;
    const r = await performMutation(t.db, session, foreign.slug, removeMember, { userId: admin.id });
    expect(r).toMatchObject({ ok: false, error: { code: "forbidden:organisation" } });
    const anon = await performMutation(t.db, null, org.slug, removeMember, { userId: admin.id });
    expect(anon).toMatchObject({ ok: false, error: { code: "unauthorized:session" } });
  });

  it("validates input with zod and names the field", async () => {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { memberships: [[org.id, "admin"]] });
    const session = (await loadSessionUser(t.db, { userId: admin.id, sessionVersion: 1 }))!;
    const r = await performMutation(t.db, session, org.slug, removeMember, { userId: "not-a-uuid" });
    expect(r).toMatchObject({ ok: false, error: { code: "invalid:input", fields: { userId: [expect.any(String)] } } });
  });

  it("writes one audit event per change with before and after", async () => {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { memberships: [[org.id, "admin"]] });
    const member = await createUser(t.db, { memberships: [[org.id, "analyst"]] });
    const session = (await loadSessionUser(t.db, { userId: admin.id, sessionVersion: 1 }))!;
    const { changeMemberRole } = await import("@/lib/actions/members");
    const r = await performMutation(t.db, session, org.slug, changeMemberRole, { userId: member.id, role: "lead" }, "req-42");
    expect(r).toEqual({ ok: true, data: { role: "lead" } });
    // Decision rights stay with the client: provider staff never become programme owners.
    const crossing = await performMutation(t.db, session, org.slug, changeMemberRole, { userId: member.id, role: "owner" });
    expect(crossing).toMatchObject({ ok: false, error: { code: "invalid:membership.side" } });
    const { rows } = await t.db.execute<{ action: string; before: unknown; after: unknown; request_id: string }>(
      sql`select action, before, after, request_id from audit_events where organisation_id = ${org.id}`,
    );
    expect(rows).toEqual([{ action: "membership.role_change", before: { role: "analyst" }, after: { role: "lead" }, request_id: "req-42" }]);
  });

  it("rolls back the change when the work inside fails", async () => {
    const org = await createOrg(t.db);
    const admin = await createUser(t.db, { memberships: [[org.id, "admin"]] });
    const member = await createUser(t.db, { memberships: [[org.id, "analyst"]] });
    const session = (await loadSessionUser(t.db, { userId: admin.id, sessionVersion: 1 }))!;
    const failing = {
      permission: "manage:membership" as const,
      input: z.object({ userId: z.uuid() }),
      async run(ctx: Parameters<typeof removeMember.run>[0], i: { userId: string }) {
        await removeMember.run(ctx, i);
        throw new Error("boom after the delete");
      },
    };
    const r = await performMutation(t.db, session, org.slug, failing, { userId: member.id });
    expect(r).toMatchObject({ ok: false, error: { code: "internal:server" } });
    const s = await loadSessionUser(t.db, { userId: member.id, sessionVersion: 1 });
    expect(s?.memberships.map((m) => m.orgId)).toEqual([org.id]);
  });
});
