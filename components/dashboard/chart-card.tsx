// One figure of the dashboard: its chart, its numbers a click away (a disclosure holding the table), and its CSV.
import type { Section } from "@/lib/domain/metrics-sections";
import { BarsChart, TrendChart } from "./charts";
import { SectionTable } from "./section-table";

export function ChartCard({ section, csvHref, columns, className = "" }: { section: Section; csvHref: string; columns?: number[]; className?: string }) {
  const headingId = `chart-${section.id}`;
  return (
    <section aria-labelledby={headingId} className={`flex flex-col rounded border border-slate-200 bg-white p-3 ${className}`} data-chart={section.id}>
      <div className="mb-2 flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {section.title}
          </h2>
          <p className="text-xs text-slate-500">{section.note}</p>
        </div>
        <a href={csvHref} download className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-2 focus:outline-blue-600">
          CSV<span className="sr-only"> of {section.title}</span>
        </a>
      </div>
      {section.chart === "line" ? <TrendChart section={section} columns={columns} /> : <BarsChart section={section} />}
      <details className="mt-2 border-t border-slate-100 pt-1.5">
        <summary className="cursor-pointer rounded text-xs font-medium text-slate-600 hover:text-slate-900 focus:outline-2 focus:outline-blue-600">
          Numbers<span className="sr-only"> of {section.title}</span>
        </summary>
        <div className="mt-1 max-h-72 overflow-auto">
          <SectionTable section={section} caption={section.title} />
        </div>
      </details>
    </section>
  );
}
