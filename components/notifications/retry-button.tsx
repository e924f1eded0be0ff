"use client";
// "Retry now": puts a pending or failed delivery back in line for the sweeper's next pass.
import { useState } from "react";
import { retryDeliveryAction } from "@/app/(console)/o/[org]/settings/deliveries/actions";
import { useItemAction } from "@/components/items/use-action";

export function RetryButton({ org, id, subject }: { org: string; id: string; subject: string }) {
  const { pending, error, run } = useItemAction();
  const [queued, setQueued] = useState(false);
  const message = error ? { ok: false, text: error.message } : queued ? { ok: true, text: "Queued for the next pass." } : null;
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`Retry now: ${subject}`}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        onClick={() => {
          setQueued(false);
          run(() => retryDeliveryAction(org, { id }), () => setQueued(true));
        }}
      >
        Retry now
      </button>
      {message ? (
        <span role={message.ok ? "status" : "alert"} className={`mt-1 block text-xs ${message.ok ? "text-slate-600" : "text-red-700"}`}>
          {message.text}
        </span>
      ) : null}
    </>
  );
}
