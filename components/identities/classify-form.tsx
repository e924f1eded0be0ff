"use client";
// A lead's or programme owner's classification of an identity: criticality tier, privileged flag and rotation
// period, always with a reason (it changes priorities and what the rules raise).
import { useId, useState } from "react";
import { classifyIdentityAction } from "@/app/(console)/o/[org]/identities/actions";
import { useItemAction } from "@/components/items/use-action";
import { TIERS, type Tier } from "@/lib/domain/vocabulary";
import { describedBy, field, FieldError, FormAlert, labelText, primary, secondary } from "./form-bits";

export function ClassifyForm({ org, identityId, tier, privileged, rotationPeriodDays }: {
  org: string;
  identityId: string;
  tier: Tier;
  privileged: boolean;
  rotationPeriodDays: number | null;
}) {
  const { pending, error, run } = useItemAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [t, setT] = useState<Tier>(tier);
  const [p, setP] = useState(privileged);
  const [days, setDays] = useState(rotationPeriodDays === null ? "" : String(rotationPeriodDays));
  const [reason, setReason] = useState("");
  const changed = t !== tier || p !== privileged || days.trim() !== (rotationPeriodDays === null ? "" : String(rotationPeriodDays));

  if (!open) {
    return (
      <button type="button" className={secondary} onClick={() => setOpen(true)}>
        Change classification
      </button>
    );
  }
  return (
    <form
      aria-label="Classification"
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => classifyIdentityAction(org, { identityId, tier: t, privileged: p, rotationPeriodDays: days.trim() === "" ? null : days.trim(), reason }), () => {
          setReason("");
          setOpen(false);
        });
      }}
    >
      <div className="grid grid-cols-2 gap-2">
        <label className={labelText}>
          Tier
          <select autoFocus className={field} value={t} onChange={(e) => setT(e.target.value as Tier)} {...describedBy(error, "tier", `${id}-tier`)}>
            {TIERS.map((x) => (
              <option key={x} value={x}>{x}</option>
            ))}
          </select>
          <FieldError error={error} name="tier" id={`${id}-tier`} />
        </label>
        <label className={labelText}>
          Rotation period
          <span className="mt-1 flex items-center gap-1.5">
            <input
              type="number"
              min={1}
              max={3650}
              inputMode="numeric"
              className={`${field} mt-0`}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              {...describedBy(error, "rotationPeriodDays", `${id}-days`, `${id}-days-help`)}
            />
            <span className="text-sm font-normal text-slate-600">days</span>
          </span>
          <span id={`${id}-days-help`} className="mt-1 block text-xs font-normal text-slate-600">Empty: no rotation period.</span>
          <FieldError error={error} name="rotationPeriodDays" id={`${id}-days`} />
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="h-4 w-4" checked={p} onChange={(e) => setP(e.target.checked)} />
        Privileged
      </label>
      <label className={labelText}>
        Why does the classification change?
        <textarea rows={2} className={field} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} {...describedBy(error, "reason", `${id}-reason`)} />
        <FieldError error={error} name="reason" id={`${id}-reason`} />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primary} disabled={pending || !changed}>{pending ? "Saving…" : "Save classification"}</button>
        <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <FormAlert error={error} shown={["tier", "privileged", "rotationPeriodDays", "reason"]} />
    </form>
  );
}
