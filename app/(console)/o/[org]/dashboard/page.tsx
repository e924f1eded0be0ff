import type { Metadata } from "next";
import Link from "next/link";
import { ChartCard } from "@/components/dashboard/chart-card";
import { Definitions } from "@/components/dashboard/definitions";
import { KpiTiles } from "@/components/dashboard/kpi-tiles";
import { periodLabel, shownPeriod } from "@/components/dashboard/period";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { PageHeader } from "@/components/ui/page-header";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { daysBounds } from "@/lib/domain/metrics";
import { metricsSections, type Section } from "@/lib/domain/metrics-sections";
import { metricsSummary } from "@/lib/queries/metrics";

export const metadata: Metadata = { title: "Dashboard" };

const button = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-2 focus:outline-blue-600";

export default async function DashboardPage({ params, searchParams }: PageProps<"/o/[org]/dashboard">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:dashboard");
  const now = new Date();
  const period = shownPeriod(await searchParams, now);
  const summary = await inOrg(ctx, (tx) => metricsSummary(tx, { orgId: ctx.membership.orgId, ...daysBounds(period), now }));
  const sections = metricsSections(summary, { slug: org, from: period.from, to: period.to });
  const by = Object.fromEntries(sections.map((s) => [s.id, s])) as Record<string, Section>;
  const csv = (section?: string) => `/api/v1/metrics/summary?${new URLSearchParams({ org, from: period.from, to: period.to, format: "csv", ...(section ? { section } : {}) })}`;
  const card = (id: string, className = "", columns?: number[]) => <ChartCard section={by[id]!} csvHref={csv(id)} columns={columns} className={className} />;
  const days = periodLabel(period);

  return (
    <>
      <PageHeader
        title="Programme dashboard"
        description={
          <>
            {ctx.membership.name} · <span data-testid="period">{days}</span> (UTC). Now-figures are as of this moment; the rest count what closed in the period.
          </>
        }
        actions={
          <>
            <a href={csv()} download className={button}>
              Download CSV
            </a>
            <Link href={`/o/${org}/reports/monthly`} className={button}>
              Monthly report
            </Link>
            <Link href={`/o/${org}/portfolio?${new URLSearchParams(period.preset ? { period: period.preset } : { from: period.from, to: period.to })}`} className={button}>
              Portfolio
            </Link>
          </>
        }
      />
      <PeriodPicker base={`/o/${org}/dashboard`} preset={period.preset} from={period.from} to={period.to} error={period.error} />
      <KpiTiles summary={summary} headline={by.headline!} />
      <div className="grid gap-3 lg:grid-cols-3">
        {card("backlog-trend", "lg:col-span-2")}
        {card("sla")}
        {card("sla-trend", "", [0])}
        {card("revocation-time", "", [1, 2])}
        {card("rotation-time", "", [1, 2])}
        {card("backlog-stage")}
        {card("backlog-priority")}
        {card("backlog-age")}
        {card("waiting")}
        {card("remediation")}
        {card("exceptions")}
        {card("backlog-type", "lg:col-span-2")}
        {card("identities")}
      </div>
      <Definitions className="mt-4" />
    </>
  );
}
