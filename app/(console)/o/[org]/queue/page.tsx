import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { QueueFilters } from "@/components/queue/queue-filters";
import { DrillBar } from "@/components/queue/drill-bar";
import { QueueView } from "@/components/queue/queue-view";
import { TakeNextButton } from "@/components/queue/take-next-button";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { labels, STAGES } from "@/lib/domain/vocabulary";
import { toApiItem } from "@/lib/api/work-items";
import { assignablePeople } from "@/lib/queries/work-item-detail";
import { countByStage, listWorkItems } from "@/lib/queries/work-items";
import { listQuery } from "@/lib/schemas/work-items";
import { DRILL_KEYS, FILTER_KEYS, queueViewFilters } from "@/lib/queries/queue-view";
import { activeSlaPolicy } from "@/lib/queries/policies";

export const metadata: Metadata = { title: "Work queue" };


export default async function QueuePage({ params, searchParams }: PageProps<"/o/[org]/queue">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:work_item");

  const filters = queueViewFilters(sp);
  const drill = DRILL_KEYS.filter((k) => filters[k]);
  const multiType = filters.type?.includes(",") ?? false;
  const query = listQuery.parse({ ...filters, limit: 50 });
  const base = { orgId: ctx.membership.orgId, me: ctx.user.id };

  const { page, counts, people, loadedAt, policy } = await inOrg(ctx, async (tx) => ({
    loadedAt: new Date().getTime(),
    policy: (await activeSlaPolicy(tx, ctx.membership.orgId))?.doc ?? null,
    page: await listWorkItems(tx, { ...query, ...base }),
    counts: await countByStage(tx, { ...query, ...base, status: undefined, stage: undefined }),
    people: await assignablePeople(tx, ctx.membership.orgId),
  }));
  const open = STAGES.filter((s) => s !== "closed").reduce((n, s) => n + (counts[s] ?? 0), 0);
  // The closed count is null when the rollups cannot split it by these filters (see countByStage).
  const matching = filters.status === "open" ? open : filters.status === "closed" ? counts.closed : counts.closed === null ? null : open + counts.closed;
  const apiQuery = new URLSearchParams({ ...filters, limit: "50" }).toString();
  const keep = Object.fromEntries(FILTER_KEYS.filter((k) => k !== "stage" && k !== "status" && filters[k]).map((k) => [k, filters[k]!]));
  const tabHref = (stage?: string) => {
    const q = new URLSearchParams({ ...keep, ...(stage ? { stage } : {}) }).toString();
    return `/o/${org}/queue${q ? `?${q}` : ""}`;
  };
  const canTake = can(ctx.role, "take:work_item");

  return (
    <>
      <PageHeader
        title="Work queue"
        description={
          drill.length || multiType ? (
            <span data-testid="matching">
              {matching === null ? "Items" : `${matching} item${matching === 1 ? "" : "s"}`} in {ctx.membership.name} match this view.
            </span>
          ) : (
            `${open} open item${open === 1 ? "" : "s"} in ${ctx.membership.name}${Object.keys(keep).some((k) => k !== "sort") ? " matching these filters" : ""}.`
          )
        }
        actions={
          <>
            {can(ctx.role, "create:work_item") ? (
              <Link href={`/o/${org}/items/new`} className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
                New item
              </Link>
            ) : null}
            {canTake ? <TakeNextButton org={org} /> : null}
          </>
        }
      />
      <nav aria-label="Stages" className="mb-3 flex flex-wrap gap-1.5">
        <StageTab href={tabHref()} active={!filters.stage && filters.status === "open"} label="All open" count={open} />
        {STAGES.map((s) => (
          <StageTab key={s} href={tabHref(s)} active={filters.stage === s} label={labels.stage[s]} count={counts[s]} />
        ))}
      </nav>
      {drill.length || multiType ? <DrillBar org={org} filters={filters} /> : null}
      <QueueFilters people={people} canSeeMine={canTake} />
      <QueueView
        key={apiQuery}
        org={org}
        apiQuery={apiQuery}
        initial={{ items: page.items.map((r) => toApiItem(org, r, policy, loadedAt)), nextCursor: page.nextCursor }}
        people={people}
        me={ctx.user.id}
        canBulk={can(ctx.role, "assign:work_item")}
        canTake={canTake}
        loadedAt={loadedAt}
      />
      <Pager basePath={`/o/${org}/queue`} params={{ ...keep, stage: filters.stage }} nextCursor={page.nextCursor} isFirst={!filters.cursor} shown={page.items.length} />
    </>
  );
}

function StageTab({ href, active, label, count }: { href: string; active: boolean; label: string; count: number | null }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      title={count === null ? "Closed items are not counted under a type or priority filter" : undefined}
      className={`inline-flex items-center gap-1.5 rounded-full border px-3 py-1 font-medium ${
        active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
      }`}
    >
      {label}
      {count === null ? null : <span className={`tabular-nums ${active ? "text-slate-300" : "text-slate-500"}`}>{count}</span>}
    </Link>
  );
}
