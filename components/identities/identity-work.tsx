// The identity's work, open items first: key, type and the rule that raised it, stage, priority and SLA state.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { Th, Thead } from "@/components/ui/table";
import { priorityTone } from "@/components/queue/tones";
import { SlaCell } from "@/components/sla/sla-cell";
import { toApiSla } from "@/lib/api/work-items";
import type { SlaPolicyDocument } from "@/lib/domain/sla/policy";
import { itemKey } from "@/lib/domain/keys";
import { labels } from "@/lib/domain/vocabulary";
import type { IdentityWorkRow } from "@/lib/queries/identity-detail";
import { ruleLabel } from "./words";

export function IdentityWork({ org, rows, policy, now }: { org: string; rows: IdentityWorkRow[]; policy: SlaPolicyDocument | null; now: number }) {
  const open = rows.filter((r) => r.closedAt === null).length;
  return (
    <section aria-labelledby="work-h" className="space-y-2">
      <h2 id="work-h" className="font-semibold text-slate-900">
        Work <span className="font-normal text-slate-500">({open} open, {rows.length - open} closed)</span>
      </h2>
      {rows.length === 0 ? (
        <p className="text-slate-600">No work items are about this identity.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full sm:min-w-[34rem] text-left text-sm">
            <caption className="sr-only">Work items about this identity</caption>
            <Thead>
              <Th>Item</Th>
              <Th className="hidden sm:table-cell">Stage</Th>
              <Th className="hidden sm:table-cell">Priority</Th>
              <Th className="hidden sm:table-cell">SLA</Th>
            </Thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => {
                const closed = r.closedAt !== null;
                const sla = toApiSla(r.sla, policy, now);
                return (
                  <tr key={r.id} className={closed ? "text-slate-600" : "hover:bg-slate-50"}>
                    <td className="max-w-[24rem] px-3 py-1.5">
                      <div className="text-xs">
                        <Link href={`/o/${org}/items/${r.number}`} className="font-mono font-medium text-blue-700 underline">{itemKey(org, r.number)}</Link>
                        <span className="text-slate-600"> · {labels.type[r.type]}</span>
                        {r.rule ? <span className="text-slate-600"> · raised by the rule “{ruleLabel(r.rule)}”</span> : null}
                      </div>
                      <div className="truncate text-slate-800" title={r.title}>{r.title}</div>
                      {/* Phones: the other columns, under the title. */}
                      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-700 sm:hidden">
                        <span>{closed ? `Closed: ${r.resolution?.replace("_", " ")}` : labels.stage[r.stage]}</span>
                        <Badge tone={closed ? "neutral" : priorityTone[r.priority]}>{r.priority}</Badge>
                        {closed ? null : <SlaCell sla={sla} now={now} closed={false} />}
                      </div>
                    </td>
                    <td className="hidden whitespace-nowrap px-3 py-1.5 sm:table-cell">
                      {closed ? (
                        <>
                          Closed: {r.resolution?.replace("_", " ")}
                          <div className="text-xs text-slate-500">{shortDate(r.closedAt)}</div>
                        </>
                      ) : labels.stage[r.stage]}
                    </td>
                    <td className="hidden px-3 py-1.5 sm:table-cell"><Badge tone={closed ? "neutral" : priorityTone[r.priority]}>{r.priority}</Badge></td>
                    <td className="hidden px-3 py-1.5 sm:table-cell"><SlaCell sla={sla} now={now} closed={closed} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
