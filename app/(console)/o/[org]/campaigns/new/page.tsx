import type { Metadata } from "next";
import Link from "next/link";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/ui/page-header";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { reviewerChoices, scopeFacets } from "@/lib/queries/campaigns";

export const metadata: Metadata = { title: "New access-review campaign" };

export default async function NewCampaignPage({ params }: PageProps<"/o/[org]/campaigns/new">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "manage:campaign");
  const { reviewers, facets } = await inOrg(ctx, async (tx) => ({
    reviewers: await reviewerChoices(tx, ctx.membership.orgId),
    facets: await scopeFacets(tx, ctx.membership.orgId),
  }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm">
        <Link href={`/o/${org}/campaigns`} className="text-blue-700 hover:underline">
          Access reviews
        </Link>
      </nav>
      <PageHeader
        title="New access-review campaign"
        description={`Each identity in scope gets an access review for its owner in ${ctx.membership.name} — or the fallback reviewer. The first run opens as soon as you start it.`}
      />
      <CampaignForm org={org} reviewers={reviewers} facets={facets} me={ctx.user.id} />
    </>
  );
}
