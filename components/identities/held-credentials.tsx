// The credentials an identity holds (a person's or service account's keys), each with its rotation state.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { Th, Thead } from "@/components/ui/table";
import { rotationDueAt } from "@/lib/domain/identity-rules";
import { labels } from "@/lib/domain/vocabulary";
import type { heldCredentials } from "@/lib/queries/identity-detail";
import { statusLabel, statusTone } from "./words";

type Row = Awaited<ReturnType<typeof heldCredentials>>[number];

export function HeldCredentials({ org, rows, now }: { org: string; rows: Row[]; now: Date }) {
  return (
    <section aria-labelledby="held-h" className="space-y-2">
      <h2 id="held-h" className="font-semibold text-slate-900">
        Credentials it holds <span className="font-normal text-slate-500">({rows.length})</span>
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">Credentials this identity holds</caption>
          <Thead>
            <Th>Credential</Th>
            <Th>Status</Th>
            <Th>Last rotated</Th>
            <Th>Rotation due</Th>
          </Thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const due = r.status === "active" ? rotationDueAt(r) : null;
              return (
                <tr key={r.id}>
                  <td className="max-w-[20rem] px-3 py-1.5">
                    <Link href={`/o/${org}/identities/${r.id}`} className="block truncate font-medium text-blue-700 underline" title={r.name}>{r.name}</Link>
                    <div className="text-xs text-slate-500">{labels.kind[r.kind]}</div>
                  </td>
                  <td className="px-3 py-1.5"><Badge tone={statusTone[r.status]}>{statusLabel(r.status)}</Badge></td>
                  <td className="whitespace-nowrap px-3 py-1.5">{r.lastRotatedAt ? shortDate(r.lastRotatedAt) : "Never"}</td>
                  <td className="whitespace-nowrap px-3 py-1.5">
                    {due ? (
                      <>
                        {shortDate(due)}
                        {due.getTime() <= now.getTime() ? <span className="ml-1.5"><Badge tone="breach">Overdue</Badge></span> : null}
                      </>
                    ) : <span className="text-slate-400">—</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
