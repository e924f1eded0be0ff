"use client";
// Raising a work item by hand. The priority defaults to the computed one (identity tier × severity);
// choosing another is an override and asks for a reason.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { createItemAction } from "@/app/(console)/o/[org]/items/actions";
import { defaultPriority } from "@/lib/domain/priority";
import { labels, PRIORITIES, SEVERITIES, WORK_ITEM_TYPES, type Priority, type Severity, type Tier, type WorkItemType } from "@/lib/domain/vocabulary";
import { IDENTITY_REQUIRED } from "@/lib/domain/workflow";
import { ErrorNote, useItemAction } from "./use-action";

export interface IdentityChoice {
  id: string;
  name: string;
  system: string;
  tier: Tier;
}

const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal";
const labelCls = "block text-sm font-medium text-slate-700";

export function NewItemForm({ org, identities }: { org: string; identities: IdentityChoice[] }) {
  const router = useRouter();
  const { pending, error, run, reload } = useItemAction();
  const [type, setType] = useState<WorkItemType>("secret_rotation");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState<Severity>("medium");
  const [identityId, setIdentityId] = useState("");
  const [priority, setPriority] = useState<Priority | "">("");
  const [reason, setReason] = useState("");
  const tier = identities.find((i) => i.id === identityId)?.tier ?? null;
  const computed = useMemo(() => defaultPriority(tier, severity), [tier, severity]);
  const override = priority !== "" && priority !== computed;
  const fieldError = (k: string) => error?.fields?.[k]?.join(" ");

  return (
    <form
      className="max-w-2xl space-y-4 rounded border border-slate-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const r = await createItemAction(org, { type, title, description, severity, identityId: identityId || null, priority: priority || null, priorityReason: override ? reason : null });
          if (r.ok) router.push(`/o/${org}/items/${r.data.number}`);
          return r;
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <label className={labelCls}>
          Type
          <select className={field} value={type} onChange={(e) => setType(e.target.value as WorkItemType)}>
            {WORK_ITEM_TYPES.map((t) => <option key={t} value={t}>{labels.type[t]}</option>)}
          </select>
        </label>
        <label className={labelCls}>
          Severity
          <select className={field} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => <option key={s} value={s}>{s[0]!.toUpperCase() + s.slice(1)}</option>)}
          </select>
        </label>
      </div>
      <label className={labelCls}>
        Title
        <input className={field} value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} maxLength={200} aria-invalid={!!fieldError("title")} />
        {fieldError("title") ? <span className="text-xs font-normal text-red-700">{fieldError("title")}</span> : null}
      </label>
      <label className={labelCls}>
        Linked identity {IDENTITY_REQUIRED.has(type) ? <span className="font-normal text-slate-500">(needed before this type leaves intake)</span> : <span className="font-normal text-slate-500">(optional)</span>}
        <select className={field} value={identityId} onChange={(e) => setIdentityId(e.target.value)}>
          <option value="">None</option>
          {identities.map((i) => <option key={i.id} value={i.id}>{i.name} — {i.system} ({i.tier})</option>)}
        </select>
      </label>
      <label className={labelCls}>
        Description
        <textarea className={field} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className={labelCls}>
          Priority
          <select className={field} value={priority} onChange={(e) => setPriority(e.target.value as Priority | "")}>
            <option value="">{computed} (computed from tier and severity)</option>
            {PRIORITIES.filter((p) => p !== computed).map((p) => <option key={p} value={p}>{p} (override)</option>)}
          </select>
        </label>
        {override ? (
          <label className={labelCls}>
            Reason for the override
            <input className={field} value={reason} onChange={(e) => setReason(e.target.value)} required />
          </label>
        ) : null}
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? "Raising…" : "Raise item"}
        </button>
        <Link href={`/o/${org}/queue`} className="rounded border border-slate-300 bg-white px-4 py-1.5 font-medium text-slate-700 hover:bg-slate-50">
          Cancel
        </Link>
      </div>
      <ErrorNote error={error} reload={reload} />
    </form>
  );
}
