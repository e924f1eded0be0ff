// The exception part of the escalation policy document (SPEC §5): per priority, how many distinct programme
// owners must approve a risk acceptance and how far out it may expire. Versioned and owner-activated with the
// escalation rules; an organisation without it (or without an active version) gets the defaults below.
import { Duration } from "luxon";
import { z } from "zod";
import { isoDuration } from "./sla/policy";
import type { Priority } from "./vocabulary";

const tier = z
  .object({
    approvals: z.int("Give a whole number of approvals.").min(1, "At least one owner must approve.").max(5, "At most five owners per decision."),
    maxExpiry: isoDuration,
  })
  .strict();

export const exceptionsSection = z
  .object({ P1: tier.optional(), P2: tier.optional(), P3: tier.optional(), P4: tier.optional() })
  .strict()
  .describe("Per priority: distinct owner approvals needed and the longest expiry allowed.");

export type ExceptionsSection = z.infer<typeof exceptionsSection>;

export const DEFAULT_EXCEPTIONS: Required<ExceptionsSection> = {
  P1: { approvals: 2, maxExpiry: "P30D" },
  P2: { approvals: 1, maxExpiry: "P90D" },
  P3: { approvals: 1, maxExpiry: "P180D" },
  P4: { approvals: 1, maxExpiry: "P365D" },
};

export interface ExceptionTier {
  approvals: number;
  maxExpiry: string;
  maxExpiryMs: number;
}

export function exceptionTier(section: ExceptionsSection | undefined | null, priority: Priority): ExceptionTier {
  const t = section?.[priority] ?? DEFAULT_EXCEPTIONS[priority];
  return { approvals: t.approvals, maxExpiry: t.maxExpiry, maxExpiryMs: Duration.fromISO(t.maxExpiry).toMillis() };
}

/** "P30D" → "30 days", for sentences. */
export function durationWords(iso: string): string {
  const d = Duration.fromISO(iso).shiftTo("days");
  const days = Math.round(d.days);
  return days === 1 ? "1 day" : `${days} days`;
}
