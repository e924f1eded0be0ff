"use client";
// Certify or revoke the selected reviews at once, with one justification kept on each decision. Revoking
// raises a revocation item per identity for the provider, so the button says how many.
import { useState } from "react";
import type { ReviewDecision } from "@/lib/domain/vocabulary";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600";

export function DecideBar({ count, pending, onDecide, onClear }: { count: number; pending: boolean; onDecide: (decision: ReviewDecision, justification: string) => void; onClear: () => void }) {
  const [justification, setJustification] = useState("");
  const ready = justification.trim().length >= 3 && !pending;
  return (
    <div role="region" aria-label="Decide selected reviews" className="sticky top-0 z-10 mb-2 rounded border border-blue-200 bg-blue-50 px-3 py-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="font-medium text-blue-950">{count} selected</span>
        <label htmlFor="bulk-justification" className="sr-only">Justification (kept with each decision)</label>
        <input
          id="bulk-justification"
          className={`${field} min-w-0 flex-1 sm:max-w-md`}
          placeholder="Justification, kept with each decision"
          value={justification}
          maxLength={2000}
          onChange={(e) => setJustification(e.target.value)}
        />
        <span className="flex gap-2">
          <button type="button" disabled={!ready} onClick={() => onDecide("certify", justification)} className="rounded bg-green-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-green-800 disabled:opacity-50">
            Certify {count}
          </button>
          <button type="button" disabled={!ready} onClick={() => onDecide("revoke", justification)} className="rounded bg-red-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50">
            Revoke {count}
          </button>
          <button type="button" onClick={onClear} className="text-sm font-medium text-blue-800 hover:underline">
            Clear
          </button>
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        Certify keeps access. Revoke raises {count === 1 ? "a revocation item" : `${count} revocation items`} for the provider to carry out and prove.
      </p>
    </div>
  );
}
