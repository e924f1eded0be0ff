// Access-review campaigns (SPEC §8), as pure rules: what a campaign is, when a run's reviews fall due, when
// its reviewers are reminded, what an undecided review becomes at the deadline, and when the next run opens.
// The database work that follows from them is in lib/campaigns/.
import { DateTime } from "luxon";
import { z } from "zod";
import { IDENTITY_KINDS, REVIEW_DECISIONS, TIERS, type ReviewDecision } from "./vocabulary";

const DAY = 86_400_000;

/** Which identities a run reviews: an inventory filter (active identities only, always). */
export const campaignScope = z
  .object({
    kinds: z.array(z.enum(IDENTITY_KINDS)).max(IDENTITY_KINDS.length).default([]),
    tiers: z.array(z.enum(TIERS)).max(TIERS.length).default([]),
    privileged: z.boolean().default(false),
    system: z.string().trim().max(200).default(""),
  })
  .strict();
export type CampaignScope = z.infer<typeof campaignScope>;

export const RECURRENCES = { once: null, monthly: 1, quarterly: 3, "half-yearly": 6, yearly: 12 } as const;
export type Recurrence = keyof typeof RECURRENCES;

export const campaignInput = z
  .object({
    name: z.string().trim().min(3, "Give the campaign a name of at least 3 characters.").max(120),
    description: z.string().trim().max(2000).default(""),
    scope: campaignScope,
    fallbackReviewerId: z.uuid("Choose the reviewer for identities without an owner who can review."),
    defaultAction: z.enum(REVIEW_DECISIONS),
    reviewDays: z.coerce.number().int().min(1, "Give reviewers at least a day.").max(90),
    closeDays: z.coerce.number().int().min(1).max(120),
    reminderDays: z.array(z.coerce.number().int().min(1).max(60)).max(5).default([]),
    recurrence: z.enum(Object.keys(RECURRENCES) as [Recurrence, ...Recurrence[]]).default("once"),
  })
  .refine((c) => c.closeDays >= c.reviewDays, { path: ["closeDays"], message: "The campaign closes on or after the day reviews are due." })
  .refine((c) => c.reminderDays.every((d) => d < c.reviewDays), { path: ["reminderDays"], message: "Reminders go out before reviews are due: each must be fewer days than the review period." });
export type CampaignInput = z.infer<typeof campaignInput>;

export interface RunDates {
  openedAt: Date;
  dueAt: Date;
  deadlineAt: Date;
}

/** A run opened at `at`: reviews due `reviewDays` later, closed (default action) `closeDays` later. */
export function runDates(c: { reviewDays: number; closeDays: number }, at: Date): RunDates {
  return { openedAt: at, dueAt: new Date(at.getTime() + c.reviewDays * DAY), deadlineAt: new Date(at.getTime() + c.closeDays * DAY) };
}

/** When a recurring campaign opens its next run: the same day of the month `everyMonths` later (UTC). */
export function nextRunAt(everyMonths: number | null, openedAt: Date): Date | null {
  if (!everyMonths) return null;
  return DateTime.fromJSDate(openedAt, { zone: "utc" }).plus({ months: everyMonths }).toJSDate();
}

/**
 * How many of a run's reminders have come due by `now`: one per `reminderDays` entry, each that many days
 * before the due date. A review undecided with fewer reminders sent than this gets one more message now (never a
 * burst for the ones a late sweep missed).
 */
export function remindersDue(reminderDays: readonly number[], dueAt: Date, now: Date): number {
  return reminderDays.filter((d) => now.getTime() >= dueAt.getTime() - d * DAY).length;
}

/** The next instant a reminder falls due after `now`, if any. */
export function nextReminderAt(reminderDays: readonly number[], dueAt: Date, now: Date): Date | null {
  const times = reminderDays.map((d) => dueAt.getTime() - d * DAY).filter((t) => t > now.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/** What an undecided review becomes when its run closes. */
export function defaultDecision(defaultAction: ReviewDecision): { decision: ReviewDecision; defaulted: true; justification: string } {
  return {
    decision: defaultAction,
    defaulted: true,
    justification:
      defaultAction === "revoke"
        ? "No decision by the campaign deadline: access is revoked by the campaign's default action."
        : "No decision by the campaign deadline: access is kept by the campaign's default action.",
  };
}

/**
 * The reviewer of an identity: its owner when the owner is a programme owner of the organisation who may
 * decide (matched by e-mail), else the campaign's fallback reviewer.
 */
export function reviewerFor(ownerEmail: string | null, owners: ReadonlyMap<string, string>, fallbackId: string): string {
  const match = ownerEmail ? owners.get(ownerEmail.toLowerCase()) : undefined;
  return match ?? fallbackId;
}
