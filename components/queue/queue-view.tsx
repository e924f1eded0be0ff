"use client";
// The live queue: the server renders the first page, TanStack Query keeps it current through the same
// /api/v1/work-items the integrations use. Keyboard: j/k move, Enter opens, x selects, a assigns.
import { Th, Thead } from "@/components/ui/table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { age } from "@/components/ui/format";
import { itemKey } from "@/lib/domain/keys";
import { labels } from "@/lib/domain/vocabulary";
import type { ApiWorkItem } from "@/lib/schemas/work-items";
import { priorityTone } from "./tones";
import { SlaCell } from "@/components/sla/sla-cell";
import { BulkBar } from "./bulk-bar";
import { AssignDialog } from "./assign-dialog";
import type { Person } from "./queue-filters";

export interface QueuePage {
  items: ApiWorkItem[];
  nextCursor: string | null;
}

interface Props {
  org: string;
  apiQuery: string;
  initial: QueuePage;
  people: Person[];
  me: string;
  canBulk: boolean;
  canTake: boolean;
  /** When the server read `initial` (ms), so server and browser render the same first frame. */
  loadedAt: number;
}

async function fetchPage(org: string, apiQuery: string): Promise<QueuePage> {
  const res = await fetch(`/api/v1/work-items?org=${encodeURIComponent(org)}&${apiQuery}`, { headers: { Accept: "application/json" } });
  const body = (await res.json()) as QueuePage | { error: { message: string } };
  if (!res.ok || "error" in body) throw new Error("error" in body ? body.error.message : `The queue could not be loaded (${res.status}).`);
  return body;
}

export function QueueView({ org, apiQuery, initial, people, me, canBulk, canTake, loadedAt }: Props) {
  const router = useRouter();
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ["work-items", org, apiQuery],
    queryFn: () => fetchPage(org, apiQuery),
    initialData: initial,
    initialDataUpdatedAt: loadedAt,
    refetchInterval: 30_000,
  });
  const rows = query.data.items;
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assigning, setAssigning] = useState<ApiWorkItem | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const now = query.dataUpdatedAt || loadedAt;
  // Remaining times tick between refreshes (the first frame uses the load time, as the server did).
  const [ticked, setTicked] = useState<number | null>(null);
  useEffect(() => {
    const t = setInterval(() => setTicked(new Date().getTime()), 15_000);
    return () => clearInterval(t);
  }, []);
  const clock = Math.max(now, ticked ?? 0);

  const changed = useCallback(() => {
    void qc.invalidateQueries({ queryKey: ["work-items", org] });
    router.refresh();
  }, [qc, org, router]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.metaKey || e.ctrlKey || e.altKey || el.closest("input, select, textarea, dialog, [contenteditable]")) return;
      const row = rows[active];
      if (e.key === "j" || e.key === "ArrowDown") setActive((i) => Math.min(rows.length - 1, i + 1));
      else if (e.key === "k" || e.key === "ArrowUp") setActive((i) => Math.max(0, i - 1));
      else if (e.key === "Enter" && row && !el.closest("a, button")) router.push(`/o/${org}/items/${row.number}`);
      else if (e.key === "x" && row && canBulk) toggle(row.id);
      else if (e.key === "a" && row && (canBulk || (canTake && !row.assigneeId))) setAssigning(row);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, active, org, router, canBulk, canTake]);

  useEffect(() => {
    tableRef.current?.querySelector(`[data-row="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const picked = rows.filter((r) => selected.has(r.id));

  return (
    <>
      {canBulk && picked.length > 0 ? <BulkBar org={org} items={picked} people={people} onDone={(o) => { setOutcome(o); changed(); }} onClear={() => setSelected(new Set())} /> : null}
      {outcome ? (
        <div className="mb-2 flex items-center justify-between gap-3 rounded border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-800">
          <span role="status" className="whitespace-pre-line">{outcome}</span>
          <button type="button" className="text-xs font-medium text-slate-600 hover:underline" onClick={() => setOutcome(null)}>Dismiss</button>
        </div>
      ) : null}
      {query.isError ? (
        <p role="alert" className="mb-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          Could not refresh the queue: {(query.error as Error).message} Showing what was loaded before.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">No work items match these filters.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-left" aria-describedby="queue-keys">
            <caption className="sr-only">Work items</caption>
            <Thead>
                {canBulk ? (
                  <th scope="col" className="w-8 px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label="Select all items on this page"
                      checked={picked.length === rows.length}
                      onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                    />
                  </th>
                ) : null}
                <Th className="hidden sm:table-cell">Item</Th>
                <Th>Title</Th>
                <Th className="hidden 2xl:table-cell">Type</Th>
                <Th className="hidden sm:table-cell">Stage</Th>
                <Th>Priority</Th>
                <Th>SLA</Th>
                <Th className="hidden whitespace-nowrap lg:table-cell">Waiting on</Th>
                <Th className="hidden md:table-cell">Assignee</Th>
                <Th className="text-right">Age</Th>
              </Thead>
            <tbody ref={tableRef} className="divide-y divide-slate-100">
              {rows.map((r, i) => (
                <tr
                  key={r.id}
                  data-row={i}
                  aria-current={i === active ? "true" : undefined}
                  onClick={() => setActive(i)}
                  className={i === active ? "bg-blue-50/70 outline-2 -outline-offset-2 outline-blue-500" : "hover:bg-slate-50"}
                >
                  {canBulk ? (
                    <td className="px-3 py-1.5">
                      <input type="checkbox" aria-label={`Select ${itemKey(org, r.number)}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                    </td>
                  ) : null}
                  <td className="hidden whitespace-nowrap px-3 py-1.5 font-mono text-xs text-slate-600 sm:table-cell">{itemKey(org, r.number)}</td>
                  <td className="max-w-[11rem] px-3 py-1.5 sm:max-w-[24rem]">
                    <Link href={`/o/${org}/items/${r.number}`} className="block truncate font-medium text-slate-900 hover:text-blue-700 hover:underline" title={r.title}>
                      {r.title}
                    </Link>
                    <div className="truncate text-xs text-slate-500">
                      <span className="sm:hidden">
                        <span className="font-mono">{itemKey(org, r.number)}</span> · {r.stage === "closed" ? `Closed (${r.resolution?.replace("_", " ")})` : labels.stage[r.stage]}
                        {r.escalationLevel > 0 ? ` · escalated L${r.escalationLevel}` : ""} ·{" "}
                      </span>
                      <span className="2xl:hidden">{labels.type[r.type]}{r.identityName ? " · " : ""}</span>
                      {r.identityName}
                    </div>
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-1.5 text-slate-700 2xl:table-cell">{labels.type[r.type]}</td>
                  <td className="hidden whitespace-nowrap px-3 py-1.5 sm:table-cell">
                    {r.stage === "closed" ? <Badge tone="neutral">Closed · {r.resolution?.replace("_", " ")}</Badge> : <span className="text-slate-800">{labels.stage[r.stage]}</span>}
                    {r.escalationLevel > 0 ? <span className="ml-1.5 inline-block"><Badge tone="breach">Escalated L{r.escalationLevel}</Badge></span> : null}
                  </td>
                  <td className="px-3 py-1.5"><Badge tone={priorityTone[r.priority]}>{r.priority}</Badge></td>
                  <td className="px-3 py-1.5"><SlaCell sla={r.sla} now={clock} closed={r.closedAt !== null} /></td>
                  <td className="hidden whitespace-nowrap px-3 py-1.5 text-slate-700 lg:table-cell">{r.stage === "closed" ? "—" : labels.waitingOn[r.waitingOn]}</td>
                  <td className="hidden whitespace-nowrap px-3 py-1.5 text-slate-700 md:table-cell">
                    {r.assigneeId === me ? <span className="font-medium">You</span> : r.assigneeName ?? <span className="text-slate-500">Unassigned</span>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums text-slate-700" title={`Raised ${r.createdAt}`}>
                    {age(new Date(r.createdAt), new Date(r.closedAt ?? now))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p id="queue-keys" className="mt-2 text-xs text-slate-500">
        <span aria-live="polite">{query.isFetching ? "Refreshing…" : `Up to date as of ${new Date(now).toLocaleTimeString("en-GB", { timeZone: "UTC" })} UTC.`}</span>{" "}
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens{canBulk ? <>, <kbd>x</kbd> selects</> : null}
        {canBulk || canTake ? <>, <kbd>a</kbd> assigns</> : null}.
      </p>
      {assigning ? (
        <AssignDialog org={org} item={assigning} people={canBulk ? people : []} me={me} onClose={() => setAssigning(null)} onDone={() => { setAssigning(null); changed(); }} />
      ) : null}
    </>
  );
}
