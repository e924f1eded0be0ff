"use client";
// Confirming one consumer of a rotation or revocation item: updated to the new credential or deliberately cut off,
// shown by evidence already on the item or by a note (and link) recorded with the confirmation.
import { useId, useState } from "react";
import { confirmConsumerAction } from "@/app/(console)/o/[org]/identities/actions";
import { useItemAction } from "@/components/items/use-action";
import { CONSUMER_OUTCOMES, type ConsumerOutcome } from "@/lib/domain/vocabulary";
import { describedBy, field, FieldError, FormAlert, labelText, primary, secondary } from "./form-bits";

const OUTCOME: Record<ConsumerOutcome, string> = { updated: "Updated to the new credential", cut_off: "Deliberately cut off" };

export function ConfirmConsumerForm({ org, itemId, consumer, evidence }: {
  org: string;
  itemId: string;
  consumer: { id: string; name: string };
  evidence: { id: string; summary: string }[];
}) {
  const { pending, error, run } = useItemAction();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<ConsumerOutcome>("updated");
  const [source, setSource] = useState<"new" | "existing">("new");
  const [evidenceId, setEvidenceId] = useState(evidence[0]?.id ?? "");
  const [summary, setSummary] = useState("");
  const [url, setUrl] = useState("");

  if (!open) {
    return (
      <button type="button" className={secondary} onClick={() => setOpen(true)}>
        Confirm<span className="sr-only"> {consumer.name}</span>…
      </button>
    );
  }
  return (
    <form
      aria-label={`Confirm ${consumer.name}`}
      className="mt-2 w-full space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        const input = source === "existing" ? { id: itemId, consumerId: consumer.id, outcome, evidenceId } : { id: itemId, consumerId: consumer.id, outcome, summary, url: url || null };
        // On success the refreshed checklist shows the row confirmed, without this form.
        run(() => confirmConsumerAction(org, input));
      }}
    >
      <fieldset>
        <legend className={labelText}>Outcome</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {CONSUMER_OUTCOMES.map((o) => (
            <label key={o} className="flex items-center gap-1.5 text-sm text-slate-800">
              <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              {OUTCOME[o]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className={labelText}>Evidence</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <label className="flex items-center gap-1.5 text-sm text-slate-800">
            <input type="radio" name={`${id}-source`} value="new" checked={source === "new"} onChange={() => setSource("new")} />
            Describe what shows it
          </label>
          <label className="flex items-center gap-1.5 text-sm text-slate-800">
            <input type="radio" name={`${id}-source`} value="existing" checked={source === "existing"} onChange={() => setSource("existing")} disabled={evidence.length === 0} />
            Evidence already on this item{evidence.length === 0 ? " (none yet)" : ""}
          </label>
        </div>
      </fieldset>
      {source === "existing" ? (
        <label className={labelText}>
          Record
          <select className={field} value={evidenceId} onChange={(e) => setEvidenceId(e.target.value)} required {...describedBy(error, "evidenceId", `${id}-ev`)}>
            {evidence.map((e) => (
              <option key={e.id} value={e.id}>{e.summary.length > 90 ? `${e.summary.slice(0, 89)}…` : e.summary}</option>
            ))}
          </select>
          <FieldError error={error} name="evidenceId" id={`${id}-ev`} />
        </label>
      ) : (
        <>
          <label className={labelText}>
            What shows it?
            <textarea
              autoFocus
              rows={2}
              className={field}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              required
              maxLength={2000}
              placeholder={outcome === "updated" ? "Deployed with the new key; no calls with the old key since 14:20 UTC" : "Job retired; the credential is no longer mounted"}
              {...describedBy(error, "summary", `${id}-summary`)}
            />
            <FieldError error={error} name="summary" id={`${id}-summary`} />
          </label>
          <label className={labelText}>
            Link <span className="font-normal text-slate-500">(optional)</span>
            <input type="url" className={field} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" {...describedBy(error, "url", `${id}-url`)} />
            <FieldError error={error} name="url" id={`${id}-url`} />
          </label>
        </>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primary} disabled={pending}>{pending ? "Confirming…" : `Confirm ${outcome === "updated" ? "updated" : "cut off"}`}</button>
        <button type="button" className={secondary} onClick={() => setOpen(false)}>Cancel</button>
      </div>
      <FormAlert error={error} shown={source === "existing" ? ["evidenceId"] : ["summary", "url"]} />
    </form>
  );
}
