// The campaigns as a dense table: what each reviews, its schedule, the latest run's dates and progress, and
// the closed loop (revocations verified closed). On a phone the campaign cell carries the schedule and dates.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { Th, Thead } from "@/components/ui/table";
import type { CampaignListRow } from "@/lib/queries/campaigns";
import { CLOCK_LOOK, DEFAULT_ACTION_LABELS, STATUS_LOOK, campaignStatus, recurrenceLabel, runClock, scopeSummary } from "./format";
import { ProgressBar } from "./progress-bar";

export function CampaignTable({ org, rows, now }: { org: string; rows: CampaignListRow[]; now: Date }) {
  return (
    <div className="rounded border border-slate-200 bg-white">
      <table className="w-full text-left">
        <caption className="sr-only">Access-review campaigns</caption>
        <Thead>
          <Th>Campaign</Th>
          <Th className="hidden lg:table-cell">Schedule</Th>
          <Th className="hidden sm:table-cell">Current or last run</Th>
          <Th>Completion</Th>
          <Th className="hidden md:table-cell">Revocations</Th>
          <Th className="hidden sm:table-cell">Status</Th>
        </Thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((c) => {
            const status = STATUS_LOOK[campaignStatus(c, c.run)];
            const t = c.tally;
            const clock = c.run ? runClock(c.run, t.reviews - t.decided, now) : null;
            return (
              <tr key={c.id} data-testid="campaign-row" className="hover:bg-slate-50">
                <td className="px-3 py-2 align-top sm:min-w-[16rem]">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <Link href={`/o/${org}/campaigns/${c.id}`} className="font-medium text-slate-900 hover:text-blue-700 hover:underline">
                      {c.name}
                    </Link>
                    {c.run && !c.run.closedAt && t.mineUndecided > 0 ? <Badge tone="accent">{t.mineUndecided} for you</Badge> : null}
                  </div>
                  <div className="mt-0.5 text-xs text-slate-600">{scopeSummary(c.scope)}</div>
                  <div className="mt-0.5 text-xs text-slate-500 lg:hidden">
                    {recurrenceLabel(c.everyMonths)} · default: {DEFAULT_ACTION_LABELS[c.defaultAction].toLowerCase()}
                  </div>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600 sm:hidden">
                    <Badge tone={status.tone}>{status.label}</Badge>
                    {c.run ? <span>Run #{c.run.number} · due {shortDate(c.run.dueAt)}</span> : null}
                  </div>
                </td>
                <td className="hidden whitespace-nowrap px-3 py-2 align-top lg:table-cell">
                  <div className="text-slate-800">{recurrenceLabel(c.everyMonths)}</div>
                  <div className="text-xs text-slate-500">Default: {DEFAULT_ACTION_LABELS[c.defaultAction].toLowerCase()}</div>
                </td>
                <td className="hidden whitespace-nowrap px-3 py-2 align-top sm:table-cell">
                  {c.run ? (
                    <>
                      <div className="flex items-center gap-1.5 text-slate-800">
                        <span className="font-medium">#{c.run.number}</span>
                        <span>due {shortDate(c.run.dueAt)}</span>
                        {clock === "overdue" || clock === "at_risk" ? <Badge tone={CLOCK_LOOK[clock].tone}>{CLOCK_LOOK[clock].label}</Badge> : null}
                      </div>
                      <div className="text-xs text-slate-500">
                        {c.run.closedAt ? `closed ${shortDate(c.run.closedAt)}` : `deadline ${shortDate(c.run.deadlineAt)}`}
                      </div>
                    </>
                  ) : (
                    <span className="text-slate-500">No run yet</span>
                  )}
                </td>
                <td className="px-3 py-2 align-top">
                  <ProgressBar compact label={`Completion of ${c.name}`} part={t.decided} whole={t.reviews} detail={`${t.decided}/${t.reviews}`} empty="No reviews" />
                </td>
                <td className="hidden px-3 py-2 align-top md:table-cell">
                  <ProgressBar compact tone="ok" label={`Revocations of ${c.name} verified closed`} part={t.revocationsVerified} whole={t.revocations} detail={`${t.revocationsVerified}/${t.revocations} verified`} empty="None raised" />
                </td>
                <td className="hidden px-3 py-2 align-top sm:table-cell">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {c.endedAt && c.run && !c.run.closedAt ? <div className="mt-0.5 text-xs text-slate-500">ended; last run open</div> : null}
                  {!c.endedAt && c.nextRunAt && c.everyMonths ? <div className="mt-0.5 whitespace-nowrap text-xs text-slate-500">next {shortDate(c.nextRunAt)}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
