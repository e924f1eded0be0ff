"use client";
// "Take next": claims the most urgent unassigned item and opens it.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { takeNextAction } from "@/app/(console)/o/[org]/items/actions";

export function TakeNextButton({ org }: { org: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      {message ? <span role="status" className="text-sm text-slate-600">{message}</span> : null}
      <button
        type="button"
        disabled={pending}
        className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        onClick={() =>
          start(async () => {
            setMessage(null);
            const r = await takeNextAction(org);
            if (!r.ok) setMessage(r.error.message);
            else if (!r.data) setMessage("Nothing unassigned is waiting. Well done.");
            else router.push(`/o/${org}/items/${r.data.number}`);
          })
        }
      >
        {pending ? "Taking…" : "Take next"}
      </button>
    </span>
  );
}
