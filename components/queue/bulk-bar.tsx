"use client";
// Bulk assign and bulk move for leads. Each item is changed on its own (version guard, rules, audit), so
// the bar reports which ones were refused and why.
import { useState, useTransition } from "react";
import { bulkAssignAction, bulkMoveAction } from "@/app/(console)/o/[org]/items/actions";
import { itemKey } from "@/lib/domain/keys";
import { labels, STAGES } from "@/lib/domain/vocabulary";
import type { ApiWorkItem } from "@/lib/schemas/work-items";
import type { BulkOutcome } from "@/lib/actions/bulk";
import type { Person } from "./queue-filters";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";
const button = "rounded bg-slate-800 px-2.5 py-1 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-50";

/** `onDone` receives a sentence about the outcome; the queue shows it (the selection may vanish on refresh). */
export function BulkBar({ org, items, people, onDone, onClear }: { org: string; items: ApiWorkItem[]; people: Person[]; onDone: (outcome: string) => void; onClear: () => void }) {
  const [assignee, setAssignee] = useState("");
  const [stage, setStage] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const targets = items.map((i) => ({ id: i.id, version: i.version }));
  const keyOf = (id: string) => {
    const it = items.find((i) => i.id === id);
    return it ? itemKey(org, it.number) : id;
  };
  const report = (r: { ok: true; data: BulkOutcome } | { ok: false; error: { message: string } }) => {
    if (!r.ok) return setError(r.error.message);
    setError(null);
    const refused = r.data.refused.map((x) => `${keyOf(x.id)}: ${x.message}`);
    onDone(`${r.data.done} changed.${refused.length ? `\n${refused.length} refused:\n${refused.join("\n")}` : ""}`);
  };

  return (
    <div role="region" aria-label="Bulk actions" className="mb-2 rounded border border-blue-200 bg-blue-50 px-3 py-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <span className="font-medium text-blue-950">{items.length} selected</span>
        <span className="flex items-center gap-1.5">
          <label htmlFor="bulk-assignee" className="text-slate-700">Assign to</label>
          <select id="bulk-assignee" className={field} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">Choose…</option>
            <option value="none">Nobody (unassign)</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <button type="button" className={button} disabled={pending || !assignee} onClick={() => start(async () => report(await bulkAssignAction(org, { items: targets, assigneeId: assignee === "none" ? null : assignee })))}>
            Assign
          </button>
        </span>
        <span className="flex flex-wrap items-center gap-1.5">
          <label htmlFor="bulk-stage" className="text-slate-700">Move to</label>
          <select id="bulk-stage" className={field} value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">Choose…</option>
            {STAGES.filter((s) => s !== "closed").map((s) => <option key={s} value={s}>{labels.stage[s]}</option>)}
          </select>
          <label htmlFor="bulk-reason" className="sr-only">Reason (needed for backward moves)</label>
          <input id="bulk-reason" className={`${field} w-48`} placeholder="Reason, if going back" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className={button} disabled={pending || !stage} onClick={() => start(async () => report(await bulkMoveAction(org, { items: targets, to: stage, reason: reason || null })))}>
            Move
          </button>
        </span>
        <button type="button" onClick={onClear} className="text-sm font-medium text-blue-800 hover:underline">Clear selection</button>
      </div>
      {error ? <p role="alert" className="mt-1.5 text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
