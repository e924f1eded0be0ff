"use client";
// The queue's filters. They live in the URL (shareable, back-button friendly); changing one starts over at
// the first page.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { labels, PRIORITIES, WAITING_ON, WORK_ITEM_TYPES } from "@/lib/domain/vocabulary";

export interface Person {
  id: string;
  name: string;
}

const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 focus:outline-2 focus:outline-blue-600";

export function QueueFilters({ people, canSeeMine }: { people: Person[]; canSeeMine: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const [q, setQ] = useState(params.get("q") ?? "");

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("cursor");
    start(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  };
  const select = (key: string, label: string, options: [string, string][]) => (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={`filter-${key}`} className="text-xs font-medium text-slate-600">{label}</label>
      <select id={`filter-${key}`} className={field} value={params.get(key) ?? ""} onChange={(e) => set(key, e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
  const active = ["q", "type", "priority", "assignee", "waitingOn", "sla", "sort"].some((k) => params.get(k));

  return (
    <form
      role="search"
      aria-label="Filter the queue"
      aria-busy={pending}
      className="mb-3 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        set("q", q.trim());
      }}
    >
      <label className="flex min-w-[12rem] flex-1 flex-col gap-0.5 text-xs font-medium text-slate-600 sm:max-w-xs">
        Search
        <input
          type="search"
          className={field}
          placeholder="Title or key, e.g. ACME-42"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onBlur={() => q.trim() !== (params.get("q") ?? "") && set("q", q.trim())}
        />
      </label>
      {select("type", "Type", [["", "Any type"], ...WORK_ITEM_TYPES.map((t) => [t, labels.type[t]] as [string, string])])}
      {select("priority", "Priority", [["", "Any"], ...PRIORITIES.map((p) => [p, p] as [string, string])])}
      {select("assignee", "Assignee", [
        ["", "Anyone"],
        ...(canSeeMine ? ([["me", "Mine"]] as [string, string][]) : []),
        ["unassigned", "Unassigned"],
        ...people.map((p) => [p.id, p.name] as [string, string]),
      ])}
      {select("waitingOn", "Waiting on", [["", "Anyone"], ...WAITING_ON.map((w) => [w, labels.waitingOn[w]] as [string, string])])}
      {select("sla", "SLA", [["", "Any SLA state"], ["at_risk", "At risk"], ["breached", "Breached"]])}
      {select("sort", "Sort", [["", "Newest first"], ["oldest", "Oldest first"], ["priority", "Priority, then oldest"], ["sla", "SLA due, soonest first"], ["updated", "Recently updated"]])}
      {active ? (
        <button
          type="button"
          className="px-2 py-1.5 text-sm font-medium text-blue-700 hover:underline"
          onClick={() => {
            setQ("");
            const stage = params.get("stage");
            start(() => router.replace(stage ? `${pathname}?stage=${stage}` : pathname, { scroll: false }));
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
