// The SLA policy and escalation rule documents: what they accept, the errors a person sees, and matching.
import { describe, expect, it } from "vitest";
import { parseEscalationDocument, ruleMatches, type EscalationRule } from "@/lib/domain/escalation/rules";
import { goalFor, slaPolicyDocument, targetFor } from "@/lib/domain/sla/policy";

const H = 3_600_000;

const SPEC_EXAMPLE = `{ "rules": [
  { "id": "p1-at-risk",  "when": { "clock": "resolution", "atRisk": true, "priority": ["P1","P2"] }, "then": { "level": 1, "notify": ["assignee","lead"] } },
  { "id": "breach",      "when": { "clock": "resolution", "breached": true },                        "then": { "level": 2, "notify": ["lead","owner"] } },
  { "id": "breach-2d",   "when": { "clock": "resolution", "breachedFor": "P2D" },                    "then": { "level": 3, "notify": ["executive"] } },
  { "id": "decision-late","when": { "clock": "decision", "breached": true },                          "then": { "level": 2, "notify": ["owner","executive"] } },
  { "id": "exception-expiring","when": { "exceptionExpiresWithin": "P7D" },                          "then": { "notify": ["owner"] } }
] }`;

describe("escalation rules document", () => {
  it("accepts the SPEC's example", () => {
    const r = parseEscalationDocument(SPEC_EXAMPLE);
    expect(r.ok && r.doc.rules.map((x) => x.id)).toEqual(["p1-at-risk", "breach", "breach-2d", "decision-late", "exception-expiring"]);
  });

  it.each([
    ['{ "rules": [ { "id": "late", "when": { "clock": "resolution", "breachedFor": "two days" }, "then": { "level": 3 } } ] }', 'Rule "late", when.breachedFor: Use a positive ISO 8601 duration'],
    ['{ "rules": [ { "id": "late", "when": { "clock": "resolution" }, "then": { "level": 3 } } ] }', 'Rule "late", when: A clock condition needs exactly one of atRisk, breached or breachedFor.'],
    ['{ "rules": [ { "id": "late", "when": { "clock": "sla", "breached": true }, "then": { "level": 3 } } ] }', 'Rule "late", when.clock:'],
    ['{ "rules": [ { "id": "late", "when": { "clock": "resolution", "breached": true }, "then": {} } ] }', 'Rule "late", then: Raise a level, notify someone, or both.'],
    ['{ "rules": [ { "id": "late", "when": { "clock": "resolution", "breached": true }, "then": { "notify": ["cfo"] } } ] }', 'Rule "late", then.notify.0:'],
    ['{ "rules": [ { "id": "Late Items", "when": { "clock": "resolution", "breached": true }, "then": { "level": 1 } } ] }', 'Rule "Late Items", id: Use lower-case letters'],
    ['{ "rules": [ { "when": { "clock": "resolution", "breached": true }, "then": { "level": 1 } } ] }', "Rule 1, id:"],
    ['{ "rules": [ { "id": "a", "when": { "clock": "resolution", "breached": true }, "then": { "level": 1 } }, { "id": "a", "when": { "clock": "response", "breached": true }, "then": { "level": 1 } } ] }', 'Rule "a", id: The id "a" is used twice.'],
    ['{ "rules": [ { "id": "x", "when": { "clock": "resolution", "breached": true, "colour": "red" }, "then": { "level": 1 } } ] }', 'Rule "x", when:'],
    ['{ "rules": [ ', "Not valid JSON"],
  ])("refuses %s with a message naming the rule and field", (text, message) => {
    const r = parseEscalationDocument(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join("\n")).toContain(message);
  });

  it("matches rules against an item's clock readings", () => {
    const parsed = parseEscalationDocument(SPEC_EXAMPLE);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const byId = (id: string) => parsed.doc.rules.find((r) => r.id === id) as EscalationRule;
    const item = { priority: "P1" as const, type: "secret_rotation" as const };
    const clock = (over: Partial<NonNullable<Parameters<typeof ruleMatches>[1]["clock"]>>) => ({ name: "resolution" as const, atRisk: false, breached: false, overdueMs: 0, ...over });
    expect(ruleMatches(byId("p1-at-risk"), { ...item, clock: clock({ atRisk: true }) })).toBe(true);
    expect(ruleMatches(byId("p1-at-risk"), { ...item, priority: "P3", clock: clock({ atRisk: true }) })).toBe(false);
    expect(ruleMatches(byId("breach"), { ...item, clock: clock({ breached: true, overdueMs: H }) })).toBe(true);
    expect(ruleMatches(byId("breach"), { ...item, clock: { ...clock({ breached: true }), name: "response" } })).toBe(false);
    expect(ruleMatches(byId("breach-2d"), { ...item, clock: clock({ breached: true, overdueMs: 47 * H }) })).toBe(false);
    expect(ruleMatches(byId("breach-2d"), { ...item, clock: clock({ breached: true, overdueMs: 48 * H }) })).toBe(true);
    expect(ruleMatches(byId("exception-expiring"), { ...item, exceptionExpiresInMs: 6 * 24 * H })).toBe(true);
    expect(ruleMatches(byId("exception-expiring"), { ...item, exceptionExpiresInMs: 8 * 24 * H })).toBe(false);
    expect(ruleMatches(byId("exception-expiring"), { ...item })).toBe(false);
  });
});

const POLICY = {
  calendars: {
    "24x7": { kind: "24x7", timeZone: "Europe/London" },
    office: { kind: "business", timeZone: "Europe/London", week: { "1": [{ start: "09:00", end: "17:00" }], "2": [{ start: "09:00", end: "17:00" }] }, holidays: [] },
  },
  goals: [
    { name: "P1 around the clock", match: { priority: ["P1"] }, response: { within: "PT1H", calendar: "24x7" }, resolution: { within: "PT8H", calendar: "24x7" } },
    { name: "Leaked secrets", match: { type: ["finding_remediation"] }, resolution: { within: "PT16H", calendar: "office" } },
    { name: "Everything else", resolution: { within: "PT40H", calendar: "office" } },
  ],
};

describe("SLA policy document", () => {
  it("finds the first goal that matches, with the catch-all last", () => {
    const doc = slaPolicyDocument.parse(POLICY);
    expect(doc.atRiskShare).toBe(0.75);
    expect(goalFor(doc, { priority: "P1", type: "finding_remediation" }).name).toBe("P1 around the clock");
    expect(goalFor(doc, { priority: "P2", type: "finding_remediation" }).name).toBe("Leaked secrets");
    expect(goalFor(doc, { priority: "P4", type: "revocation" }).name).toBe("Everything else");
    expect(targetFor(doc, { priority: "P1", type: "revocation" }, "resolution")).toMatchObject({ ms: 8 * H, calendar: { kind: "24x7" } });
    expect(targetFor(doc, { priority: "P3", type: "revocation" }, "response")).toBeNull();
  });

  it("refuses a policy without a catch-all, with an unknown calendar, or with days on business hours", () => {
    const messages = (doc: unknown) => {
      const r = slaPolicyDocument.safeParse(doc);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ ...POLICY, goals: POLICY.goals.slice(0, 2) })).toEqual([expect.stringContaining('The last goal ("Leaked secrets") must match everything')]);
    expect(messages({ ...POLICY, goals: [{ name: "All", resolution: { within: "PT8H", calendar: "night-shift" } }] })).toEqual(['Goal "All": no calendar named "night-shift".']);
    expect(messages({ ...POLICY, goals: [{ name: "All", resolution: { within: "P3D", calendar: "office" } }] })).toEqual([expect.stringContaining("give working hours")]);
    expect(messages({ ...POLICY, calendars: { x: { kind: "24x7", timeZone: "Mars/Olympus" } }, goals: [{ name: "All" }] })).toEqual([expect.stringContaining("Unknown time zone")]);
  });
});
