import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NewItemForm } from "@/components/items/new-item-form";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { identityChoices } from "@/lib/queries/identities";

export const metadata: Metadata = { title: "Raise a work item" };

export default async function NewItemPage({ params }: PageProps<"/o/[org]/items/new">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "create:work_item");
  const choices = await inOrg(ctx, (tx) => identityChoices(tx, ctx.membership.orgId));
  return (
    <>
      <PageHeader title="Raise a work item" description={`It enters intake in ${ctx.membership.name}; provider staff triage it from there.`} />
      <NewItemForm org={org} identities={choices} />
    </>
  );
}
