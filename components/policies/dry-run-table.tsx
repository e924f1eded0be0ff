// What a draft of escalation rules would fire now, and whether each firing already happened (an escalation
// fires once per item, rule, clock and cycle, so those will not fire again).
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Th, Thead } from "@/components/ui/table";
import { priorityTone } from "@/components/queue/tones";
import { itemKey } from "@/lib/domain/keys";
import type { DryRunHit } from "@/lib/escalation/engine";

const LIMIT = 1000;

export function DryRunTable({ org, hits, stale }: { org: string; hits: DryRunHit[]; stale: boolean }) {
  const fresh = hits.filter((h) => !h.alreadyFired).length;
  const byRule = new Map<string, number>();
  for (const h of hits) byRule.set(h.ruleId, (byRule.get(h.ruleId) ?? 0) + 1);
  return (
    <section aria-labelledby="dry-run-h" className="mt-4">
      <h3 id="dry-run-h" className="font-semibold text-slate-900">Dry run</h3>
      {stale ? <p className="text-sm text-amber-900">The document has changed since this dry run; run it again to see the effect of your edits.</p> : null}
      {hits.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">Nothing would fire now: no open item meets any rule of this draft.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-700">
            {hits.length >= LIMIT ? `At least ${LIMIT}` : hits.length} {hits.length === 1 ? "escalation matches" : "escalations match"} the open items now: {fresh} would fire once this draft is active, {hits.length - fresh} already fired and will not fire again.
          </p>
          <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
            <span>By rule:</span>
            {[...byRule].map(([rule, n]) => (
              <span key={rule} className="whitespace-nowrap"><code className="font-mono text-xs text-slate-800">{rule}</code> {n}</span>
            ))}
          </p>
          <div className="mt-2 max-h-[28rem] overflow-auto rounded border border-slate-200">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">What the draft would fire now</caption>
              <Thead>
                <Th>Item</Th>
                <Th>Rule</Th>
                <Th className="hidden sm:table-cell">Clock</Th>
                <Th>Level</Th>
                <Th className="hidden md:table-cell">Notify</Th>
                <Th>Status</Th>
              </Thead>
              <tbody className="divide-y divide-slate-100">
                {hits.map((h) => (
                  <tr key={`${h.itemId}|${h.ruleId}|${h.clock}|${h.cycle}`}>
                    <td className="px-3 py-1.5">
                      <div className="flex items-center gap-1.5">
                        <Link href={`/o/${org}/items/${h.number}`} className="whitespace-nowrap font-mono text-blue-700 hover:underline">{itemKey(org, h.number)}</Link>
                        <Badge tone={priorityTone[h.priority]}>{h.priority}</Badge>
                      </div>
                      <div className="line-clamp-1 max-w-[22rem] text-xs text-slate-600">{h.title}</div>
                    </td>
                    <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs">{h.ruleId}</td>
                    <td className="hidden px-3 py-1.5 sm:table-cell">{h.clock}{h.cycle > 1 ? ` (cycle ${h.cycle})` : ""}</td>
                    <td className="px-3 py-1.5 tabular-nums">{h.level ? `L${h.level}` : "—"}</td>
                    <td className="hidden px-3 py-1.5 md:table-cell">{h.notify.join(", ") || "—"}</td>
                    <td className="px-3 py-1.5">{h.alreadyFired ? <Badge title="Fired under the current rules; an escalation fires once per item, rule, clock and cycle">Already fired</Badge> : <Badge tone="risk">Would fire</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
