import type { Metadata } from "next";
import Link from "next/link";
import { CampaignTable } from "@/components/campaigns/campaign-table";
import { WaitingForYou } from "@/components/campaigns/waiting-for-you";
import { PageHeader } from "@/components/ui/page-header";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { listCampaigns, waitingForReviewer } from "@/lib/queries/campaigns";

export const metadata: Metadata = { title: "Access reviews" };

export default async function CampaignsPage({ params }: PageProps<"/o/[org]/campaigns">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:campaign");
  const reviewer = can(ctx.role, "decide:access_review");
  const now = new Date();
  const { rows, waiting } = await inOrg(ctx, async (tx) => ({
    rows: await listCampaigns(tx, { orgId: ctx.membership.orgId, me: ctx.user.id }),
    waiting: reviewer ? await waitingForReviewer(tx, ctx.membership.orgId, ctx.user.id) : [],
  }));

  return (
    <>
      <PageHeader
        title="Access reviews"
        description={`Campaigns that ask ${ctx.membership.name}'s programme owners to certify or revoke access, and how far each revocation got.`}
        actions={
          can(ctx.role, "manage:campaign") ? (
            <Link href={`/o/${org}/campaigns/new`} className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
              New campaign
            </Link>
          ) : null
        }
      />
      {reviewer ? <WaitingForYou org={org} rows={waiting} now={now} /> : null}
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">
          No campaigns yet.{" "}
          {can(ctx.role, "manage:campaign") ? (
            <Link href={`/o/${org}/campaigns/new`} className="font-medium text-blue-700 hover:underline">
              Start one
            </Link>
          ) : (
            "A lead or a programme owner starts them."
          )}
        </p>
      ) : (
        <CampaignTable org={org} rows={rows} now={now} />
      )}
      <p className="mt-2 text-xs text-slate-500">
        Completion and revocations are for each campaign&apos;s current run, or its last one. A revocation counts as verified once its item is closed as remediated.
      </p>
    </>
  );
}
