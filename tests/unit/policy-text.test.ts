// Policy documents as text: where a syntax error is, which goal or rule a schema error names, and the layout
// that versions are shown and diffed in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPolicyText, formatPolicy, policyText } from "@/lib/domain/policy-text";
import { DEFAULT_ESCALATIONS, defaultSlaPolicy } from "@/lib/seed/policies";

describe("syntax errors", () => {
  it.each([
    ['{ "rules": [\n  { "id": "a", }\n] }', 2, 14, "JSON allows no trailing comma"],
    ['{ "rules": [\n  { "id": "a" "when": {} }\n] }', 2, 15, 'Expected "," or "}" after the value of "id"'],
    ["{ 'rules': [] }", 1, 3, "Expected a field name in double quotes"],
    ['{ "rules": [', 1, 13, "The text ends where a value was expected."],
    ['{ "rules": [] } }', 1, 17, "after the end of the document"],
    ['{ "rules": "a\n" }', 1, 14, "A string runs to the end of the line"],
    ["", 1, 1, "The text ends where a value was expected."],
  ])("places the error in %j at line %i, column %i", (text, line, column, message) => {
    const r = checkPolicyText("escalation", text);
    expect(r).toMatchObject({ ok: false, syntax: true, problems: [{ line, column, message: expect.stringContaining(message) }] });
  });

  it("finds an error wherever JSON.parse refuses a text, and none where it accepts one", () => {
    const edited = fc.tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "}", "]", '"', ":", "x", " ")).map(([json, at, insert]) => {
      const i = at % (json.length + 1);
      return json.slice(0, i) + insert + json.slice(i + 1);
    });
    fc.assert(
      fc.property(edited, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const r = checkPolicyText("escalation", text);
        if (parses) expect(!r.ok && r.syntax).toBe(false);
        else expect(r).toMatchObject({ ok: false, syntax: true, problems: [{ line: expect.any(Number), message: expect.not.stringMatching(/^Not valid JSON/) }] });
      }),
      { numRuns: 400 },
    );
  });
});

describe("schema errors", () => {
  it("name the rule and the field, on the line of the value", () => {
    const text = formatPolicy({ rules: [{ id: "late", when: { clock: "resolution", breachedFor: "two days" }, then: { level: 3 } }] }, "", 0, 40);
    const r = checkPolicyText("escalation", text);
    expect(r.ok).toBe(false);
    const p = !r.ok ? r.problems[0]! : null;
    expect(p?.message).toMatch(/^Rule "late", when\.breachedFor: Use a positive ISO 8601 duration/);
    expect(text.split("\n")[p!.line! - 1]).toContain('"two days"');
  });

  it("name the goal or calendar of an SLA policy, and refuse fields the schema does not know", () => {
    const doc = defaultSlaPolicy("Europe/London") as unknown as { goals: Record<string, unknown>[]; calendars: Record<string, Record<string, unknown>> };
    doc.goals[1]!.resolutoin = { within: "PT8H", calendar: "office" };
    doc.calendars.office!.timeZone = "Mars/Olympus";
    const r = checkPolicyText("sla", formatPolicy(doc));
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Calendar "office", timeZone: Unknown time zone/)]);
    doc.calendars.office!.timeZone = "Europe/London";
    const unknown = checkPolicyText("sla", formatPolicy(doc));
    expect(!unknown.ok && unknown.problems.map((p) => p.message)).toEqual(['Goal "P2: office hours", resolutoin: not a field of an SLA policy.']);
  });

  it("accept the demo policies", () => {
    expect(checkPolicyText("escalation", policyText("escalation", DEFAULT_ESCALATIONS)).ok).toBe(true);
    expect(checkPolicyText("sla", policyText("sla", defaultSlaPolicy("America/New_York"))).ok).toBe(true);
  });
});

describe("the canonical layout", () => {
  it("round-trips any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(formatPolicy(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it("keeps a rule's condition on one line, in the schema's field order whatever order it was stored in", () => {
    const stored = { rules: [{ then: { notify: ["lead"], level: 1 }, when: { breached: true, clock: "response" }, id: "late" }] };
    expect(policyText("escalation", stored)).toBe(
      ["{", '  "rules": [', "    {", '      "id": "late",', '      "when": { "clock": "response", "breached": true },', '      "then": { "level": 1, "notify": ["lead"] }', "    }", "  ]", "}"].join("\n"),
    );
  });
});
