"use client";
// Ending a campaign, with a reason for the audit trail: no further runs; an open run finishes on its own dates.
// A modal dialog like the queue's assign dialog (Escape closes it, focus stays inside).
import { useEffect, useRef, useState } from "react";
import { endCampaignAction } from "@/app/(console)/o/[org]/campaigns/actions";
import { ErrorNote, useItemAction } from "@/components/items/use-action";

function EndDialog({ org, campaignId, name, runOpen, onClose }: { org: string; campaignId: string; name: string; runOpen: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { pending, error, run, reload } = useItemAction();
  const [reason, setReason] = useState("");
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="end-title" className="m-auto w-[min(28rem,92vw)] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30">
      <form
        aria-label="End campaign"
        className="space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => endCampaignAction(org, { campaignId, reason }), onClose);
        }}
      >
        <h2 id="end-title" className="text-base font-semibold text-slate-900">
          End “{name}”
        </h2>
        <p className="text-sm text-slate-600">No further runs open.{runOpen ? " The open run finishes on its own dates; its reviews can still be decided." : ""}</p>
        <label className="block text-sm font-medium text-slate-700">
          Why does it end?
          <textarea
            autoFocus
            required
            minLength={3}
            maxLength={2000}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm font-normal focus:outline-2 focus:outline-blue-600"
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Cancel
          </button>
          <button type="submit" disabled={pending || reason.trim().length < 3} className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-60">
            {pending ? "Ending…" : "End campaign"}
          </button>
        </div>
        <ErrorNote error={error} reload={reload} />
      </form>
    </dialog>
  );
}

export function EndCampaign({ org, campaignId, name, runOpen }: { org: string; campaignId: string; name: string; runOpen: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
        End campaign…
      </button>
      {open ? <EndDialog org={org} campaignId={campaignId} name={name} runOpen={runOpen} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
