// One risk acceptance as people read it: what was asked, by whom, until when, who decided what, and where
// the current round stands. Forms for the reader's next step come in as children.
import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { decisionWaiting } from "@/lib/domain/risk-acceptance";
import { labels, type AcceptanceStatus } from "@/lib/domain/vocabulary";
import type { AcceptanceView } from "@/lib/queries/acceptance-detail";

const statusTone: Record<AcceptanceStatus, Tone> = { pending: "accent", approved: "ok", rejected: "breach", expired: "risk", withdrawn: "neutral" };
const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export function AcceptanceCard({ view, heading, clock, children }: { view: AcceptanceView; heading?: ReactNode; clock?: ReactNode; children?: ReactNode }) {
  const a = view.acceptance;
  const waiting = decisionWaiting(a);
  const approvals = view.decisions.filter((d) => d.round === a.round && d.decision === "approve").length;
  return (
    <article className="rounded border border-slate-200 bg-white p-4 text-sm" data-acceptance={a.id} aria-label={`Risk acceptance, ${labels.acceptanceStatus[a.status].toLowerCase()}`}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">{heading}</div>
        <div className="flex flex-wrap items-center gap-1.5">
          {waiting ? <Badge tone="accent">{a.extensionExpiresAt ? "Extension waiting" : "Waiting for decision"}</Badge> : null}
          {a.status !== "pending" ? <Badge tone={statusTone[a.status]}>{labels.acceptanceStatus[a.status]}</Badge> : null}
          {a.renewals > 0 ? <Badge tone={a.renewals >= 2 ? "risk" : "neutral"}>{a.renewals === 1 ? "Renewed once" : `Renewed ${a.renewals}×`}</Badge> : null}
          {clock}
        </div>
      </div>
      <dl className="grid grid-cols-[9.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 max-sm:grid-cols-1">
        <dt className="text-slate-500">Treatment</dt>
        <dd>{labels.treatment[a.treatment]}</dd>
        <dt className="text-slate-500">Justification</dt>
        <dd className="whitespace-pre-wrap text-slate-800">{a.justification}</dd>
        <dt className="text-slate-500">Compensating controls</dt>
        <dd className="whitespace-pre-wrap text-slate-800">{a.compensatingControls}</dd>
        <dt className="text-slate-500">Accountable owner</dt>
        <dd>{view.accountableName}</dd>
        <dt className="text-slate-500">Requested</dt>
        <dd>{view.requesterName ?? "An integration (API token)"} · {when(a.requestedAt)}</dd>
        <dt className="text-slate-500">Expiry</dt>
        <dd>
          {a.status === "pending" ? `${shortDate(a.expiresAt)} (asked for)` : shortDate(a.expiresAt)}
          {a.originalExpiresAt.getTime() !== a.expiresAt.getTime() ? <span className="text-slate-500"> · first approved until {shortDate(a.originalExpiresAt)}</span> : null}
        </dd>
        {a.extensionExpiresAt ? (
          <>
            <dt className="text-slate-500">Extension asked</dt>
            <dd>
              until <strong>{shortDate(a.extensionExpiresAt)}</strong> by {view.roundRequesterName ?? "an integration"} · {when(a.roundRequestedAt)}
              {a.roundJustification ? <p className="mt-0.5 whitespace-pre-wrap text-slate-800">{a.roundJustification}</p> : null}
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">Approvals</dt>
        <dd>
          {waiting ? `${approvals} of ${a.approvalsRequired} owner${a.approvalsRequired > 1 ? "s" : ""} in this round` : `${a.approvalsRequired} needed per round`}
        </dd>
      </dl>
      {view.decisions.length ? (
        <ol className="mt-3 space-y-1 border-t border-slate-100 pt-2" aria-label="Decisions">
          {view.decisions.map((d) => (
            <li key={`${d.round}-${d.deciderId}`} className="flex flex-wrap gap-x-2">
              <Badge tone={d.decision === "approve" ? "ok" : "breach"}>{d.decision === "approve" ? "Approved" : "Rejected"}</Badge>
              <span className="font-medium text-slate-800">{d.deciderName}</span>
              <span className="text-slate-500">{a.round > 1 ? `round ${d.round} · ` : ""}{when(d.decidedAt)}</span>
              <span className="basis-full text-slate-700">“{d.comment}”</span>
            </li>
          ))}
        </ol>
      ) : null}
      {children}
    </article>
  );
}
