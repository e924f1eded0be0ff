"use client";
// Runs a server action for an item and keeps its outcome: on success the page refreshes; a 409 says someone
// else changed the item and offers to reload.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/mutation";

export function useItemAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ code: string; message: string; fields?: Record<string, string[]> } | null>(null);
  const run = (fn: () => Promise<ActionResult<unknown>>, onOk?: () => void) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (r.ok) {
        onOk?.();
        router.refresh();
      } else setError(r.error);
    });
  return { pending, error, run, reload: () => { setError(null); router.refresh(); } };
}

export function ErrorNote({ error, reload }: { error: { code: string; message: string; fields?: Record<string, string[]> } | null; reload: () => void }) {
  if (!error) return null;
  const details = error.fields ? Object.values(error.fields).flat().join(" ") : "";
  return (
    <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error.message} {details}
      {error.code === "conflict:work_item.version" ? (
        <button type="button" onClick={reload} className="ml-2 font-medium underline">Reload the item</button>
      ) : null}
    </p>
  );
}
