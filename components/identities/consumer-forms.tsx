"use client";
// Changing the dependency map by hand: adding a system, workload, pipeline or repository that uses the credential,
// and removing one that no longer does (with a reason; the history keeps it).
import { useId, useState } from "react";
import { addConsumerAction, removeConsumerAction } from "@/app/(console)/o/[org]/identities/actions";
import { useItemAction } from "@/components/items/use-action";
import { CONSUMER_KINDS, labels, type ConsumerKind } from "@/lib/domain/vocabulary";
import { describedBy, field, FieldError, FormAlert, labelText, primary, secondary } from "./form-bits";

export function AddConsumerForm({ org, identityId }: { org: string; identityId: string }) {
  const { pending, error, run } = useItemAction();
  const id = useId();
  const [kind, setKind] = useState<ConsumerKind>("workload");
  const [name, setName] = useState("");
  const [detail, setDetail] = useState("");
  return (
    <form
      aria-labelledby={`${id}-h`}
      className="space-y-2 rounded border border-dashed border-slate-300 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => addConsumerAction(org, { identityId, kind, name, detail: detail || null }), () => {
          setName("");
          setDetail("");
        });
      }}
    >
      <h3 id={`${id}-h`} className="text-sm font-semibold text-slate-900">Add a consumer</h3>
      <div className="grid gap-2 sm:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)]">
        <label className={labelText}>
          Kind
          <select className={field} value={kind} onChange={(e) => setKind(e.target.value as ConsumerKind)} {...describedBy(error, "kind", `${id}-kind`)}>
            {CONSUMER_KINDS.map((k) => (
              <option key={k} value={k}>{labels.consumerKind[k]}</option>
            ))}
          </select>
          <FieldError error={error} name="kind" id={`${id}-kind`} />
        </label>
        <label className={labelText}>
          Name
          <input className={field} value={name} onChange={(e) => setName(e.target.value)} required maxLength={300} placeholder="billing-service (EKS prod)" {...describedBy(error, "name", `${id}-name`)} />
          <FieldError error={error} name="name" id={`${id}-name`} />
        </label>
        <label className={labelText}>
          Detail <span className="font-normal text-slate-500">(optional)</span>
          <input className={field} value={detail} onChange={(e) => setDetail(e.target.value)} maxLength={500} placeholder="Where it reads the credential" {...describedBy(error, "detail", `${id}-detail`)} />
          <FieldError error={error} name="detail" id={`${id}-detail`} />
        </label>
      </div>
      <button type="submit" className={primary} disabled={pending}>{pending ? "Adding…" : "Add consumer"}</button>
      <FormAlert error={error} shown={["kind", "name", "detail"]} />
    </form>
  );
}

export function RemoveConsumer({ org, consumerId, name }: { org: string; consumerId: string; name: string }) {
  const { pending, error, run } = useItemAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded px-1.5 py-0.5 text-xs font-medium text-red-700 hover:bg-red-50 hover:underline">
        Remove<span className="sr-only"> {name}</span>
      </button>
    );
  }
  return (
    <form
      aria-label={`Remove ${name}`}
      className="mt-1 basis-full space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => removeConsumerAction(org, { consumerId, reason }));
      }}
    >
      <label className={labelText}>
        Why does it no longer use the credential?
        <input autoFocus className={field} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} {...describedBy(error, "reason", `${id}-reason`)} />
        <FieldError error={error} name="reason" id={`${id}-reason`} />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50" disabled={pending}>
          {pending ? "Removing…" : "Remove consumer"}
        </button>
        <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <FormAlert error={error} shown={["reason"]} />
    </form>
  );
}
