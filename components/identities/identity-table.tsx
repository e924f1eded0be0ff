import Link from "next/link";
import { Th, Thead } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { labels } from "@/lib/domain/vocabulary";
import type { IdentityRow } from "@/lib/queries/identities";

function rotationState(r: IdentityRow, now: Date): "overdue" | "ok" | "none" {
  if (!r.rotationPeriodDays) return "none";
  if (!r.lastRotatedAt) return "overdue";
  return now.getTime() - r.lastRotatedAt.getTime() > r.rotationPeriodDays * 86_400_000 ? "overdue" : "ok";
}

export function IdentityTable({ org, rows, now }: { org: string; rows: IdentityRow[]; now: Date }) {
  if (rows.length === 0) {
    return <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">No identities match.</p>;
  }
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full min-w-[48rem] text-left">
        <caption className="sr-only">Identities</caption>
        <Thead>
            <Th>Identity</Th>
            <Th>Kind</Th>
            <Th>Owner</Th>
            <Th>Tier</Th>
            <Th>Status</Th>
            <Th>Last rotated</Th>
          </Thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const rotation = rotationState(r, now);
            return (
              <tr key={r.id} className="hover:bg-slate-50">
                <td className="max-w-[26rem] px-3 py-1.5">
                  <Link href={`/o/${org}/identities/${r.id}`} className="block truncate font-medium text-blue-700 hover:underline" title={r.name}>{r.name}</Link>
                  <div className="text-xs text-slate-500">{r.system}</div>
                </td>
                <td className="whitespace-nowrap px-3 py-1.5 text-slate-700">
                  {labels.kind[r.kind]}
                  {r.privileged ? <span className="ml-1.5"><Badge tone="dark" title="Privileged">Privileged</Badge></span> : null}
                </td>
                <td className="whitespace-nowrap px-3 py-1.5">
                  {r.ownerName ? <span className="text-slate-800">{r.ownerName}</span> : <Badge tone="risk">Orphaned</Badge>}
                </td>
                <td className="px-3 py-1.5 font-mono text-xs text-slate-700">{r.tier}</td>
                <td className="px-3 py-1.5 capitalize text-slate-700">{r.status}</td>
                <td className="whitespace-nowrap px-3 py-1.5 text-slate-700">
                  {rotation === "none" ? (
                    <span className="text-slate-400" title="No rotation period applies">—</span>
                  ) : (
                    <>
                      {shortDate(r.lastRotatedAt)}
                      {rotation === "overdue" ? (
                        <span className="ml-1.5"><Badge tone="breach" title={`Rotation period: ${r.rotationPeriodDays} days`}>Overdue</Badge></span>
                      ) : (
                        <span className="ml-1.5 text-xs text-slate-500">every {r.rotationPeriodDays}d</span>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
