// Model-based: random sequences of moves by random people (and tokens) against the real database. The pure
// rules are the model; the database must agree with them on every step and keep the invariants of SPEC §1–2.
import fc from "fast-check";
import { and, eq, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performMutation } from "@/lib/actions/mutation";
import { addEvidence, createWorkItem, moveWorkItem } from "@/lib/actions/work-items";
import { auditEvents, workItems } from "@/lib/db/schema";
import { lockItem } from "@/lib/actions/work-item-store";
import { withTenant } from "@/lib/db/tenant";
import { CYCLE, planMove } from "@/lib/domain/workflow";
import { actorCan } from "@/lib/domain/actor";
import { RESOLUTIONS, STAGES, type Role, type Stage } from "@/lib/domain/vocabulary";
import type { Principal } from "@/lib/auth/principal";
import { openTestDb, type TestDb } from "../helpers/db";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
let team: Team;
let writer: Principal;

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
  writer = await team.token(["items:write"]);
});
afterAll(() => t?.close());

type Who = { role: Role; i: number } | { role: "token"; i: 0 };
const who: fc.Arbitrary<Who> = fc.oneof(
  fc.record({ role: fc.constantFrom<Role>("analyst", "lead", "owner", "executive", "admin"), i: fc.integer({ min: 0, max: 1 }) }).map((w) =>
    w.role === "executive" || w.role === "admin" ? { ...w, i: 0 } : w,
  ),
  fc.constant({ role: "token" as const, i: 0 as const }),
);
const provider: fc.Arbitrary<Who> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ role: fc.constantFrom<Role>("analyst", "lead"), i: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: who },
);
const reason = fc.option(fc.constant("Because"), { nil: null });
const step = fc.oneof(
  // Mostly forward progress by provider staff, so runs reach verification and closure...
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("move" as const), who: provider, to: fc.constant<Stage | "next">("next"), resolution: fc.constant(null), reason, stale: fc.boolean() }) },
  // ...mixed with anything by anyone: skips, backward moves, closes, reopens, stale versions.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("move" as const), who, to: fc.constantFrom<Stage | "next">(...STAGES), resolution: fc.option(fc.constantFrom(...RESOLUTIONS), { nil: null }), reason, stale: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("evidence" as const), who: provider }) },
);

const principal = (w: Who): Principal => (w.role === "token" ? writer : team.as(w.role, w.i));

async function snapshot(id: string) {
  return withTenant(t.db, team.org.id, null, async (tx) => {
    const { row, state } = await lockItem(tx, team.org.id, id);
    const [n] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.entityId, id), ne(auditEvents.action, "access.denied"), ne(auditEvents.action, "evidence.add")));
    return { row, state, changes: n!.n };
  });
}

const seen = new Set<string>();

describe("service cycle, model-based", () => {
  it("agrees with the rules and keeps every invariant over random sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 60 }), async (steps) => {
        const created = await performMutation(t.db, team.as("analyst"), team.org.slug, createWorkItem, {
          type: "secret_rotation",
          title: "Rotate the CI deploy key",
          identityId: team.identity.id,
        });
        if (!created.ok) throw new Error(created.error.message);
        const id = created.data.id;
        for (const s of steps) {
          const before = await snapshot(id);
          const p = principal(s.who);
          if (s.kind === "evidence") {
            await performMutation(t.db, p, team.org.slug, addEvidence, { id, kind: "note", summary: "Rotated; old key deleted" });
            continue;
          }
          // "next" is the forward move from wherever the item is (closing as remediated at closure).
          const to: Stage = s.to !== "next" ? s.to : before.row.stage === "closure" ? "closed" : before.row.stage === "closed" ? "prioritisation" : CYCLE[CYCLE.indexOf(before.row.stage) + 1]!;
          const resolution = s.to === "next" && to === "closed" ? "remediated" : s.resolution;
          const stale = s.stale && before.row.version > 1;
          const req = { id, to, resolution, reason: s.reason, version: before.row.version - (stale ? 1 : 0) };
          const r = await performMutation(t.db, p, team.org.slug, moveWorkItem, req);
          const after = await snapshot(id);
          const actor = s.who.role === "token" ? ({ kind: "token", tokenId: "x", scopes: ["items:write"] } as const) : { kind: "user" as const, userId: team.as(s.who.role, s.who.i).id, role: s.who.role };
          const model = planMove(before.state, actor, { to, resolution, reason: s.reason });

          const expectOk = model.ok && !stale;
          expect(r.ok, JSON.stringify({ step: s, model, result: r })).toBe(expectOk);
          if (r.ok) {
            // Exactly one audit event and one version per accepted move.
            expect(after.changes).toBe(before.changes + 1);
            expect(after.row.version).toBe(before.row.version + 1);
            expect(after.row.stage).toBe(to);
            seen.add(after.row.resolution ?? to);
            if (before.row.stage === "closed") expect(s.who.role).toBe("owner"); // only a reopen changes a closed item
            // Implementer ≠ verifier (an integration may mark work done; a person other than whoever did verifies).
            if (resolution === "remediated" && to === "closed") {
              expect(team.as(s.who.role as Role, s.who.i).id).not.toBe(before.row.implementedById);
            }
          } else {
            expect(after.row).toEqual(before.row);
            expect(after.changes).toBe(before.changes);
            if (stale && actorCan(actor, "read:work_item")) expect(r.error.code).toBe("conflict:work_item.version");
          }
          // States the rules forbid never appear.
          const row = after.row;
          expect(row.stage === "closed").toBe(row.closedAt !== null);
          expect(row.stage === "closed").toBe(row.resolution !== null);
          if (row.stage === "closure") expect(after.state.evidenceCount).toBeGreaterThan(0);
        }
        // The item's version counts its changes: creation plus one per accepted change.
        const final = await snapshot(id);
        expect(final.row.version).toBe(final.changes);
      }),
      { numRuns: 40 },
    );
    // The exploration must reach the far end of the cycle, or it proves little.
    expect([...seen]).toEqual(expect.arrayContaining(["implementation", "evidence", "closure", "remediated", "prioritisation"]));
  }, 120_000);

  it("writes every item change to the audit trail with its request id", async () => {
    const created = await performMutation(t.db, team.as("lead"), team.org.slug, createWorkItem, { type: "access_request", title: "Read access to billing" }, "req-model-1");
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.id : "";
    const moved = await performMutation(t.db, team.as("lead"), team.org.slug, moveWorkItem, { id, to: "prioritisation", version: 1 }, "req-model-2");
    expect(moved).toMatchObject({ ok: true, data: { version: 2, stage: "prioritisation" } });
    const rows = await withTenant(t.db, team.org.id, null, (tx) =>
      tx.select({ action: auditEvents.action, requestId: auditEvents.requestId, before: auditEvents.before, after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(auditEvents.seq),
    );
    expect(rows).toEqual([
      expect.objectContaining({ action: "work_item.create", requestId: "req-model-1" }),
      { action: "work_item.move", requestId: "req-model-2", before: { stage: "intake", resolution: null }, after: { stage: "prioritisation", resolution: null, version: 2 } },
    ]);
    const [item] = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(workItems).where(eq(workItems.id, id)));
    expect(item?.version).toBe(2);
  });
});
