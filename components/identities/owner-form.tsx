"use client";
// Naming the person who answers for an identity (SPEC §7). Leaving it without one makes it orphaned, which needs a
// reason. The organisation's people are offered; anyone may be named.
import { useId, useState } from "react";
import { setIdentityOwnerAction } from "@/app/(console)/o/[org]/identities/actions";
import { useItemAction } from "@/components/items/use-action";
import { describedBy, field, FieldError, FormAlert, labelText, primary, secondary } from "./form-bits";

export function OwnerForm({ org, identityId, ownerName, ownerEmail, people }: {
  org: string;
  identityId: string;
  ownerName: string | null;
  ownerEmail: string | null;
  people: { name: string; email: string }[];
}) {
  const { pending, error, run } = useItemAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(ownerName ?? "");
  const [email, setEmail] = useState(ownerEmail ?? "");
  const [reason, setReason] = useState("");
  const clearing = !name.trim() && !email.trim();

  if (!open) {
    return (
      <button type="button" className={secondary} onClick={() => setOpen(true)}>
        {ownerName || ownerEmail ? "Change owner" : "Assign an owner"}
      </button>
    );
  }
  return (
    <form
      aria-label="Owner"
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => setIdentityOwnerAction(org, { identityId, ownerName: name, ownerEmail: email, reason: reason || null }), () => {
          setReason("");
          setOpen(false);
        });
      }}
    >
      <label className={labelText}>
        Owner&apos;s e-mail
        <input
          type="email"
          autoFocus
          list={`${id}-people`}
          autoComplete="off"
          className={field}
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            const person = people.find((p) => p.email === e.target.value);
            if (person && !name.trim()) setName(person.name);
          }}
          {...describedBy(error, "ownerEmail", `${id}-email`)}
        />
        <FieldError error={error} name="ownerEmail" id={`${id}-email`} />
      </label>
      <datalist id={`${id}-people`}>
        {people.map((p) => (
          <option key={p.email} value={p.email}>{p.name}</option>
        ))}
      </datalist>
      <label className={labelText}>
        Owner&apos;s name
        <input className={field} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} {...describedBy(error, "ownerName", `${id}-name`)} />
        <FieldError error={error} name="ownerName" id={`${id}-name`} />
      </label>
      <label className={labelText}>
        Reason {clearing ? <span className="font-normal text-slate-600">(required: no owner makes it orphaned)</span> : <span className="font-normal text-slate-500">(optional)</span>}
        <textarea rows={2} className={field} value={reason} onChange={(e) => setReason(e.target.value)} required={clearing} maxLength={2000} {...describedBy(error, "reason", `${id}-reason`)} />
        <FieldError error={error} name="reason" id={`${id}-reason`} />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primary} disabled={pending}>{pending ? "Saving…" : clearing ? "Remove owner" : "Save owner"}</button>
        <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <FormAlert error={error} shown={["ownerEmail", "ownerName", "reason"]} />
    </form>
  );
}
