import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CampaignFacts } from "@/components/campaigns/campaign-facts";
import { EndCampaign } from "@/components/campaigns/end-campaign";
import { STATUS_LOOK, campaignStatus } from "@/components/campaigns/format";
import { ReviewTable } from "@/components/campaigns/review-table";
import { RunPicker } from "@/components/campaigns/run-picker";
import { RunSummary } from "@/components/campaigns/run-summary";
import { FilterTabs } from "@/components/notifications/filter-tabs";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { isUuid } from "@/lib/domain/keys";
import { can } from "@/lib/domain/permissions";
import { getCampaign, listRunReviews, REVIEW_STATES, type ReviewState } from "@/lib/queries/campaigns";

export const metadata: Metadata = { title: "Access-review campaign" };

const PAGE = 200;

export default async function CampaignPage({ params, searchParams }: PageProps<"/o/[org]/campaigns/[id]">) {
  const { org, id } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:campaign");
  if (!isUuid(id)) notFound();
  const str = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const state: ReviewState = REVIEW_STATES.includes(str("state") as ReviewState) ? (str("state") as ReviewState) : "all";
  const mineOnly = str("who") === "mine";
  const cursor = str("cursor") ?? null;
  const now = new Date();
  const data = await inOrg(ctx, async (tx) => {
    const detail = await getCampaign(tx, { orgId: ctx.membership.orgId, id, me: ctx.user.id });
    if (!detail) return null;
    const run = detail.runs.find((r) => String(r.number) === str("run")) ?? detail.runs[0] ?? null;
    const reviews = run ? await listRunReviews(tx, { orgId: ctx.membership.orgId, runId: run.id, state, reviewerId: mineOnly ? ctx.user.id : null, cursor, limit: PAGE }) : null;
    return { ...detail, run, reviews };
  });
  if (!data) notFound();
  const { campaign, runs, run, reviews } = data;
  const status = STATUS_LOOK[campaignStatus(campaign, runs[0] ?? null)];
  const base = `/o/${org}/campaigns/${id}`;
  const isLatest = run !== null && run.number === runs[0]?.number;
  const href = (p: { state?: ReviewState; who?: "mine" | null }) => {
    const q = new URLSearchParams();
    if (run && !isLatest) q.set("run", String(run.number));
    const st = p.state ?? state;
    if (st !== "all") q.set("state", st);
    const who = p.who === undefined ? (mineOnly ? "mine" : null) : p.who;
    if (who) q.set("who", who);
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const t = run?.tally;
  const reviewer = can(ctx.role, "decide:access_review");
  const counts = t ? (mineOnly ? { all: t.mine, undecided: t.mineUndecided, decided: t.mine - t.mineUndecided } : { all: t.reviews, undecided: t.reviews - t.decided, decided: t.decided }) : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm">
        <Link href={`/o/${org}/campaigns`} className="text-blue-700 hover:underline">
          Access reviews
        </Link>
      </nav>
      <PageHeader
        title={campaign.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            {campaign.description ? <span>{campaign.description}</span> : null}
          </span>
        }
        actions={can(ctx.role, "manage:campaign") && !campaign.endedAt ? <EndCampaign org={org} campaignId={campaign.id} name={campaign.name} runOpen={!!runs[0] && !runs[0].closedAt} /> : null}
      />
      <CampaignFacts c={campaign} />
      {run && t && counts && reviews ? (
        <>
          <RunPicker base={base} runs={runs} current={run.number} />
          <RunSummary run={run} now={now} />
          {reviewer && run.closedAt === null && t.mineUndecided > 0 && !mineOnly ? (
            <p className="mb-3 rounded border border-blue-200 bg-blue-50 px-3 py-2 text-blue-950">
              <span className="font-semibold">Waiting for you: {t.mineUndecided} review{t.mineUndecided === 1 ? "" : "s"}.</span>{" "}
              <Link href={href({ state: "undecided", who: "mine" })} className="font-medium text-blue-800 underline">
                Show only those
              </Link>
            </p>
          ) : null}
          <div className="flex flex-wrap items-start gap-x-4">
            {reviewer || t.mine > 0 ? (
              <FilterTabs
                label="Reviewer"
                tabs={[
                  { href: href({ who: null }), label: "Everyone", count: t.reviews, current: !mineOnly },
                  { href: href({ who: "mine" }), label: "Mine", count: t.mine, current: mineOnly },
                ]}
              />
            ) : null}
            <FilterTabs
              label="Decision"
              tabs={[
                { href: href({ state: "all" }), label: "All", count: counts.all, current: state === "all" },
                { href: href({ state: "undecided" }), label: "Undecided", count: counts.undecided, current: state === "undecided" },
                { href: href({ state: "decided" }), label: "Decided", count: counts.decided, current: state === "decided" },
              ]}
            />
          </div>
          {run.closedAt ? <p className="mb-2 text-sm text-slate-600">This run closed on its deadline; its decisions are final.</p> : null}
          <ReviewTable org={org} rows={reviews.items} me={ctx.user.id} canDecide={reviewer && run.closedAt === null} />
          <Pager
            basePath={base}
            params={{ run: isLatest ? undefined : String(run.number), state: state === "all" ? undefined : state, who: mineOnly ? "mine" : undefined }}
            nextCursor={reviews.nextCursor}
            isFirst={!cursor}
            shown={reviews.items.length}
          />
          {reviews.nextCursor || cursor ? <p className="mt-1 text-xs text-slate-500">Reviews are shown {PAGE} at a time, by identity name. Filter to narrow them.</p> : null}
        </>
      ) : (
        <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">No run has opened yet.</p>
      )}
    </>
  );
}
