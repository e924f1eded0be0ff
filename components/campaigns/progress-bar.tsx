// A labelled progress bar: the figure in words beside it, the bar for the eye (and a progressbar role for
// screen readers). An empty whole reads as "nothing to do", not as 0% or 100%.
import { percent } from "./format";

const fills = { accent: "bg-blue-600", ok: "bg-green-600", risk: "bg-amber-500" } as const;

export function ProgressBar({ label, part, whole, detail, empty, tone = "accent", compact = false }: {
  label: string;
  part: number;
  whole: number;
  /** Words after the percentage, e.g. "42 of 60 decided". */
  detail: string;
  /** What to say when there is nothing to count. */
  empty: string;
  tone?: keyof typeof fills;
  compact?: boolean;
}) {
  const pct = percent(part, whole);
  return (
    <div className={compact ? "min-w-[7rem]" : ""}>
      {compact ? null : (
        <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
          <span className="font-medium text-slate-800">{label}</span>
          <span className="tabular-nums text-slate-600">{whole === 0 ? empty : `${pct}% · ${detail}`}</span>
        </div>
      )}
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={whole === 0 ? undefined : pct}
        aria-valuetext={whole === 0 ? empty : `${pct}%, ${detail}`}
        className={`${compact ? "h-1.5" : "h-2"} w-full overflow-hidden rounded-full bg-slate-200`}
      >
        <div className={`h-full rounded-full ${whole === 0 ? "bg-slate-300" : fills[tone]}`} style={{ width: `${whole === 0 ? 0 : pct}%` }} />
      </div>
      {compact ? <div className="mt-0.5 text-xs tabular-nums text-slate-600">{whole === 0 ? empty : `${pct}% · ${detail}`}</div> : null}
    </div>
  );
}
