// Property-based: whatever sequence of actions people and integrations try, the rules never let a requester
// decide their own request, a provider role or a token decide anything, or an implementer verify their own work.
// The model applies each permitted step as the persistence layer does (lib/actions/risk-acceptances.ts,
// lib/actions/work-items.ts) and checks every decision and verification that got through.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { exceptionTier } from "@/lib/domain/exception-policy";
import { planDecision, planExtension, planRequest, planWithdraw, type AcceptanceState, type RoundDecision } from "@/lib/domain/risk-acceptance";
import { API_SCOPES, type Priority, type Role } from "@/lib/domain/vocabulary";
import { CYCLE, planMove, type ItemState } from "@/lib/domain/workflow";

const DAY = 86_400_000;
const PEOPLE: { id: string; role: Role }[] = [
  { id: "analyst-1", role: "analyst" },
  { id: "analyst-2", role: "analyst" },
  { id: "lead-1", role: "lead" },
  { id: "lead-2", role: "lead" },
  { id: "owner-1", role: "owner" },
  { id: "owner-2", role: "owner" },
  { id: "owner-3", role: "owner" },
  { id: "exec-1", role: "executive" },
  { id: "admin-1", role: "admin" },
];
const roleOf = new Map(PEOPLE.map((p) => [p.id, p.role]));

const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PEOPLE).map((p): Actor => ({ kind: "user", userId: p.id, role: p.role })) },
  { weight: 1, arbitrary: fc.subarray([...API_SCOPES], { minLength: 1 }).map((scopes): Actor => ({ kind: "token", tokenId: "token-1", scopes })) },
);

type Step =
  | { kind: "request"; actor: Actor; days: number }
  | { kind: "decide"; actor: Actor; decision: "approve" | "reject" }
  | { kind: "extend"; actor: Actor; days: number }
  | { kind: "withdraw"; actor: Actor }
  | { kind: "expire" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("request" as const), actor: actorArb, days: fc.integer({ min: -2, max: 60 }) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("decide" as const), actor: actorArb, decision: fc.constantFrom("approve" as const, "reject" as const) }) },
  fc.record({ kind: fc.constant("extend" as const), actor: actorArb, days: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("withdraw" as const), actor: actorArb }),
  fc.record({ kind: fc.constant("expire" as const) }),
);

const userId = (a: Actor) => (a.kind === "user" ? a.userId : null);

describe("risk acceptance decisions, under any sequence of attempts", () => {
  it("are made only by owners who did not ask, each counted once, and take effect only with enough distinct approvals", () => {
    let approved = 0;
    fc.assert(
      fc.property(fc.constantFrom<Priority>("P1", "P2", "P3"), fc.array(stepArb, { minLength: 15, maxLength: 40 }), (priority, steps) => {
        const tier = exceptionTier(null, priority);
        let now = Date.UTC(2026, 0, 1);
        let open = true;
        let a = null as AcceptanceState | null;
        let decided: RoundDecision[] = [];
        for (const s of steps) {
          now += DAY;
          if (s.kind === "request") {
            const r = planRequest({ open, priority, latest: a }, s.actor, { expiresAt: now + s.days * DAY }, tier, now);
            if (r.ok) {
              expect(s.actor.kind === "token" || roleOf.get(userId(s.actor)!) !== "executive").toBe(true);
              a = { status: "pending", requestedById: userId(s.actor), roundRequestedById: userId(s.actor), round: 1, expiresAt: now + s.days * DAY, extensionExpiresAt: null, approvalsRequired: tier.approvals };
              decided = [];
            }
          } else if (s.kind === "decide" && a) {
            const r = planDecision(a, s.actor, decided, s.decision);
            if (!r.ok) continue;
            // The invariants: a person, an owner, not the one who asked (for this round or at first), once a round.
            expect(s.actor.kind).toBe("user");
            const me = userId(s.actor)!;
            expect(roleOf.get(me)).toBe("owner");
            expect(me).not.toBe(a.requestedById);
            expect(me).not.toBe(a.roundRequestedById);
            expect(decided.some((d) => d.deciderId === me)).toBe(false);
            decided.push({ deciderId: me, decision: s.decision });
            if (r.outcome === "approved") {
              approved++;
              const approvers = new Set(decided.filter((d) => d.decision === "approve").map((d) => d.deciderId));
              expect(approvers.size).toBeGreaterThanOrEqual(a.approvalsRequired);
              for (const id of approvers) expect([a.requestedById, a.roundRequestedById]).not.toContain(id);
              a = { ...a, status: "approved", expiresAt: a.extensionExpiresAt ?? a.expiresAt, extensionExpiresAt: null };
              open = false;
            } else if (r.outcome === "rejected") {
              a = a.extensionExpiresAt !== null ? { ...a, extensionExpiresAt: null } : { ...a, status: "rejected" };
            }
          } else if (s.kind === "extend" && a) {
            const r = planExtension(a, { open, priority }, s.actor, { expiresAt: now + s.days * DAY }, tier, now);
            if (r.ok) {
              a = { ...a, round: a.round + 1, roundRequestedById: userId(s.actor), extensionExpiresAt: now + s.days * DAY, approvalsRequired: tier.approvals };
              decided = [];
            }
          } else if (s.kind === "withdraw" && a) {
            if (planWithdraw(a, s.actor).ok) {
              a = a.extensionExpiresAt !== null ? { ...a, extensionExpiresAt: null } : { ...a, status: "withdrawn" };
              decided = [];
            }
          } else if (s.kind === "expire" && a?.status === "approved") {
            a = { ...a, status: "expired" };
            open = true;
          }
        }
      }),
      { numRuns: 400 },
    );
    // The walks must really reach approval, or the property says nothing.
    expect(approved).toBeGreaterThan(20);
  });
});

describe("verification, under any sequence of moves", () => {
  const moveArb = fc.record({
    actor: actorArb,
    // Mostly onwards, so that sequences reach closure often; sometimes anywhere.
    to: fc.oneof({ weight: 3, arbitrary: fc.constant("next" as const) }, fc.constantFrom("intake", "prioritisation", "validation", "implementation", "evidence", "closure", "closed" as const)),
    resolution: fc.constantFrom(null, "remediated" as const, "cancelled" as const),
    evidence: fc.boolean(),
  });

  it("never closes an item as remediated by its implementer, a token or a role that may not verify", () => {
    let verified = 0;
    fc.assert(
      fc.property(fc.array(moveArb, { minLength: 20, maxLength: 60 }), (moves) => {
        let item: ItemState = {
          stage: "intake",
          resolution: null,
          type: "access_request",
          title: "Remove a stale grant",
          identityId: null,
          priority: "P3",
          implementedById: null,
          assigneeId: null,
          waitingOn: "provider",
          cycle: 1,
          evidenceCount: 0,
        };
        for (const m of moves) {
          const to = m.to === "next" ? (CYCLE[CYCLE.indexOf(item.stage) + 1] ?? "closed") : m.to;
          const r = planMove(item, m.actor, { to, resolution: m.resolution, reason: "Because." });
          if (!r.ok) continue;
          if (r.kind === "verify") {
            verified++;
            expect(m.actor.kind).toBe("user");
            expect(["lead", "owner"]).toContain(roleOf.get(userId(m.actor)!));
            expect(userId(m.actor)).not.toBe(item.implementedById);
            expect(item.evidenceCount).toBeGreaterThan(0);
          }
          item = { ...item, stage: r.patch.stage, resolution: r.patch.resolution, implementedById: r.patch.implementedById, waitingOn: r.patch.waitingOn, cycle: r.patch.cycle, evidenceCount: item.evidenceCount + (m.evidence ? 1 : 0) };
        }
      }),
      { numRuns: 400 },
    );
    // The walk must really reach verification, or the property says nothing.
    expect(verified).toBeGreaterThan(20);
  });
});
