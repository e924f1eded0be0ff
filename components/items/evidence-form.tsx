"use client";
// Adding evidence: a note, link or system check through the server action, a file straight to the API route
// (server actions take at most 1 MB) with the browser session. "Correct" on a record opens this form to supersede it.
import { createContext, useContext, useId, useRef, useState, type ReactNode } from "react";
import { evidenceAction } from "@/app/(console)/o/[org]/items/actions";
import type { ActionResult } from "@/lib/actions/mutation";
import { allowedTypesSentence, EVIDENCE_MAX_BYTES, humanSize } from "@/lib/domain/evidence-file";
import { ErrorNote, useItemAction } from "./use-action";

type Kind = "note" | "link" | "file" | "system_check";
type Correcting = { id: string; summary: string } | null;

const KINDS: { kind: Kind; label: string }[] = [
  { kind: "note", label: "Note" },
  { kind: "link", label: "Link" },
  { kind: "file", label: "File" },
  { kind: "system_check", label: "System check" },
];

const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900";
const labelText = "block text-sm font-medium text-slate-700";
const ACCEPT = ".pdf,.png,.jpg,.jpeg,.txt,.csv,.log,.json,application/pdf,image/png,image/jpeg,text/plain,text/csv,application/json";

const CorrectContext = createContext<{ correct: (c: NonNullable<Correcting>) => void } | null>(null);

/** Holds which record is being corrected, so buttons in the (server-rendered) list can open the form below it. */
export function EvidenceEditor({ org, itemId, canAdd, children }: { org: string; itemId: string; canAdd: boolean; children: ReactNode }) {
  const [correcting, setCorrecting] = useState<Correcting>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const correct = (c: NonNullable<Correcting>) => {
    setCorrecting(c);
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
      formRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    });
  };
  return (
    <CorrectContext.Provider value={{ correct }}>
      {children}
      {canAdd ? <EvidenceForm org={org} itemId={itemId} correcting={correcting} onDone={() => setCorrecting(null)} formRef={formRef} /> : null}
    </CorrectContext.Provider>
  );
}

export function CorrectButton({ id, summary }: { id: string; summary: string }) {
  const ctx = useContext(CorrectContext);
  if (!ctx) return null;
  return (
    <button type="button" onClick={() => ctx.correct({ id, summary })} className="rounded px-1.5 py-0.5 text-xs font-medium text-blue-800 hover:bg-blue-50 hover:underline">
      Correct<span className="sr-only"> “{summary}”</span>
    </button>
  );
}

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() => navigator.clipboard?.writeText(value).then(() => { setCopied(true); setTimeout(() => setCopied(false), 1500); }, () => undefined)}
      className="rounded px-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      aria-label={label}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}

/** Posts the file to the API; its coded error comes back as an ActionResult like the server actions' do. */
async function uploadFile(org: string, itemId: string, form: FormData): Promise<ActionResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/work-items/${itemId}/evidence?org=${encodeURIComponent(org)}`, { method: "POST", body: form, credentials: "same-origin" });
  } catch {
    return { ok: false, error: { code: "unavailable:network", message: "The upload did not reach the server. Check the connection and try again." } };
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; fields?: Record<string, string[]> } } | null;
  if (res.ok) return { ok: true, data: body };
  if (body?.error) return { ok: false, error: body.error };
  const message = res.status === 413 ? `The file is larger than ${humanSize(EVIDENCE_MAX_BYTES)}.` : `The upload failed (HTTP ${res.status}). Try again.`;
  return { ok: false, error: { code: `http:${res.status}`, message } };
}

const nowLocal = () => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function EvidenceForm(props: { org: string; itemId: string; correcting: Correcting; onDone: () => void; formRef: React.RefObject<HTMLFormElement | null> }) {
  const { org, itemId, correcting, onDone, formRef } = props;
  const { pending, error, run, reload } = useItemAction();
  const [localError, setLocalError] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>("note");
  const [summary, setSummary] = useState("");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState({ check: "", target: "", status: "pass" as "pass" | "fail", observedAt: "", details: "" });
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  const reset = () => {
    setSummary("");
    setUrl("");
    setFile(null);
    if (fileInput.current) fileInput.current.value = "";
    setCheck({ check: "", target: "", status: "pass", observedAt: "", details: "" });
    onDone();
  };

  const submit = () => {
    setLocalError(null);
    const supersedes = correcting?.id ?? null;
    if (kind === "file") {
      if (!file) return setLocalError("Choose a file to attach.");
      if (file.size > EVIDENCE_MAX_BYTES) return setLocalError(`This file is ${humanSize(file.size)}; evidence files may be at most ${humanSize(EVIDENCE_MAX_BYTES)}.`);
      const form = new FormData();
      form.set("file", file);
      form.set("summary", summary);
      if (supersedes) form.set("supersedes", supersedes);
      return run(() => uploadFile(org, itemId, form), reset);
    }
    if (kind === "system_check") {
      let details: unknown;
      if (check.details.trim()) {
        try {
          details = JSON.parse(check.details);
        } catch {
          return setLocalError("Details must be a JSON object, e.g. {\"region\": \"eu-west-1\"}, or left empty.");
        }
      }
      const observed = new Date(check.observedAt || nowLocal());
      const result = { check: check.check, target: check.target, status: check.status, observedAt: observed.toISOString(), ...(details === undefined ? {} : { details }) };
      return run(() => evidenceAction(org, { id: itemId, kind, summary, result, supersedes }), reset);
    }
    return run(() => evidenceAction(org, { id: itemId, kind, summary, supersedes, ...(kind === "link" ? { url } : {}) }), reset);
  };

  return (
    <form
      ref={formRef}
      aria-labelledby={`${ids}-legend`}
      className="space-y-3 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id={`${ids}-legend`} className="text-sm font-semibold text-slate-900">{correcting ? "Correct evidence" : "Add evidence"}</h3>
      {correcting ? (
        <p className="rounded border border-amber-200 bg-amber-50 px-2 py-1.5 text-sm text-amber-950">
          Correcting “<span className="font-medium">{correcting.summary}</span>”. The new record supersedes it; the old one stays on record.
        </p>
      ) : null}
      <fieldset>
        <legend className="sr-only">Kind of evidence</legend>
        <div className="inline-flex flex-wrap rounded border border-slate-300 bg-slate-100 p-0.5 text-sm">
          {KINDS.map((k) => (
            <label
              key={k.kind}
              className="relative cursor-pointer rounded px-3 py-1 font-medium text-slate-700 hover:text-slate-900 has-checked:bg-white has-checked:text-slate-900 has-checked:shadow-sm has-focus-visible:outline-2 has-focus-visible:outline-blue-700"
            >
              <input type="radio" name={`${ids}-kind`} value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} className="absolute inset-0 m-0 size-full cursor-pointer appearance-none opacity-0" />
              {k.label}
            </label>
          ))}
        </div>
      </fieldset>

      {kind === "file" ? (
        <div>
          <label htmlFor={`${ids}-file`} className={labelText}>File to attach</label>
          <input
            ref={fileInput}
            id={`${ids}-file`}
            type="file"
            accept={ACCEPT}
            aria-describedby={`${ids}-file-help`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          <p id={`${ids}-file-help`} className="mt-1 text-xs text-slate-600">
            {allowedTypesSentence()}. The type is checked from the content, not the name; the server records the SHA-256.
          </p>
        </div>
      ) : null}

      <label className={labelText}>
        What does it show?
        <textarea data-autofocus rows={2} className={field} value={summary} onChange={(e) => setSummary(e.target.value)} required minLength={3} maxLength={2000} />
      </label>

      {kind === "link" ? (
        <label className={labelText}>
          Link
          <input type="url" className={field} value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://" />
        </label>
      ) : null}

      {kind === "system_check" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className={labelText}>
            Check
            <input className={`${field} font-mono`} value={check.check} onChange={(e) => setCheck({ ...check, check: e.target.value })} required placeholder="aws.iam.access_key_status" />
          </label>
          <label className={labelText}>
            Target
            <input className={`${field} font-mono`} value={check.target} onChange={(e) => setCheck({ ...check, target: e.target.value })} required placeholder="AKIA…7QX2" />
          </label>
          <fieldset className="text-sm">
            <legend className="font-medium text-slate-700">Result</legend>
            <div className="mt-1 flex gap-4">
              {(["pass", "fail"] as const).map((s) => (
                <label key={s} className="flex items-center gap-1.5 text-slate-800">
                  <input type="radio" name={`${ids}-status`} value={s} checked={check.status === s} onChange={() => setCheck({ ...check, status: s })} /> {s === "pass" ? "Pass" : "Fail"}
                </label>
              ))}
            </div>
          </fieldset>
          <label className={labelText}>
            Observed at
            <input type="datetime-local" className={field} value={check.observedAt} onChange={(e) => setCheck({ ...check, observedAt: e.target.value })} aria-describedby={`${ids}-observed-help`} />
            <span id={`${ids}-observed-help`} className="mt-1 block text-xs font-normal text-slate-600">Your local time; leave empty for now.</span>
          </label>
          <label className={`${labelText} sm:col-span-2`}>
            Details <span className="font-normal text-slate-500">(optional JSON object)</span>
            <textarea rows={2} className={`${field} font-mono`} value={check.details} onChange={(e) => setCheck({ ...check, details: e.target.value })} placeholder='{"status": "Inactive", "lastUsed": "2025-02-27"}' />
          </label>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-50" disabled={pending}>
          {pending ? (kind === "file" ? "Uploading…" : "Attaching…") : correcting ? "Attach correction" : "Attach evidence"}
        </button>
        {correcting ? (
          <button type="button" onClick={onDone} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">Cancel</button>
        ) : null}
      </div>
      {localError ? <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{localError}</p> : null}
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}
