"use client";
// The comment box and the evidence form (a note or a link; issue 5 adds files and system checks).
import { useState } from "react";
import { commentAction, evidenceAction } from "@/app/(console)/o/[org]/items/actions";
import { ErrorNote, useItemAction } from "./use-action";

const field = "block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const go = "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-50";

export function CommentForm({ org, id }: { org: string; id: string }) {
  const { pending, error, run, reload } = useItemAction();
  const [body, setBody] = useState("");
  return (
    <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); run(() => commentAction(org, { id, body }), () => setBody("")); }}>
      <label htmlFor="comment" className="block text-sm font-medium text-slate-700">Add a comment</label>
      <textarea id="comment" rows={3} className={field} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Visible to everyone on this item; kept in the audit trail." />
      <button type="submit" className={go} disabled={pending || !body.trim()}>Comment</button>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}

export function EvidenceForm({ org, id }: { org: string; id: string }) {
  const { pending, error, run, reload } = useItemAction();
  const [kind, setKind] = useState<"note" | "link">("note");
  const [summary, setSummary] = useState("");
  const [url, setUrl] = useState("");
  return (
    <form
      className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => evidenceAction(org, { id, kind, summary, url: kind === "link" ? url : null }), () => { setSummary(""); setUrl(""); });
      }}
    >
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 font-medium text-slate-700">Add evidence</legend>
        {(["note", "link"] as const).map((k) => (
          <label key={k} className="flex items-center gap-1.5">
            <input type="radio" name="evidence-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {k === "note" ? "Note" : "Link"}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm text-slate-700">
        What does it show?
        <textarea rows={2} className={`${field} mt-1`} value={summary} onChange={(e) => setSummary(e.target.value)} required minLength={3} />
      </label>
      {kind === "link" ? (
        <label className="block text-sm text-slate-700">
          Link
          <input type="url" className={`${field} mt-1`} value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://" />
        </label>
      ) : null}
      <button type="submit" className={go} disabled={pending}>Attach evidence</button>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}
