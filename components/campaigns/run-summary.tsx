// One run at a glance: its dates with an SLA-like state, completion and the closed loop as bars, and how the
// reviews were decided (by a reviewer, or by the default action at the deadline).
import { Badge } from "@/components/ui/badge";
import { shortDate, span } from "@/components/ui/format";
import type { CampaignDetail } from "@/lib/queries/campaigns";
import { CLOCK_LOOK, runClock } from "./format";
import { ProgressBar } from "./progress-bar";

type Run = CampaignDetail["runs"][number];

export function RunSummary({ run, now }: { run: Run; now: Date }) {
  const t = run.tally;
  const undecided = t.reviews - t.decided;
  const state = runClock(run, undecided, now);
  const look = CLOCK_LOOK[state];
  const left = run.dueAt.getTime() - now.getTime();
  const dates: [string, Date | null, string?][] = [
    ["Opened", run.openedAt],
    ["Due", run.dueAt, state === "overdue" ? `${span(-left)} overdue` : state === "ok" || state === "at_risk" ? `${span(left)} left` : undefined],
    ["Deadline", run.deadlineAt, run.closedAt ? undefined : "default action then"],
    ["Closed", run.closedAt],
  ];
  const counts: [string, number, string][] = [
    ["Certified", t.certified, "text-green-800"],
    ["Revoked", t.revoked, "text-red-800"],
    ["Kept by default", t.defaultedKept, "text-slate-800"],
    ["Revoked by default", t.defaultedRevoked, "text-slate-800"],
    ["Undecided", undecided, undecided > 0 && state === "overdue" ? "text-red-800" : "text-slate-800"],
  ];
  return (
    <section aria-label={`Run ${run.number}`} className="mb-4 grid gap-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1fr)]">
      <div className="rounded border border-slate-200 bg-white px-4 py-3">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h2 className="font-semibold text-slate-900">Run #{run.number}</h2>
          <span data-run-state={state}>
            <Badge tone={look.tone}>{look.label}</Badge>
          </span>
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
          {dates.map(([k, d, note]) => (
            <div key={k}>
              <dt className="text-xs text-slate-500">{k}</dt>
              <dd className={k === "Due" && state === "overdue" ? "font-medium text-red-800" : k === "Due" && state === "at_risk" ? "font-medium text-amber-900" : "text-slate-800"}>
                {d ? shortDate(d) : "—"}
                {note ? <span className="block text-xs font-normal text-slate-500">{note}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="space-y-3 rounded border border-slate-200 bg-white px-4 py-3">
        <ProgressBar label="Completion" part={t.decided} whole={t.reviews} detail={`${t.decided} of ${t.reviews} decided`} empty="No identities were in scope" />
        <ProgressBar
          label="Closed loop"
          tone="ok"
          part={t.revocationsVerified}
          whole={t.revocations}
          detail={`${t.revocationsVerified} of ${t.revocations} revocation${t.revocations === 1 ? "" : "s"} verified closed`}
          empty="No revocations raised yet"
        />
        <p className="text-xs text-slate-500">A revocation is verified once its item is closed as remediated, after evidence and a second pair of eyes.</p>
      </div>
      <div className="rounded border border-slate-200 bg-white px-4 py-3">
        <h3 className="mb-1.5 text-sm font-medium text-slate-700">Decisions</h3>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-0.5 text-sm sm:grid-cols-2 lg:grid-cols-1">
          {counts.map(([k, v, color]) => (
            <div key={k} className="flex items-baseline justify-between gap-2 border-b border-slate-100 py-0.5">
              <dt className="text-slate-600">{k}</dt>
              <dd className={`font-semibold tabular-nums ${color}`}>{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
