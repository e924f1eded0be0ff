// How campaigns read on screen: scope in words, the schedule, a campaign's status and a run's clock.
import type { Tone } from "@/components/ui/badge";
import { RECURRENCES, type CampaignScope, type Recurrence } from "@/lib/domain/campaign";
import { labels, type ReviewDecision } from "@/lib/domain/vocabulary";

const DAY = 86_400_000;

export const RECURRENCE_LABELS: Record<Recurrence, string> = { once: "Once", monthly: "Monthly", quarterly: "Quarterly", "half-yearly": "Half-yearly", yearly: "Yearly" };

export function recurrenceLabel(everyMonths: number | null): string {
  const key = (Object.keys(RECURRENCES) as Recurrence[]).find((k) => RECURRENCES[k] === everyMonths);
  return key ? RECURRENCE_LABELS[key] : `Every ${everyMonths} months`;
}

export const DEFAULT_ACTION_LABELS: Record<ReviewDecision, string> = { certify: "Keep access", revoke: "Revoke access" };

/** "Privileged · T1, T2 · Human, API key · in Okta", or "All active identities". */
export function scopeSummary(s: CampaignScope): string {
  const parts: string[] = [];
  if (s.privileged) parts.push("Privileged");
  if (s.tiers.length) parts.push(s.tiers.join(", "));
  if (s.kinds.length) parts.push(s.kinds.map((k) => labels.kind[k]).join(", "));
  if (s.system) parts.push(`in ${s.system}`);
  return parts.length ? parts.join(" · ") : "All active identities";
}

export type CampaignStatus = "running" | "between" | "completed" | "ended" | "not_started";

export const STATUS_LOOK: Record<CampaignStatus, { tone: Tone; label: string }> = {
  running: { tone: "accent", label: "Running" },
  between: { tone: "neutral", label: "Between runs" },
  completed: { tone: "ok", label: "Completed" },
  ended: { tone: "neutral", label: "Ended" },
  not_started: { tone: "neutral", label: "Not started" },
};

/** A run open now is "running" even after the campaign was ended (it finishes on its own dates). */
export function campaignStatus(c: { endedAt: Date | null; everyMonths: number | null }, run: { closedAt: Date | null } | null): CampaignStatus {
  if (run && !run.closedAt) return "running";
  if (c.endedAt) return "ended";
  if (!run) return "not_started";
  return c.everyMonths ? "between" : "completed";
}

export type RunClockState = "closed" | "complete" | "ok" | "at_risk" | "overdue";

export const CLOCK_LOOK: Record<RunClockState, { tone: Tone; label: string }> = {
  closed: { tone: "neutral", label: "Closed" },
  complete: { tone: "ok", label: "All decided" },
  ok: { tone: "ok", label: "On track" },
  at_risk: { tone: "risk", label: "Due soon" },
  overdue: { tone: "breach", label: "Overdue" },
};

/**
 * A run's clock, like an SLA: at risk in the last quarter of the review period (at least two days before the due
 * date), overdue past it while reviews are undecided; the deadline then applies the default action.
 */
export function runClock(run: { openedAt: Date; dueAt: Date; closedAt: Date | null }, undecided: number, now: Date): RunClockState {
  if (run.closedAt) return "closed";
  if (undecided === 0) return "complete";
  const left = run.dueAt.getTime() - now.getTime();
  if (left <= 0) return "overdue";
  const warn = Math.max(2 * DAY, (run.dueAt.getTime() - run.openedAt.getTime()) / 4);
  return left <= warn ? "at_risk" : "ok";
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 100);
}
