// Access-review campaigns as rules (SPEC §8): run dates, reminders, recurrence, reviewers and the default action.
import { describe, expect, it } from "vitest";
import { campaignInput, defaultDecision, nextReminderAt, nextRunAt, remindersDue, reviewerFor, runDates } from "@/lib/domain/campaign";

const DAY = 86_400_000;
const T = new Date("2026-01-31T09:00:00Z");

describe("campaign runs", () => {
  it("are due and close a set number of days after they open", () => {
    expect(runDates({ reviewDays: 14, closeDays: 21 }, T)).toEqual({ openedAt: T, dueAt: new Date(T.getTime() + 14 * DAY), deadlineAt: new Date(T.getTime() + 21 * DAY) });
  });

  it("recur on the same day of the month, clamped to the month's end, or not at all", () => {
    expect(nextRunAt(3, T)).toEqual(new Date("2026-04-30T09:00:00Z"));
    expect(nextRunAt(1, new Date("2026-03-15T00:00:00Z"))).toEqual(new Date("2026-04-15T00:00:00Z"));
    expect(nextRunAt(null, T)).toBeNull();
  });

  it("remind once per reminder that has come due, never in a burst for missed ones", () => {
    const due = new Date(T.getTime() + 14 * DAY);
    expect(remindersDue([7, 2], due, new Date(due.getTime() - 8 * DAY))).toBe(0);
    expect(remindersDue([7, 2], due, new Date(due.getTime() - 7 * DAY))).toBe(1);
    expect(remindersDue([7, 2], due, new Date(due.getTime() - DAY))).toBe(2);
    expect(nextReminderAt([7, 2], due, T)).toEqual(new Date(due.getTime() - 7 * DAY));
    expect(nextReminderAt([7, 2], due, new Date(due.getTime() - 7 * DAY))).toEqual(new Date(due.getTime() - 2 * DAY));
    expect(nextReminderAt([7, 2], due, new Date(due.getTime() - DAY))).toBeNull();
  });

  it("go to the identity's owner when a programme owner by that e-mail, else to the fallback", () => {
    const owners = new Map([["olivia@acme.test", "u-olivia"]]);
    expect(reviewerFor("Olivia@Acme.test", owners, "u-fallback")).toBe("u-olivia");
    expect(reviewerFor("bob@acme.test", owners, "u-fallback")).toBe("u-fallback");
    expect(reviewerFor(null, owners, "u-fallback")).toBe("u-fallback");
  });

  it("record the default action as such", () => {
    expect(defaultDecision("revoke")).toMatchObject({ decision: "revoke", defaulted: true });
    expect(defaultDecision("certify").justification).toContain("kept");
  });

});

describe("a campaign's settings", () => {
  const valid = { name: "Quarterly", scope: { privileged: true }, fallbackReviewerId: crypto.randomUUID(), defaultAction: "revoke", reviewDays: 14, closeDays: 21, reminderDays: [7, 2], recurrence: "quarterly" };

  it("accept a sensible campaign", () => {
    expect(campaignInput.safeParse(valid).success).toBe(true);
  });

  it("refuse a close before the due date, and reminders after it", () => {
    const early = campaignInput.safeParse({ ...valid, closeDays: 10 });
    expect(early.success).toBe(false);
    expect(early.error!.issues[0]!.path).toEqual(["closeDays"]);
    const late = campaignInput.safeParse({ ...valid, reminderDays: [14] });
    expect(late.error!.issues[0]!.path).toEqual(["reminderDays"]);
  });
});
