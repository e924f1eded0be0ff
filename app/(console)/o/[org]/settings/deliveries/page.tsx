import type { Metadata } from "next";
import { FilterTabs } from "@/components/notifications/filter-tabs";
import { RelativeTime } from "@/components/notifications/relative-time";
import { RetryButton } from "@/components/notifications/retry-button";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Th, Thead } from "@/components/ui/table";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { deliveryConfig } from "@/lib/notify/config";
import { MAX_ATTEMPTS } from "@/lib/notify/outbox";
import { DELIVERY_FILTERS, deliveryCounts, listDeliveries, type DeliveryFilter } from "@/lib/queries/notifications";

export const metadata: Metadata = { title: "Deliveries" };

const FILTER_LABEL: Record<DeliveryFilter, string> = { all: "All", pending: "Pending", failed: "Failed", sent: "Sent" };

/** A webhook URL may carry a token in its path (chat tools do): show only where it goes. */
function recipientText(channel: "email" | "webhook", recipient: string): string {
  if (channel === "email") return recipient;
  try {
    const u = new URL(recipient);
    return u.pathname.length > 1 ? `${u.protocol}//${u.host}/…` : `${u.protocol}//${u.host}`;
  } catch {
    return "webhook";
  }
}

function StatusBadge({ status, attempts }: { status: "pending" | "sent" | "failed"; attempts: number }) {
  if (status === "sent") return <Badge tone="ok">Sent</Badge>;
  if (status === "failed") return <Badge tone="breach">Failed</Badge>;
  return attempts > 0 ? <Badge tone="risk">Retrying</Badge> : <Badge tone="neutral">Pending</Badge>;
}

export default async function DeliveriesPage({ params, searchParams }: PageProps<"/o/[org]/settings/deliveries">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:delivery");
  const filter = DELIVERY_FILTERS.includes(sp.status as DeliveryFilter) ? (sp.status as DeliveryFilter) : "all";
  const { rows, counts } = await inOrg(ctx, async (tx) => ({
    rows: await listDeliveries(tx, ctx.membership.orgId, { status: filter, limit: 200 }),
    counts: await deliveryCounts(tx, ctx.membership.orgId),
  }));
  const config = deliveryConfig();
  const mayRetry = can(ctx.role, "retry:delivery");
  const base = `/o/${org}/settings/deliveries`;
  const now = new Date();
  const total = counts.pending + counts.sent + counts.failed;

  return (
    <>
      <PageHeader
        title="Deliveries"
        description={`E-mail and webhook messages sent for ${ctx.membership.name}. Failures are retried with growing pauses, up to ${MAX_ATTEMPTS} attempts, and stay listed with their error.`}
      />
      <p className="mb-3 text-slate-600">
        E-mail: <strong className="font-medium text-slate-800">{config.email ? "configured" : "not configured (SMTP_URL)"}</strong> · Webhook:{" "}
        <strong className="font-medium text-slate-800">{config.webhook ? "configured, signed" : "not configured (WEBHOOK_URL, WEBHOOK_SECRET)"}</strong>
      </p>
      <FilterTabs
        label="Status"
        tabs={DELIVERY_FILTERS.map((f) => ({
          href: f === "all" ? base : `${base}?status=${f}`,
          label: FILTER_LABEL[f],
          count: f === "all" ? total : counts[f],
          current: f === filter,
        }))}
      />
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full min-w-[56rem] text-left">
          <caption className="sr-only">Deliveries of {ctx.membership.name}</caption>
          <Thead>
            <Th>Status</Th>
            <Th>Channel and recipient</Th>
            <Th>Subject</Th>
            <Th className="text-right">Attempts</Th>
            <Th>Next attempt</Th>
            <Th>Last error</Th>
            {mayRetry ? <Th><span className="sr-only">Actions</span></Th> : null}
          </Thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={mayRetry ? 7 : 6} className="px-3 py-6 text-center text-slate-600">
                  {filter === "all" ? "Nothing has been sent yet." : `No ${FILTER_LABEL[filter].toLowerCase()} deliveries.`}
                </td>
              </tr>
            ) : (
              rows.map((d) => (
                <tr key={d.id} data-testid="delivery">
                  <td className="whitespace-nowrap px-3 py-2 align-top"><StatusBadge status={d.status} attempts={d.attempts} /></td>
                  <td className="px-3 py-2 align-top">
                    <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{d.channel === "email" ? "E-mail" : "Webhook"}</div>
                    <div className="break-words text-slate-800">{recipientText(d.channel, d.recipient)}</div>
                  </td>
                  <td className="px-3 py-2 align-top text-slate-800">
                    {d.subject}
                    <div className="text-xs text-slate-500">
                      Queued <RelativeTime at={d.createdAt} now={now} />
                      {d.sentAt ? <> · sent <RelativeTime at={d.sentAt} now={now} /></> : null}
                    </div>
                  </td>
                  <td className="px-3 py-2 text-right align-top tabular-nums">{d.attempts}</td>
                  <td className="whitespace-nowrap px-3 py-2 align-top text-slate-700">
                    {d.status !== "pending" ? "—" : d.nextAttemptAt <= now ? "Due now" : <RelativeTime at={d.nextAttemptAt} now={now} />}
                  </td>
                  <td className="max-w-xs px-3 py-2 align-top">{d.lastError ? <span className="break-words text-red-800">{d.lastError}</span> : <span className="text-slate-400">—</span>}</td>
                  {mayRetry ? (
                    <td className="whitespace-nowrap px-3 py-2 text-right align-top">{d.status === "failed" || (d.status === "pending" && d.nextAttemptAt > now) ? <RetryButton org={org} id={d.id} subject={d.subject} /> : null}</td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {rows.length === 200 ? <p className="mt-2 text-slate-600">Showing the latest 200.</p> : null}
    </>
  );
}
