// A section's numbers as a table: each figure links to the items behind it. `data-value` holds the figure as the
// API gives it (the end-to-end test reads it against the API and the CSV).
import Link from "next/link";
import { unitOf, type Section } from "@/lib/domain/metrics-sections";
import { formatFigure, shortWeek } from "./format";

export function SectionTable({ section, caption }: { section: Section; caption?: string }) {
  const weekly = section.chart === "line";
  return (
    <table className="w-full text-sm" data-section={section.id}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead className="border-b border-slate-200 text-xs text-slate-500">
        <tr>
          <th scope="col" className="py-1.5 pr-3 text-left font-medium">
            {weekly ? "Week of" : "Figure"}
          </th>
          {section.columns.map((c) => (
            <th key={c.key} scope="col" className="py-1.5 pl-3 text-right font-medium">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {section.rows.length === 0 ? (
          <tr>
            <td colSpan={section.columns.length + 1} className="py-3 text-center text-slate-500">
              Nothing in this period.
            </td>
          </tr>
        ) : null}
        {section.rows.map((r) => (
          <tr key={r.key} data-row={r.key}>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-700">
              {weekly ? shortWeek(r.label) : r.label}
            </th>
            {section.columns.map((c, i) => {
              const v = r.values[i] ?? null;
              const text = formatFigure(v, unitOf(section, r, i));
              const href = r.hrefs[i];
              return (
                <td key={c.key} data-column={c.key} data-value={v ?? ""} className="py-1 pl-3 text-right tabular-nums text-slate-900">
                  {href ? (
                    <Link href={href} className="rounded text-blue-700 underline decoration-blue-200 underline-offset-2 hover:decoration-blue-700 focus:outline-2 focus:outline-blue-600">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
