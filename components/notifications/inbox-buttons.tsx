"use client";
// Mark one notification, or all of them, read. The page and the navigation's unread count refresh afterwards.
import { markAllReadAction, markReadAction } from "@/app/(console)/o/[org]/inbox/actions";
import { useItemAction } from "@/components/items/use-action";

const btn = "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

export function MarkReadButton({ org, id, subject }: { org: string; id: string; subject: string }) {
  const { pending, error, run } = useItemAction();
  return (
    <>
      <button type="button" className={btn} disabled={pending} aria-label={`Mark read: ${subject}`} onClick={() => run(() => markReadAction(org, { ids: [id] }))}>
        Mark read
      </button>
      {error ? <span role="alert" className="mt-1 block text-xs text-red-700">{error.message}</span> : null}
    </>
  );
}

export function MarkAllReadButton({ org, unread }: { org: string; unread: number }) {
  const { pending, error, run } = useItemAction();
  return (
    <span className="flex items-center gap-2">
      {error ? <span role="alert" className="text-sm text-red-700">{error.message}</span> : null}
      <button
        type="button"
        disabled={pending || unread === 0}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        onClick={() => run(() => markAllReadAction(org, {}))}
      >
        Mark all read
      </button>
    </span>
  );
}
