import { redirect } from "next/navigation";
import { requireOrg } from "@/lib/auth/current";
import { landingPath } from "@/lib/auth/landing";

export default async function OrgHome({ params }: PageProps<"/o/[org]">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  redirect(landingPath(ctx.membership));
}
