// How each figure is counted, under the dashboard and in the monthly report.
import { METRIC_DEFINITIONS } from "@/lib/domain/metrics-definitions";

export function Definitions({ className = "", open = false }: { className?: string; open?: boolean }) {
  return (
    <details className={`rounded border border-slate-200 bg-white px-3 py-2 ${className}`} open={open}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-900 focus:outline-2 focus:outline-blue-600">How these figures are counted</summary>
      <dl className="mt-2 grid gap-x-6 gap-y-1.5 text-sm md:grid-cols-2">
        {METRIC_DEFINITIONS.map((d) => (
          <div key={d.term}>
            <dt className="font-medium text-slate-800">{d.term}</dt>
            <dd className="text-slate-600">{d.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
