// The programme's figures (SPEC §9, docs/metrics.md) on items driven through the real workflow under a controlled
// clock: created, moved stage by stage, handed to the client and back, evidenced and verified by the app's own
// mutations (performMutation's last argument is the instant each change happens). So the SLA clocks, the time each
// party held an item (provider_seconds / client_seconds) and the closure all come from the code under test, not from
// columns set by hand as in tests/db/metrics.test.ts. Answers are worked out by hand in the comments; the definitions
// (lib/domain/metrics.ts) must give the same as the SQL (lib/queries/metrics.ts).
//
// Every item is a revocation of a T1 identity at critical severity, so its computed priority is P1, whose goal in the
// default SLA policy (lib/seed/policies.ts) is "P1: around the clock": response 1 h and resolution 24 h, both on the
// 24x7 calendar (at risk at 75 %: 18 h of resolution). Business hours, weekends and holidays therefore play no part;
// every hour below counts. The resolution clock pauses while the item waits on the client (lib/domain/sla/clock.ts).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { addEvidence, createWorkItem, handOver, moveWorkItem } from "@/lib/actions/work-items";
import type { Principal } from "@/lib/auth/principal";
import { metricsSummary } from "@/lib/queries/metrics";
import { closureTimes, percentile, REVOCATION_TYPES, slaCompliance, type ClosedItem } from "@/lib/domain/metrics";
import { readClock } from "@/lib/domain/sla/clock";
import { targetFor } from "@/lib/domain/sla/policy";
import { defaultSlaPolicy } from "@/lib/seed/policies";
import { openTestDb, type TestDb } from "../helpers/db";
import { createIdentity } from "../helpers/factories";
import { createTeamWithPolicies, performOk, type Team } from "../helpers/team";

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const plus = (t0: Date, hours: number) => new Date(t0.getTime() + hours * H);
const UTC_24X7 = { kind: "24x7", timeZone: "UTC" } as const;

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

const row = async (id: string) => (await t.db.select().from(workItems).where(eq(workItems.id, id)))[0]!;

/** The app's own steps on one item, each at a given instant (the analyst implements; a lead verifies). */
function driver(tm: Team) {
  const analyst = tm.as("analyst");
  const move = async (id: string, to: string, when: Date, who: Principal = analyst, extra: object = {}) =>
    performOk(t.db, tm, who, moveWorkItem, { id, to: to as never, version: (await row(id)).version, ...extra }, when);
  return {
    /** A revocation of its own T1 identity at critical severity: computed priority P1. */
    async raise(title: string, when: Date) {
      const identity = await createIdentity(t.db, tm.org.id, { tier: "T1", ownerName: "Identity team" });
      const { id } = await performOk(t.db, tm, analyst, createWorkItem, { type: "revocation", title, description: "", severity: "critical", identityId: identity.id }, when);
      return id;
    },
    move,
    async handTo(id: string, waitingOn: "client" | "provider", reason: string, when: Date, who: Principal = analyst) {
      await performOk(t.db, tm, who, handOver, { id, version: (await row(id)).version, waitingOn, reason }, when);
    },
    async evidence(id: string, when: Date) {
      await performOk(t.db, tm, analyst, addEvidence, { id, kind: "note", summary: "Account disabled; sign-in attempt refused." }, when);
    },
    /** Closed as remediated by a lead, who did not implement it (the verifier ≠ implementer rule). */
    async verify(id: string, when: Date) {
      await move(id, "closed", when, tm.as("lead"), { resolution: "remediated" });
    },
  };
}

const resolutionClock = (r: typeof workItems.$inferSelect) => r.sla!.clocks.find((c) => c.clock === "resolution")!;

describe("the figures on items driven through the workflow with a controlled clock", () => {
  it("reads P1 revocation targets from the default policy: 1 h response and 24 h resolution, both around the clock", () => {
    const policy = defaultSlaPolicy("UTC");
    const item = { priority: "P1", type: "revocation" } as const;
    expect(targetFor(policy, item, "response")).toMatchObject({ ms: H, calendarName: "24x7", goal: "P1: around the clock" });
    expect(targetFor(policy, item, "resolution")).toMatchObject({ ms: 24 * H, calendarName: "24x7", goal: "P1: around the clock" });
    expect(policy.atRiskShare).toBe(0.75);
  });

  it("counts a client pause out of the SLA but not out of revocation time, and gives each party its hours", async () => {
    const tm = await createTeamWithPolicies(t.db);
    const d = driver(tm);
    const owner = tm.as("owner");

    // Item A, raised T0 = Mon 5 Oct 2026 08:00 UTC.
    //   T0+0.25 h prioritisation, T0+0.5 h validation (response clock stops: 0.5 h ≤ 1 h, met), T0+1 h implementation.
    //   T0+2 h   the analyst hands it to the client (resolution clock pauses after 2 h of running time).
    //   T0+32 h  the client's owner hands it back (a 30 h pause: had the clock kept running it would have breached
    //            at T0+24 h).
    //   T0+40 h evidence stage, T0+40.5 h evidence attached, T0+41 h closure, T1 = T0+42 h (Wed 7 Oct 02:00) verified.
    // Resolution running time: 2 h + (42 − 32) h = 12 h ≤ 24 h → within target, although 42 h passed in all.
    // Ball in court: provider 2 h + 10 h = 12 h (43,200 s), client 30 h (108,000 s), third party 0.
    // Revocation time (creation to verified closure, docs/metrics.md: the pause is not subtracted): 42 h.
    const T0 = at("2026-10-05T08:00:00Z");
    const T1 = plus(T0, 42);
    const a = await d.raise("Revoke the departed contractor's admin account", T0);
    await d.move(a, "prioritisation", plus(T0, 0.25));
    await d.move(a, "validation", plus(T0, 0.5));
    await d.move(a, "implementation", plus(T0, 1));
    await d.handTo(a, "client", "The client's owner must confirm the account can go.", plus(T0, 2));
    let ra = await row(a);
    expect(ra).toMatchObject({ priority: "P1", waitingOn: "client", providerSeconds: 2 * 3600, clientSeconds: 0 });
    expect(resolutionClock(ra)).toMatchObject({ mode: "paused", elapsedMs: 2 * H, targetMs: 24 * H });
    await d.handTo(a, "provider", "Confirmed: remove it.", plus(T0, 32), owner);
    await d.move(a, "evidence", plus(T0, 40));
    await d.evidence(a, plus(T0, 40.5));
    await d.move(a, "closure", plus(T0, 41));
    await d.verify(a, T1);

    // Item B, raised T0' = Mon 12 Oct 2026 08:00 UTC, never paused. Validation after 0.5 h (response met), implementation
    // at +1 h, evidence at +20 h, closure at +21 h (resolution 21 h: at risk, not yet breached, when last recomputed
    // before closing), verified at T1' = T0' + 30 h (Tue 13 Oct 14:00): 30 h > 24 h → breached, noticed only by the
    // closing change itself. Provider 30 h (108,000 s), client 0. Revocation time 30 h.
    const U0 = at("2026-10-12T08:00:00Z");
    const U1 = plus(U0, 30);
    const b = await d.raise("Revoke the leaver's VPN certificate", U0);
    await d.move(b, "prioritisation", plus(U0, 0.25));
    await d.move(b, "validation", plus(U0, 0.5));
    await d.move(b, "implementation", plus(U0, 1));
    await d.move(b, "evidence", plus(U0, 20));
    await d.evidence(b, plus(U0, 20.5));
    await d.move(b, "closure", plus(U0, 21));
    const beforeClose = await row(b);
    expect(beforeClose.slaBreached).toBe(false);
    expect(resolutionClock(beforeClose)).toMatchObject({ mode: "running", elapsedMs: 21 * H }); // past 75 % of 24 h = 18 h
    await d.verify(b, U1);

    // What the workflow stored: the figures are built from these columns.
    ra = await row(a);
    const rb = await row(b);
    expect(ra).toMatchObject({ stage: "closed", resolution: "remediated", createdAt: T0, closedAt: T1, slaBreached: false, providerSeconds: 12 * 3600, clientSeconds: 30 * 3600, thirdPartySeconds: 0 });
    expect(resolutionClock(ra)).toMatchObject({ mode: "stopped", elapsedMs: 12 * H, breachedAt: null });
    expect(rb).toMatchObject({ stage: "closed", resolution: "remediated", createdAt: U0, closedAt: U1, slaBreached: true, providerSeconds: 30 * 3600, clientSeconds: 0, thirdPartySeconds: 0 });
    expect(resolutionClock(rb)).toMatchObject({ mode: "stopped", elapsedMs: 30 * H, breachedAt: plus(U0, 24).getTime() });

    // The clock's definition on A by itself: with the pause it met its target; the same span unpaused would have breached.
    const aCycle = { start: T0.getTime(), stop: T1.getTime(), pauses: [[plus(T0, 2).getTime(), plus(T0, 32).getTime()]] as [number, number | null][] };
    expect(readClock(aCycle, 24 * H, UTC_24X7, T1.getTime())).toMatchObject({ state: "met", elapsedMs: 12 * H });
    expect(readClock({ ...aCycle, pauses: [] }, 24 * H, UTC_24X7, T1.getTime())).toMatchObject({ state: "breached", elapsedMs: 42 * H });

    // The period: 1–22 October (to = 23 October, exclusive); now = Thu 22 Oct 12:00.
    const FROM = at("2026-10-01T00:00:00Z");
    const TO = at("2026-10-23T00:00:00Z");
    const NOW = at("2026-10-22T12:00:00Z");
    const summary = (from = FROM, to = TO) => withTenant(t.db, tm.org.id, null, (tx) => metricsSummary(tx, { orgId: tm.org.id, from, to, now: NOW }));
    const CLOSED: ClosedItem[] = [
      { type: "revocation", resolution: "remediated", createdAt: T0, closedAt: T1, breached: false },
      { type: "revocation", resolution: "remediated", createdAt: U0, closedAt: U1, breached: true },
    ];
    const m = await summary();

    // SLA compliance: 2 closed with an SLA, A within target (its pause excluded), B not → 1 / 2 = 0.5. Nothing open.
    expect(m.sla).toEqual({ atRisk: 0, breached: 0, closedInPeriod: 2, closedWithinTarget: 1, compliance: 0.5 });
    expect(slaCompliance(CLOSED, FROM, TO)).toEqual({ within: 1, total: 2, share: 0.5 });

    // Revocation time over [30, 42] h (even count, percentile_cont): median (30 + 42) / 2 = 36;
    // p90 at rank 0.9 × (2 − 1) = 0.9 → 30 + 0.9 × (42 − 30) = 40.8. Weeks by closure (Monday, UTC): A closed Wed 7 Oct
    // → week of 5 Oct, [42]; B closed Tue 13 Oct → week of 12 Oct, [30].
    expect(percentile([42, 30], 0.5)).toBe(36);
    expect(percentile([42, 30], 0.9)).toBeCloseTo(40.8, 10);
    expect(closureTimes(CLOSED, REVOCATION_TYPES, FROM, TO)).toMatchObject({ count: 2, medianHours: 36 });
    expect(closureTimes(CLOSED, REVOCATION_TYPES, FROM, TO).p90Hours).toBeCloseTo(40.8, 10);
    expect(m.revocationTime).toMatchObject({ count: 2, medianHours: 36 });
    expect(m.revocationTime.p90Hours).toBeCloseTo(40.8, 6);
    expect(m.revocationTime.weekly).toEqual([
      { week: "2026-10-05", count: 1, medianHours: 42, p90Hours: 42 },
      { week: "2026-10-12", count: 1, medianHours: 30, p90Hours: 30 },
    ]);
    expect(m.rotationTime).toEqual({ count: 0, medianHours: null, p90Hours: null, weekly: [] });

    // Time held by each party over the 2 closed items: provider 12 + 30 = 42 h, client 30 h (all A's pause), third party 0.
    expect(m.waiting).toEqual({ items: 2, providerHours: 42, clientHours: 30, thirdPartyHours: 0 });
    expect(m.remediation).toEqual({ verified: 2, regressed: 0 });
    expect(m.backlog).toMatchObject({ total: 0, byAge: {} });

    // Weeks from Mon 28 Sep to the week of now (19 Oct): A raised and closed in the week of 5 Oct (within target),
    // B in the week of 12 Oct (breached); walked back from 0 open now, 0 open at every week's end.
    expect(m.trend).toEqual([
      { week: "2026-09-28", created: 0, closed: 0, closedWithSla: 0, closedWithinTarget: 0, openAtEnd: 0 },
      { week: "2026-10-05", created: 1, closed: 1, closedWithSla: 1, closedWithinTarget: 1, openAtEnd: 0 },
      { week: "2026-10-12", created: 1, closed: 1, closedWithSla: 1, closedWithinTarget: 0, openAtEnd: 0 },
      { week: "2026-10-19", created: 0, closed: 0, closedWithSla: 0, closedWithinTarget: 0, openAtEnd: 0 },
    ]);

    // A period with part-days at both edges, 6 Oct 12:00 – 13 Oct 15:00: A (closed 7 Oct 02:00) is read from the
    // per-day rollup, B (closed 13 Oct 14:00) from the items of the last part-day. The same answers.
    const edged = await summary(at("2026-10-06T12:00:00Z"), at("2026-10-13T15:00:00Z"));
    expect(edged.sla).toMatchObject({ closedInPeriod: 2, closedWithinTarget: 1, compliance: 0.5 });
    expect(edged.waiting).toEqual(m.waiting);
    expect(edged.revocationTime).toMatchObject({ count: 2, medianHours: 36 });

    // Ending at B's closing instant (exclusive) leaves B out: A alone, within target, 42 h, its own 12 h and 30 h.
    const before = { from: at("2026-10-06T12:00:00Z"), to: U1 };
    const onlyA = await summary(before.from, before.to);
    expect(onlyA.sla).toMatchObject({ closedInPeriod: 1, closedWithinTarget: 1, compliance: 1 });
    expect(slaCompliance(CLOSED, before.from, before.to)).toEqual({ within: 1, total: 1, share: 1 });
    expect(onlyA.revocationTime).toMatchObject({ count: 1, medianHours: 42, p90Hours: 42 });
    expect(closureTimes(CLOSED, REVOCATION_TYPES, before.from, before.to)).toMatchObject({ count: 1, medianHours: 42, p90Hours: 42 });
    expect(onlyA.waiting).toEqual({ items: 1, providerHours: 12, clientHours: 30, thirdPartyHours: 0 });
  });

  it("does not count an open item as breached while it waits on the client, and counts it at risk once past the share", async () => {
    const tm = await createTeamWithPolicies(t.db);
    const d = driver(tm);
    const NOW = at("2026-10-22T12:00:00Z");

    // Item C, raised Tue 20 Oct 00:00 (60 h before now): validation at +0.5 h (response met), handed to the client at
    // +10 h and still waiting now. Resolution running time 10 h < 18 h (at-risk share) < 24 h: neither at risk nor
    // breached, although 60 h have passed since it was raised.
    const c0 = at("2026-10-20T00:00:00Z");
    const c = await d.raise("Revoke the shared break-glass login", c0);
    await d.move(c, "prioritisation", plus(c0, 0.25));
    await d.move(c, "validation", plus(c0, 0.5));
    await d.handTo(c, "client", "Waiting for the client to name a replacement owner.", plus(c0, 10));

    // Item D, raised Wed 21 Oct 00:00 (36 h before now): validation at +0.5 h, handed to the client at +20 h. Running
    // time 20 h: past 75 % of 24 h (18 h), short of 24 h. docs/metrics.md: at risk = "crossed its at-risk share but
    // not its target", which a paused clock does too (it stays at 20 h): at risk now, not breached.
    const d0 = at("2026-10-21T00:00:00Z");
    const dd = await d.raise("Revoke the old CI deploy user", d0);
    await d.move(dd, "prioritisation", plus(d0, 0.25));
    await d.move(dd, "validation", plus(d0, 0.5));
    await d.handTo(dd, "client", "Waiting for the client's change window.", plus(d0, 20));

    const rc = await row(c);
    const rd = await row(dd);
    expect(resolutionClock(rc)).toMatchObject({ mode: "paused", elapsedMs: 10 * H });
    expect(rc).toMatchObject({ slaBreached: false, slaDueAt: null, slaAtRiskAt: null, providerSeconds: 10 * 3600 });
    expect(resolutionClock(rd)).toMatchObject({ mode: "paused", elapsedMs: 20 * H });
    expect(rd).toMatchObject({ slaBreached: false, slaDueAt: null, slaAtRiskAt: plus(d0, 20) });

    const m = await withTenant(t.db, tm.org.id, null, (tx) => metricsSummary(tx, { orgId: tm.org.id, from: at("2026-10-01T00:00:00Z"), to: at("2026-10-23T00:00:00Z"), now: NOW }));
    expect(m.sla).toEqual({ atRisk: 1, breached: 0, closedInPeriod: 0, closedWithinTarget: 0, compliance: null });
    // Open: 2 P1 revocations in validation, raised 2.5 and 1.5 days ago (0–7 days). Nothing closed: no hours, no times.
    expect(m.backlog).toEqual({ total: 2, byStage: { validation: 2 }, byPriority: { P1: 2 }, byType: { revocation: 2 }, byAge: { "0-7d": 2 } });
    expect(m.waiting).toEqual({ items: 0, providerHours: 0, clientHours: 0, thirdPartyHours: 0 });
    expect(m.revocationTime).toEqual({ count: 0, medianHours: null, p90Hours: null, weekly: [] });
    expect(slaCompliance([], at("2026-10-01T00:00:00Z"), at("2026-10-23T00:00:00Z"))).toEqual({ within: 0, total: 0, share: null });
  });
});
