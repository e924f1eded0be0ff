// The dashboard's period: quick choices as links (no script needed) and two dates for any other span.
import Link from "next/link";
import { PERIOD_PRESETS } from "@/lib/domain/metrics";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 focus:outline-2 focus:outline-blue-600";

export function PeriodPicker({ base, preset, from, to, error }: { base: string; preset: string | null; from: string; to: string; error?: string | null }) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3 rounded border border-slate-200 bg-white px-3 py-2" data-print="hide">
      <nav aria-label="Period" className="flex flex-wrap items-center gap-1">
        <span className="mr-1 text-xs font-medium text-slate-500">Last</span>
        {PERIOD_PRESETS.map((p) => (
          <Link
            key={p.key}
            href={`${base}?period=${p.key}`}
            aria-current={preset === p.key ? "page" : undefined}
            className={`rounded px-2.5 py-1 text-sm font-medium focus:outline-2 focus:outline-blue-600 ${
              preset === p.key ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"
            }`}
          >
            {p.label}
          </Link>
        ))}
      </nav>
      <form action={base} method="get" className="flex flex-wrap items-end gap-2" aria-label="Custom period">
        <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
          From
          <input type="date" name="from" defaultValue={from} required className={field} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
          To (not included)
          <input type="date" name="to" defaultValue={to} required className={field} />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-2 focus:outline-blue-600">
          Apply
        </button>
      </form>
      {error ? (
        <p role="alert" className="w-full rounded border border-red-200 bg-red-50 px-3 py-1.5 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
