// Which run of a campaign to look at: links for the recent runs, a select (a plain GET form) when there are many.
import Link from "next/link";
import { shortDate } from "@/components/ui/format";

interface RunRef {
  number: number;
  openedAt: Date;
  closedAt: Date | null;
}

const TABS = 6;

export function RunPicker({ base, runs, current }: { base: string; runs: RunRef[]; current: number }) {
  if (runs.length <= 1) return null;
  const shown = runs.slice(0, TABS);
  if (!shown.some((r) => r.number === current)) shown[shown.length - 1] = runs.find((r) => r.number === current)!;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <nav aria-label="Runs" className="flex flex-wrap gap-1">
        {shown.map((r) => (
          <Link
            key={r.number}
            href={`${base}?run=${r.number}`}
            aria-current={r.number === current ? "page" : undefined}
            className={`rounded border px-3 py-1 text-sm font-medium ${r.number === current ? "border-slate-800 bg-slate-800 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            #{r.number} <span className="font-normal opacity-80">{shortDate(r.openedAt)}{r.closedAt ? "" : " · open"}</span>
          </Link>
        ))}
      </nav>
      {runs.length > TABS ? (
        <form action={base} className="flex items-center gap-1.5 text-sm">
          <label htmlFor="run-select" className="text-slate-600">All runs</label>
          <select id="run-select" name="run" defaultValue={current} className="rounded border border-slate-300 bg-white px-2 py-1">
            {runs.map((r) => <option key={r.number} value={r.number}>#{r.number} · {shortDate(r.openedAt)}</option>)}
          </select>
          <button type="submit" className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50">Show</button>
        </form>
      ) : null}
    </div>
  );
}
