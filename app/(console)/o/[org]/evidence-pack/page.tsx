import type { Metadata } from "next";
import Link from "next/link";
import { ControlGroups } from "@/components/evidence-pack/control-groups";
import { PackItem } from "@/components/evidence-pack/pack-item";
import { PeriodForm } from "@/components/evidence-pack/period-form";
import { PrintButton } from "@/components/evidence-pack/print-button";
import { PrintStyles } from "@/components/evidence-pack/print-styles";
import { shortDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { toPackItem } from "@/lib/api/evidence-pack";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { groupByControl, packOutcome } from "@/lib/domain/frameworks";
import { lastDay, lastFullMonth, periodBounds, resolvePeriod } from "@/lib/domain/period";
import { RESOLUTIONS } from "@/lib/domain/vocabulary";
import { packBatch, packContext, packSummary } from "@/lib/queries/evidence-pack";
import { activeFrameworks } from "@/lib/queries/frameworks";

export const metadata: Metadata = { title: "Evidence pack" };

/** The page shows this many items; the downloads hold them all. */
const PAGE_ITEMS = 200;
const button = "rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50";
const day = (iso: string) => shortDate(new Date(`${iso}T00:00:00Z`));

export default async function EvidencePackPage({ params, searchParams }: PageProps<"/o/[org]/evidence-pack">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "export:evidence_pack");
  const asked = { from: typeof sp.from === "string" ? sp.from : undefined, to: typeof sp.to === "string" ? sp.to : undefined };
  const groupBy = sp.groupBy === "framework" ? "framework" : "item";
  const now = new Date();

  const data = await inOrg(ctx, async (tx) => {
    const { org: o, head } = await packContext(tx, ctx.membership.orgId);
    const period = resolvePeriod(asked, now, o.timeZone);
    if (!period.ok) return { ok: false as const, message: period.message, fallback: lastFullMonth(now, o.timeZone) };
    const scope = { orgId: ctx.membership.orgId, ...periodBounds(period.period, o.timeZone), headSeq: head?.seq ?? 0 };
    const summary = await packSummary(tx, scope);
    const batch = await packBatch(tx, { ...scope, after: null, limit: PAGE_ITEMS });
    const mapping = await activeFrameworks(tx, ctx.membership.orgId);
    const items = batch.items.map((i) => toPackItem(org, i, mapping.doc));
    const controls = groupByControl(
      mapping.doc,
      items.map((i, n) => ({ key: i.key, refs: i.frameworkRefs, outcome: packOutcome(i.resolution, batch.items[n]!.openNow) })),
    );
    return { ok: true as const, org: o, head, period: period.period, summary, items, controls, mappingVersion: mapping.version };
  });

  const action = `/o/${org}/evidence-pack`;
  if (!data.ok) {
    return (
      <>
        <PageHeader title="Evidence pack" description="Every item closed in a period, with its timeline, decisions and evidence hashes." />
        <PeriodForm action={action} from={asked.from ?? data.fallback.from} to={asked.to ?? data.fallback.to} groupBy={groupBy} error={data.message} />
      </>
    );
  }

  const { period, summary, items, head, controls, mappingVersion } = data;
  const download = (format: "json" | "csv") => `/api/v1/evidence-pack?${new URLSearchParams({ org, from: period.from, to: period.to, format, ...(groupBy === "framework" ? { groupBy } : {}) })}`;
  const resolved = RESOLUTIONS.filter((r) => summary.byResolution[r] > 0);

  return (
    <>
      <PrintStyles />
      <PageHeader
        title={`Evidence pack · ${ctx.membership.name}`}
        description={
          <>
            Items closed from <strong>{day(period.from)}</strong> to <strong>{day(lastDay(period))}</strong> (days in {data.org.timeZone}), oldest closure first.
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2" data-print="hide">
            <a href={download("json")} download className={button}>
              Download JSON
            </a>
            <a href={download("csv")} download className={button}>
              Download CSV
            </a>
            <PrintButton className={button} />
          </div>
        }
      />
      <PeriodForm action={action} from={period.from} to={period.to} groupBy={groupBy} />

      <section aria-label="Summary and integrity" className="mb-5 grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] print:break-inside-avoid">
        <div className="rounded border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Summary</h2>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
            <Stat label="Items closed" value={summary.itemsClosed} />
            <Stat label="Acceptances decided" value={summary.acceptancesDecided} />
            <Stat label="Owner decisions" value={summary.decisions} />
            <Stat label="Evidence records" value={summary.evidenceRecords} />
          </dl>
          {resolved.length ? (
            <p className="mt-2 text-slate-700" data-testid="by-resolution">
              By resolution: {resolved.map((r) => `${r.replace("_", " ")} ${summary.byResolution[r]}`).join(" · ")}
            </p>
          ) : null}
        </div>
        <div className="rounded border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Integrity</h2>
          <p className="text-slate-700">
            Generated {now.toISOString().slice(0, 16).replace("T", " ")} UTC by {ctx.user.name}.{" "}
            {head ? (
              <>
                Audit chain head: event <strong>#{head.seq}</strong> of {head.at.toISOString().slice(0, 16).replace("T", " ")} UTC, hash{" "}
                <code className="pack-hash break-all font-mono text-xs">{head.hash}</code>.
              </>
            ) : (
              "The organisation has no audit events yet."
            )}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Each timeline event shows its position (#) in the same hash chain; <code>npm run audit:verify</code> re-computes the chain.
          </p>
        </div>
      </section>

      {summary.itemsClosed > items.length ? (
        <p role="note" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          This page shows the first {items.length} of {summary.itemsClosed} items. The{" "}
          <a href={download("json")} className="font-medium underline">
            JSON
          </a>{" "}
          and{" "}
          <a href={download("csv")} className="font-medium underline">
            CSV
          </a>{" "}
          downloads hold all of them.
        </p>
      ) : null}

      {items.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">
          No item was closed in this period. Choose another period above, or see the <Link href={`/o/${org}/queue?status=closed&sort=updated`} className="underline">closed items</Link> in the queue.
        </p>
      ) : (
        <div className="print:break-before-page">
          {groupBy === "framework" ? <ControlGroups org={org} controls={controls} anchors={new Map(items.map((i) => [i.key, `item-${i.id}`]))} mappingVersion={mappingVersion} /> : null}
          {items.map((item) => (
            <PackItem key={item.id} org={org} item={item} />
          ))}
        </div>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}
