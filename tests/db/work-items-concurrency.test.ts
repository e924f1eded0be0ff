// Races the version guard and "take next" on the real database (PGlite here, PostgreSQL in CI's second pass).
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performMutation } from "@/lib/actions/mutation";
import { takeNext } from "@/lib/actions/take-next";
import { moveWorkItem } from "@/lib/actions/work-items";
import { auditEvents, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { loadSessionUser } from "@/lib/auth/session-user";
import { openTestDb, type TestDb } from "../helpers/db";
import { createUser, createWorkItem } from "../helpers/factories";
import { createTeam } from "../helpers/team";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

describe("concurrent changes", () => {
  it("lets exactly one of two moves with the same version through; the other gets 409 and changes nothing", async () => {
    const team = await createTeam(t.db);
    const item = await createWorkItem(t.db, team.org.id, { identityId: team.identity.id });
    const [a, b] = await Promise.all([
      performMutation(t.db, team.as("analyst", 0), team.org.slug, moveWorkItem, { id: item.id, to: "prioritisation", version: 1 }),
      performMutation(t.db, team.as("analyst", 1), team.org.slug, moveWorkItem, { id: item.id, to: "prioritisation", version: 1 }),
    ]);
    const results = [a, b].map((r) => (r.ok ? "ok" : r.error.code)).sort();
    expect(results).toEqual(["conflict:work_item.version", "ok"]);
    const loser = [a, b].find((r) => !r.ok);
    expect(!loser?.ok && loser?.error.message).toMatch(/Reload/);
    const rows = await withTenant(t.db, team.org.id, null, async (tx) => ({
      item: (await tx.select().from(workItems).where(eq(workItems.id, item.id)))[0]!,
      moves: await tx.select().from(auditEvents).where(and(eq(auditEvents.entityId, item.id), eq(auditEvents.action, "work_item.move"))),
    }));
    expect(rows.item).toMatchObject({ stage: "prioritisation", version: 2 });
    expect(rows.moves).toHaveLength(1);
  });

  it("gives twenty analysts taking at once twenty different items, each claimed once", async () => {
    const team = await createTeam(t.db);
    for (let i = 0; i < 20; i++) await createWorkItem(t.db, team.org.id, { identityId: team.identity.id, number: i + 1 });
    const analysts = [];
    for (let i = 0; i < 20; i++) {
      const u = await createUser(t.db, { memberships: [[team.org.id, "analyst"]] });
      analysts.push((await loadSessionUser(t.db, { userId: u.id, sessionVersion: 1 }))!);
    }
    const results = await Promise.all(analysts.map((s) => performMutation(t.db, s, team.org.slug, takeNext, {})));
    const claimed = results.map((r) => (r.ok ? r.data?.id : `error:${r.ok ? "" : r.error.code}`));
    expect(claimed.every((id) => id && !id.startsWith("error:"))).toBe(true);
    expect(new Set(claimed).size).toBe(20);
    const { assigned, takes } = await withTenant(t.db, team.org.id, null, async (tx) => ({
      assigned: await tx.select({ id: workItems.id, assigneeId: workItems.assigneeId, version: workItems.version }).from(workItems).where(isNotNull(workItems.assigneeId)),
      takes: await tx.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, "work_item.take")),
    }));
    expect(assigned).toHaveLength(20);
    expect(new Set(assigned.map((r) => r.assigneeId)).size).toBe(20);
    expect(assigned.every((r) => r.version === 2)).toBe(true);
    expect(takes[0]!.n).toBe(20);
    // With nothing left, taking answers "nothing to take" rather than an error.
    expect(await performMutation(t.db, analysts[0]!, team.org.slug, takeNext, {})).toEqual({ ok: true, data: null });
  });

  it("takes the most urgent item first: highest priority, then oldest", async () => {
    const team = await createTeam(t.db);
    const old = new Date(Date.now() - 86_400_000);
    await createWorkItem(t.db, team.org.id, { priority: "P3", createdAt: old, number: 1 });
    const p1new = await createWorkItem(t.db, team.org.id, { priority: "P1", number: 2 });
    const p1old = await createWorkItem(t.db, team.org.id, { priority: "P1", createdAt: old, number: 3 });
    await createWorkItem(t.db, team.org.id, { priority: "P1", createdAt: old, number: 4, assigneeId: team.as("lead").id });
    const first = await performMutation(t.db, team.as("analyst"), team.org.slug, takeNext, {});
    const second = await performMutation(t.db, team.as("analyst"), team.org.slug, takeNext, {});
    expect([first.ok && first.data?.id, second.ok && second.data?.id]).toEqual([p1old.id, p1new.id]);
  });

  it("refuses take-next to owners and executives", async () => {
    const team = await createTeam(t.db);
    const r = await performMutation(t.db, team.as("owner"), team.org.slug, takeNext, {});
    expect(r).toMatchObject({ ok: false, error: { code: "forbidden:work_item.take" } });
  });
});
