// The exception register's tabs as people read them: a label, what the tab holds (the definitions in
// lib/queries/risk-acceptances.ts, in words), and what an empty tab means.
import { EXPIRING_WITHIN_DAYS, type RegisterFilter } from "@/lib/schemas/risk-acceptances-register";

export const FILTER_TABS: { filter: RegisterFilter; label: string; help: string; empty: string }[] = [
  { filter: "all", label: "All", help: "Every risk acceptance ever asked for, newest first.", empty: "No risk acceptances yet. When someone asks to accept the risk of an item, it appears here." },
  {
    filter: "pending",
    label: "Waiting for decision",
    help: "A request, or an extension or renewal, that programme owners have not decided yet. Longest waiting first.",
    empty: "Nothing is waiting for a programme owner's decision.",
  },
  { filter: "active", label: "Active", help: "Approved and in force. Soonest expiry first.", empty: "No risk acceptance is in force." },
  {
    filter: "expiring",
    label: `Expiring ≤${EXPIRING_WITHIN_DAYS} days`,
    help: `Approved, and the expiry in force falls within the next ${EXPIRING_WITHIN_DAYS} days (today included). Soonest first.`,
    empty: `Nothing expires in the next ${EXPIRING_WITHIN_DAYS} days.`,
  },
  {
    filter: "expired_awaiting",
    label: "Expired awaiting decision",
    help:
      "Exceptions that lapsed outside formal review: the acceptance expired, nobody has asked to renew it, no owner has decided anything on it since, " +
      "no newer acceptance was asked for the item, and the item is still open. Longest lapsed first.",
    empty: "No lapsed exceptions: every expired acceptance was renewed, decided again, or its item was closed.",
  },
  {
    filter: "closed",
    label: "Closed",
    help: "Rejected, withdrawn, or expired and since dealt with (decided again, replaced by a newer acceptance, or the item closed). Most recently ended first.",
    empty: "No rejected, withdrawn or settled acceptances yet.",
  },
];

/** What each tab holds, for the reader who wonders. */
export function FilterHelp() {
  return (
    <details className="mb-3 text-slate-600 print:hidden">
      <summary className="cursor-pointer select-none text-sm font-medium text-slate-700">What the tabs mean</summary>
      <dl className="mt-2 grid max-w-4xl grid-cols-[12rem_minmax(0,1fr)] gap-x-4 gap-y-1.5 max-sm:grid-cols-1">
        {FILTER_TABS.map((t) => (
          <div key={t.filter} className="contents">
            <dt className="font-medium text-slate-800">{t.label}</dt>
            <dd className="max-sm:mb-1">{t.help}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
