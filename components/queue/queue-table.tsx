import { Badge, type Tone } from "@/components/ui/badge";
import { age, itemKey } from "@/components/ui/format";
import { labels, type Priority } from "@/lib/domain/vocabulary";
import type { QueueRow } from "@/lib/queries/work-items";

const priorityTone: Record<Priority, Tone> = { P1: "breach", P2: "risk", P3: "accent", P4: "neutral" };

export function QueueTable({ rows, slug, now }: { rows: QueueRow[]; slug: string; now: Date }) {
  if (rows.length === 0) {
    return <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">No work items match.</p>;
  }
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left">
        <caption className="sr-only">Work items</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Item</th>
            <th scope="col" className="px-3 py-2 font-medium">Title</th>
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Stage</th>
            <th scope="col" className="px-3 py-2 font-medium">Priority</th>
            <th scope="col" className="hidden px-3 py-2 font-medium 2xl:table-cell">Waiting on</th>
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">Assignee</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Age</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <td className="hidden whitespace-nowrap px-3 py-1.5 font-mono text-xs text-slate-600 sm:table-cell">{itemKey(slug, r.number)}</td>
              <td className="max-w-[13rem] px-3 py-1.5 sm:max-w-[22rem]">
                <div className="truncate font-medium text-slate-900" title={r.title}>{r.title}</div>
                <div className="truncate text-xs text-slate-500">
                  <span className="font-mono sm:hidden">{itemKey(slug, r.number)} · </span>
                  <span className="lg:hidden">{labels.type[r.type]}{r.identityName ? " · " : ""}</span>
                  {r.identityName}
                </div>
              </td>
              <td className="hidden whitespace-nowrap px-3 py-1.5 text-slate-700 lg:table-cell">{labels.type[r.type]}</td>
              <td className="px-3 py-1.5">
                {r.stage === "closed" ? (
                  <Badge tone="neutral">Closed · {r.resolution?.replace("_", " ")}</Badge>
                ) : (
                  <span className="text-slate-800">{labels.stage[r.stage]}</span>
                )}
                {r.escalationLevel > 0 ? <span className="ml-1.5 inline-block"><Badge tone="breach">Escalated L{r.escalationLevel}</Badge></span> : null}
              </td>
              <td className="px-3 py-1.5">{r.priority ? <Badge tone={priorityTone[r.priority]}>{r.priority}</Badge> : <span className="text-slate-400">—</span>}</td>
              <td className="hidden whitespace-nowrap px-3 py-1.5 text-slate-700 2xl:table-cell">{r.stage === "closed" ? "—" : labels.waitingOn[r.waitingOn]}</td>
              <td className="hidden whitespace-nowrap px-3 py-1.5 text-slate-700 md:table-cell">{r.assigneeName ?? <span className="text-slate-400">Unassigned</span>}</td>
              <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums text-slate-700" title={r.createdAt.toISOString()}>
                {age(r.createdAt, r.closedAt ?? now)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
