// The auditor's evidence pack (SPEC §6) against a real database: what a closed item carries (timeline with
// chain hashes, acceptance decisions with approvers, evidence hashes and corrections), which items belong to
// the period, that JSON and CSV agree, the grouping by framework control, that large packs stream whole, and who
// may export it.
import { and, desc, eq } from "drizzle-orm";
import type { Resolution } from "@/lib/domain/vocabulary";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidencePackOp } from "@/lib/api/evidence-pack";
import { runApi } from "@/lib/api/handler";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { auditEvents, evidence, organisations, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { itemKey } from "@/lib/domain/keys";
import { lastFullMonth, periodBounds, resolvePeriod } from "@/lib/domain/period";
import { packBatch, packBatches } from "@/lib/queries/evidence-pack";
import type { EvidencePack } from "@/lib/schemas/evidence-pack";
import { parseCsv } from "../helpers/csv";
import { openTestDb, type TestDb } from "../helpers/db";
import { createAcceptance, createDecision, createPolicyVersion, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
let team: Team;
let other: Team;
const APRIL = "from=2026-04-01&to=2026-05-01";
const d = (s: string) => new Date(s);
const SHA_OLD = "a".repeat(64);
const SHA_NEW = "b".repeat(64);
const item: Record<string, { id: string; number: number }> = {};

async function events(orgId: string, itemId: string, list: Omit<AuditInput, "organisationId" | "entityType" | "entityId">[]) {
  await t.db.transaction(async (tx) => {
    for (const e of list) await recordAudit(tx, { organisationId: orgId, entityType: "work_item", entityId: itemId, ...e });
  });
}

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
  other = await createTeam(t.db);
  const org = team.org.id;
  const analyst = team.as("analyst");
  const lead = team.as("lead");
  const [ownerA, ownerB] = [team.as("owner"), team.as("owner", 1)];
  const user = (id: string) => ({ type: "user" as const, id });
  const base = { identityId: team.identity.id, createdById: analyst.id };

  // X: remediated in April, implemented by the analyst, verified by the lead, evidence corrected once.
  const x = await createWorkItem(t.db, org, { ...base, number: 1, title: "Rotate the deploy key", type: "secret_rotation", priority: "P1", stage: "closed", resolution: "remediated", implementedById: analyst.id, createdAt: d("2026-04-02T08:00:00Z"), closedAt: d("2026-04-15T10:00:00Z") });
  await events(org, x.id, [
    { actor: user(analyst.id), action: "work_item.create", after: { stage: "intake" }, occurredAt: d("2026-04-02T08:00:00Z") },
    { actor: { type: "system", id: null }, action: "escalation.fire", after: { clock: "response", ruleId: "p1-response", level: 1 }, occurredAt: d("2026-04-02T09:00:00Z") },
    { actor: user(lead.id), action: "work_item.move", before: { stage: "intake" }, after: { stage: "prioritisation" }, occurredAt: d("2026-04-03T08:00:00Z") },
    { actor: user(lead.id), action: "work_item.assign", before: { assigneeId: null }, after: { assigneeId: analyst.id }, occurredAt: d("2026-04-03T08:01:00Z") },
    { actor: user(analyst.id), action: "work_item.move", before: { stage: "implementation" }, after: { stage: "evidence" }, reason: "Key rotated in the vault", occurredAt: d("2026-04-10T08:00:00Z") },
    { actor: user(analyst.id), action: "evidence.add", after: { summary: "Vault audit log" }, occurredAt: d("2026-04-10T08:05:00Z") },
    { actor: user(analyst.id), action: "work_item.comment", after: { body: "Old key revoked too." }, occurredAt: d("2026-04-10T08:06:00Z") },
    { actor: user(lead.id), action: "work_item.verify", before: { stage: "closure", resolution: null }, after: { stage: "closed", resolution: "remediated" }, occurredAt: d("2026-04-15T10:00:00Z") },
  ]);
  const [old] = await t.db.insert(evidence).values({ organisationId: org, workItemId: x.id, kind: "file", summary: "Vault audit log", fileName: "vault.log", contentType: "text/plain", sizeBytes: 120, sha256: SHA_OLD, createdById: analyst.id, createdAt: d("2026-04-10T08:05:00Z") }).returning();
  await t.db.insert(evidence).values({ organisationId: org, workItemId: x.id, kind: "file", summary: "Vault audit log (complete)", fileName: "vault-full.log", contentType: "text/plain", sizeBytes: 240, sha256: SHA_NEW, supersedesId: old!.id, createdById: analyst.id, createdAt: d("2026-04-11T08:00:00Z") });
  await t.db.insert(evidence).values({ organisationId: org, workItemId: x.id, kind: "note", summary: "Checked with the app team", createdById: lead.id, createdAt: d("2026-04-12T08:00:00Z") });
  item.X = x;

  // Y: risk accepted in April by two owners, asked for by the analyst.
  const y = await createWorkItem(t.db, org, { ...base, number: 2, title: "Legacy FTP service account", type: "finding_remediation", priority: "P1", stage: "closed", resolution: "risk_accepted", createdAt: d("2026-04-05T08:00:00Z"), closedAt: d("2026-04-20T12:00:00Z") });
  const acc = await createAcceptance(t.db, org, y.id, { accountableOwnerId: ownerA.id, requestedById: analyst.id, status: "approved", requestedAt: d("2026-04-18T09:00:00Z"), expiresAt: d("2026-05-18T00:00:00Z"), approvalsRequired: 2, approvedAt: d("2026-04-20T12:00:00Z"), decidedAt: d("2026-04-20T12:00:00Z") });
  await createDecision(t.db, org, acc.id, { deciderId: ownerA.id, comment: "Replacement is funded for Q3", decidedAt: d("2026-04-19T10:00:00Z") });
  await createDecision(t.db, org, acc.id, { deciderId: ownerB.id, comment: "Agreed, with weekly log review", decidedAt: d("2026-04-20T12:00:00Z") });
  await events(org, y.id, [
    { actor: user(analyst.id), action: "work_item.create", after: { stage: "intake" }, occurredAt: d("2026-04-05T08:00:00Z") },
    { actor: user(analyst.id), action: "work_item.acceptance_request", after: { acceptanceId: acc.id, round: 1, expiresAt: "2026-05-18" }, occurredAt: d("2026-04-18T09:00:00Z") },
    { actor: user(ownerA.id), action: "work_item.acceptance_decide", after: { acceptanceId: acc.id, decision: "approve", round: 1 }, occurredAt: d("2026-04-19T10:00:00Z") },
    { actor: user(ownerB.id), action: "work_item.acceptance_decide", before: { stage: "validation" }, after: { acceptanceId: acc.id, decision: "approve", round: 1, stage: "closed", resolution: "risk_accepted" }, occurredAt: d("2026-04-20T12:00:00Z") },
  ]);
  item.Y = y;

  // Outside the pack: closed the moment before April, closed at the first instant of May, still open, another organisation.
  item.Z = await closedItem(org, { ...base, number: 3, resolution: "invalid", closedAt: d("2026-03-31T23:59:59Z") });
  item.W = await closedItem(org, { ...base, number: 4, resolution: "duplicate", closedAt: d("2026-05-01T00:00:00Z") });
  // In the pack although open again now: risk accepted in April, reopened when the acceptance expired in May.
  item.R = await createWorkItem(t.db, org, { ...base, number: 6, title: "Shared reporting key", stage: "prioritisation", cycle: 2, createdAt: d("2026-04-04T00:00:00Z") });
  await events(org, item.R.id, [
    { actor: user(analyst.id), action: "work_item.create", after: { stage: "intake" }, occurredAt: d("2026-04-04T00:00:00Z") },
    { actor: user(ownerA.id), action: "work_item.acceptance_decide", after: { decision: "approve", stage: "closed", resolution: "risk_accepted" }, occurredAt: d("2026-04-22T09:00:00Z") },
    { actor: { type: "system", id: null }, action: "work_item.acceptance_expire", after: { stage: "prioritisation", resolution: null, cycle: 2 }, occurredAt: d("2026-05-10T00:00:00Z") },
  ]);
  item.V = await createWorkItem(t.db, org, { ...base, number: 5, stage: "implementation", createdAt: d("2026-04-03T00:00:00Z") });
  await events(org, item.V.id, [{ actor: user(analyst.id), action: "work_item.create", after: { stage: "intake" }, occurredAt: d("2026-04-03T00:00:00Z") }]);
  await closedItem(other.org.id, { identityId: other.identity.id, resolution: "remediated", closedAt: d("2026-04-09T23:00:00Z") });
});

/** An item closed at `closedAt`, with the closing event the pack goes by. */
async function closedItem(orgId: string, over: Parameters<typeof createWorkItem>[2] & { resolution: Resolution; closedAt: Date }) {
  const row = await createWorkItem(t.db, orgId, { ...over, stage: "closed" });
  await events(orgId, row.id, [{ actor: { type: "system", id: null }, action: "work_item.close", after: { stage: "closed", resolution: over.resolution }, occurredAt: over.closedAt }]);
  return row;
}
afterAll(() => t?.close());

async function get(principal: Principal, query: string, slug = team.org.slug) {
  const headers = new Headers({ host: "console.test" });
  const token = (principal as { secret?: string }).secret;
  if (token) headers.set("authorization", `Bearer ${token}`);
  const req = new Request(`http://console.test/api/v1/evidence-pack?${token ? "" : `org=${slug}&`}${query}`, { headers });
  return runApi(req, { db: t.db, session: async () => (token ? null : (principal as Exclude<Principal, { kind: "token" }>)) }, {}, evidencePackOp);
}

async function pack(query = APRIL, who: Principal = team.as("executive")) {
  const res = await get(who, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return { res, body: (await res.json()) as EvidencePack };
}

const chainHead = async (orgId: string) => (await t.db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.organisationId, orgId)).orderBy(desc(auditEvents.seq)).limit(1))[0]!;

describe("evidence pack", () => {
  it("holds exactly the items closed in [from, to), oldest closure first", async () => {
    const { body } = await pack();
    expect(body.items.map((i) => i.key)).toEqual([itemKey(team.org.slug, 1), itemKey(team.org.slug, 2), itemKey(team.org.slug, 6)]);
    // Closed in April and reopened since: there, as it was closed then, and marked.
    expect(body.items[2]).toMatchObject({ resolution: "risk_accepted", closedAt: "2026-04-22T09:00:00.000Z", reopenedSince: true });
    expect(body.items[0]).toMatchObject({ reopenedSince: false });
    expect(body.period).toEqual({ from: "2026-04-01", to: "2026-05-01", fromInstant: "2026-04-01T00:00:00.000Z", toInstant: "2026-05-01T00:00:00.000Z" });
    expect(body.summary).toMatchObject({ itemsClosed: 3, byResolution: { remediated: 1, risk_accepted: 2, invalid: 0 }, acceptances: 1, acceptancesDecided: 1, decisions: 2, evidenceRecords: 3 });
    // March and May each hold their own boundary item.
    expect((await pack("from=2026-03-01&to=2026-04-01")).body.items.map((i) => i.number)).toEqual([3]);
    expect((await pack("from=2026-05-01&to=2026-06-01")).body.items.map((i) => i.number)).toEqual([4]);
  });

  it("gives a remediated item its people, its whole timeline with chain hashes, and its evidence hashes with corrections", async () => {
    const head = await chainHead(team.org.id);
    const { res, body } = await pack();
    const x = body.items[0]!;
    expect(x).toMatchObject({ title: "Rotate the deploy key", type: "secret_rotation", priority: "P1", resolution: "remediated", cycle: 1, regressed: false, raisedAt: "2026-04-02T08:00:00.000Z", closedAt: "2026-04-15T10:00:00.000Z" });
    expect(x.implementer).toBe(team.as("analyst").name);
    expect(x.verifier).toBe(team.as("lead").name);
    expect(x.timeline.map((e) => [e.actor, e.action, e.from, e.to])).toEqual([
      [team.as("analyst").name, "work_item.create", null, "intake"],
      ["system", "escalation.fire", null, null],
      [team.as("lead").name, "work_item.move", "intake", "prioritisation"],
      [team.as("lead").name, "work_item.assign", null, team.as("analyst").name],
      [team.as("analyst").name, "work_item.move", "implementation", "evidence"],
      [team.as("analyst").name, "evidence.add", null, null],
      [team.as("analyst").name, "work_item.comment", null, null],
      [team.as("lead").name, "work_item.verify", "closure", "closed (remediated)"],
    ]);
    expect(x.timeline[4]!.reason).toBe("Key rotated in the vault");
    expect(x.timeline[6]!.detail).toBe("Old key revoked too.");
    // Each event is the very row of the audit chain, up to the head announced in the header.
    const rows = await t.db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.entityId, x.id))).orderBy(auditEvents.seq);
    expect(x.timeline.map((e) => [e.seq, e.hash])).toEqual(rows.map((r) => [r.seq, r.hash]));
    expect(body.integrity.auditChainHead).toMatchObject(head);
    expect(res.headers.get("x-audit-chain-head")).toBe(`${head.seq}:${head.hash}`);
    expect(x.evidence.map((e) => [e.kind, e.fileName, e.sha256, e.createdBy])).toEqual([
      ["file", "vault.log", SHA_OLD, team.as("analyst").name],
      ["file", "vault-full.log", SHA_NEW, team.as("analyst").name],
      ["note", null, null, team.as("lead").name],
    ]);
    expect(x.evidence[0]!.supersededById).toBe(x.evidence[1]!.id);
    expect(x.evidence[1]!.supersedesId).toBe(x.evidence[0]!.id);
  });

  it("gives a risk-accepted item its acceptance: requester, accountable owner and every approver with their comment", async () => {
    const y = (await pack()).body.items[1]!;
    expect(y.verifier).toBeNull();
    expect(y.acceptances).toHaveLength(1);
    expect(y.acceptances[0]).toMatchObject({ status: "approved", requestedBy: team.as("analyst").name, accountableOwner: team.as("owner").name, approvalsRequired: 2 });
    expect(y.acceptances[0]!.decisions.map((x) => [x.decider, x.decision, x.comment])).toEqual([
      [team.as("owner").name, "approve", "Replacement is funded for Q3"],
      [team.as("owner", 1).name, "approve", "Agreed, with weekly log review"],
    ]);
    expect(y.timeline.map((e) => e.action)).toContain("work_item.acceptance_decide");
    expect(y.timeline.at(-1)).toMatchObject({ actor: team.as("owner", 1).name, to: "closed (risk_accepted)", detail: "approve, round 1" });
  });

  it("is itself recorded in the audit trail: who took which period, against which chain head", async () => {
    const before = await chainHead(team.org.id);
    const { body } = await pack(APRIL, team.as("lead"));
    expect(body.integrity.auditChainHead?.seq).toBe(before.seq);
    const [e] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.action, "evidence_pack.export"))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(e).toMatchObject({ actorType: "user", actorId: team.as("lead").id, entityType: "organisation", entityId: team.org.id, seq: before.seq + 1 });
    expect(e!.after).toEqual({ format: "json", groupBy: "item", from: "2026-04-01", to: "2026-05-01", items: 3, chainHeadSeq: before.seq, frameworkMappingVersion: null });
  });

  it("agrees between JSON and CSV, row for row", async () => {
    const { body } = await pack();
    const res = await get(team.as("lead"), `${APRIL}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${team.org.slug}-evidence-pack-2026-04-01-to-2026-05-01.csv"`);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual(["key", "title", "type", "priority", "resolution", "raised", "closed", "implementer", "verifier", "requester", "approvers", "evidence_count", "evidence_sha256", "regressed", "framework_refs"]);
    expect(rows.map((r) => r[0])).toEqual(body.items.map((i) => i.key));
    const byKey = Object.fromEntries(rows.map((r) => [r[0], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]));
    const x = byKey[itemKey(team.org.slug, 1)]!;
    expect(x).toMatchObject({ resolution: "remediated", closed: "2026-04-15T10:00:00.000Z", implementer: team.as("analyst").name, verifier: team.as("lead").name, evidence_count: "3", evidence_sha256: `${SHA_OLD}; ${SHA_NEW}`, regressed: "no", requester: "", approvers: "" });
    const y = byKey[itemKey(team.org.slug, 2)]!;
    expect(y).toMatchObject({ resolution: "risk_accepted", requester: team.as("analyst").name, approvers: `${team.as("owner").name}; ${team.as("owner", 1).name}`, evidence_count: "0", verifier: "" });
    // Each item's framework controls under the default mapping, as in the JSON.
    expect(x.framework_refs).toBe("nist-csf-2.0:PR.AA-01; owasp-nhi-2025:NHI7; csa-maestro:L4");
    for (const r of rows) expect(r[14]).toBe(body.items.find((i) => i.key === r[0])!.frameworkRefs.join("; "));
  });

  it("groups by framework control on request: per control the pack's items done, open again and accepted", async () => {
    const { body: plain } = await pack();
    expect(plain.frameworks).toBeUndefined();
    expect(plain.frameworkMappingVersion).toBeNull();
    expect(plain.items.map((i) => i.frameworkRefs)).toEqual([
      ["nist-csf-2.0:PR.AA-01", "owasp-nhi-2025:NHI7", "csa-maestro:L4"],
      ["nist-csf-2.0:ID.RA-01", "nist-csf-2.0:DE.CM-09", "owasp-nhi-2025:NHI2", "csa-maestro:L4"],
      ["nist-csf-2.0:PR.AA-01", "owasp-nhi-2025:NHI7", "csa-maestro:L4"],
    ]);
    const { body } = await pack(`${APRIL}&groupBy=framework`);
    expect(body.items).toEqual(plain.items);
    const [x, y, r] = [1, 2, 6].map((n) => itemKey(team.org.slug, n));
    const control = (fw: string, ref: string) => body.frameworks!.find((c) => c.framework === fw && c.ref === ref);
    // X remediated; Y risk accepted; R accepted in April but open again since its acceptance expired.
    expect(control("csa-maestro", "L4")).toMatchObject({ frameworkName: "CSA MAESTRO", title: "Deployment and Infrastructure", done: [x], open: [r], accepted: [y] });
    expect(control("owasp-nhi-2025", "NHI7")).toMatchObject({ done: [x], open: [r], accepted: [] });
    expect(control("owasp-nhi-2025", "NHI2")).toMatchObject({ done: [], open: [], accepted: [y] });
    expect(control("owasp-nhi-2025", "NHI1")).toMatchObject({ done: [], open: [], accepted: [] });
    expect(body.frameworks).toHaveLength(27);
    // The CSV is the same with or without grouping.
    const csv = async (q: string) => (await get(team.as("lead"), q)).text();
    expect(await csv(`${APRIL}&format=csv&groupBy=framework`)).toBe(await csv(`${APRIL}&format=csv`));
    expect((await get(team.as("lead"), `${APRIL}&groupBy=controls`)).status).toBe(422);
  });

  it("maps by the organisation's active framework mapping, and says which version", async () => {
    const tm = await createTeam(t.db);
    await createPolicyVersion(t.db, tm.org.id, "frameworks", {
      frameworks: [{ id: "internal", name: "Internal", version: "1", controls: [{ ref: "IC-1", title: "Revocations" }, { ref: "IC-2", title: "Unused" }] }],
      mappings: [{ match: { type: ["revocation"] }, refs: ["internal:IC-1"] }],
    }, "active", 3);
    await closedItem(tm.org.id, { type: "revocation", number: 1, resolution: "remediated", closedAt: d("2026-04-09T00:00:00Z") });
    await closedItem(tm.org.id, { type: "secret_rotation", number: 2, resolution: "remediated", closedAt: d("2026-04-10T00:00:00Z") });
    const res = await get(tm.as("owner"), `${APRIL}&groupBy=framework`, tm.org.slug);
    const body = (await res.json()) as EvidencePack;
    expect(body.frameworkMappingVersion).toBe(3);
    expect(body.items.map((i) => i.frameworkRefs)).toEqual([["internal:IC-1"], []]);
    expect(body.frameworks).toEqual([
      { framework: "internal", frameworkName: "Internal", ref: "IC-1", title: "Revocations", done: [itemKey(tm.org.slug, 1)], open: [], accepted: [] },
      { framework: "internal", frameworkName: "Internal", ref: "IC-2", title: "Unused", done: [], open: [], accepted: [] },
    ]);
  });

  it("streams a pack larger than one batch whole, in JSON and CSV, and pages the same items by keyset", async () => {
    const org = team.org.id;
    const closedAt = (i: number) => new Date(Date.UTC(2026, 1, 1 + (i % 27), 12, 0, 0, i));
    const rows = await t.db.insert(workItems).values(Array.from({ length: 150 }, (_, i) => ({ organisationId: org, number: 1000 + i, type: "revocation" as const, title: `Revoke grant ${i}`, stage: "closed" as const, resolution: "remediated" as const, closedAt: closedAt(i) }))).returning();
    await t.db.transaction(async (tx) => {
      for (const [i, r] of rows.entries()) await recordAudit(tx, { organisationId: org, actor: { type: "system", id: null }, entityType: "work_item", entityId: r.id, action: "work_item.verify", after: { stage: "closed", resolution: "remediated" }, occurredAt: closedAt(i) });
    });
    const { body } = await pack("from=2026-02-01&to=2026-03-01");
    expect(body.items).toHaveLength(150);
    expect(new Set(body.items.map((i) => i.number)).size).toBe(150);
    const csv = parseCsv(await (await get(team.as("owner"), "from=2026-02-01&to=2026-03-01&format=csv")).text());
    expect(csv.slice(1).map((r) => r[0])).toEqual(body.items.map((i) => i.key));
    // Batches of 7, each in its own transaction, list the same items in the same order.
    const bounds = { orgId: org, from: d("2026-02-01T00:00:00Z"), to: d("2026-03-01T00:00:00Z"), headSeq: body.integrity.auditChainHead!.seq };
    const paged: number[] = [];
    for await (const batch of packBatches((fn) => withTenant(t.db, org, null, fn), { ...bounds, after: null, batchSize: 7 })) paged.push(...batch.map((i) => i.number));
    expect(paged).toEqual(body.items.map((i) => i.number));
    const whole = await withTenant(t.db, org, null, (tx) => packBatch(tx, { ...bounds, after: null, limit: 500 }));
    expect(whole.items.map((i) => i.number)).toEqual(paged);
  });

  it("is for leads, owners, executives and items:read tokens; analysts are refused with the pack's own code", async () => {
    expect((await get(team.as("executive"), APRIL)).status).toBe(200);
    expect((await get(team.as("owner"), APRIL)).status).toBe(200);
    expect((await get(await team.token(["items:read"]), APRIL)).status).toBe(200);
    const refused = await get(team.as("analyst"), APRIL);
    expect(refused.status).toBe(403);
    const err = ((await refused.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe("forbidden:evidence_pack.export");
    expect(err.message).toMatch(/lead, a programme owner or an executive/);
    const [denial] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.action, "access.denied"))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(denial).toMatchObject({ actorId: team.as("analyst").id, after: { code: "forbidden:evidence_pack.export" } });
    // Another organisation's member sees nothing of this one.
    const stranger = await get(other.as("executive"), APRIL);
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { error: { code: string } }).error.code).toBe("forbidden:organisation");
  });

  it("refuses half a period or one that ends before it starts, and defaults to the last full month", async () => {
    const half = await get(team.as("lead"), "from=2026-04-01");
    expect(half.status).toBe(422);
    const backwards = await get(team.as("lead"), "from=2026-05-01&to=2026-04-01");
    expect(backwards.status).toBe(422);
    expect(((await backwards.json()) as { error: { message: string } }).error.message).toMatch(/end after it starts/);
    expect((await get(team.as("lead"), "from=2026-02-30&to=2026-04-01")).status).toBe(422);
    const { body } = await pack("");
    expect(body.period).toMatchObject(lastFullMonth(new Date(), "UTC"));
  });

  it("reads the period's days in the organisation's time zone", async () => {
    expect(lastFullMonth(d("2026-03-01T00:30:00Z"), "Europe/Berlin")).toEqual({ from: "2026-02-01", to: "2026-03-01" }); // 01:30 on 1 March in Berlin
    expect(lastFullMonth(d("2026-03-01T00:30:00Z"), "America/New_York")).toEqual({ from: "2026-01-01", to: "2026-02-01" }); // still 28 Feb there
    expect(periodBounds({ from: "2026-04-01", to: "2026-05-01" }, "Europe/Berlin")).toEqual({ from: d("2026-03-31T22:00:00Z"), to: d("2026-04-30T22:00:00Z") });
    expect(resolvePeriod({ from: "2026-04-01", to: "2026-04-01" }, new Date(), "UTC").ok).toBe(false);
    await t.db.update(organisations).set({ timeZone: "Europe/Berlin" }).where(eq(organisations.id, other.org.id));
    const res = await get(other.as("lead"), "from=2026-04-10&to=2026-04-11", other.org.slug);
    // Closed at 23:00 UTC on 9 April = 01:00 on 10 April in Berlin: inside 10 April there (not in UTC).
    expect(((await res.json()) as EvidencePack).items).toHaveLength(1);
  });
});
