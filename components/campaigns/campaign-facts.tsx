// What a campaign is, at a glance: scope, who reviews, what silence means, and its schedule.
import type { ReactNode } from "react";
import { shortDate } from "@/components/ui/format";
import type { CampaignDetail } from "@/lib/queries/campaigns";
import { DEFAULT_ACTION_LABELS, recurrenceLabel, scopeSummary } from "./format";

export function CampaignFacts({ c }: { c: CampaignDetail["campaign"] }) {
  const facts: [string, ReactNode][] = [
    ["Scope", scopeSummary(c.scope)],
    ["Reviewers", <>Identity owner if a programme owner; else {c.fallbackReviewer}</>],
    ["Undecided at deadline", DEFAULT_ACTION_LABELS[c.defaultAction]],
    ["Schedule", c.endedAt ? `${recurrenceLabel(c.everyMonths)} · ended ${shortDate(c.endedAt)}` : c.everyMonths && c.nextRunAt ? `${recurrenceLabel(c.everyMonths)} · next run ${shortDate(c.nextRunAt)}` : recurrenceLabel(c.everyMonths)],
    ["Timing", `Due after ${c.reviewDays} day${c.reviewDays === 1 ? "" : "s"} · closes after ${c.closeDays}`],
    ["Reminders", c.reminderDays.length ? `${c.reminderDays.join(", ")} days before due` : "None"],
    ["Created", `${shortDate(c.createdAt)}${c.createdBy ? ` by ${c.createdBy}` : ""}`],
  ];
  return (
    <dl className="mb-4 grid grid-cols-2 gap-x-4 gap-y-2 sm:gap-x-6 rounded border border-slate-200 bg-white px-4 py-3 text-sm lg:grid-cols-4">
      {facts.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-xs text-slate-500">{k}</dt>
          <dd className="text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
