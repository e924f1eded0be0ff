import { ConsoleShell } from "@/components/shell/console-shell";
import { requireOrg } from "@/lib/auth/current";

export default async function OrgLayout({ children, params }: LayoutProps<"/o/[org]">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  return <ConsoleShell ctx={ctx}>{children}</ConsoleShell>;
}
