// The framework mapping document (SPEC §9): the default validates and covers every type and rule, a wrong
// reference, type, rule or duplicate id is refused on its own line, and refsFor unions the matching mappings.
import { describe, expect, it } from "vitest";
import { DEFAULT_FRAMEWORKS, groupByControl, packOutcome, refsFor, type FrameworksDocument } from "@/lib/domain/frameworks";
import { IDENTITY_RULES, RULE_WORK } from "@/lib/domain/identity-rules";
import { checkPolicyText, formatPolicy, policyText } from "@/lib/domain/policy-text";
import { WORK_ITEM_TYPES } from "@/lib/domain/vocabulary";

const SMALL: FrameworksDocument = {
  frameworks: [
    { id: "fw-a", name: "A", version: "1", controls: [{ ref: "A1", title: "First" }, { ref: "A2", title: "Second" }, { ref: "A3", title: "Third" }] },
    { id: "fw-b", name: "B", version: "2", controls: [{ ref: "B1", title: "Only" }] },
  ],
  mappings: [
    { match: { type: ["revocation"] }, refs: ["fw-a:A2", "fw-a:A1"] },
    { match: { rule: ["orphaned"] }, refs: ["fw-b:B1"] },
    { match: { type: ["secret_rotation"], rule: ["rotation_due"] }, refs: ["fw-a:A3"] },
    { match: { type: ["revocation", "secret_rotation"] }, refs: ["fw-a:A1"] },
  ],
};

/** The document laid out narrow, so every reference, type and id sits on a line of its own. */
const text = (doc: unknown) => formatPolicy(doc, "", 0, 30);

function problems(doc: unknown) {
  const t = text(doc);
  const r = checkPolicyText("frameworks", t);
  if (r.ok) throw new Error("expected the document to be refused");
  return r.problems.map((p) => ({ ...p, source: p.line === null ? null : t.split("\n")[p.line - 1]!.trim() }));
}

const clone = (): FrameworksDocument => structuredClone(DEFAULT_FRAMEWORKS);

describe("the default mapping", () => {
  it("validates, and keeps its layout through the editor's canonical text", () => {
    const r = checkPolicyText("frameworks", policyText("frameworks", DEFAULT_FRAMEWORKS));
    expect(r.ok).toBe(true);
    expect(r.ok && r.doc).toEqual(DEFAULT_FRAMEWORKS);
  });

  it("declares NIST CSF 2.0, the OWASP NHI Top 10 (2025) with its published titles and MAESTRO's seven layers", () => {
    const f = Object.fromEntries(DEFAULT_FRAMEWORKS.frameworks.map((x) => [x.id, Object.fromEntries(x.controls.map((c) => [c.ref, c.title]))]));
    expect(Object.keys(f)).toEqual(["nist-csf-2.0", "owasp-nhi-2025", "csa-maestro"]);
    expect(f["owasp-nhi-2025"]).toMatchObject({ NHI1: "Improper Offboarding", NHI2: "Secret Leakage", NHI5: "Overprivileged NHI", NHI7: "Long-Lived Secrets", NHI10: "Human Use of NHI" });
    expect(Object.keys(f["owasp-nhi-2025"]!)).toHaveLength(10);
    expect(Object.keys(f["csa-maestro"]!)).toEqual(["L1", "L2", "L3", "L4", "L5", "L6", "L7", "CL"]);
    expect(f["nist-csf-2.0"]!["PR.AA-05"]).toMatch(/^Access permissions, entitlements, and authorizations/);
  });

  it("maps every work item type to a NIST CSF control, and every inventory rule's work to an OWASP NHI risk", () => {
    for (const type of WORK_ITEM_TYPES) expect(refsFor(DEFAULT_FRAMEWORKS, { type, rule: null }).some((r) => r.startsWith("nist-csf-2.0:")), type).toBe(true);
    for (const rule of IDENTITY_RULES) expect(refsFor(DEFAULT_FRAMEWORKS, { type: RULE_WORK[rule], rule }).some((r) => r.startsWith("owasp-nhi-2025:")), rule).toBe(true);
    expect(refsFor(DEFAULT_FRAMEWORKS, { type: "revocation", rule: null })).toEqual(["nist-csf-2.0:PR.AA-01", "nist-csf-2.0:PR.AA-05", "owasp-nhi-2025:NHI1", "csa-maestro:L6"]);
    expect(refsFor(DEFAULT_FRAMEWORKS, { type: "finding_remediation", rule: null })).toEqual(["nist-csf-2.0:ID.RA-01", "nist-csf-2.0:DE.CM-09", "owasp-nhi-2025:NHI2", "csa-maestro:L4"]);
    expect(refsFor(DEFAULT_FRAMEWORKS, { type: "secret_rotation", rule: "rotation_due" })).toEqual(["nist-csf-2.0:PR.AA-01", "owasp-nhi-2025:NHI7", "csa-maestro:L4"]);
    // A leaver who still holds keys: the rule adds the HR practice to what any revocation counts towards.
    expect(refsFor(DEFAULT_FRAMEWORKS, { type: "revocation", rule: "deactivated_access" })).toContain("nist-csf-2.0:GV.RR-04");
    expect(refsFor(DEFAULT_FRAMEWORKS, { type: "revocation", rule: null })).not.toContain("nist-csf-2.0:GV.RR-04");
  });
});

describe("refused documents", () => {
  it("place an unknown control, an unknown framework and a reference without a framework on their lines", () => {
    const doc = clone();
    doc.mappings[0]!.refs.push("nist-csf-2.0:PR.AA-99", "iso-27001:A.5.15", "NHI1");
    const p = problems(doc);
    expect(p.map((x) => [x.message, x.source])).toEqual([
      ['Mapping 1, refs.4: "nist-csf-2.0:PR.AA-99": framework "nist-csf-2.0" declares no such control.', '"nist-csf-2.0:PR.AA-99",'],
      ['Mapping 1, refs.5: "iso-27001:A.5.15": no framework "iso-27001" is declared.', '"iso-27001:A.5.15",'],
      ['Mapping 1, refs.6: "NHI1": write framework:control, e.g. nist-csf-2.0:PR.AA-05.', '"NHI1"'],
    ]);
  });

  it("place a type or rule outside the vocabulary on its line, naming it", () => {
    const doc = clone() as unknown as { mappings: { match: { type?: string[]; rule?: string[] } }[] };
    doc.mappings[2]!.match.type!.push("rotation");
    doc.mappings[9]!.match.rule = ["orphan"];
    const p = problems(doc);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatchObject({ message: expect.stringMatching(/^Mapping 3, match\.type\.2: "rotation" is not a work item type \(one of access_review, /), source: '"rotation"' });
    expect(p[1]).toMatchObject({ message: expect.stringMatching(/^Mapping 10, match\.rule\.0: "orphan" is not an inventory rule/), source: expect.stringContaining('"orphan"') });
  });

  it("refuse a framework id or a control used twice, at the second one", () => {
    const doc = clone();
    doc.frameworks[2]!.id = "nist-csf-2.0";
    doc.frameworks[1]!.controls[3]!.ref = "NHI1";
    const p = problems(doc);
    expect(p.slice(0, 2).map((x) => [x.message, x.source])).toEqual([
      ['Framework "owasp-nhi-2025", controls.3.ref: The control "NHI1" is listed twice.', '"ref": "NHI1",'],
      ['Framework "nist-csf-2.0", id: The id "nist-csf-2.0" is used twice.', '"id": "nist-csf-2.0",'],
    ]);
    expect(p[1]!.line).toBeGreaterThan(p[0]!.line!);
    // What mapped to MAESTRO now names a framework nobody declares.
    expect(p.slice(2).length).toBeGreaterThan(0);
    for (const x of p.slice(2)) expect(x.message).toMatch(/: "csa-maestro:L\d": no framework "csa-maestro" is declared\.$/);
  });

  it("refuse an empty match, an unknown field and a document without frameworks", () => {
    const doc = clone() as unknown as { mappings: Record<string, unknown>[] };
    doc.mappings[0]!.match = {};
    doc.mappings[1]!.refz = ["nist-csf-2.0:GV.RR-04"];
    const p = problems(doc);
    expect(p.map((x) => x.message)).toEqual([
      "Mapping 1, match: Match a type, a rule or both: an empty match would map every item.",
      expect.stringMatching(/^Mapping 2: Unrecognized key.*"refz"/),
    ]);
    expect(p[0]!.source).toBe('"match": {},');
    expect(problems({ frameworks: [], mappings: [] }).map((x) => x.message)).toEqual(["frameworks: Declare at least one framework."]);
  });
});

describe("refsFor", () => {
  it("matches a type-only mapping whatever the rule, and unions and orders the references as declared", () => {
    expect(refsFor(SMALL, { type: "revocation", rule: null })).toEqual(["fw-a:A1", "fw-a:A2"]);
    expect(refsFor(SMALL, { type: "revocation", rule: "deactivated_access" })).toEqual(["fw-a:A1", "fw-a:A2"]);
  });

  it("matches a rule-only mapping for any type raised by the rule, and never an item without a rule", () => {
    expect(refsFor(SMALL, { type: "orphan_assignment", rule: "orphaned" })).toEqual(["fw-b:B1"]);
    expect(refsFor(SMALL, { type: "access_review", rule: "orphaned" })).toEqual(["fw-b:B1"]);
    expect(refsFor(SMALL, { type: "orphan_assignment", rule: null })).toEqual([]);
  });

  it("needs both the type and the rule when a mapping names both", () => {
    expect(refsFor(SMALL, { type: "secret_rotation", rule: "rotation_due" })).toEqual(["fw-a:A1", "fw-a:A3"]);
    expect(refsFor(SMALL, { type: "secret_rotation", rule: null })).toEqual(["fw-a:A1"]);
    expect(refsFor(SMALL, { type: "revocation", rule: "rotation_due" })).toEqual(["fw-a:A1", "fw-a:A2"]);
  });
});

describe("grouping pack items by control", () => {
  it("puts each item under each of its controls by outcome, and keeps controls with none", () => {
    expect([packOutcome("remediated", false), packOutcome("risk_accepted", false), packOutcome("risk_accepted", true), packOutcome("invalid", false)]).toEqual(["done", "accepted", "open", null]);
    const groups = groupByControl(SMALL, [
      { key: "K-1", refs: ["fw-a:A1", "fw-a:A2"], outcome: "done" },
      { key: "K-2", refs: ["fw-a:A1"], outcome: "open" },
      { key: "K-3", refs: ["fw-a:A1", "fw-b:B1"], outcome: "accepted" },
      { key: "K-4", refs: ["fw-a:A1"], outcome: null },
    ]);
    expect(groups.map((g) => [g.framework, g.ref, g.done, g.open, g.accepted])).toEqual([
      ["fw-a", "A1", ["K-1"], ["K-2"], ["K-3"]],
      ["fw-a", "A2", ["K-1"], [], []],
      ["fw-a", "A3", [], [], []],
      ["fw-b", "B1", [], [], ["K-3"]],
    ]);
  });
});
