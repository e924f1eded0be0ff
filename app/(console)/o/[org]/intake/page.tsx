import type { Metadata } from "next";
import { IntakeForm } from "@/components/intake/intake-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrg, requirePermission } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Intake" };

export default async function IntakePage({ params }: PageProps<"/o/[org]/intake">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "run:intake");
  return (
    <>
      <PageHeader
        title="Intake"
        description={`Import a secret scanner's report or an identity source's export into ${ctx.membership.name}. Findings are known by their fingerprint: importing the same file again creates nothing.`}
      />
      <IntakeForm org={org} />
    </>
  );
}
