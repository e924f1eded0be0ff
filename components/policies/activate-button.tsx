"use client";
// Activating a draft, with a confirm step that says what happens: the active version retires at once and
// every open item's clocks and escalations are worked out again under the new version.
import { useState } from "react";
import { activatePolicyAction } from "@/app/(console)/o/[org]/settings/policies/actions";
import { ErrorNote, useItemAction } from "@/components/items/use-action";

export function ActivateButton({ org, id, noun, version, replaces }: { org: string; id: string; noun: string; version: number; replaces: number | null }) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run, reload } = useItemAction();
  if (!confirming) {
    return (
      <div>
        <button type="button" onClick={() => setConfirming(true)} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
          Activate
        </button>
        <ErrorNote error={error} reload={reload} />
      </div>
    );
  }
  return (
    <div role="group" aria-label="Confirm activation" className="max-w-md rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p>
        Activate the {noun}, version {version}?{" "}
        {replaces ? `Version ${replaces} retires at once` : "It takes effect at once"}, and every open item&apos;s clocks and escalations are worked out again under version {version}.
      </p>
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => activatePolicyAction(org, { id }), () => setConfirming(false))}
          className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {pending ? "Activating…" : `Activate version ${version}`}
        </button>
        <button type="button" disabled={pending} onClick={() => setConfirming(false)} className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
          Cancel
        </button>
      </div>
      <ErrorNote error={error} reload={reload} />
    </div>
  );
}
