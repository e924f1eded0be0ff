// Access-review campaigns (SPEC §8) with a controlled clock: a run opens one access_review item per identity in
// scope (the owner reviews their own, the fallback the rest), reminders go out once each, overdue reviews
// escalate through the rules, the deadline applies the default action (recorded as such), every revoke raises a
// revocation item tracked to verified closure, and a recurring campaign opens its next run on schedule.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessCampaignRuns, accessReviews, auditEvents, escalations, notifications, workItems } from "@/lib/db/schema";
import { performMutation } from "@/lib/actions/mutation";
import { createCampaign, decideReviews } from "@/lib/actions/campaigns";
import { sweep } from "@/lib/escalation/engine";
import { withTenant } from "@/lib/db/tenant";
import { getCampaign, listCampaigns } from "@/lib/queries/campaigns";
import { openTestDb, type TestDb } from "../helpers/db";
import { createIdentity } from "../helpers/factories";
import { createTeamWithPolicies, type Team } from "../helpers/team";

const DAY = 86_400_000;
const T0 = new Date("2026-01-05T09:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

/** A team with five privileged identities (one owned by the second owner) and two that are not in scope. */
async function setup() {
  const tm = await createTeamWithPolicies(t.db);
  const owner2 = tm.as("owner", 1);
  const ids = [];
  for (let i = 0; i < 5; i++) {
    ids.push(await createIdentity(t.db, tm.org.id, { name: `admin-${i}`, privileged: true, tier: "T2", ownerName: i === 0 ? owner2.name : "Someone", ownerEmail: i === 0 ? owner2.email.toUpperCase() : `someone${i}@elsewhere.test` }));
  }
  await createIdentity(t.db, tm.org.id, { name: "not-privileged" });
  await createIdentity(t.db, tm.org.id, { name: "disabled-admin", privileged: true, status: "disabled" });
  // Everything else the sweeper might do at these instants is out of the way: only campaigns here.
  await t.db.execute(`update organisations set inventory_checked_at = '2100-01-01' where id = '${tm.org.id}'`);
  return { tm, ids, owner2 };
}

const input = (tm: Team, over: object = {}) => ({
  name: "Quarterly privileged recertification",
  scope: { privileged: true },
  fallbackReviewerId: tm.as("owner").id,
  defaultAction: "revoke",
  reviewDays: 14,
  closeDays: 21,
  reminderDays: [7, 2],
  recurrence: "quarterly",
  ...over,
});

async function reviewsOf(tm: Team, number = 1) {
  const [run] = await t.db.select().from(accessCampaignRuns).where(and(eq(accessCampaignRuns.organisationId, tm.org.id), eq(accessCampaignRuns.number, number)));
  const rows = await t.db.select().from(accessReviews).where(eq(accessReviews.runId, run!.id)).orderBy(asc(accessReviews.identityId));
  return { run: run!, rows };
}
const inbox = async (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.createdAt));
const quiet = { deliver: false } as const;

describe("an access-review campaign", () => {
  it("opens a run of access_review items, reviewed by each identity's owner or the fallback, waiting on the client", async () => {
    const { tm, ids, owner2 } = await setup();
    const r = await performMutation(t.db, tm.as("lead"), tm.org.slug, createCampaign, input(tm), "req", T0);
    expect(r).toMatchObject({ ok: true, data: { reviews: 5 } });
    const { run, rows } = await reviewsOf(tm);
    expect(run).toMatchObject({ openedAt: T0, dueAt: at(14), deadlineAt: at(21), nextReminderAt: at(7) });
    expect(new Set(rows.map((x) => x.identityId))).toEqual(new Set(ids.map((i) => i.id)));
    expect(rows.find((x) => x.identityId === ids[0]!.id)!.reviewerId).toBe(owner2.id);
    expect(rows.filter((x) => x.reviewerId === tm.as("owner").id)).toHaveLength(4);
    const items = await t.db.select().from(workItems).where(inArray(workItems.id, rows.map((x) => x.workItemId)));
    for (const it of items) expect(it).toMatchObject({ type: "access_review", stage: "intake", waitingOn: "client", dueAt: at(14), nextCheckAt: at(14) });
    expect((await inbox(owner2.id)).map((n) => n.subject)).toEqual([expect.stringContaining("1 identity to review")]);
  });

  it("lets only the assigned reviewer decide, in bulk, and raises a revocation for each revoke", async () => {
    const { tm, owner2 } = await setup();
    await performMutation(t.db, tm.as("lead"), tm.org.slug, createCampaign, input(tm), "req", T0);
    const { rows } = await reviewsOf(tm);
    const mine = rows.filter((x) => x.reviewerId === tm.as("owner").id);
    const theirs = rows.filter((x) => x.reviewerId === owner2.id);
    const why = { justification: "Checked against the on-call rota." };
    // The lead may not decide at all; the other owner may not decide reviews that are not theirs.
    expect(await performMutation(t.db, tm.as("lead"), tm.org.slug, decideReviews, { reviewIds: [mine[0]!.id], decision: "certify", ...why }, "r", at(1))).toMatchObject({ ok: false, error: { code: "forbidden:access_review.decide" } });
    expect(await performMutation(t.db, owner2, tm.org.slug, decideReviews, { reviewIds: [mine[0]!.id, theirs[0]!.id], decision: "certify", ...why }, "r", at(1))).toMatchObject({ ok: false, error: { code: "forbidden:access_review.not_reviewer" } });
    const denial = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, tm.org.id), eq(auditEvents.action, "access.denied")));
    expect(denial.length).toBeGreaterThanOrEqual(2);

    expect(await performMutation(t.db, tm.as("owner"), tm.org.slug, decideReviews, { reviewIds: mine.slice(0, 3).map((x) => x.id), decision: "certify", ...why }, "r", at(2))).toMatchObject({ ok: true, data: { decided: 3, revocations: [] } });
    const revoked = await performMutation(t.db, tm.as("owner"), tm.org.slug, decideReviews, { reviewIds: [mine[3]!.id], decision: "revoke", justification: "Left the platform team." }, "r", at(3));
    expect(revoked).toMatchObject({ ok: true, data: { decided: 1 } });
    // Deciding again is refused; the items are closed with the decision.
    expect(await performMutation(t.db, tm.as("owner"), tm.org.slug, decideReviews, { reviewIds: [mine[0]!.id], decision: "revoke", ...why }, "r", at(3))).toMatchObject({ ok: false, error: { code: "conflict:access_review.decided" } });
    const after = (await reviewsOf(tm)).rows;
    const rev = after.find((x) => x.id === mine[3]!.id)!;
    expect(rev).toMatchObject({ decision: "revoke", defaulted: false, decidedById: tm.as("owner").id });
    const [revocation] = await t.db.select().from(workItems).where(eq(workItems.id, rev.revocationItemId!));
    expect(revocation).toMatchObject({ type: "revocation", stage: "intake", waitingOn: "provider", identityId: rev.identityId, severity: "critical" });
    const [reviewItem] = await t.db.select().from(workItems).where(eq(workItems.id, rev.workItemId));
    expect(reviewItem).toMatchObject({ stage: "closed", resolution: "remediated", nextCheckAt: null });
    expect(reviewItem!.resolutionReason).toContain("Access revoked");
  });

  it("reminds once per reminder, escalates overdue reviews, and applies the default action at the deadline", async () => {
    const { tm, owner2 } = await setup();
    await performMutation(t.db, tm.as("lead"), tm.org.slug, createCampaign, input(tm), "req", T0);
    const { rows } = await reviewsOf(tm);
    await performMutation(t.db, tm.as("owner"), tm.org.slug, decideReviews, { reviewIds: rows.filter((x) => x.reviewerId === tm.as("owner").id).slice(0, 2).map((x) => x.id), decision: "certify", justification: "Still needed." }, "r", at(1));
    const owner = tm.as("owner").id;
    const reminders = async (u: string) => (await inbox(u)).filter((n) => n.subject.startsWith("Reminder"));

    // (The sweeper passes over every organisation of the shared test database: what is checked is this team's.)
    await sweep(t.db, at(6), quiet);
    expect(await reminders(owner)).toHaveLength(0);
    await sweep(t.db, at(7), quiet);
    await sweep(t.db, at(7.5), quiet);
    // One message per reviewer with reviews undecided, once.
    expect(await reminders(owner2.id)).toHaveLength(1);
    expect((await reminders(owner))[0]!.subject).toContain("2 access reviews due in 7 days");
    await sweep(t.db, at(12), quiet);
    expect(await reminders(owner)).toHaveLength(2);

    // Overdue at the due date: the escalation rules fire on the "deadline" clock, once.
    await sweep(t.db, at(14), quiet);
    await sweep(t.db, at(14.1), quiet);
    const fired = await t.db.select().from(escalations).where(eq(escalations.organisationId, tm.org.id));
    expect(fired.filter((e) => e.ruleId === "review-overdue")).toHaveLength(3);
    expect(new Set(fired.map((e) => e.clock))).toEqual(new Set(["deadline"]));
    await sweep(t.db, at(17), quiet);
    expect((await t.db.select().from(escalations).where(and(eq(escalations.organisationId, tm.org.id), eq(escalations.ruleId, "review-overdue-3d"))))).toHaveLength(3);

    // At the deadline the three undecided reviews are revoked by default, and the run closes.
    await sweep(t.db, at(21), quiet);
    const { run, rows: done } = await reviewsOf(tm);
    expect(run.closedAt).toEqual(at(21));
    expect(done.filter((x) => x.defaulted)).toHaveLength(3);
    for (const x of done.filter((r) => r.defaulted)) {
      expect(x).toMatchObject({ decision: "revoke", decidedById: null });
      expect(x.justification).toContain("default action");
      expect(x.revocationItemId).not.toBeNull();
    }
    expect(await performMutation(t.db, owner2, tm.org.slug, decideReviews, { reviewIds: [done.find((x) => x.reviewerId === owner2.id)!.id], decision: "certify", justification: "Late." }, "r", at(22))).toMatchObject({
      ok: false,
      error: { code: "invalid:access_review.closed" },
    });
    await sweep(t.db, at(22), quiet);
    expect((await reviewsOf(tm)).rows.filter((x) => x.defaulted)).toHaveLength(3);
    const [listed] = await withTenant(t.db, tm.org.id, null, (tx) => listCampaigns(tx, { orgId: tm.org.id, me: owner }));
    expect(listed!.tally).toEqual({ reviews: 5, decided: 5, certified: 2, revoked: 0, defaultedKept: 0, defaultedRevoked: 3, revocations: 3, revocationsVerified: 0, mine: 4, mineUndecided: 0 });
  });

  it("keeps access by default when the campaign says so, and tracks revocations to verified closure", async () => {
    const { tm } = await setup();
    await performMutation(t.db, tm.as("lead"), tm.org.slug, createCampaign, input(tm, { defaultAction: "certify", recurrence: "once" }), "req", T0);
    const { rows } = await reviewsOf(tm);
    const r = await performMutation(t.db, tm.as("owner"), tm.org.slug, decideReviews, { reviewIds: [rows.find((x) => x.reviewerId === tm.as("owner").id)!.id], decision: "revoke", justification: "No longer needed." }, "r", at(1));
    expect(r.ok).toBe(true);
    await sweep(t.db, at(21), quiet);
    const done = (await reviewsOf(tm)).rows;
    expect(done.filter((x) => x.defaulted).every((x) => x.decision === "certify" && x.revocationItemId === null)).toBe(true);
    const revocationIds = done.flatMap((x) => (x.revocationItemId ? [x.revocationItemId] : []));
    expect(revocationIds).toHaveLength(1);
    // The provider closes the revocation; the identity ends revoked and the loop is closed.
    await t.db.update(workItems).set({ stage: "closed", resolution: "remediated", closedAt: at(25) }).where(eq(workItems.id, revocationIds[0]!));
    // What the campaign page counts: every review decided, one revoked by its reviewer, the rest kept by default,
    // and the one revocation verified closed (the closed loop).
    const campaignId = (await reviewsOf(tm)).run.campaignId;
    const detail = await withTenant(t.db, tm.org.id, null, (tx) => getCampaign(tx, { orgId: tm.org.id, id: campaignId, me: tm.as("owner").id }));
    expect(detail!.runs[0]!.tally).toEqual({ reviews: 5, decided: 5, certified: 0, revoked: 1, defaultedKept: 4, defaultedRevoked: 0, revocations: 1, revocationsVerified: 1, mine: 4, mineUndecided: 0 });
    // A one-off campaign opens no second run.
    await sweep(t.db, at(200), quiet);
    expect(await t.db.select().from(accessCampaignRuns).where(eq(accessCampaignRuns.organisationId, tm.org.id))).toHaveLength(1);
  });

  it("opens the next run of a recurring campaign on schedule, with the scope as it is then", async () => {
    const { tm } = await setup();
    await performMutation(t.db, tm.as("lead"), tm.org.slug, createCampaign, input(tm), "req", T0);
    await sweep(t.db, at(21), quiet);
    await createIdentity(t.db, tm.org.id, { name: "new-admin", privileged: true });
    const runs = async () => (await t.db.select().from(accessCampaignRuns).where(eq(accessCampaignRuns.organisationId, tm.org.id))).length;
    await sweep(t.db, new Date("2026-04-05T08:59:00Z"), quiet);
    expect(await runs()).toBe(1);
    await sweep(t.db, new Date("2026-04-05T09:00:00Z"), quiet);
    expect(await runs()).toBe(2);
    const { run, rows } = await reviewsOf(tm, 2);
    expect(run.openedAt).toEqual(new Date("2026-04-05T09:00:00Z"));
    expect(rows).toHaveLength(6);
    const open = await t.db.select().from(workItems).where(and(eq(workItems.organisationId, tm.org.id), eq(workItems.type, "access_review"), isNull(workItems.closedAt)));
    expect(open).toHaveLength(6);
  });
});
