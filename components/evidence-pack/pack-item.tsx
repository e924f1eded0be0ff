// One closed item of the evidence pack, as printed for an auditor: its facts, its timeline from the audit
// trail (with each event's chain position), the risk-acceptance decisions and the evidence with its hashes.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { labels } from "@/lib/domain/vocabulary";
import type { EvidencePackItem } from "@/lib/schemas/evidence-pack";

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "—");
const words = (s: string | null) => (s ? s.replace(/_/g, " ") : "—");

const ACTIONS: Record<string, string> = {
  "work_item.create": "raised the item",
  "work_item.move": "moved it",
  "work_item.verify": "verified and closed it",
  "work_item.reject_verification": "rejected verification",
  "work_item.close": "closed it",
  "work_item.cancel": "cancelled it",
  "work_item.reopen": "reopened it",
  "work_item.take": "took it",
  "work_item.assign": "assigned it",
  "work_item.prioritise": "set the priority",
  "work_item.hand_over": "handed it over",
  "work_item.comment": "commented",
  "evidence.add": "attached evidence",
  "escalation.fire": "escalated it",
  "access.denied": "was refused",
  "work_item.acceptance_request": "asked for risk acceptance",
  "work_item.acceptance_decide": "decided on the risk acceptance",
  "work_item.acceptance_extend": "asked for an extension",
  "work_item.acceptance_expire": "— the risk acceptance expired",
  "work_item.acceptance_withdraw": "withdrew the risk acceptance",
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

export function PackItem({ org, item }: { org: string; item: EvidencePackItem }) {
  const superseded = new Set(item.evidence.filter((e) => e.supersededById).map((e) => e.id));
  return (
    <section className="pack-item mb-5 rounded border border-slate-200 bg-white p-4 print:rounded-none print:border-x-0 print:border-b-0 print:px-0" aria-labelledby={`item-${item.id}`} data-testid="pack-item">
      <h2 id={`item-${item.id}`} className="mb-2 text-base font-semibold text-slate-900">
        <Link href={`/o/${org}/items/${item.number}`} className="font-mono text-sm text-slate-600 hover:underline">
          {item.key}
        </Link>{" "}
        {item.title}
        {item.regressed ? (
          <span className="ml-2 align-middle">
            <Badge tone="breach">Regressed</Badge>
          </span>
        ) : null}
        {item.reopenedSince ? (
          <span className="ml-2 align-middle">
            <Badge tone="risk" title="Reopened after this closure: the timeline shows when and why.">Reopened since</Badge>
          </span>
        ) : null}
      </h2>
      <dl className="mb-3 grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-4 lg:grid-cols-6">
        <Fact label="Type">{labels.type[item.type]}</Fact>
        <Fact label="Priority">{item.priority}</Fact>
        <Fact label="Resolution">{words(item.resolution)}</Fact>
        <Fact label="Cycle">{item.cycle}</Fact>
        <Fact label="Raised">{when(item.raisedAt)}</Fact>
        <Fact label="Closed">{when(item.closedAt)}</Fact>
        <Fact label="Raised by">{item.raisedBy ?? "—"}</Fact>
        <Fact label="Implementer">{item.implementer ?? "—"}</Fact>
        <Fact label="Verifier">{item.verifier ?? "—"}</Fact>
        {item.resolutionReason ? <Fact label="Reason">{item.resolutionReason}</Fact> : null}
      </dl>
      {item.frameworkRefs.length ? (
        <p className="mb-3 text-xs text-slate-600">
          Counts towards <span className="font-mono text-slate-800">{item.frameworkRefs.join(", ")}</span>
        </p>
      ) : null}

      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Timeline ({item.timeline.length})</h3>
      {item.timeline.length === 0 ? (
        <p className="mb-3 text-slate-600">No audit events.</p>
      ) : (
        <ol className="mb-3 divide-y divide-slate-100 border-y border-slate-100">
          {item.timeline.map((e) => (
            <li key={e.seq} className="grid grid-cols-1 gap-x-3 py-1 sm:grid-cols-[9.5rem_minmax(0,1fr)_5rem]">
              <span className="whitespace-nowrap text-xs text-slate-500 sm:text-sm">{when(e.at)}</span>
              <span className="min-w-0 text-slate-800">
                <span className="font-medium">{e.actor}</span> <span title={e.action}>{ACTIONS[e.action] ?? e.action}</span>
                {e.from !== null || e.to !== null ? (
                  <span className="text-slate-600">
                    {" "}
                    ({words(e.field)}: {words(e.from)} → {words(e.to)})
                  </span>
                ) : null}
                {e.detail ? <span className="block whitespace-pre-wrap text-slate-600">{e.detail}</span> : null}
                {e.reason ? <span className="block text-slate-600">Reason: “{e.reason}”</span> : null}
              </span>
              <span className="text-xs text-slate-400 sm:text-right" title={`Chain hash ${e.hash}`}>
                #{e.seq}
              </span>
            </li>
          ))}
        </ol>
      )}

      {item.acceptances.length ? (
        <>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Risk acceptance{item.acceptances.length > 1 ? "s" : ""}</h3>
          {item.acceptances.map((a) => (
            <div key={a.id} className="mb-3 rounded border border-slate-100 p-2 print:break-inside-avoid">
              <p className="text-slate-800">
                <span className="font-medium">{labels.acceptanceStatus[a.status]}</span> · {labels.treatment[a.treatment]} · asked by {a.requestedBy ?? "—"} on {when(a.requestedAt)} ·
                accountable owner {a.accountableOwner} · expires {when(a.expiresAt)}
                {a.originalExpiresAt !== a.expiresAt ? ` (first ${when(a.originalExpiresAt)})` : ""}
                {a.renewals ? ` · renewed ${a.renewals}×` : ""} · {a.approvalsRequired} approval{a.approvalsRequired > 1 ? "s" : ""} needed
              </p>
              <p className="mt-0.5 whitespace-pre-wrap text-slate-600">Justification: {a.justification}</p>
              <p className="whitespace-pre-wrap text-slate-600">Compensating controls: {a.compensatingControls}</p>
              {a.decisions.length ? (
                <ul className="mt-1 space-y-0.5">
                  {a.decisions.map((d, i) => (
                    <li key={i} className="text-slate-800">
                      <Badge tone={d.decision === "approve" ? "ok" : "breach"}>{d.decision === "approve" ? "Approved" : "Rejected"}</Badge> <span className="font-medium">{d.decider}</span>{" "}
                      <span className="text-slate-500">
                        round {d.round} · {when(d.decidedAt)}
                      </span>{" "}
                      — “{d.comment}”
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-slate-600">No decisions recorded.</p>
              )}
            </div>
          ))}
        </>
      ) : null}

      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Evidence ({item.evidence.length})</h3>
      {item.evidence.length === 0 ? (
        <p className="text-slate-600">No evidence records.</p>
      ) : (
        <ul className="divide-y divide-slate-100 border-y border-slate-100">
          {item.evidence.map((e) => (
            <li key={e.id} className={`py-1 ${superseded.has(e.id) ? "text-slate-500" : "text-slate-800"}`}>
              <span className="font-medium">{labels.evidenceKind[e.kind]}</span>: {e.summary}
              {e.fileName ? <span className="text-slate-600"> · {e.fileName}{e.sizeBytes !== null ? ` (${e.sizeBytes.toLocaleString("en-GB")} bytes)` : ""}</span> : null}
              {e.url ? <span className="break-all text-slate-600"> · {e.url}</span> : null}
              <span className="text-slate-500">
                {" "}
                · {e.createdBy ?? "an integration"}, {when(e.createdAt)}
              </span>
              {superseded.has(e.id) ? <span className="ml-1 text-xs font-medium text-amber-800">(superseded by a later record)</span> : null}
              {e.sha256 ? <code className="pack-hash block break-all font-mono text-xs text-slate-700">SHA-256 {e.sha256}</code> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
