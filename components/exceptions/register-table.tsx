// The exception register as a dense table. On a phone the item cell carries the key, owner and treatment and
// the status cell the expiry: two columns, no sideways scrolling.
import Link from "next/link";
import { RelativeTime } from "@/components/notifications/relative-time";
import { priorityTone } from "@/components/queue/tones";
import { Badge, type Tone } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { Th, Thead } from "@/components/ui/table";
import { labels, type AcceptanceStatus } from "@/lib/domain/vocabulary";
import type { RegisterEntry } from "@/lib/schemas/risk-acceptances-register";

const statusTone: Record<AcceptanceStatus, Tone> = { pending: "accent", approved: "ok", rejected: "breach", expired: "risk", withdrawn: "neutral" };
const DAY = 86_400_000;

function Status({ r, now }: { r: RegisterEntry; now: Date }) {
  const expiresSoon = r.status === "approved" && Date.parse(r.expiresAt) - now.getTime() <= 30 * DAY;
  return (
    <div className="flex flex-wrap gap-1">
      {r.expiredAwaitingDecision ? (
        <Badge tone="breach" title="Expired and not decided again: outside formal review">Expired, not re-decided</Badge>
      ) : (
        <Badge tone={r.status === "approved" && expiresSoon ? "risk" : statusTone[r.status]}>{labels.acceptanceStatus[r.status]}</Badge>
      )}
      {r.decisionWaiting && r.status !== "pending" ? <Badge tone="accent">{r.status === "expired" ? "Renewal waiting" : "Extension waiting"}</Badge> : null}
    </div>
  );
}

function Expiry({ r, now }: { r: RegisterEntry; now: Date }) {
  const at = new Date(r.expiresAt);
  if (r.status === "rejected" || r.status === "withdrawn") {
    // Never in force, or ended early: when it ended matters, the date it would have run to less.
    return (
      <div className="leading-tight">
        <div className="text-slate-600">{r.endedAt ? <>ended <RelativeTime at={new Date(r.endedAt)} now={now} /></> : "not in force"}</div>
        <div className="text-xs text-slate-500">was to run to {shortDate(at)}</div>
      </div>
    );
  }
  return (
    <div className="leading-tight">
      <div className="text-slate-800">
        {r.status === "pending" ? <span className="text-slate-500">asked </span> : null}
        <RelativeTime at={at} now={now} />
      </div>
      <div className="text-xs text-slate-500">
        {shortDate(at)}
        {r.originalExpiresAt !== r.expiresAt ? <span className="hidden lg:inline"> · first {shortDate(new Date(r.originalExpiresAt))}</span> : null}
      </div>
      {r.extensionExpiresAt ? <div className="text-xs text-blue-800">→ {shortDate(new Date(r.extensionExpiresAt))} asked</div> : null}
    </div>
  );
}

export function RegisterTable({ org, rows, now, empty }: { org: string; rows: RegisterEntry[]; now: Date; empty: string }) {
  if (rows.length === 0) return <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">{empty}</p>;
  return (
    <div className="rounded border border-slate-200 bg-white">
      <table className="w-full text-left">
        <caption className="sr-only">Risk acceptances</caption>
        <Thead>
          <Th className="hidden sm:table-cell">Key</Th>
          <Th>Item</Th>
          <Th className="hidden md:table-cell">Accountable owner</Th>
          <Th className="hidden xl:table-cell">Treatment</Th>
          <Th>
            Status<span className="sm:hidden"> · expires</span>
          </Th>
          <Th className="hidden sm:table-cell">Expires</Th>
          <Th className="hidden text-right sm:table-cell">Renewals</Th>
          <Th className="hidden text-right lg:table-cell">Approvals</Th>
        </Thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="acceptance-row" className={r.expiredAwaitingDecision ? "bg-red-50/50" : "hover:bg-slate-50"}>
              <td className="hidden whitespace-nowrap px-3 py-2 align-top font-mono text-xs text-slate-600 sm:table-cell">{r.itemKey}</td>
              <td className="px-3 py-2 align-top sm:min-w-[14rem]">
                <Link href={`/o/${org}/items/${r.itemNumber}`} className="line-clamp-2 font-medium text-slate-900 hover:text-blue-700 hover:underline" title={r.itemTitle}>
                  {r.itemTitle}
                </Link>
                <div className="mt-0.5 flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-500">
                  <Badge tone={priorityTone[r.priority]}>{r.priority}</Badge>
                  <span className="font-mono sm:hidden">{r.itemKey}</span>
                  <span className="hidden md:inline xl:hidden">{labels.treatment[r.treatment]}</span>
                  {r.renewals > 0 ? <span className={`sm:hidden ${r.renewals >= 2 ? "font-semibold text-amber-800" : ""}`}>renewed {r.renewals}×</span> : null}
                </div>
                <div className="mt-0.5 text-xs text-slate-500 md:hidden">
                  {r.accountableOwner} · {labels.treatment[r.treatment]}
                </div>
              </td>
              <td className="hidden px-3 py-2 align-top text-slate-800 md:table-cell">
                {r.accountableOwner}
                <div className="text-xs text-slate-500">asked by {r.requestedBy ?? "an integration"}</div>
              </td>
              <td className="hidden px-3 py-2 align-top text-slate-700 xl:table-cell">{labels.treatment[r.treatment]}</td>
              <td className="px-3 py-2 align-top">
                <Status r={r} now={now} />
                <div className="mt-1 sm:hidden">
                  <Expiry r={r} now={now} />
                </div>
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 align-top sm:table-cell">
                <Expiry r={r} now={now} />
              </td>
              <td className="hidden px-3 py-2 text-right align-top tabular-nums sm:table-cell">
                {r.renewals >= 2 ? <Badge tone="risk" title="Renewed repeatedly: is this still an exception?">{r.renewals}</Badge> : <span className="text-slate-700">{r.renewals}</span>}
              </td>
              <td className="hidden whitespace-nowrap px-3 py-2 text-right align-top tabular-nums lg:table-cell">
                <span className={r.decisionWaiting ? "font-medium text-blue-800" : "text-slate-700"} title={r.round > 1 ? `Round ${r.round}` : undefined}>
                  {r.approvals} / {r.approvalsRequired}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
