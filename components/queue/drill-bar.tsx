// What a drill-down from the dashboard narrowed the queue to, in words, with the way back to the whole queue.
import Link from "next/link";
import { periodLabel, shortDay } from "@/components/dashboard/period";
import { AGE_BUCKETS } from "@/lib/domain/metrics";
import { lastDay } from "@/lib/domain/period";
import { labels, type Resolution, type WorkItemType } from "@/lib/domain/vocabulary";

/** "to" is the first day left out: say the last day in. */
const upTo = (to: string) => shortDay(lastDay({ from: to, to }));
const span = (from?: string, to?: string) => (from && to ? periodLabel({ from, to }) : from ? `from ${shortDay(from)}` : to ? `up to ${upTo(to)}` : "");

export function describeDrill(f: Record<string, string>): string[] {
  const out: string[] = [];
  if (f.type?.includes(",")) out.push(f.type.split(",").map((t) => labels.type[t as WorkItemType] ?? t).join(" or "));
  if (f.age) out.push(`raised ${AGE_BUCKETS.find((b) => b.key === f.age)?.label.toLowerCase() ?? f.age} ago`);
  if (f.createdFrom || f.createdTo) out.push(`raised ${span(f.createdFrom, f.createdTo)}`);
  if (f.closedFrom || f.closedTo) out.push(`closed ${span(f.closedFrom, f.closedTo)}`);
  if (f.resolution) out.push(`resolution: ${labels.resolution[f.resolution as Resolution] ?? f.resolution}`);
  if (f.slaOutcome) out.push(f.slaOutcome === "met" ? "closed within SLA target" : "closed after an SLA breach");
  if (f.regressedFrom || f.regressedTo) out.push(`regressed ${span(f.regressedFrom, f.regressedTo)}`);
  return out;
}

export function DrillBar({ org, filters }: { org: string; filters: Record<string, string> }) {
  const parts = describeDrill(filters);
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-blue-200 bg-blue-50 px-3 py-1.5 text-sm text-blue-900" role="status">
      <span className="font-medium">From the dashboard:</span>
      <span>{parts.join(" · ")}</span>
      <Link href={`/o/${org}/queue`} className="ml-auto rounded font-medium text-blue-800 underline underline-offset-2 hover:text-blue-950 focus:outline-2 focus:outline-blue-600">
        Show the whole queue
      </Link>
    </div>
  );
}
