// An item's clocks from its audit history: stage and ball-in-court rebuilt from events, cycles kept, next check.
import { describe, expect, it } from "vitest";
import { historyFromEvents, readItemClocks, type ItemEvent } from "@/lib/domain/sla/item-clocks";
import { slaPolicyDocument } from "@/lib/domain/sla/policy";

const H = 3_600_000;
const t = (h: number) => Date.parse("2026-11-02T09:00:00Z") + h * H;
const policy = slaPolicyDocument.parse({
  calendars: { always: { kind: "24x7", timeZone: "UTC" } },
  goals: [{ name: "All", response: { within: "PT4H", calendar: "always" }, resolution: { within: "PT24H", calendar: "always" } }],
});
const item = { priority: "P2" as const, type: "secret_rotation" as const };

const events: ItemEvent[] = [
  { action: "work_item.create", occurredAt: t(0), after: { stage: "intake", number: 1 } },
  { action: "work_item.comment", occurredAt: t(0.5), after: { body: "looking" } },
  { action: "work_item.move", occurredAt: t(1), after: { stage: "prioritisation" } },
  { action: "work_item.hand_over", occurredAt: t(2), after: { waitingOn: "client" } },
  { action: "work_item.hand_over", occurredAt: t(5), after: { waitingOn: "provider" } },
  { action: "work_item.move", occurredAt: t(6), after: { stage: "validation" } },
  { action: "work_item.verify", occurredAt: t(30), after: { stage: "closed", resolution: "remediated" } },
  { action: "work_item.reopen", occurredAt: t(40), after: { stage: "prioritisation", resolution: null, cycle: 2 } },
];

describe("item clocks", () => {
  it("rebuilds stage and ball in court from the audit events, ignoring the ones that change neither", () => {
    expect(historyFromEvents(events).map((p) => [p.at, p.stage, p.waitingOn])).toEqual([
      [t(0), "intake", "provider"],
      [t(1), "prioritisation", "provider"],
      [t(2), "prioritisation", "client"],
      [t(5), "prioritisation", "provider"],
      [t(6), "validation", "provider"],
      [t(30), "closed", "provider"],
      [t(40), "prioritisation", "provider"],
    ]);
  });

  it("reads each clock's current cycle, keeps the earlier ones, and says when to look next", () => {
    const r = readItemClocks(historyFromEvents(events), item, policy, t(41));
    const response = r.clocks.find((c) => c.clock === "response")!;
    const resolution = r.clocks.find((c) => c.clock === "resolution")!;
    // First cycle: response ran 0–2 and 5–6 (3 h of 4): met. Resolution ran 0–2, 5–30 (27 h of 24): breached.
    expect(response.history).toEqual([{ cycle: 1, start: t(0), stop: t(6), elapsedMs: 3 * H, everBreached: false }]);
    expect(resolution.history).toEqual([{ cycle: 1, start: t(0), stop: t(30), elapsedMs: 27 * H, everBreached: true }]);
    // Second cycle: reopened at 40, now 41.
    expect(response).toMatchObject({ cycle: 2, state: "running", elapsedMs: H, dueAt: t(44), atRisk: false });
    expect(resolution).toMatchObject({ cycle: 2, state: "running", elapsedMs: H, dueAt: t(64) });
    // Next: the response clock turns at risk at 75 % of 4 h, 3 h into the cycle.
    expect(r.nextCheckAt).toBe(t(43));
  });

  it("has nothing to check on a closed item", () => {
    const closed = readItemClocks(historyFromEvents(events.slice(0, 7)), item, policy, t(31));
    expect(closed.clocks.map((c) => c.state)).toEqual(["met", "breached"]);
    expect(closed.nextCheckAt).toBeNull();
  });
});
