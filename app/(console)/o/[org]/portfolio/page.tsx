import type { Metadata } from "next";
import Link from "next/link";
import { BarsChart } from "@/components/dashboard/charts";
import { formatFigure } from "@/components/dashboard/format";
import { periodLabel, shownPeriod } from "@/components/dashboard/period";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { PageHeader } from "@/components/ui/page-header";
import { Th, Thead } from "@/components/ui/table";
import { requireOrg, requirePermission } from "@/lib/auth/current";
import { csvText } from "@/lib/csv";
import { getDb } from "@/lib/db";
import { daysBounds } from "@/lib/domain/metrics";
import { metricsSections, type Section, type Unit } from "@/lib/domain/metrics-sections";
import { portfolio } from "@/lib/queries/portfolio";

export const metadata: Metadata = { title: "Portfolio" };

/** The portfolio's columns: a headline figure of each organisation's dashboard. */
const COLUMNS: { key: string; label: string; unit: Unit }[] = [
  { key: "open", label: "Open", unit: "items" },
  { key: "breached", label: "Breached now", unit: "items" },
  { key: "at_risk", label: "At risk now", unit: "items" },
  { key: "compliance", label: "SLA compliance", unit: "share" },
  { key: "revocation_median", label: "Revocation median", unit: "hours" },
  { key: "revocation_p90", label: "Revocation p90", unit: "hours" },
  { key: "exceptions_expiring", label: "Exceptions expiring", unit: "items" },
  { key: "orphaned", label: "Orphaned identities", unit: "items" },
];

export default async function PortfolioPage({ params, searchParams }: PageProps<"/o/[org]/portfolio">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:dashboard");
  const now = new Date();
  const period = shownPeriod(await searchParams, now);
  const rows = (await portfolio(await getDb(), ctx.user, { ...daysBounds(period), now })).map((r) => {
    const headline = metricsSections(r.summary, { slug: r.slug, from: period.from, to: period.to }).find((s) => s.id === "headline")!;
    const cells = COLUMNS.map((c) => headline.rows.find((x) => x.key === c.key)!);
    return { ...r, cells };
  });
  const chart = (id: string, title: string, key: string, unit: Unit): Section => ({
    id,
    title,
    note: "",
    chart: "bar",
    columns: [{ key, label: title, unit }],
    rows: rows.map((r) => {
      const cell = r.cells[COLUMNS.findIndex((c) => c.key === key)]!;
      return { key: r.slug, label: r.name, values: [cell.values[0] ?? null], hrefs: [cell.hrefs[0] ?? null] };
    }),
  });
  const csv = csvText(
    ["organisation", ...COLUMNS.map((c) => c.key)],
    rows.map((r) => [r.slug, ...r.cells.map((c) => c.values[0] ?? null)]),
  );
  const query: Record<string, string> = period.preset ? { period: period.preset } : { from: period.from, to: period.to };
  const days = periodLabel(period);

  return (
    <>
      <PageHeader
        title="Portfolio"
        description={`The ${rows.length} organisation${rows.length === 1 ? "" : "s"} you can see · ${days} (UTC).`}
        actions={
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download={`portfolio-${period.from}-to-${period.to}.csv`} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-2 focus:outline-blue-600">
            Download CSV
          </a>
        }
      />
      <PeriodPicker base={`/o/${org}/portfolio`} preset={period.preset} from={period.from} to={period.to} error={period.error} />
      <div className="mb-4 overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full min-w-[56rem] text-sm" data-testid="portfolio">
          <Thead>
            <Th>Organisation</Th>
            {COLUMNS.map((c) => (
              <Th key={c.key} className="text-right">
                {c.label}
              </Th>
            ))}
          </Thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.orgId} data-org={r.slug}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
                  <Link href={`/o/${r.slug}/dashboard?${new URLSearchParams(query)}`} className="text-blue-700 hover:underline focus:outline-2 focus:outline-blue-600">
                    {r.name}
                  </Link>
                </th>
                {r.cells.map((cell, i) => {
                  const v = cell.values[0] ?? null;
                  const c = COLUMNS[i]!;
                  const tone = c.key === "breached" && v ? "text-red-700 font-semibold" : c.key === "at_risk" && v ? "text-amber-700 font-semibold" : "text-slate-900";
                  return (
                    <td key={c.key} data-column={c.key} data-value={v ?? ""} className={`px-3 py-2 text-right tabular-nums ${tone}`}>
                      {cell.hrefs[0] ? (
                        <Link href={cell.hrefs[0]} className="hover:underline focus:outline-2 focus:outline-blue-600">
                          {formatFigure(v, c.unit)}
                        </Link>
                      ) : (
                        formatFigure(v, c.unit)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > 1 ? (
        <div className="grid gap-3 lg:grid-cols-2">
          <section className="rounded border border-slate-200 bg-white p-3" aria-label="Breached now by organisation">
            <h2 className="mb-2 text-sm font-semibold text-slate-900">Breached now, by organisation</h2>
            <BarsChart section={chart("breached", "Breached now", "breached", "items")} tone="#dc2626" />
          </section>
          <section className="rounded border border-slate-200 bg-white p-3" aria-label="SLA compliance by organisation">
            <h2 className="mb-2 text-sm font-semibold text-slate-900">SLA compliance in the period, by organisation</h2>
            <BarsChart section={chart("compliance", "SLA compliance", "compliance", "share")} tone="#059669" />
          </section>
        </div>
      ) : null}
    </>
  );
}
