import type { Metadata } from "next";
import Link from "next/link";
import { FilterTabs } from "@/components/notifications/filter-tabs";
import { MarkAllReadButton, MarkReadButton } from "@/components/notifications/inbox-buttons";
import { RelativeTime } from "@/components/notifications/relative-time";
import { Badge } from "@/components/ui/badge";
import { itemKey } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Th, Thead } from "@/components/ui/table";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { listInbox, unreadCount } from "@/lib/queries/notifications";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ params, searchParams }: PageProps<"/o/[org]/inbox">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:notification");
  const unreadOnly = sp.show === "unread";
  const { rows, unread } = await inOrg(ctx, async (tx) => ({
    rows: await listInbox(tx, ctx.membership.orgId, ctx.user.id, { unreadOnly, limit: 100 }),
    unread: await unreadCount(tx, ctx.membership.orgId, ctx.user.id),
  }));
  const base = `/o/${org}/inbox`;
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Inbox"
        description={`Escalations and reminders for you in ${ctx.membership.name}, newest first.`}
        actions={<MarkAllReadButton org={org} unread={unread} />}
      />
      <FilterTabs
        label="Show"
        tabs={[
          { href: base, label: "All", current: !unreadOnly },
          { href: `${base}?show=unread`, label: "Unread", count: unread, current: unreadOnly },
        ]}
      />
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left">
          <caption className="sr-only">Your notifications in {ctx.membership.name}</caption>
          <Thead>
            <Th className="w-24">State</Th>
            <Th>Notification</Th>
            <Th className="hidden w-28 sm:table-cell">Received</Th>
            <Th className="w-28"><span className="sr-only">Actions</span></Th>
          </Thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-3 py-6 text-center text-slate-600">
                  {unreadOnly ? "Nothing unread." : "No notifications yet. Escalations and reminders for you appear here."}
                </td>
              </tr>
            ) : (
              rows.map((n) => {
                const read = n.readAt !== null;
                return (
                  <tr key={n.id} data-testid="notification" className={read ? undefined : "bg-blue-50/60"}>
                    <td className={`whitespace-nowrap px-3 py-2 align-top ${read ? "" : "border-l-4 border-blue-600"}`}>
                      {read ? <span className="text-xs text-slate-500">Read</span> : <Badge tone="accent">Unread</Badge>}
                    </td>
                    <td className="px-3 py-2 align-top">
                      <div className={read ? "text-slate-700" : "font-semibold text-slate-900"}>
                        {n.itemNumber !== null ? (
                          <Link href={`/o/${org}/items/${n.itemNumber}`} className="hover:underline">
                            {n.subject}
                          </Link>
                        ) : (
                          n.subject
                        )}
                      </div>
                      <p className="mt-0.5 max-w-3xl text-slate-600">{n.body}</p>
                      {n.itemNumber !== null ? <div className="mt-0.5 font-mono text-xs text-slate-500">{itemKey(org, n.itemNumber)}</div> : null}
                    </td>
                    <td className="hidden whitespace-nowrap px-3 py-2 align-top text-slate-600 sm:table-cell">
                      <RelativeTime at={n.createdAt} now={now} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right align-top">{read ? null : <MarkReadButton org={org} id={n.id} subject={n.subject} />}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {rows.length === 100 ? <p className="mt-2 text-slate-600">Showing the latest 100.</p> : null}
    </>
  );
}
