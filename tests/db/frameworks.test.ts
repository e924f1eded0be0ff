// Framework coverage (SPEC §9) against a real database: per control what was done, what is open and what is
// accepted, on a fixture counted by hand (period edges, acceptances in force or lapsed, another organisation,
// controls with no work), and a programme owner changing the mapping by proposing and activating a version.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performMutation } from "@/lib/actions/mutation";
import { activatePolicy, proposePolicy } from "@/lib/actions/policies";
import { workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { formatPolicy } from "@/lib/domain/policy-text";
import { activeFrameworks, frameworkCoverage } from "@/lib/queries/frameworks";
import { openTestDb, type TestDb } from "../helpers/db";
import { createAcceptance, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
let team: Team;
const d = (s: string) => new Date(s);
const NOW = d("2026-05-15T00:00:00Z");
const APRIL = { from: d("2026-04-01T00:00:00Z"), to: d("2026-05-01T00:00:00Z") };

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
  const org = team.org.id;
  const owner = team.as("owner").id;
  const closed = (type: (typeof workItems.$inferInsert)["type"], resolution: "remediated" | "risk_accepted" | "invalid", closedAt: string, rule: string | null = null) =>
    createWorkItem(t.db, org, { type, rule, stage: "closed", resolution, closedAt: d(closedAt), createdAt: d("2026-01-05T00:00:00Z") });
  const open = (type: (typeof workItems.$inferInsert)["type"], rule: string | null = null) => createWorkItem(t.db, org, { type, rule, stage: "implementation", createdAt: d("2026-03-01T00:00:00Z") });

  await closed("revocation", "remediated", "2026-04-10T12:00:00Z"); // A: done
  await closed("revocation", "remediated", "2026-04-30T23:59:59Z", "deactivated_access"); // B: done, the period's last second
  await closed("revocation", "remediated", "2026-05-01T00:00:00Z"); // C: the first instant after April (May's)
  await closed("revocation", "remediated", "2026-03-31T23:59:59Z"); // D: March's last second
  await open("secret_rotation", "rotation_due"); // E: open
  // F: risk accepted in April, its acceptance still in force: accepted once, not twice.
  const f = await closed("finding_remediation", "risk_accepted", "2026-04-20T09:00:00Z");
  await createAcceptance(t.db, org, f.id, { accountableOwnerId: owner, status: "approved", requestedAt: d("2026-04-18T00:00:00Z"), approvedAt: d("2026-04-20T09:00:00Z"), expiresAt: d("2026-05-20T00:00:00Z") });
  // G: accepted in February, still in force now: accepted in April (and May).
  const g = await closed("finding_remediation", "risk_accepted", "2026-02-10T00:00:00Z");
  await createAcceptance(t.db, org, g.id, { accountableOwnerId: owner, status: "approved", requestedAt: d("2026-02-01T00:00:00Z"), approvedAt: d("2026-02-10T00:00:00Z"), expiresAt: d("2026-06-01T00:00:00Z") });
  // H: accepted in February, its acceptance lapsed on 10 May (the sweeper has not reopened it yet): not accepted.
  const h = await closed("finding_remediation", "risk_accepted", "2026-02-10T00:00:00Z");
  await createAcceptance(t.db, org, h.id, { accountableOwnerId: owner, status: "approved", requestedAt: d("2026-02-01T00:00:00Z"), approvedAt: d("2026-02-10T00:00:00Z"), expiresAt: d("2026-05-10T00:00:00Z") });
  await open("exception_review"); // I: open
  await closed("access_review", "invalid", "2026-04-12T00:00:00Z"); // J: closed as invalid: under no outcome
  await open("orphan_assignment", "orphaned"); // K: open

  const other = await createTeam(t.db);
  await createWorkItem(t.db, other.org.id, { type: "revocation", stage: "closed", resolution: "remediated", closedAt: d("2026-04-10T00:00:00Z") });
});
afterAll(() => t?.close());

const coverage = (team_: Team, period = APRIL) => withTenant(t.db, team_.org.id, null, (tx) => frameworkCoverage(tx, { orgId: team_.org.id, ...period, now: NOW }));

/** `framework:ref` → [done, open, accepted], for the controls with any work. */
function counts(controls: { framework: string; ref: string; done: number; open: number; accepted: number }[]) {
  return Object.fromEntries(controls.filter((c) => c.done + c.open + c.accepted > 0).map((c) => [`${c.framework}:${c.ref}`, [c.done, c.open, c.accepted]]));
}

describe("framework coverage", () => {
  it("counts per control of the default mapping what was done in the period, what is open now and what is accepted", async () => {
    const r = await coverage(team);
    expect(r.version).toBeNull();
    expect(counts(r.controls)).toEqual({
      "nist-csf-2.0:GV.RR-02": [0, 1, 0], // K
      "nist-csf-2.0:GV.RR-04": [1, 0, 0], // B, by its rule
      "nist-csf-2.0:ID.AM-08": [0, 1, 0], // K
      "nist-csf-2.0:ID.RA-01": [0, 0, 2], // F, G
      "nist-csf-2.0:ID.RA-06": [0, 1, 0], // I
      "nist-csf-2.0:ID.RA-07": [0, 1, 0], // I
      "nist-csf-2.0:PR.AA-01": [2, 1, 0], // A, B; E
      "nist-csf-2.0:PR.AA-05": [2, 0, 0], // A, B
      "nist-csf-2.0:DE.CM-09": [0, 0, 2], // F, G
      "owasp-nhi-2025:NHI1": [2, 1, 0], // A, B (once, by type and by rule); K
      "owasp-nhi-2025:NHI2": [0, 0, 2], // F, G
      "owasp-nhi-2025:NHI7": [0, 1, 0], // E
      "csa-maestro:L4": [0, 1, 2], // E; F, G
      "csa-maestro:L6": [2, 2, 0], // A, B; I, K
    });
    // Every declared control is there, in the document's order, those without work at zero.
    expect(r.controls).toHaveLength(27);
    expect(r.controls[0]).toEqual({ framework: "nist-csf-2.0", frameworkName: "NIST CSF 2.0", ref: "GV.RR-02", title: expect.stringMatching(/^Roles, responsibilities/), done: 0, open: 1, accepted: 0 });
    expect(r.controls.find((c) => c.ref === "NHI5")).toMatchObject({ title: "Overprivileged NHI", done: 0, open: 0, accepted: 0 });
  });

  it("takes each period's own closures at its edges: [from, to)", async () => {
    const may = counts((await coverage(team, { from: d("2026-05-01T00:00:00Z"), to: d("2026-06-01T00:00:00Z") })).controls);
    expect(may["nist-csf-2.0:PR.AA-05"]).toEqual([1, 0, 0]); // C
    expect(may["nist-csf-2.0:GV.RR-04"]).toBeUndefined();
    expect(may["owasp-nhi-2025:NHI2"]).toEqual([0, 0, 2]); // F and G, both still in force
    const march = counts((await coverage(team, { from: d("2026-03-01T00:00:00Z"), to: d("2026-04-01T00:00:00Z") })).controls);
    expect(march["nist-csf-2.0:PR.AA-05"]).toEqual([1, 0, 0]); // D
    expect(march["owasp-nhi-2025:NHI7"]).toEqual([0, 1, 0]); // open whatever the period
  });
});

describe("changing the mapping", () => {
  const MAPPING = {
    frameworks: [{ id: "internal", name: "Internal controls", version: "2026", controls: [{ ref: "IC-1", title: "Leavers lose access" }, { ref: "IC-2", title: "Nothing yet" }] }],
    mappings: [
      { match: { type: ["revocation"] }, refs: ["internal:IC-1"] },
      { match: { rule: ["rotation_due"] }, refs: ["internal:IC-1"] },
    ],
  };

  it("is a programme owner's to propose and activate; coverage follows the active version only", async () => {
    const tm = await createTeam(t.db);
    const org = tm.org.id;
    await createWorkItem(t.db, org, { type: "revocation", stage: "closed", resolution: "remediated", closedAt: d("2026-04-02T00:00:00Z") });
    const waiting = await createWorkItem(t.db, org, { type: "secret_rotation", rule: "rotation_due", stage: "validation", nextCheckAt: null });
    expect((await coverage(tm)).controls).toHaveLength(27);

    const owner = tm.as("owner");
    const proposed = await performMutation(t.db, owner, tm.org.slug, proposePolicy, { kind: "frameworks", document: formatPolicy(MAPPING), note: "Report against our own controls." });
    expect(proposed).toEqual({ ok: true, data: { id: expect.any(String), kind: "frameworks", version: 1 } });
    // A draft changes nothing.
    expect((await coverage(tm)).version).toBeNull();

    const activated = await performMutation(t.db, owner, tm.org.slug, activatePolicy, { id: proposed.ok ? proposed.data.id : "" });
    expect(activated).toEqual({ ok: true, data: { kind: "frameworks", version: 1, previousVersion: null, itemsToRecheck: 0 } });
    const r = await coverage(tm);
    expect(r).toEqual({
      version: 1,
      controls: [
        { framework: "internal", frameworkName: "Internal controls", ref: "IC-1", title: "Leavers lose access", done: 1, open: 1, accepted: 0 },
        { framework: "internal", frameworkName: "Internal controls", ref: "IC-2", title: "Nothing yet", done: 0, open: 0, accepted: 0 },
      ],
    });
    expect(await withTenant(t.db, org, null, (tx) => activeFrameworks(tx, org))).toMatchObject({ version: 1, doc: MAPPING });
    // A mapping changes no clock: the open item is not queued for the sweeper.
    const [row] = await t.db.select({ nextCheckAt: workItems.nextCheckAt }).from(workItems).where(eq(workItems.id, waiting.id));
    expect(row!.nextCheckAt).toBeNull();
  });

  it("refuses a mapping naming a control it does not declare, on its line", async () => {
    const tm = await createTeam(t.db);
    const bad = { ...MAPPING, mappings: [{ match: { type: ["revocation"] }, refs: ["internal:IC-9"] }] };
    const r = await performMutation(t.db, tm.as("owner"), tm.org.slug, proposePolicy, { kind: "frameworks", document: formatPolicy(bad, "", 0, 40), note: "Typo" });
    expect(!r.ok && r.error).toMatchObject({ code: "invalid:policy", message: expect.stringContaining('Framework mapping: one problem to fix. Mapping 1, refs.0: "internal:IC-9": framework "internal" declares no such control.') });
    const problems = (!r.ok && (r.error.details as { problems: { line: number }[] }).problems) || [];
    expect(formatPolicy(bad, "", 0, 40).split("\n")[problems[0]!.line - 1]).toContain('"internal:IC-9"');
  });

  it("is refused to analysts and executives, and only an owner activates", async () => {
    const tm = await createTeam(t.db);
    const propose = (role: "analyst" | "executive" | "lead") => performMutation(t.db, tm.as(role), tm.org.slug, proposePolicy, { kind: "frameworks", document: MAPPING, note: "Our own controls." });
    for (const role of ["analyst", "executive"] as const) expect(await propose(role)).toMatchObject({ ok: false, error: { code: "forbidden:policy.propose" } });
    const draft = await propose("lead");
    if (!draft.ok) throw new Error(draft.error.message);
    for (const role of ["analyst", "executive", "lead"] as const) {
      expect(await performMutation(t.db, tm.as(role), tm.org.slug, activatePolicy, { id: draft.data.id })).toMatchObject({ ok: false, error: { code: "forbidden:policy.activate" } });
    }
    expect((await withTenant(t.db, tm.org.id, null, (tx) => activeFrameworks(tx, tm.org.id))).version).toBeNull();
    expect(await performMutation(t.db, tm.as("owner"), tm.org.slug, activatePolicy, { id: draft.data.id })).toMatchObject({ ok: true, data: { kind: "frameworks", version: 1 } });
  });
});
