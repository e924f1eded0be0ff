"use client";
// Starting a campaign: what it reviews (with a live count of the identities in scope, from facets the server
// counted), who reviews what has no reviewing owner, what happens to silence, and the timing. The first run
// opens on submit; the campaign page follows.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { createCampaignAction } from "@/app/(console)/o/[org]/campaigns/actions";
import { ErrorNote, useItemAction } from "@/components/items/use-action";
import { RECURRENCES, type Recurrence } from "@/lib/domain/campaign";
import { IDENTITY_KINDS, labels, TIERS, type IdentityKind, type ReviewDecision, type Tier } from "@/lib/domain/vocabulary";
import type { ScopeFacet } from "@/lib/queries/campaigns";
import { RECURRENCE_LABELS } from "./format";

const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900 focus:outline-2 focus:outline-blue-600";
const labelCls = "block text-sm font-medium text-slate-700";
const legendCls = "text-sm font-medium text-slate-700";
const hint = "mt-0.5 block text-xs font-normal text-slate-500";

interface Reviewer {
  id: string;
  name: string;
  email: string;
}

/** "7, 2" → [7, 2]; null when a part is not a whole number. */
function parseDays(s: string): number[] | null {
  const parts = s.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}

function toggle<T>(xs: T[], x: T): T[] {
  return xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x];
}

export function CampaignForm({ org, reviewers, facets, me }: { org: string; reviewers: Reviewer[]; facets: ScopeFacet[]; me: string }) {
  const router = useRouter();
  const { pending, error, run, reload } = useItemAction();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [kinds, setKinds] = useState<IdentityKind[]>([]);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [privileged, setPrivileged] = useState(false);
  const [system, setSystem] = useState("");
  const [fallbackReviewerId, setFallback] = useState(reviewers.some((r) => r.id === me) ? me : reviewers.length === 1 ? reviewers[0]!.id : "");
  const [defaultAction, setDefaultAction] = useState<ReviewDecision>("certify");
  const [reviewDays, setReviewDays] = useState("14");
  const [closeDays, setCloseDays] = useState("21");
  const [reminders, setReminders] = useState("7, 2");
  const [recurrence, setRecurrence] = useState<Recurrence>("once");
  const reminderDays = parseDays(reminders);

  const systems = useMemo(() => [...new Set(facets.map((f) => f.system))].sort((a, b) => a.localeCompare(b)), [facets]);
  const inScope = useMemo(
    () =>
      facets
        .filter((f) => (!kinds.length || kinds.includes(f.kind)) && (!tiers.length || tiers.includes(f.tier)) && (!privileged || f.privileged) && (!system.trim() || f.system === system.trim()))
        .reduce((s, f) => s + f.count, 0),
    [facets, kinds, tiers, privileged, system],
  );

  const fieldError = (key: string) => {
    const msgs = Object.entries(error?.fields ?? {})
      .filter(([k]) => k === key || k.startsWith(`${key}.`))
      .flatMap(([, v]) => v);
    return msgs.length ? msgs.join(" ") : null;
  };
  const err = (k: string, id?: string) => {
    const m = k === "reminderDays" && reminderDays === null ? "Reminders are whole numbers of days before the due date, e.g. 7, 2." : fieldError(k);
    return m ? <span id={id} className="mt-0.5 block text-xs font-normal text-red-700">{m}</span> : null;
  };
  // Field messages sit beside their fields; the note below keeps the summary and anything about the whole form.
  const note = error?.code === "invalid:input" ? { ...error, fields: error.fields?.["(root)"] ? { "(root)": error.fields["(root)"] } : undefined } : error;

  return (
    <form
      aria-label="New campaign"
      className="max-w-3xl space-y-5 rounded border border-slate-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (reminderDays === null) return;
        run(async () => {
          const r = await createCampaignAction(org, {
            name,
            description,
            scope: { kinds, tiers, privileged, system: system.trim() },
            fallbackReviewerId,
            defaultAction,
            reviewDays,
            closeDays,
            reminderDays,
            recurrence,
          });
          if (r.ok) router.push(`/o/${org}/campaigns/${r.data.id}`);
          return r;
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <label className={labelCls}>
          Name
          <input className={field} value={name} onChange={(e) => setName(e.target.value)} required minLength={3} maxLength={120} placeholder="Quarterly privileged access recertification" aria-invalid={!!fieldError("name")} />
          {err("name")}
        </label>
        <label className={labelCls}>
          Recurrence
          <select className={field} value={recurrence} onChange={(e) => setRecurrence(e.target.value as Recurrence)}>
            {(Object.keys(RECURRENCES) as Recurrence[]).map((r) => <option key={r} value={r}>{RECURRENCE_LABELS[r]}{r === "once" ? " (one run)" : ""}</option>)}
          </select>
          {err("recurrence")}
        </label>
      </div>
      <label className={labelCls}>
        Description <span className="font-normal text-slate-500">(optional)</span>
        <textarea className={field} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} placeholder="Why this review, and what reviewers should look for." />
      </label>

      <fieldset className="rounded border border-slate-200 px-4 pb-4 pt-2">
        <legend className="px-1 text-sm font-semibold text-slate-900">Scope: active identities that match all of these</legend>
        <div className="grid gap-4 md:grid-cols-[3fr_2fr]">
          <fieldset>
            <legend className={legendCls}>Kinds <span className="font-normal text-slate-500">(none ticked: every kind)</span></legend>
            <div className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              {IDENTITY_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-2">
                  <input type="checkbox" className="h-4 w-4" checked={kinds.includes(k)} onChange={() => setKinds((xs) => toggle(xs, k))} />
                  {labels.kind[k]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="space-y-3">
            <fieldset>
              <legend className={legendCls}>Tiers <span className="font-normal text-slate-500">(none: every tier)</span></legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {TIERS.map((t) => (
                  <label key={t} className="flex items-center gap-2">
                    <input type="checkbox" className="h-4 w-4" checked={tiers.includes(t)} onChange={() => setTiers((xs) => toggle(xs, t))} />
                    {t}
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input type="checkbox" className="h-4 w-4" checked={privileged} onChange={(e) => setPrivileged(e.target.checked)} />
              Privileged identities only
            </label>
            <label className={labelCls}>
              System <span className="font-normal text-slate-500">(optional, exact name)</span>
              <input className={field} value={system} onChange={(e) => setSystem(e.target.value)} list="campaign-systems" maxLength={200} placeholder="Any system" />
              <datalist id="campaign-systems">
                {systems.map((s) => <option key={s} value={s} />)}
              </datalist>
              {err("scope")}
            </label>
          </div>
        </div>
        <p role="status" className="mt-3 rounded bg-slate-50 px-3 py-2 text-sm text-slate-800">
          <span className="font-semibold tabular-nums">{inScope}</span> active identit{inScope === 1 ? "y" : "ies"} in scope now
          {inScope === 0 ? <span className="text-amber-800"> — the first run would have nothing to review.</span> : <span className="text-slate-600"> — one access review each in the first run.</span>}
        </p>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <label className={labelCls}>
          Fallback reviewer
          <select className={field} value={fallbackReviewerId} onChange={(e) => setFallback(e.target.value)} required aria-invalid={!!fieldError("fallbackReviewerId")}>
            <option value="">Choose a programme owner…</option>
            {reviewers.map((r) => <option key={r.id} value={r.id}>{r.name} ({r.email})</option>)}
          </select>
          <span className={hint}>Reviews identities whose owner is not a programme owner here.</span>
          {err("fallbackReviewerId")}
        </label>
        <fieldset>
          <legend className={legendCls}>Undecided at the deadline</legend>
          <div className="mt-1 space-y-1 text-sm">
            {(["certify", "revoke"] as const).map((d) => (
              <label key={d} className="flex items-center gap-2">
                <input type="radio" name="defaultAction" className="h-4 w-4" checked={defaultAction === d} onChange={() => setDefaultAction(d)} />
                {d === "certify" ? "Keep access (certify by default)" : "Revoke access (raises a revocation item)"}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <label className={labelCls}>
          Review period (days)
          <input className={field} type="number" min={1} max={90} value={reviewDays} onChange={(e) => setReviewDays(e.target.value)} required aria-invalid={!!fieldError("reviewDays")} />
          <span className={hint}>Reviews are due this many days after a run opens.</span>
          {err("reviewDays")}
        </label>
        <label className={labelCls}>
          Closes after (days)
          <input className={field} type="number" min={1} max={120} value={closeDays} onChange={(e) => setCloseDays(e.target.value)} required aria-invalid={!!fieldError("closeDays")} />
          <span className={hint}>Then the default action applies to what is left.</span>
          {err("closeDays")}
        </label>
        <label className={labelCls}>
          Reminders (days before due)
          <input className={field} value={reminders} onChange={(e) => setReminders(e.target.value)} placeholder="7, 2" aria-invalid={reminderDays === null || !!fieldError("reminderDays")} aria-describedby="reminder-error" />
          <span className={hint}>Comma-separated; empty for none.</span>
          {err("reminderDays", "reminder-error")}
        </label>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending || reminderDays === null} className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? "Starting…" : "Start campaign"}
        </button>
        <Link href={`/o/${org}/campaigns`} className="rounded border border-slate-300 bg-white px-4 py-1.5 font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </Link>
        <span className="text-sm text-slate-600">The first run opens at once and its reviewers are told.</span>
      </div>
      <ErrorNote error={note} reload={reload} />
    </form>
  );
}
