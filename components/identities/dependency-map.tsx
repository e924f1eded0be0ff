// The identity's dependency map (SPEC §7): the credential at the top, and what uses it below, grouped by kind, each
// consumer with where we learnt of it and, for every open rotation or revocation, whether it is confirmed yet.
// Plain lists and text, so the map reads the same to a screen reader and on a phone.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { ROTATED_KINDS } from "@/lib/domain/identity-rules";
import { itemKey } from "@/lib/domain/keys";
import { CONSUMER_KINDS, labels, type IdentityKind, type IdentityStatus, type Stage, type WorkItemType } from "@/lib/domain/vocabulary";
import type { Confirmation, LiveConsumer } from "@/lib/queries/consumers";
import { AddConsumerForm, RemoveConsumer } from "./consumer-forms";
import { sourceLabel, statusLabel, statusTone } from "./words";

export interface OpenCheck {
  item: { id: string; number: number; type: WorkItemType; stage: Stage; title: string };
  /** Confirmations in the item's current cycle, by consumer id. */
  confirmed: Map<string, Confirmation>;
}

const PLURAL = { system: "Systems", workload: "Workloads", pipeline: "Pipelines", repository: "Repositories" } as const;

export function DependencyMap({ org, identity, consumers, checks, canEdit }: {
  org: string;
  identity: { id: string; name: string; kind: IdentityKind; system: string; status: IdentityStatus };
  consumers: LiveConsumer[];
  checks: OpenCheck[];
  canEdit: boolean;
}) {
  const groups = CONSUMER_KINDS.map((k) => ({ kind: k, rows: consumers.filter((c) => c.kind === k) })).filter((g) => g.rows.length > 0);
  return (
    <section aria-labelledby="map-h" className="space-y-3">
      <div>
        <h2 id="map-h" className="font-semibold text-slate-900">
          Dependency map <span className="font-normal text-slate-500">({consumers.length} {consumers.length === 1 ? "consumer" : "consumers"})</span>
        </h2>
        <p className="text-sm text-slate-600">
          What uses {ROTATED_KINDS.includes(identity.kind) ? "this credential" : "this identity's credentials"}. A rotation or revocation is done only when every consumer is confirmed updated or deliberately cut off.
        </p>
      </div>

      {checks.length > 0 ? (
        <ul aria-label="Open rotations and revocations" className="space-y-1.5">
          {checks.map((c) => <CheckSummary key={c.item.id} org={org} check={c} consumers={consumers} />)}
        </ul>
      ) : null}

      <div className="rounded border border-slate-200 bg-slate-50 p-3 sm:p-4">
        <div className="mx-auto w-full max-w-md rounded border-2 border-slate-800 bg-white px-3 py-2 text-center shadow-sm">
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{labels.kind[identity.kind]} · {identity.system}</div>
          <div className="break-words font-semibold text-slate-900">{identity.name}</div>
          <div className="mt-1"><Badge tone={statusTone[identity.status]}>{statusLabel(identity.status)}</Badge></div>
        </div>
        {groups.length === 0 ? (
          <p className="mx-auto mt-3 max-w-md text-center text-sm text-slate-600">
            No consumers are recorded. Until they are, a rotation or revocation here has nothing to check downstream.
          </p>
        ) : (
          <>
            <div aria-hidden className="mx-auto h-4 w-0.5 bg-slate-300" />
            {/* The rail: one column per kind of consumer where there is room, each hanging from it. */}
            <div className="grid gap-x-3 gap-y-2 border-t-2 border-slate-300 [grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))]">
              {groups.map((g) => (
                <section key={g.kind} aria-label={`${PLURAL[g.kind]} (${g.rows.length})`} className="min-w-0">
                  <div aria-hidden className="mx-auto h-3 w-0.5 bg-slate-300" />
                  <h3 className="mb-1.5 text-center text-xs font-semibold uppercase tracking-wide text-slate-600">
                    {PLURAL[g.kind]} <span className="font-normal text-slate-500">({g.rows.length})</span>
                  </h3>
                  <ul className="space-y-2">
                    {g.rows.map((k) => <ConsumerCard key={k.id} org={org} consumer={k} checks={checks} canEdit={canEdit} />)}
                  </ul>
                </section>
              ))}
            </div>
          </>
        )}
      </div>

      {canEdit ? <AddConsumerForm org={org} identityId={identity.id} /> : null}
    </section>
  );
}

function CheckSummary({ org, check, consumers }: { org: string; check: OpenCheck; consumers: LiveConsumer[] }) {
  const done = consumers.filter((k) => check.confirmed.has(k.id)).length;
  const total = consumers.length;
  const pct = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-slate-200 bg-white px-3 py-2 text-sm">
      <Link href={`/o/${org}/items/${check.item.number}`} className="font-mono font-medium text-blue-700 underline">{itemKey(org, check.item.number)}</Link>
      <span className="text-slate-700">{labels.type[check.item.type]} · {labels.stage[check.item.stage]}</span>
      <span className="ml-auto flex items-center gap-2">
        <span aria-hidden className="h-1.5 w-24 overflow-hidden rounded bg-slate-200">
          <span className={`block h-full ${done === total ? "bg-green-600" : "bg-amber-500"}`} style={{ width: `${pct}%` }} />
        </span>
        <span className="tabular-nums text-slate-700">{done} of {total} confirmed</span>
      </span>
    </li>
  );
}

function ConsumerCard({ org, consumer: k, checks, canEdit }: { org: string; consumer: LiveConsumer; checks: OpenCheck[]; canEdit: boolean }) {
  const pending = checks.some((c) => !c.confirmed.has(k.id));
  const edge = checks.length === 0 ? "border-l-slate-300" : pending ? "border-l-amber-500" : "border-l-green-600";
  return (
    <li className={`min-w-0 rounded border border-l-4 border-slate-200 bg-white px-3 py-2 text-sm ${edge}`} data-consumer={k.name}>
      <div className="break-words font-medium text-slate-900">{k.name}</div>
      {k.detail ? <p className="mt-0.5 break-words text-xs text-slate-600">{k.detail}</p> : null}
      {checks.length > 0 ? (
        <ul className="mt-1.5 space-y-1">
          {checks.map((c) => {
            const f = c.confirmed.get(k.id);
            return (
              <li key={c.item.id} className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs">
                <Link href={`/o/${org}/items/${c.item.number}`} className="font-mono text-slate-700 underline">{itemKey(org, c.item.number)}</Link>
                {f ? (
                  <>
                    <Badge tone={f.outcome === "updated" ? "ok" : "dark"}>{labels.consumerOutcome[f.outcome]}</Badge>
                    <span className="text-slate-600">{shortDate(f.confirmedAt)}{f.confirmedByName ? ` by ${f.confirmedByName}` : ""}</span>
                    {f.evidenceUrl ? (
                      <a href={f.evidenceUrl} rel="noreferrer noopener" target="_blank" className="text-blue-700 underline">evidence<span className="sr-only"> for {k.name}</span></a>
                    ) : (
                      <Link href={`/o/${org}/items/${c.item.number}#evidence-${f.evidenceId}`} className="text-blue-700 underline">evidence<span className="sr-only"> for {k.name}</span></Link>
                    )}
                  </>
                ) : (
                  <Badge tone="risk">Not confirmed</Badge>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="mt-1.5 flex flex-wrap items-center justify-between gap-x-2 border-t border-slate-100 pt-1">
        <p className="text-xs text-slate-500">
          {sourceLabel(k.source)} · {shortDate(k.createdAt)}{k.createdByName ? ` by ${k.createdByName}` : ""}
        </p>
        {canEdit ? <RemoveConsumer org={org} consumerId={k.id} name={k.name} /> : null}
      </div>
    </li>
  );
}
