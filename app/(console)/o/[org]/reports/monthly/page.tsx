import type { Metadata } from "next";
import Link from "next/link";
import { TrendChart } from "@/components/dashboard/charts";
import { Definitions } from "@/components/dashboard/definitions";
import { formatFigure } from "@/components/dashboard/format";
import { PrintButton } from "@/components/evidence-pack/print-button";
import { PrintStyles } from "@/components/evidence-pack/print-styles";
import { periodLabel } from "@/components/dashboard/period";
import { Badge } from "@/components/ui/badge";
import { itemKey, shortDate } from "@/components/ui/format";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { reportMonth } from "@/lib/domain/metrics";
import { metricsSections, type Section, type Unit } from "@/lib/domain/metrics-sections";
import { labels } from "@/lib/domain/vocabulary";
import { frameworkCoverage } from "@/lib/queries/frameworks";
import { metricsSummary } from "@/lib/queries/metrics";
import { listRegister } from "@/lib/queries/risk-acceptances";
import { listWorkItems } from "@/lib/queries/work-items";
import { activeSlaPolicy } from "@/lib/queries/policies";
import { toApiItem } from "@/lib/api/work-items";
import type { MetricsSummary } from "@/lib/schemas/metrics";

export const metadata: Metadata = { title: "Monthly report" };

const button = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-2 focus:outline-blue-600";
const h2 = "mb-2 mt-6 border-b border-slate-300 pb-1 text-base font-semibold text-slate-900";

/** The month's figures beside the month before's: what closed, how fast, who held it. */
const COMPARED: { label: string; unit: Unit; value: (s: MetricsSummary) => number | null }[] = [
  { label: "Items closed that an SLA applied to", unit: "items", value: (s) => s.sla.closedInPeriod },
  { label: "SLA compliance", unit: "share", value: (s) => s.sla.compliance },
  { label: "Revocations verified", unit: "items", value: (s) => s.revocationTime.count },
  { label: "Revocation time, median", unit: "hours", value: (s) => s.revocationTime.medianHours },
  { label: "Revocation time, 90th percentile", unit: "hours", value: (s) => s.revocationTime.p90Hours },
  { label: "Rotations verified", unit: "items", value: (s) => s.rotationTime.count },
  { label: "Rotation time, median", unit: "hours", value: (s) => s.rotationTime.medianHours },
  { label: "Remediation verified", unit: "items", value: (s) => s.remediation.verified },
  { label: "Remediation regressed", unit: "items", value: (s) => s.remediation.regressed },
  { label: "Hours held by the provider", unit: "hours", value: (s) => s.waiting.providerHours },
  { label: "Hours held by the client", unit: "hours", value: (s) => s.waiting.clientHours },
];

export default async function MonthlyReportPage({ params, searchParams }: PageProps<"/o/[org]/reports/monthly">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:dashboard");
  const now = new Date();
  const m = reportMonth(typeof sp.month === "string" ? sp.month : undefined, now);
  const orgId = ctx.membership.orgId;
  const data = await inOrg(ctx, async (tx) => ({
    month: await metricsSummary(tx, { orgId, from: m.from, to: m.to, now }),
    previous: await metricsSummary(tx, { orgId, from: m.previousFrom, to: m.from, now }),
    trend: await metricsSummary(tx, { orgId, from: m.trendFrom, to: m.to, now }),
    breached: await listWorkItems(tx, { orgId, sla: "breached", sort: "sla", limit: 10 }),
    expiring: await listRegister(tx, { orgId, filter: "expiring", limit: 20, now }),
    coverage: await frameworkCoverage(tx, { orgId, from: m.from, to: m.to, now }),
    policy: (await activeSlaPolicy(tx, orgId))?.doc ?? null,
  }));
  const breached = data.breached.items.map((i) => toApiItem(org, i, data.policy, now.getTime()));
  const trendSections = Object.fromEntries(
    metricsSections(data.trend, { slug: org, from: m.trendFromDay, to: m.toDay }).map((s) => [s.id, s]),
  ) as Record<string, Section>;
  const frameworks = [...new Set(data.coverage.controls.map((c) => c.framework))].map((f) => ({
    id: f,
    name: data.coverage.controls.find((c) => c.framework === f)!.frameworkName,
    controls: data.coverage.controls.filter((c) => c.framework === f),
  }));
  const s = data.month;

  return (
    <article className="mx-auto max-w-5xl text-sm text-slate-800">
      <PrintStyles />
      <header className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Monthly programme report</p>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
            {ctx.membership.name} · {m.label}
          </h1>
          <p className="text-slate-600">
            {periodLabel({ from: m.fromDay, to: m.toDay })} (UTC). Generated {now.toISOString().slice(0, 16).replace("T", " ")} UTC by {ctx.user.name}.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2" data-print="hide">
          <form method="get" className="flex items-end gap-2" aria-label="Month">
            <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
              Month
              <input type="month" name="month" defaultValue={m.key} required className="rounded border border-slate-300 px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600" />
            </label>
            <button type="submit" className={button}>
              Show
            </button>
          </form>
          <PrintButton className={button} />
          <Link href={`/o/${org}/dashboard?from=${m.fromDay}&to=${m.toDay}`} className={button}>
            Dashboard for this month
          </Link>
        </div>
      </header>

      <section aria-labelledby="headline">
        <h2 id="headline" className={h2}>
          Headline
        </h2>
        <div className="grid gap-4 md:grid-cols-[3fr_2fr]">
          <table className="w-full" data-testid="month-figures">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-2 text-left font-medium">
                  In the month
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {m.label}
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  {m.previousLabel}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {COMPARED.map((c) => (
                <tr key={c.label}>
                  <th scope="row" className="py-1 text-left font-normal">
                    {c.label}
                  </th>
                  <td className="py-1 text-right font-medium tabular-nums">{formatFigure(c.value(s), c.unit)}</td>
                  <td className="py-1 text-right tabular-nums text-slate-500">{formatFigure(c.value(data.previous), c.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-2 rounded border border-slate-200 p-3">
            <dt className="col-span-2 text-xs font-medium uppercase tracking-wide text-slate-500">Now, as this report was generated</dt>
            {(
              [
                ["Open items", s.backlog.total, "neutral"],
                ["Breached", s.sla.breached, s.sla.breached ? "breach" : "ok"],
                ["At risk", s.sla.atRisk, s.sla.atRisk ? "risk" : "ok"],
                ["Exceptions active", s.exceptions.active, "neutral"],
                ["Expiring ≤ 30 days", s.exceptions.expiringWithin30Days, s.exceptions.expiringWithin30Days ? "risk" : "ok"],
                ["Expired, awaiting decision", s.exceptions.expiredAwaitingDecision, s.exceptions.expiredAwaitingDecision ? "breach" : "ok"],
                ["Orphaned identities", s.identities.orphaned, s.identities.orphaned ? "risk" : "ok"],
                ["Standing privileged", s.identities.standingPrivileged, "neutral"],
                ["Overdue for rotation", s.identities.rotationOverdue, s.identities.rotationOverdue ? "risk" : "ok"],
              ] as const
            ).map(([label, value, tone]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className={`text-lg font-semibold tabular-nums ${tone === "breach" ? "text-red-700" : tone === "risk" ? "text-amber-700" : "text-slate-900"}`}>{formatFigure(value, "items")}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <section aria-labelledby="trends" className="break-inside-avoid">
        <h2 id="trends" className={h2}>
          Trends, six months to the end of {m.label}
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          {(
            [
              ["Backlog: open at week end, raised and closed", "backlog-trend", undefined],
              ["SLA compliance by week", "sla-trend", [0]],
              ["Revocation time by week (hours)", "revocation-time", [1, 2]],
              ["Rotation time by week (hours)", "rotation-time", [1, 2]],
            ] as const
          ).map(([title, id, cols]) => (
            <figure key={id} className="break-inside-avoid">
              <figcaption className="mb-1 text-xs font-medium text-slate-600">{title}</figcaption>
              <TrendChart section={trendSections[id]!} columns={cols ? [...cols] : undefined} />
            </figure>
          ))}
        </div>
      </section>

      <section aria-labelledby="breached">
        <h2 id="breached" className={h2}>
          Top breached items, open now
        </h2>
        {breached.length === 0 ? (
          <p className="text-slate-600">No open item is past its SLA target.</p>
        ) : (
          <table className="w-full">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Item</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Title</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Priority</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Stage</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Waiting on</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Assignee</th>
                <th scope="col" className="py-1 text-right font-medium">Breached</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {breached.map((i) => (
                <tr key={i.id}>
                  <td className="whitespace-nowrap py-1 pr-2 font-mono text-xs">
                    <Link href={`/o/${org}/items/${i.number}`} className="text-blue-700 hover:underline">
                      {itemKey(org, i.number)}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">{i.title}</td>
                  <td className="py-1 pr-2">
                    <Badge tone={i.priority === "P1" ? "breach" : "neutral"}>{i.priority}</Badge>
                  </td>
                  <td className="py-1 pr-2">{labels.stage[i.stage]}</td>
                  <td className="py-1 pr-2">{labels.waitingOn[i.waitingOn]}</td>
                  <td className="py-1 pr-2">{i.assigneeName ?? "Unassigned"}</td>
                  <td className="whitespace-nowrap py-1 text-right tabular-nums text-red-700">{i.sla.dueAt ? shortDate(new Date(i.sla.dueAt)) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="expiring">
        <h2 id="expiring" className={h2}>
          Exceptions expiring within 30 days
        </h2>
        {data.expiring.items.length === 0 ? (
          <p className="text-slate-600">No approved exception expires in the next 30 days.</p>
        ) : (
          <table className="w-full">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Item</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Title</th>
                <th scope="col" className="py-1 pr-2 text-left font-medium">Accountable owner</th>
                <th scope="col" className="py-1 text-right font-medium">Renewals</th>
                <th scope="col" className="py-1 text-right font-medium">Expires</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.expiring.items.map((a) => (
                <tr key={a.id}>
                  <td className="whitespace-nowrap py-1 pr-2 font-mono text-xs">
                    <Link href={`/o/${org}/items/${a.itemNumber}`} className="text-blue-700 hover:underline">
                      {itemKey(org, a.itemNumber)}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">{a.itemTitle}</td>
                  <td className="py-1 pr-2">{a.accountableOwnerName}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{a.renewals}</td>
                  <td className="whitespace-nowrap py-1 text-right tabular-nums text-amber-800">{shortDate(a.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="frameworks">
        <h2 id="frameworks" className={h2}>
          By framework
        </h2>
        <p className="mb-2 text-slate-600">
          Per control: work closed as remediated in {m.label} (done), open now, and accepted (closed as risk accepted in the month, or under an acceptance in force).{" "}
          {data.coverage.version ? `Mapping version ${data.coverage.version}.` : "The built-in default mapping."}
        </p>
        <div className="grid gap-4 md:grid-cols-2">
          {frameworks.map((f) => (
            <table key={f.id} className="w-full break-inside-avoid self-start" data-framework={f.id}>
              <caption className="mb-1 text-left text-sm font-semibold text-slate-900">{f.name}</caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-2 text-left font-medium">Control</th>
                  <th scope="col" className="py-1 text-right font-medium">Done</th>
                  <th scope="col" className="py-1 text-right font-medium">Open</th>
                  <th scope="col" className="py-1 text-right font-medium">Accepted</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {f.controls.map((c) => (
                  <tr key={c.ref} className={c.done + c.open + c.accepted === 0 ? "text-slate-400" : ""}>
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      <span className="font-mono text-xs">{c.ref}</span> {c.title}
                    </th>
                    <td className="py-1 text-right tabular-nums">{c.done}</td>
                    <td className="py-1 text-right tabular-nums">{c.open}</td>
                    <td className="py-1 text-right tabular-nums">{c.accepted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </section>

      <Definitions className="mt-6" open />
    </article>
  );
}
