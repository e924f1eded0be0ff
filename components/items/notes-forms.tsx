"use client";
// The comment box. (Evidence has its own form: evidence-form.tsx.)
import { useState } from "react";
import { commentAction } from "@/app/(console)/o/[org]/items/actions";
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
