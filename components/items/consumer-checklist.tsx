// The consumer checklist of a rotation or revocation item (SPEC §7): every live consumer of the item's identity and
// whether this cycle has confirmed it updated or deliberately cut off, with the evidence. Implementation is done
// only when none is left, which the server enforces; this says so before anyone tries.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ConfirmConsumerForm } from "@/components/identities/confirm-consumer-form";
import { CYCLE } from "@/lib/domain/workflow";
import { labels, type Stage } from "@/lib/domain/vocabulary";
import type { ChecklistRow } from "@/lib/queries/consumers";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function ConsumerChecklist({ org, item, rows, evidence, canConfirm }: {
  org: string;
  item: { id: string; stage: Stage; cycle: number; identityId: string | null };
  rows: ChecklistRow[];
  evidence: { id: string; summary: string; supersedesId: string | null }[];
  canConfirm: boolean;
}) {
  const left = rows.filter((r) => !r.confirmation).length;
  const superseded = new Set(evidence.map((e) => e.supersedesId).filter(Boolean));
  const current = evidence.filter((e) => !superseded.has(e.id)).map((e) => ({ id: e.id, summary: e.summary }));
  const before = CYCLE.indexOf(item.stage) < CYCLE.indexOf("implementation");
  const confirming = item.stage === "implementation";
  const identityHref = `/o/${org}/identities/${item.identityId}`;

  return (
    <section aria-labelledby="consumers-h" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id="consumers-h" className="font-semibold text-slate-900">
          Consumers to confirm{" "}
          <span className="font-normal text-slate-500">
            ({rows.length - left} of {rows.length} confirmed{item.cycle > 1 ? `, cycle ${item.cycle}` : ""})
          </span>
        </h2>
        {rows.length > 0 ? <Link href={identityHref} className="text-sm text-blue-700 underline">Dependency map</Link> : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-slate-600">
          No consumers are recorded for this credential. If something uses it, add it to the{" "}
          <Link href={identityHref} className="text-blue-700 underline">identity&apos;s dependency map</Link> first: the checklist is built from there.
        </p>
      ) : left > 0 && item.stage !== "closed" ? (
        <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="checklist-gate">
          {before ? "Once the item is in implementation, confirm" : "Confirm"} each consumer updated to the new credential or deliberately cut off, with evidence.{" "}
          <strong className="font-semibold">The item cannot leave implementation until every consumer is confirmed</strong> ({left} left).
        </p>
      ) : left === 0 ? (
        <p className="rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">Every consumer is confirmed for this cycle.</p>
      ) : null}
      {rows.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-3 py-2 text-sm" data-consumer={r.name}>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                  <Badge>{labels.consumerKind[r.kind]}</Badge>
                  <span className="min-w-0 break-words font-medium text-slate-900">{r.name}</span>
                </div>
                {r.detail ? <p className="mt-0.5 break-words text-xs text-slate-600">{r.detail}</p> : null}
                {r.confirmation ? (
                  <p className="mt-1 break-words text-xs text-slate-600">
                    {r.confirmation.confirmedByName ?? "An integration"} · {when(r.confirmation.confirmedAt)} ·{" "}
                    <a href={`#evidence-${r.confirmation.evidenceId}`} className="text-slate-700 underline">{r.confirmation.evidenceSummary}</a>
                    {r.confirmation.evidenceUrl ? (
                      <>
                        {" "}·{" "}
                        <a href={r.confirmation.evidenceUrl} rel="noreferrer noopener" target="_blank" className="break-all text-blue-700 underline">{r.confirmation.evidenceUrl}</a>
                      </>
                    ) : null}
                  </p>
                ) : null}
              </div>
              <div className="flex shrink-0 items-center gap-2">
                {r.confirmation ? (
                  <Badge tone={r.confirmation.outcome === "updated" ? "ok" : "dark"}>{labels.consumerOutcome[r.confirmation.outcome]}</Badge>
                ) : (
                  <Badge tone="risk">Not confirmed</Badge>
                )}
              </div>
              {!r.confirmation && confirming && canConfirm ? (
                <div className="basis-full">
                  <ConfirmConsumerForm org={org} itemId={item.id} consumer={{ id: r.id, name: r.name }} evidence={current} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
