// Everything the inventory knows of one identity (SPEC §7), in three cards: who owns it, how it is classified, and
// its lifecycle at the source. The owner and classification forms sit in their cards for those who may use them.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { shortDate, span } from "@/components/ui/format";
import { rotationDueAt } from "@/lib/domain/identity-rules";
import { labels } from "@/lib/domain/vocabulary";
import type { IdentityDetail } from "@/lib/queries/identity-detail";
import { ClassifyForm } from "./classify-form";
import { OwnerForm } from "./owner-form";
import { sourceLabel, statusLabel, statusTone } from "./words";

const DAY = 86_400_000;
const card = "rounded border border-slate-200 bg-white p-4 text-sm";
const dl = "grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1.5";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </>
  );
}

const none = <span className="text-slate-400">—</span>;

/** A date with how far off it is: overdue or expired in red, within `soonDays` in amber. */
function Deadline({ at, now, soonDays, past }: { at: Date; now: Date; soonDays: number; past: string }) {
  const ms = at.getTime() - now.getTime();
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {shortDate(at)}
      {ms <= 0 ? <Badge tone="breach">{past} {span(-ms)} ago</Badge> : ms <= soonDays * DAY ? <Badge tone="risk">in {span(ms)}</Badge> : <span className="text-xs text-slate-500">in {span(ms)}</span>}
    </span>
  );
}

export function OwnerCard({ org, d, people, canEdit }: { org: string; d: IdentityDetail; people: { name: string; email: string }[]; canEdit: boolean }) {
  const i = d.identity;
  const named = i.ownerName || i.ownerEmail;
  return (
    <section aria-labelledby="owner-h" className={card}>
      <h2 id="owner-h" className="mb-2 font-semibold text-slate-900">Owner</h2>
      {named ? (
        <div className="space-y-1">
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium text-slate-900">{i.ownerName ?? i.ownerEmail}</span>
            {i.ownerActive ? <Badge tone="ok">Active</Badge> : <Badge tone="breach">Deactivated at the source</Badge>}
          </div>
          {i.ownerEmail && i.ownerName ? <div className="break-all text-slate-600">{i.ownerEmail}</div> : null}
          {!i.ownerActive ? <p className="text-slate-700">The owner no longer works here as far as the source knows: name a live owner.</p> : null}
        </div>
      ) : d.holder ? (
        <p className="text-slate-700">None named: owned through its holder, <Link className="text-blue-700 underline" href={`/o/${org}/identities/${d.holder.id}`}>{d.holder.name}</Link>.</p>
      ) : (
        <p className="flex flex-wrap items-center gap-1.5 text-slate-700">
          <Badge tone="risk">Orphaned</Badge> Nobody answers for this identity.
        </p>
      )}
      {canEdit ? (
        <div className="mt-3">
          <OwnerForm org={org} identityId={i.id} ownerName={i.ownerName} ownerEmail={i.ownerEmail} people={people} />
        </div>
      ) : null}
    </section>
  );
}

export function ClassificationCard({ org, d, canClassify }: { org: string; d: IdentityDetail; canClassify: boolean }) {
  const i = d.identity;
  return (
    <section aria-labelledby="class-h" className={card}>
      <h2 id="class-h" className="mb-2 font-semibold text-slate-900">Classification</h2>
      <dl className={dl}>
        <Row term="Criticality">Tier {i.tier}</Row>
        <Row term="Privileged">{i.privileged ? <Badge tone="dark">Privileged</Badge> : "No"}</Row>
        <Row term="Rotation period">{i.rotationPeriodDays ? `Every ${i.rotationPeriodDays} days` : "None"}</Row>
      </dl>
      {canClassify ? (
        <div className="mt-3">
          <ClassifyForm org={org} identityId={i.id} tier={i.tier} privileged={i.privileged} rotationPeriodDays={i.rotationPeriodDays} />
        </div>
      ) : null}
    </section>
  );
}

export function FactsCard({ org, d, now }: { org: string; d: IdentityDetail; now: Date }) {
  const i = d.identity;
  const due = rotationDueAt(i);
  return (
    <section aria-labelledby="facts-h" className={card}>
      <h2 id="facts-h" className="mb-2 font-semibold text-slate-900">Details</h2>
      <dl className={dl}>
        <Row term="Kind">{labels.kind[i.kind]}</Row>
        <Row term="System">{i.system}</Row>
        <Row term="External id"><code className="break-all font-mono text-xs">{i.externalId}</code></Row>
        <Row term="Purpose">{i.purpose ?? none}</Row>
        <Row term="Status"><Badge tone={statusTone[i.status]}>{statusLabel(i.status)}</Badge></Row>
        <Row term="Source">{sourceLabel(i.source)}</Row>
        <Row term="Held by">
          {d.holder ? (
            <Link className="text-blue-700 underline" href={`/o/${org}/identities/${d.holder.id}`}>{d.holder.name}</Link>
          ) : none}
          {d.holder ? <span className="text-slate-600"> ({labels.kind[d.holder.kind]}, {d.holder.status})</span> : null}
        </Row>
        <Row term="Created">{shortDate(i.createdAt)}</Row>
        <Row term="Last used">{i.lastUsedAt ? shortDate(i.lastUsedAt) : "Never seen in use"}</Row>
        <Row term="Last rotated">{i.lastRotatedAt ? shortDate(i.lastRotatedAt) : i.rotationPeriodDays ? "Never" : none}</Row>
        <Row term="Rotation due">{due ? <Deadline at={due} now={now} soonDays={14} past="overdue" /> : none}</Row>
        <Row term="Expires">{i.expiresAt ? <Deadline at={i.expiresAt} now={now} soonDays={30} past="expired" /> : none}</Row>
        <Row term="Interactive access">
          {i.interactiveAccess ? "Yes: console or interactive sign-in at the source" : "No"}
          {i.accessRemovedAt ? <div className="text-slate-700">Console access removed at the source on {shortDate(i.accessRemovedAt)}</div> : null}
        </Row>
        <Row term="Last changed">{shortDate(i.updatedAt)}</Row>
      </dl>
    </section>
  );
}
