"use client";
// Assign one item: a lead picks anyone on the provider side; an analyst can take an unassigned item.
import { useEffect, useRef, useState, useTransition } from "react";
import { assignAction } from "@/app/(console)/o/[org]/items/actions";
import { itemKey } from "@/lib/domain/keys";
import type { ApiWorkItem } from "@/lib/schemas/work-items";
import type { Person } from "./queue-filters";

export function AssignDialog({ org, item, people, me, onClose, onDone }: {
  org: string;
  item: ApiWorkItem;
  /** Empty for analysts: they may only take the item themselves. */
  people: Person[];
  me: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [to, setTo] = useState(item.assigneeId ?? me);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  const submit = (assigneeId: string | null) =>
    start(async () => {
      const r = await assignAction(org, { id: item.id, version: item.version, assigneeId });
      if (r.ok) onDone();
      else setError(r.error.message);
    });

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="assign-title" className="m-auto w-[min(28rem,92vw)] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30">
      <form
        method="dialog"
        className="space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit(people.length ? to || null : me);
        }}
      >
        <h2 id="assign-title" className="text-base font-semibold text-slate-900">
          Assign {itemKey(org, item.number)}
        </h2>
        <p className="truncate text-slate-600" title={item.title}>{item.title}</p>
        {people.length ? (
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Assignee
            <select autoFocus value={to} onChange={(e) => setTo(e.target.value)} className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">Unassigned</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>{p.id === me ? `${p.name} (you)` : p.name}</option>
              ))}
            </select>
          </label>
        ) : (
          <p className="text-slate-700">Take this item and become its assignee?</p>
        )}
        {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
        <div className="flex justify-end gap-2 pt-1">
          <button type="button" onClick={onClose} className="rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50">Cancel</button>
          <button type="submit" autoFocus={!people.length} disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
            {people.length ? "Assign" : "Take it"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
