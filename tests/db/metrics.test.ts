// The programme's figures (SPEC §9) on a small dataset whose answers are worked out by hand below, including a
// median and p90 over an even count, an empty period, and time held by the client. The SQL (lib/queries/metrics.ts)
// and the definitions (lib/domain/metrics.ts) must both give them; the API answers the same.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, riskAcceptances, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { metricsSummary } from "@/lib/queries/metrics";
import { metricsSummaryOp } from "@/lib/api/metrics";
import { runApi } from "@/lib/api/handler";
import { ageBucket, closureTimes, percentile, remediationOutcome, REVOCATION_TYPES, slaCompliance, weekStart, type ClosedItem } from "@/lib/domain/metrics";
import { openTestDb, type TestDb } from "../helpers/db";
import { createIdentity, createUser } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

const H = 3_600_000;
const DAY = 24 * H;
const NOW = new Date("2026-11-24T12:00:00Z");
const FROM = new Date("2026-11-01T00:00:00Z");
const TO = new Date("2026-11-24T00:00:00Z");
const at = (iso: string) => new Date(iso);

let t: TestDb;
let tm: Team;
let n = 0;

/** Four revocations closed in November after 10, 20, 30 and 100 hours; one rotation after 48 hours. */
const CLOSED: (ClosedItem & { resolution: string; providerS?: number; clientS?: number })[] = [
  { type: "revocation", resolution: "remediated", createdAt: at("2026-11-02T00:00:00Z"), closedAt: at("2026-11-02T10:00:00Z"), breached: false, providerS: 10 * 3600 },
  { type: "revocation", resolution: "remediated", createdAt: at("2026-11-03T00:00:00Z"), closedAt: at("2026-11-03T20:00:00Z"), breached: false, providerS: 12 * 3600, clientS: 8 * 3600 },
  { type: "privileged_offboarding", resolution: "remediated", createdAt: at("2026-11-10T00:00:00Z"), closedAt: at("2026-11-11T06:00:00Z"), breached: true, providerS: 30 * 3600 },
  { type: "revocation", resolution: "remediated", createdAt: at("2026-11-12T00:00:00Z"), closedAt: at("2026-11-16T04:00:00Z"), breached: true, providerS: 60 * 3600, clientS: 40 * 3600 },
  { type: "secret_rotation", resolution: "remediated", createdAt: at("2026-11-05T00:00:00Z"), closedAt: at("2026-11-07T00:00:00Z"), breached: false, providerS: 48 * 3600 },
  // Closed in the period but not remediated: counts for SLA compliance, not for revocation time.
  { type: "revocation", resolution: "cancelled", createdAt: at("2026-11-20T00:00:00Z"), closedAt: at("2026-11-20T01:00:00Z"), breached: null },
  // Closed before the period: counts for nothing in it.
  { type: "revocation", resolution: "remediated", createdAt: at("2026-10-01T00:00:00Z"), closedAt: at("2026-10-30T00:00:00Z"), breached: true },
];

beforeAll(async () => {
  t = await openTestDb();
  tm = await createTeam(t.db);
  const org = tm.org.id;
  const sla = { policyVersion: 1, clocks: [] };
  const row = (over: Partial<typeof workItems.$inferInsert>) => ({ organisationId: org, number: ++n, title: `Item ${n}`, ...over }) as typeof workItems.$inferInsert;
  await t.db.insert(workItems).values(
    CLOSED.map((c) =>
      row({
        type: c.type as never,
        stage: "closed",
        resolution: c.resolution as never,
        createdAt: c.createdAt,
        closedAt: c.closedAt,
        sla: c.breached === null ? null : sla,
        slaBreached: c.breached === true,
        providerSeconds: c.providerS ?? 0,
        clientSeconds: c.clientS ?? 0,
      }),
    ),
  );
  // Open work: ages 2, 10, 45 and 200 days; one breached, one at risk.
  await t.db.insert(workItems).values([
    row({ type: "revocation", stage: "intake", priority: "P1", createdAt: new Date(NOW.getTime() - 2 * DAY), slaBreached: true }),
    row({ type: "secret_rotation", stage: "implementation", priority: "P2", createdAt: new Date(NOW.getTime() - 10 * DAY), slaAtRiskAt: new Date(NOW.getTime() - H) }),
    row({ type: "secret_rotation", stage: "implementation", priority: "P3", createdAt: new Date(NOW.getTime() - 45 * DAY), slaAtRiskAt: new Date(NOW.getTime() + DAY) }),
    row({ type: "access_review", stage: "intake", priority: "P3", createdAt: new Date(NOW.getTime() - 200 * DAY) }),
  ]);
  // One regression in the period, one before it.
  const [again] = await t.db.select({ id: workItems.id }).from(workItems).where(eq(workItems.organisationId, org)).limit(1);
  await t.db.insert(auditEvents).values([
    { organisationId: org, actorType: "system", action: "work_item.regress", entityType: "work_item", entityId: again!.id, occurredAt: at("2026-11-15T00:00:00Z") },
    { organisationId: org, actorType: "user", action: "work_item.reopen", entityType: "work_item", entityId: again!.id, after: { regressed: true }, occurredAt: at("2026-10-15T00:00:00Z") },
    { organisationId: org, actorType: "user", action: "work_item.reopen", entityType: "work_item", entityId: again!.id, after: { regressed: false }, occurredAt: at("2026-11-16T00:00:00Z") },
  ]);
  // Exceptions: one active expiring in 10 days (renewed twice), one active in 60 days, one expired on an open item.
  const owner = (await createUser(t.db, { memberships: [[org, "owner"]] })).id;
  const [open] = await t.db.insert(workItems).values(row({ type: "exception_review", stage: "prioritisation", createdAt: at("2026-11-18T00:00:00Z") })).returning();
  const accepted = { type: "exception_review", stage: "closed", resolution: "risk_accepted", createdAt: at("2026-08-01T00:00:00Z"), closedAt: at("2026-09-01T00:00:00Z") } as const;
  const [closedA] = await t.db.insert(workItems).values(row(accepted)).returning();
  const [closedB] = await t.db.insert(workItems).values(row(accepted)).returning();
  const acc = (itemId: string, status: "approved" | "expired", expiresAt: Date, renewals = 0) => ({
    organisationId: org, workItemId: itemId, itemCycle: 1, status, justification: "j", treatment: "accept" as const, compensatingControls: "c",
    accountableOwnerId: owner, requestedAt: at("2026-08-01T00:00:00Z"), originalExpiresAt: expiresAt, expiresAt, approvalsRequired: 1, roundRequestedAt: at("2026-08-01T00:00:00Z"), renewals,
  });
  await t.db.insert(riskAcceptances).values([acc(closedA!.id, "approved", new Date(NOW.getTime() + 10 * DAY), 2), acc(closedB!.id, "approved", new Date(NOW.getTime() + 60 * DAY)), acc(open!.id, "expired", new Date(NOW.getTime() - DAY))]);
  // Identities: the team's (orphaned), an orphaned credential held by another (not counted), a privileged admin,
  // a key overdue for rotation, and a disabled privileged account (not standing).
  const holder = await createIdentity(t.db, org, { ownerName: "Ops" });
  await createIdentity(t.db, org, { kind: "api_key", parentId: holder.id });
  await createIdentity(t.db, org, { kind: "human", ownerName: "Ann", privileged: true });
  await createIdentity(t.db, org, { kind: "api_key", ownerName: "Ops", rotationPeriodDays: 30, lastRotatedAt: new Date(NOW.getTime() - 31 * DAY) });
  await createIdentity(t.db, org, { kind: "human", ownerName: "Bob", privileged: true, status: "disabled" });
});
afterAll(() => t?.close());

const summary = (from = FROM, to = TO) => withTenant(t.db, tm.org.id, null, (tx) => metricsSummary(tx, { orgId: tm.org.id, from, to, now: NOW }));

describe("the programme's figures", () => {
  it("count revocation time as creation to verified closure: median and p90 over an even count, by week", async () => {
    // Hours: 10, 20, 30, 100 → median (20 + 30) / 2 = 25; p90 at rank 0.9 × 3 = 2.7 → 30 + 0.7 × 70 = 79.
    expect(percentile([10, 20, 30, 100], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 100], 0.9)).toBeCloseTo(79, 10);
    const m = await summary();
    expect(m.revocationTime).toMatchObject({ count: 4, medianHours: 25 });
    expect(m.revocationTime.p90Hours).toBeCloseTo(79, 6);
    expect(closureTimes(CLOSED, REVOCATION_TYPES, FROM, TO)).toMatchObject({ count: 4, medianHours: 25 });
    // Weeks (Monday, UTC): 2 Nov → [10, 20]; 9 Nov → [30]; 16 Nov → [100].
    expect(["2026-11-02T10:00:00Z", "2026-11-08T23:59:00Z", "2026-11-11T06:00:00Z", "2026-11-16T04:00:00Z"].map((s) => weekStart(at(s)).toISOString().slice(0, 10))).toEqual([
      "2026-11-02",
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
    ]);
    expect(m.revocationTime.weekly).toEqual([
      { week: "2026-11-02", count: 2, medianHours: 15, p90Hours: 19 },
      { week: "2026-11-09", count: 1, medianHours: 30, p90Hours: 30 },
      { week: "2026-11-16", count: 1, medianHours: 100, p90Hours: 100 },
    ]);
    expect(m.rotationTime).toMatchObject({ count: 1, medianHours: 48, p90Hours: 48 });
  });

  it("give SLA compliance of what closed in the period, and what is at risk or breached now", async () => {
    const m = await summary();
    // Closed in November with an SLA: 5 (the cancelled one had none); within target: 3.
    expect(m.sla).toEqual({ atRisk: 1, breached: 1, closedInPeriod: 5, closedWithinTarget: 3, compliance: 0.6 });
    expect(slaCompliance(CLOSED, FROM, TO)).toEqual({ within: 3, total: 5, share: 0.6 });
  });

  it("break the open backlog down by stage, priority, type and age", async () => {
    const { backlog } = await summary();
    expect(backlog.total).toBe(5); // four open items and the open exception review
    expect(backlog.byAge).toEqual({ "0-7d": 2, "8-30d": 1, "31-90d": 1, "90d+": 1 });
    expect([2, 7, 8, 10, 30, 31, 45, 90, 91, 200].map((days) => ageBucket(new Date(NOW.getTime() - days * DAY), NOW))).toEqual([
      "0-7d", "0-7d", "8-30d", "8-30d", "8-30d", "31-90d", "31-90d", "31-90d", "90d+", "90d+",
    ]);
    expect(backlog.byStage).toEqual({ intake: 2, implementation: 2, prioritisation: 1 });
    expect(backlog.byType).toEqual({ revocation: 1, secret_rotation: 2, access_review: 1, exception_review: 1 });
  });

  it("count exceptions, identity hygiene, time held by each party, and verified against regressed remediation", async () => {
    const m = await summary();
    expect(m.exceptions).toEqual({ active: 2, expiringWithin30Days: 1, expiredAwaitingDecision: 1, renewals: 2 });
    expect(m.identities).toEqual({ orphaned: 1, standingPrivileged: 1, rotationOverdue: 1 });
    // Provider 10+12+30+60+48 = 160 h, client 8+40 = 48 h over the 6 items closed in the period.
    expect(m.waiting).toEqual({ items: 6, providerHours: 160, clientHours: 48, thirdPartyHours: 0 });
    expect(m.remediation).toEqual({ verified: 5, regressed: 1 });
    expect(remediationOutcome(CLOSED, [at("2026-11-15T00:00:00Z"), at("2026-10-15T00:00:00Z")], FROM, TO)).toEqual({ verified: 5, regressed: 1 });
  });

  it("trace the backlog week by week: raised, closed, compliance of what closed, and open at the week's end", async () => {
    const { trend } = await summary();
    // Weeks overlapping 1–23 November, up to now (Tuesday 24 November): Monday 26 October to Monday 23 November.
    // Open at each week's end, walked back from the 5 open now: the week of 16 Nov raised 3 (the cancelled revocation,
    // the P1 revocation, the exception review) and closed 2, so 4 were open on 15 Nov; the week of 9 Nov raised 3 and
    // closed 1 → 2 open on 8 Nov (the items raised 45 and 200 days ago); the week of 2 Nov raised 3 and closed 3 → 2.
    expect(trend).toEqual([
      { week: "2026-10-26", created: 0, closed: 1, closedWithSla: 1, closedWithinTarget: 0, openAtEnd: 2 },
      { week: "2026-11-02", created: 3, closed: 3, closedWithSla: 3, closedWithinTarget: 3, openAtEnd: 2 },
      { week: "2026-11-09", created: 3, closed: 1, closedWithSla: 1, closedWithinTarget: 0, openAtEnd: 4 },
      { week: "2026-11-16", created: 3, closed: 2, closedWithSla: 1, closedWithinTarget: 0, openAtEnd: 5 },
      { week: "2026-11-23", created: 0, closed: 0, closedWithSla: 0, closedWithinTarget: 0, openAtEnd: 5 },
    ]);
    // A period in the past ends its trend at its own last week, walked back from now all the same.
    const october = await summary(at("2026-10-26T00:00:00Z"), at("2026-11-02T00:00:00Z"));
    expect(october.trend).toEqual([trend[0]]);
  });

  it("says nothing happened in an empty period", async () => {
    const m = await summary(at("2025-01-01T00:00:00Z"), at("2025-02-01T00:00:00Z"));
    expect(m.revocationTime).toEqual({ count: 0, medianHours: null, p90Hours: null, weekly: [] });
    expect(m.sla.compliance).toBeNull();
    expect(m.remediation).toEqual({ verified: 0, regressed: 0 });
  });

  it("answers the same through the API, for the token's organisation", async () => {
    const token = await tm.token(["items:read"]);
    const res = await runApi(
      new Request("http://console.test/api/v1/metrics/summary?from=2026-11-01&to=2026-11-24", { headers: { authorization: `Bearer ${token.secret}` } }),
      { db: t.db, session: async () => null },
      {},
      metricsSummaryOp,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Awaited<ReturnType<typeof summary>>;
    const direct = await summary();
    expect(body.revocationTime).toEqual(direct.revocationTime);
    expect(body.sla.compliance).toBe(0.6);
    expect(body.remediation).toEqual(direct.remediation);
  });
});
