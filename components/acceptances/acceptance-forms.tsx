"use client";
// Forms for risk acceptances: ask for one (provider staff and owners), decide it (owners who did not ask),
// ask for an extension, withdraw a request. The server checks every rule again; these only guide.
import { useId, useState } from "react";
import { decideAcceptanceAction, extendAcceptanceAction, requestAcceptanceAction, withdrawAcceptanceAction } from "@/app/(console)/o/[org]/decisions/actions";
import { ErrorNote, useItemAction } from "@/components/items/use-action";
import { labels, TREATMENTS, type Treatment } from "@/lib/domain/vocabulary";

const field = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30";
const label = "mb-0.5 block text-xs font-medium text-slate-700";
const primary = "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50";
const secondary = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50";
const danger = "rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50";

export interface ExpiryBounds {
  /** YYYY-MM-DD: the earliest and latest expiry the policy allows from today. */
  min: string;
  max: string;
  /** e.g. "30 days for a P1 item" */
  rule: string;
}

export function RequestAcceptanceForm({ org, itemId, version, owners, bounds, approvals }: {
  org: string;
  itemId: string;
  version: number;
  owners: { id: string; name: string }[];
  bounds: ExpiryBounds;
  approvals: number;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const { pending, error, run, reload } = useItemAction();
  const [treatment, setTreatment] = useState<Treatment>("mitigate");
  if (!open) {
    return (
      <button type="button" className={secondary} onClick={() => setOpen(true)}>
        Request risk acceptance…
      </button>
    );
  }
  return (
    <form
      aria-label="Request risk acceptance"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        run(
          () => requestAcceptanceAction(org, { id: itemId, version, treatment, justification: f.get("justification"), compensatingControls: f.get("controls"), accountableOwner: f.get("owner"), expiresAt: f.get("expires") }),
          () => setOpen(false),
        );
      }}
    >
      <fieldset>
        <legend className={label}>Treatment</legend>
        <div className="flex flex-wrap gap-3">
          {TREATMENTS.map((t) => (
            <label key={t} className="inline-flex items-center gap-1.5 text-sm">
              <input type="radio" name="treatment" value={t} checked={treatment === t} onChange={() => setTreatment(t)} />
              {labels.treatment[t]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-why`} className={label}>Justification</label>
        <textarea id={`${id}-why`} name="justification" className={field} rows={3} required minLength={10} placeholder="Why the risk is acceptable for now, and what happens at expiry." />
      </div>
      <div>
        <label htmlFor={`${id}-controls`} className={label}>Compensating controls</label>
        <textarea id={`${id}-controls`} name="controls" className={field} rows={2} required minLength={3} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-owner`} className={label}>Accountable owner</label>
          <select id={`${id}-owner`} name="owner" className={field} required defaultValue="">
            <option value="" disabled>Choose a programme owner</option>
            {owners.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-expires`} className={label}>Expires on</label>
          <input id={`${id}-expires`} name="expires" type="date" className={field} required min={bounds.min} max={bounds.max} aria-describedby={`${id}-expires-hint`} />
          <p id={`${id}-expires-hint`} className="mt-0.5 text-xs text-slate-500">At most {bounds.rule} (policy); end of day in the organisation&apos;s time zone.</p>
        </div>
      </div>
      <p className="text-xs text-slate-600">
        The item will wait on the client while {approvals > 1 ? `${approvals} programme owners` : "a programme owner"} other than you decide{approvals > 1 ? "" : "s"}; the decision clock runs.
      </p>
      <div className="flex gap-2">
        <button type="submit" className={primary} disabled={pending}>Send for decision</button>
        <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}

export function DecisionForm({ org, acceptanceId, approvals, required, approveBlocked = null }: { org: string; acceptanceId: string; approvals: number; required: number; approveBlocked?: string | null }) {
  const id = useId();
  const { pending, error, run, reload } = useItemAction();
  const [comment, setComment] = useState("");
  const decide = (decision: "approve" | "reject") => run(() => decideAcceptanceAction(org, { id: acceptanceId, decision, comment }), () => setComment(""));
  const last = approvals + 1 >= required;
  return (
    <form aria-label="Decide" className="space-y-2" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-comment`} className={label}>Your decision&apos;s comment (kept in the audit trail)</label>
      <textarea id={`${id}-comment`} className={field} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} required minLength={3} />
      <div className="flex flex-wrap items-center gap-2">
        {approveBlocked ? null : (
          <button type="button" className={primary} disabled={pending || comment.trim().length < 3} onClick={() => decide("approve")}>
            {last ? "Approve" : `Approve (${approvals + 1} of ${required})`}
          </button>
        )}
        <button type="button" className={danger} disabled={pending || comment.trim().length < 3} onClick={() => decide("reject")}>
          Reject
        </button>
        {approveBlocked ? <span className="text-xs text-slate-600">{approveBlocked}</span> : !last ? <span className="text-xs text-slate-600">Another owner must also approve before it takes effect.</span> : null}
      </div>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}

export function ExtensionForm({ org, acceptanceId, bounds, lapsed }: { org: string; acceptanceId: string; bounds: ExpiryBounds; lapsed: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const { pending, error, run, reload } = useItemAction();
  if (!open) {
    return (
      <button type="button" className={secondary} onClick={() => setOpen(true)}>
        {lapsed ? "Ask to renew…" : "Request extension…"}
      </button>
    );
  }
  return (
    <form
      aria-label={lapsed ? "Ask to renew" : "Request extension"}
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        run(() => extendAcceptanceAction(org, { id: acceptanceId, justification: f.get("justification"), expiresAt: f.get("expires") }), () => setOpen(false));
      }}
    >
      <div>
        <label htmlFor={`${id}-why`} className={label}>Why more time is needed</label>
        <textarea id={`${id}-why`} name="justification" className={field} rows={2} required minLength={10} />
      </div>
      <div className="max-w-xs">
        <label htmlFor={`${id}-expires`} className={label}>New expiry</label>
        <input id={`${id}-expires`} name="expires" type="date" className={field} required min={bounds.min} max={bounds.max} />
        <p className="mt-0.5 text-xs text-slate-500">At most {bounds.rule}. The original dates stay on record; the renewal is counted.</p>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={primary} disabled={pending}>Send for decision</button>
        <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}

export function WithdrawForm({ org, acceptanceId }: { org: string; acceptanceId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const { pending, error, run, reload } = useItemAction();
  if (!open) {
    return (
      <button type="button" className={secondary} onClick={() => setOpen(true)}>
        Withdraw request…
      </button>
    );
  }
  return (
    <form
      aria-label="Withdraw request"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => withdrawAcceptanceAction(org, { id: acceptanceId, reason: new FormData(e.currentTarget).get("reason") }));
      }}
    >
      <div className="min-w-[16rem] flex-1">
        <label htmlFor={`${id}-reason`} className={label}>Reason for withdrawing</label>
        <input id={`${id}-reason`} name="reason" className={field} required minLength={3} />
      </div>
      <button type="submit" className={danger} disabled={pending}>Withdraw</button>
      <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      <div className="basis-full"><ErrorNote error={error} reload={reload} /></div>
    </form>
  );
}
