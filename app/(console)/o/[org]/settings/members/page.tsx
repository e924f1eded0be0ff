import { Th, Thead } from "@/components/ui/table";
import type { Metadata } from "next";
import { MemberRow } from "@/components/members/member-row";
import { shortDate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { listMembers } from "@/lib/queries/members";
import { changeRoleAction, removeMemberAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: PageProps<"/o/[org]/settings/members">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "manage:membership");
  const members = await inOrg(ctx, (tx) => listMembers(tx, ctx.membership.orgId));
  const actions = { changeRole: changeRoleAction, remove: removeMemberAction, setDisabled: setDisabledAction };

  return (
    <>
      <PageHeader
        title="Members"
        description={`Who may act in ${ctx.membership.name}, and with which role. Changes apply on the person's next request.`}
      />
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full min-w-[44rem] text-left">
          <caption className="sr-only">Members of {ctx.membership.name}</caption>
          <Thead>
              <Th>Person</Th>
              <Th className="hidden sm:table-cell">Side</Th>
              <Th>Role</Th>
              <Th>Account</Th>
              <Th>Last sign-in</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </Thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <MemberRow
                key={m.userId}
                org={org}
                actions={actions}
                m={{
                  userId: m.userId,
                  name: m.name,
                  email: m.email,
                  role: m.role,
                  isProviderStaff: m.isProviderStaff,
                  disabled: m.disabledAt !== null,
                  lastLogin: m.lastLoginAt ? shortDate(m.lastLoginAt) : "Never",
                  self: m.userId === ctx.user.id,
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
