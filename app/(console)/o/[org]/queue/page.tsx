import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { QueueTable } from "@/components/queue/queue-table";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { countByStage, listWorkItems } from "@/lib/queries/work-items";
import { labels, STAGES, type Stage } from "@/lib/domain/vocabulary";

export const metadata: Metadata = { title: "Work queue" };

export default async function QueuePage({ params, searchParams }: PageProps<"/o/[org]/queue">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:work_item");
  const stage = STAGES.includes(sp.stage as Stage) ? (sp.stage as Stage) : null;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  const { page, counts } = await inOrg(ctx, async (tx) => ({
    page: await listWorkItems(tx, { orgId: ctx.membership.orgId, stage: stage ?? undefined, cursor: cursor ?? undefined, limit: 50 }),
    counts: await countByStage(tx, { orgId: ctx.membership.orgId }),
  }));
  const open = STAGES.filter((s) => s !== "closed").reduce((n, s) => n + counts[s], 0);
  const base = `/o/${org}/queue`;

  return (
    <>
      <PageHeader title="Work queue" description={`${open} open items in ${ctx.membership.name}, newest first.`} />
      <nav aria-label="Stages" className="mb-3 flex flex-wrap gap-1.5">
        <StageLink href={base} active={!stage} label="All" count={open + counts.closed} />
        {STAGES.map((s) => (
          <StageLink key={s} href={`${base}?stage=${s}`} active={stage === s} label={labels.stage[s]} count={counts[s]} />
        ))}
      </nav>
      <QueueTable rows={page.items} slug={org} now={new Date()} />
      <Pager basePath={base} params={{ stage: stage ?? undefined }} nextCursor={page.nextCursor} isFirst={!cursor} shown={page.items.length} />
    </>
  );
}

function StageLink({ href, active, label, count }: { href: string; active: boolean; label: string; count: number }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 font-medium ${
        active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
      }`}
    >
      {label}
      <span className={`tabular-nums ${active ? "text-slate-300" : "text-slate-500"}`}>{count}</span>
    </Link>
  );
}
