// The stored SLA snapshot must read exactly like the full history would, at any later instant while the item
// does not change (property-based); and escalation rules fire on the right readings, with the right next check.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readItemClocks, type ItemClocks } from "@/lib/domain/sla/item-clocks";
import type { HistoryPoint } from "@/lib/domain/sla/clock";
import { slaPolicyDocument } from "@/lib/domain/sla/policy";
import { headline, readSnapshot, slaColumns, snapshotOf } from "@/lib/domain/sla/snapshot";
import { escalationDocument } from "@/lib/domain/escalation/rules";
import { firingRules, nextRuleCheck } from "@/lib/domain/escalation/evaluate";
import { STAGES, WAITING_ON } from "@/lib/domain/vocabulary";

const H = 3_600_000;
const t0 = Date.parse("2026-11-02T09:00:00Z"); // a Monday
const week = Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, [{ start: "09:00", end: "12:30" }, { start: "13:30", end: "17:30" }]]));
const policy = slaPolicyDocument.parse({
  atRiskShare: 0.75,
  calendars: {
    always: { kind: "24x7", timeZone: "UTC" },
    office: { kind: "business", timeZone: "Europe/London", week, holidays: [{ date: "2026-11-05", name: "A holiday" }] },
  },
  goals: [
    { name: "P1", match: { priority: ["P1"] }, response: { within: "PT1H", calendar: "always" }, resolution: { within: "PT24H", calendar: "always" } },
    { name: "Rest", response: { within: "PT8H", calendar: "office" }, resolution: { within: "PT40H", calendar: "office" } },
  ],
});

const history: fc.Arbitrary<HistoryPoint[]> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 30 * H }), fc.constantFrom(...STAGES), fc.constantFrom(...WAITING_ON)), { maxLength: 8 })
  .map((steps) => {
    let at = t0;
    return [{ at, stage: "intake" as const, waitingOn: "provider" as const }, ...steps.map(([d, stage, waitingOn]) => ({ at: (at += d), stage, waitingOn }))];
  });

const comparable = (r: ItemClocks) => r.clocks.map((c) => ({ clock: c.clock, cycle: c.cycle, state: c.state, elapsedMs: c.elapsedMs, remainingMs: c.remainingMs, atRisk: c.atRisk, dueAt: c.dueAt }));

describe("stored SLA snapshot", () => {
  it("reads at any later instant what the full history reads then (while the item does not change)", () => {
    fc.assert(
      fc.property(history, fc.constantFrom("P1", "P3"), fc.integer({ min: 0, max: 20 * H }), fc.integer({ min: 0, max: 200 * H }), (h, priority, after, later) => {
        const item = { priority: priority as "P1" | "P3", type: "secret_rotation" as const };
        const asOf = h.at(-1)!.at + after;
        const snap = snapshotOf(readItemClocks(h, item, policy, asOf), 3, asOf);
        const now = asOf + later;
        const live = readSnapshot(snap, policy, now).map(({ clock, cycle, state, elapsedMs, remainingMs, atRisk, dueAt }) => ({ clock, cycle, state, elapsedMs, remainingMs, atRisk, dueAt }));
        expect(live).toEqual(comparable(readItemClocks(h, item, policy, now)));
      }),
      { numRuns: 300 },
    );
  });

  it("counts a running clock whose target ran out at close of business as breached overnight, due at the close", () => {
    // P3 response: 8 working hours on office hours (London, 09:00–12:30 and 13:30–17:30 = 7.5 h a day).
    // Raised Friday 17:00: half an hour on Friday and 7.5 h on Monday → due Monday 17:30, at close of business.
    const item = { priority: "P3" as const, type: "revocation" as const };
    const h: HistoryPoint[] = [{ at: Date.parse("2026-10-30T17:00:00Z"), stage: "intake", waitingOn: "provider" }];
    const dueAt = Date.parse("2026-11-02T17:30:00Z");
    const night = Date.parse("2026-11-02T22:00:00Z");
    const full = readItemClocks(h, item, policy, night).clocks.find((c) => c.clock === "response")!;
    expect(full).toMatchObject({ state: "breached", elapsedMs: 8 * H, remainingMs: 0, dueAt });
    // Stored that night, read before work the next morning: breached since Monday 17:30, not "due now".
    const snap = snapshotOf(readItemClocks(h, item, policy, night), 1, night);
    const morning = Date.parse("2026-11-03T08:00:00Z");
    expect(readSnapshot(snap, policy, morning).find((c) => c.clock === "response")).toMatchObject({ state: "breached", dueAt });
  });

  it("derives the queue's columns: soonest due of a running clock, when it turns at risk, and any breach", () => {
    const h: HistoryPoint[] = [{ at: t0, stage: "intake", waitingOn: "provider" }];
    const item = { priority: "P1" as const, type: "revocation" as const };
    const snap = snapshotOf(readItemClocks(h, item, policy, t0), 1, t0);
    expect(slaColumns(snap, policy, t0)).toEqual({ slaDueAt: t0 + H, slaAtRiskAt: t0 + 0.75 * H, slaBreached: false, nextChangeAt: t0 + 0.75 * H });
    // Response breached: the resolution clock (24 h) still turns at risk and falls due later.
    expect(slaColumns(snap, policy, t0 + 2 * H)).toEqual({ slaDueAt: t0 + H, slaAtRiskAt: t0 + 18 * H, slaBreached: true, nextChangeAt: t0 + 18 * H });
    expect(headline(readSnapshot(snap, policy, t0 + 0.8 * H)).state).toBe("at_risk");
    expect(headline(readSnapshot(snap, policy, t0 + 2 * H))).toMatchObject({ state: "breached", clock: { clock: "response" } });
    // Paused on the client: no due time to sort by, and nothing to check until the item changes.
    const paused = snapshotOf(readItemClocks([...h, { at: t0 + 0.5 * H, stage: "prioritisation", waitingOn: "client" }], item, policy, t0 + 0.5 * H), 1, t0 + 0.5 * H);
    expect(slaColumns(paused, policy, t0 + 5 * H)).toEqual({ slaDueAt: null, slaAtRiskAt: null, slaBreached: false, nextChangeAt: null });
    expect(headline(readSnapshot(paused, policy, t0 + 5 * H)).state).toBe("paused");
  });
});

describe("escalation rules on clock readings", () => {
  const doc = escalationDocument.parse({
    rules: [
      { id: "risk", when: { clock: "resolution", atRisk: true, priority: ["P1"] }, then: { level: 1, notify: ["assignee"] } },
      { id: "breach", when: { clock: "resolution", breached: true }, then: { level: 2, notify: ["lead"] } },
      { id: "breach-2d", when: { clock: "resolution", breachedFor: "P2D" }, then: { level: 3, notify: ["executive"] } },
      { id: "response-late", when: { clock: "response", breached: true }, then: { notify: ["lead"] } },
    ],
  });
  const item = { priority: "P1" as const, type: "revocation" as const };
  const open: HistoryPoint[] = [{ at: t0, stage: "intake", waitingOn: "provider" }, { at: t0 + 0.5 * H, stage: "validation", waitingOn: "provider" }];
  const snap = snapshotOf(readItemClocks(open, item, policy, t0 + 0.5 * H), 1, t0 + 0.5 * H);
  const fire = (now: number) => firingRules(doc, item, readSnapshot(snap, policy, now), now).map((f) => f.rule.id);

  it("fires at risk before the breach only, breach after it, and breachedFor two days after the due time", () => {
    expect(fire(t0 + 10 * H)).toEqual([]);
    expect(fire(t0 + 19 * H)).toEqual(["risk"]); // 75 % of 24 h is 18 h
    expect(fire(t0 + 25 * H)).toEqual(["breach"]);
    expect(fire(t0 + 24 * H + 48 * H)).toEqual(["breach", "breach-2d"]);
    // The response clock stopped in time (left prioritisation after 30 minutes of its hour): never late.
    expect(fire(t0 + 100 * H)).not.toContain("response-late");
  });

  it("names the next instant a breachedFor rule comes due, and nothing once it has", () => {
    const live = (now: number) => readSnapshot(snap, policy, now);
    expect(nextRuleCheck(doc, live(t0 + 30 * H), t0 + 30 * H)).toBe(t0 + 24 * H + 48 * H);
    expect(nextRuleCheck(doc, live(t0 + 80 * H), t0 + 80 * H)).toBeNull();
    expect(nextRuleCheck(doc, live(t0 + H), t0 + H)).toBeNull(); // not breached yet: the due time itself is the next check
  });

  it("does not fire a rule for another priority or another clock", () => {
    const p3 = { priority: "P3" as const, type: "revocation" as const };
    const s3 = snapshotOf(readItemClocks(open, p3, policy, t0 + 0.5 * H), 1, t0 + 0.5 * H);
    const now = t0 + 4 * 24 * H; // well into office-hours risk for a 40 h target
    expect(firingRules(doc, p3, readSnapshot(s3, policy, now), now).map((f) => f.rule.id)).not.toContain("risk");
  });
});
