"use client";
// The moves this person may make now, as the server computed them from the permission table and the
// item's state. Moves that need a reason (or the original, for a duplicate) open a short form first.
import { useState } from "react";
import { moveAction } from "@/app/(console)/o/[org]/items/actions";
import type { MoveOption } from "@/lib/domain/work-item-rules";
import { ErrorNote, useItemAction } from "./use-action";

const tones = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 border-blue-700",
  neutral: "bg-white text-slate-800 hover:bg-slate-50 border-slate-300",
  danger: "bg-white text-red-700 hover:bg-red-50 border-red-300",
};

export function ItemActions({ org, id, version, options, remediated = false }: { org: string; id: string; version: number; options: MoveOption[]; remediated?: boolean }) {
  const { pending, error, run, reload } = useItemAction();
  const [open, setOpen] = useState<MoveOption | null>(null);
  const [reason, setReason] = useState("");
  const [regressed, setRegressed] = useState(false);
  const [duplicateOf, setDuplicateOf] = useState("");

  if (options.length === 0) return <p className="text-slate-600">You have no moves to make on this item. It is shown read-only.</p>;
  const submit = (o: MoveOption) =>
    run(
      () => moveAction(org, { id, version, to: o.to, resolution: o.resolution, reason: reason || null, duplicateOf: duplicateOf || null, ...(o.label === "Reopen" && remediated ? { regressed } : {}) }),
      () => {
        setOpen(null);
        setReason("");
      },
    );

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <button
            key={`${o.to}-${o.resolution ?? ""}-${o.label}`}
            type="button"
            disabled={pending || !!o.blocked}
            aria-describedby={o.blocked ? `why-${o.label.replace(/\W+/g, "-")}` : undefined}
            onClick={() => (o.needsReason || o.needsDuplicateOf ? setOpen(o) : submit(o))}
            className={`rounded border px-3 py-1.5 font-medium disabled:cursor-not-allowed disabled:opacity-50 ${tones[o.tone]} ${open === o ? "ring-2 ring-blue-600 ring-offset-1" : ""}`}
          >
            {o.label}
          </button>
        ))}
      </div>
      {options.filter((o) => o.blocked).map((o) => (
        <p key={o.label} id={`why-${o.label.replace(/\W+/g, "-")}`} className="mt-2 text-sm text-slate-600">
          <span className="font-medium text-slate-800">{o.label}:</span> {o.blocked}
        </p>
      ))}
      {open ? (
        <form
          className="mt-3 space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit(open);
          }}
        >
          {open.needsDuplicateOf ? (
            <label className="block text-sm font-medium text-slate-700">
              Original item (its id or number)
              <input value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} required className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 font-normal" />
            </label>
          ) : null}
          <label className="block text-sm font-medium text-slate-700">
            Reason for “{open.label}”
            <textarea autoFocus value={reason} onChange={(e) => setReason(e.target.value)} required={open.needsReason} rows={2} className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 font-normal" />
          </label>
          {open.label === "Reopen" && remediated ? (
            <label className="flex items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" className="mt-0.5" checked={regressed} onChange={(e) => setRegressed(e.target.checked)} />
              <span>The problem came back (regressed): it counts against verified remediation.</span>
            </label>
          ) : null}
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className="rounded bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-900 disabled:opacity-60">
              {open.label}
            </button>
            <button type="button" onClick={() => setOpen(null)} className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700">
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ErrorNote error={error} reload={reload} />
    </div>
  );
}
