"use client";
// Small forms in the item's side panel: priority (an override needs a reason), assignee, ball in court.
import { useState } from "react";
import { assignAction, handOverAction, priorityAction } from "@/app/(console)/o/[org]/items/actions";
import { labels, PRIORITIES, WAITING_ON, type Priority, type WaitingOn } from "@/lib/domain/vocabulary";
import { ErrorNote, useItemAction } from "./use-action";

const field = "min-w-[9rem] flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm";
const go = "rounded bg-slate-800 px-2.5 py-1 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-50";

interface Base {
  org: string;
  id: string;
  version: number;
}

export function PriorityForm({ org, id, version, priority, computed }: Base & { priority: Priority; computed: Priority }) {
  const { pending, error, run, reload } = useItemAction();
  const [value, setValue] = useState(priority);
  const [reason, setReason] = useState("");
  const override = value !== computed;
  return (
    <form
      className="space-y-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => priorityAction(org, { id, version, priority: value, reason: reason || null }), () => setReason(""));
      }}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <label htmlFor="priority" className="sr-only">Priority</label>
        <select id="priority" className={field} value={value} onChange={(e) => setValue(e.target.value as Priority)}>
          {PRIORITIES.map((p) => <option key={p} value={p}>{p}{p === computed ? " (computed)" : ""}</option>)}
        </select>
        <button type="submit" className={go} disabled={pending || value === priority}>Set</button>
      </div>
      {override && value !== priority ? (
        <>
          <label htmlFor="priority-reason" className="block text-xs text-slate-600">Overriding the computed {computed} needs a reason</label>
          <input id="priority-reason" className={`${field} w-full`} value={reason} onChange={(e) => setReason(e.target.value)} required />
        </>
      ) : null}
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}

export function AssignForm({ org, id, version, assigneeId, people, me, canAssignOthers }: Base & {
  assigneeId: string | null;
  people: { id: string; name: string }[];
  me: string;
  canAssignOthers: boolean;
}) {
  const { pending, error, run, reload } = useItemAction();
  const [value, setValue] = useState(assigneeId ?? "");
  if (!canAssignOthers) {
    return assigneeId ? null : (
      <>
        <button type="button" className={go} disabled={pending} onClick={() => run(() => assignAction(org, { id, version, assigneeId: me }))}>
          Assign to me
        </button>
        <ErrorNote error={error} reload={reload} />
      </>
    );
  }
  return (
    <form className="flex flex-wrap items-center gap-1.5" onSubmit={(e) => { e.preventDefault(); run(() => assignAction(org, { id, version, assigneeId: value || null })); }}>
      <label htmlFor="assignee" className="sr-only">Assignee</label>
      <select id="assignee" className={field} value={value} onChange={(e) => setValue(e.target.value)}>
        <option value="">Unassigned</option>
        {people.map((p) => <option key={p.id} value={p.id}>{p.id === me ? `${p.name} (you)` : p.name}</option>)}
      </select>
      <button type="submit" className={go} disabled={pending || value === (assigneeId ?? "")}>Assign</button>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}

export function HandOverForm({ org, id, version, waitingOn }: Base & { waitingOn: WaitingOn }) {
  const { pending, error, run, reload } = useItemAction();
  const [value, setValue] = useState<WaitingOn>(waitingOn);
  const [reason, setReason] = useState("");
  return (
    <form className="space-y-1.5" onSubmit={(e) => { e.preventDefault(); run(() => handOverAction(org, { id, version, waitingOn: value, reason }), () => setReason("")); }}>
      <div className="flex flex-wrap items-center gap-1.5">
        <label htmlFor="waiting-on" className="sr-only">Waiting on</label>
        <select id="waiting-on" className={field} value={value} onChange={(e) => setValue(e.target.value as WaitingOn)}>
          {WAITING_ON.map((w) => <option key={w} value={w}>{labels.waitingOn[w]}</option>)}
        </select>
        <button type="submit" className={go} disabled={pending || value === waitingOn}>Hand over</button>
      </div>
      {value !== waitingOn ? (
        <>
          <label htmlFor="hand-over-reason" className="block text-xs text-slate-600">What does it now wait for?</label>
          <input id="hand-over-reason" className={`${field} w-full`} value={reason} onChange={(e) => setReason(e.target.value)} required />
        </>
      ) : null}
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}
