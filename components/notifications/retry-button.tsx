"use client";
// "Retry now": puts a pending or failed delivery back in line for the sweeper's next pass.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { retryDeliveryAction } from "@/app/(console)/o/[org]/settings/deliveries/actions";

export function RetryButton({ org, id, subject }: { org: string; id: string; subject: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`Retry now: ${subject}`}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        onClick={() =>
          start(async () => {
            setMessage(null);
            const r = await retryDeliveryAction(org, { id });
            if (r.ok) {
              setMessage({ ok: true, text: "Queued for the next pass." });
              router.refresh();
            } else setMessage({ ok: false, text: r.error.message });
          })
        }
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
