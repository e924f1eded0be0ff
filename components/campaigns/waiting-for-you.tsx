// A reviewer's to-do across open runs: how many reviews wait for them, and where, soonest due first.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { CLOCK_LOOK } from "./format";

interface Waiting {
  campaignId: string;
  name: string;
  runNumber: number;
  dueAt: Date;
  deadlineAt: Date;
  undecided: number;
}

export function WaitingForYou({ org, rows, now }: { org: string; rows: Waiting[]; now: Date }) {
  const total = rows.reduce((s, r) => s + r.undecided, 0);
  if (total === 0) {
    return <p className="mb-4 rounded border border-dashed border-slate-300 bg-white px-4 py-3 text-slate-600">Nothing waits for your review.</p>;
  }
  return (
    <section aria-labelledby="waiting-h" className="mb-4 rounded border border-blue-200 bg-blue-50 px-4 py-3">
      <h2 id="waiting-h" className="font-semibold text-blue-950">
        Waiting for you: {total} review{total === 1 ? "" : "s"}
      </h2>
      <ul className="mt-1.5 space-y-1">
        {rows.map((r) => {
          const overdue = r.dueAt.getTime() <= now.getTime();
          return (
            <li key={`${r.campaignId}-${r.runNumber}`} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
              <Link href={`/o/${org}/campaigns/${r.campaignId}?who=mine&state=undecided`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                {r.name} #{r.runNumber}
              </Link>
              <span className="text-sm text-slate-700">
                <span className="font-medium tabular-nums text-slate-900">{r.undecided} undecided</span> · due {shortDate(r.dueAt)}
                <span className="hidden sm:inline"> · default action on {shortDate(r.deadlineAt)}</span>
              </span>
              {overdue ? <Badge tone={CLOCK_LOOK.overdue.tone}>{CLOCK_LOOK.overdue.label}</Badge> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
