import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { span } from "@/components/ui/format";
import { ItemActions } from "@/components/items/item-actions";
import { CommentForm } from "@/components/items/notes-forms";
import { EvidenceSection } from "@/components/items/evidence-section";
import { AssignForm, HandOverForm, PriorityForm } from "@/components/items/side-forms";
import { Stepper } from "@/components/items/stepper";
import { Timeline } from "@/components/items/timeline";
import { priorityTone } from "@/components/queue/tones";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { checklistState, toState } from "@/lib/actions/work-item-store";
import { actorCan, type Actor } from "@/lib/domain/actor";
import { courtTotals } from "@/lib/domain/ball-in-court";
import { itemKey } from "@/lib/domain/keys";
import { defaultPriority } from "@/lib/domain/priority";
import { labels, WAITING_ON } from "@/lib/domain/vocabulary";
import { moveOptions, planEvidence } from "@/lib/domain/work-item-rules";
import { assignablePeople, changeEvents, getWorkItem, listEvidence, timeline } from "@/lib/queries/work-item-detail";
import { loadPolicies } from "@/lib/sla/store";
import { acceptanceFormContext, itemAcceptances } from "@/lib/queries/acceptance-detail";
import { exceptionTier } from "@/lib/domain/exception-policy";
import { readSnapshot } from "@/lib/domain/sla/snapshot";
import { AcceptanceSection } from "@/components/acceptances/acceptance-section";
import { historyFromEvents, readItemClocks } from "@/lib/domain/sla/item-clocks";
import { SlaPanel } from "@/components/sla/sla-panel";
import { ConsumerChecklist } from "@/components/items/consumer-checklist";
import { itemChecklist } from "@/lib/queries/consumers";

export async function generateMetadata({ params }: PageProps<"/o/[org]/items/[id]">): Promise<Metadata> {
  const { org, id } = await params;
  return { title: /^\d+$/.test(id) ? itemKey(org, Number(id)) : "Work item" };
}

export default async function ItemPage({ params }: PageProps<"/o/[org]/items/[id]">) {
  const { org, id } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:work_item");
  const data = await inOrg(ctx, async (tx) => {
    const d = await getWorkItem(tx, ctx.membership.orgId, id);
    if (!d) return null;
    // One transaction is one connection: its queries run one after another.
    const evidence = await listEvidence(tx, ctx.membership.orgId, d.item.id);
    const events = await timeline(tx, ctx.membership.orgId, d.item.id);
    const people = await assignablePeople(tx, ctx.membership.orgId);
    const policies = await loadPolicies(tx, ctx.membership.orgId);
    const sla = policies.sla;
    const acceptances = await itemAcceptances(tx, ctx.membership.orgId, d.item.id);
    const form = await acceptanceFormContext(tx, ctx.membership.orgId);
    const changes = await changeEvents(tx, ctx.membership.orgId, d.item.id);
    const checklist = await itemChecklist(tx, ctx.membership.orgId, d.item);
    // What the workflow also weighs (unconfirmed consumers, a campaign's review), so the buttons say what the server would.
    const extras = await checklistState(tx, d.item);
    return { d, evidence, events, people, sla, changes, acceptances, form, checklist, extras, exceptions: policies.escalation?.doc.exceptions, now: new Date().getTime() };
  });
  if (!data) notFound();
  const { d, evidence, events, people, sla, changes, acceptances, form, checklist, extras, exceptions, now } = data;
  const history = historyFromEvents(changes.map((e) => ({ action: e.action, occurredAt: e.occurredAt.getTime(), after: e.after as Record<string, unknown> | null })));
  const clocks = sla ? readItemClocks(history, d.item, sla.doc, now).clocks : null;
  const item = d.item;
  const actor: Actor = { kind: "user", userId: ctx.user.id, role: ctx.role };
  const state = { ...toState(item, evidence.length), ...extras };
  const open = item.stage !== "closed";
  const names = new Map(people.map((p) => [p.id, p.name]));
  const waited = courtTotals(item, new Date(), open);
  const computed = defaultPriority(d.identity?.tier ?? null, item.severity);
  const base = { org, id: item.id, version: item.version };

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href={`/o/${org}/queue`} className="hover:underline">Work queue</Link> <span aria-hidden>/</span>{" "}
        <span className="font-mono">{itemKey(org, item.number)}</span>
      </nav>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <h1 className="max-w-4xl text-xl font-semibold tracking-tight text-slate-900">{item.title}</h1>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={priorityTone[item.priority]}>{item.priority}</Badge>
          {item.escalationLevel > 0 ? <Badge tone="breach">Escalated L{item.escalationLevel}</Badge> : null}
          {item.regressed ? <Badge tone="breach">Regressed</Badge> : null}
          <Badge tone={open ? "accent" : "neutral"}>{open ? `Waiting on ${labels.waitingOn[item.waitingOn].toLowerCase()}` : "Closed"}</Badge>
        </div>
      </div>
      <Stepper stage={item.stage} resolution={item.resolution} />

      {/* Phones read: next step, details, then the long sections; wide screens put details on the right. */}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr]">
        <section aria-labelledby="actions-h" className="min-w-0 rounded border border-slate-200 bg-white p-4 lg:col-start-1 lg:row-start-1">
          <h2 id="actions-h" className="mb-2 font-semibold text-slate-900">Next step</h2>
          <ItemActions {...base} options={moveOptions(state, actor)} remediated={item.resolution === "remediated"} />
        </section>
        <aside aria-label="Details" className="space-y-4 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <SlaPanel clocks={clocks} policyVersion={sla?.version ?? null} />
          <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-2 rounded border border-slate-200 bg-white p-4 text-sm">
            <dt className="text-slate-500">Key</dt><dd className="font-mono">{itemKey(org, item.number)}</dd>
            <dt className="text-slate-500">Type</dt><dd>{labels.type[item.type]}</dd>
            <dt className="text-slate-500">Stage</dt><dd>{item.stage === "closed" ? `Closed: ${item.resolution?.replace("_", " ")}` : labels.stage[item.stage]}</dd>
            {item.resolutionReason ? (<><dt className="text-slate-500">Last reason</dt><dd>{item.resolutionReason}</dd></>) : null}
            {d.duplicateOfNumber ? (<><dt className="text-slate-500">Duplicate of</dt><dd><Link className="text-blue-700 underline" href={`/o/${org}/items/${d.duplicateOfNumber}`}>{itemKey(org, d.duplicateOfNumber)}</Link></dd></>) : null}
            <dt className="text-slate-500">Severity</dt><dd className="capitalize">{item.severity}</dd>
            <dt className="text-slate-500">Priority</dt>
            <dd>
              {open && actorCan(actor, "triage:work_item") ? <PriorityForm {...base} priority={item.priority} computed={computed} /> : item.priority}
              {item.priorityOverrideReason ? <p className="mt-1 text-xs text-slate-600">Override: {item.priorityOverrideReason}</p> : null}
            </dd>
            <dt className="text-slate-500">Assignee</dt>
            <dd className="space-y-1">
              {open && actorCan(actor, "assign:work_item") ? null : <div>{item.assigneeId === ctx.user.id ? "You" : d.assigneeName ?? "Unassigned"}</div>}
              {open && (actorCan(actor, "assign:work_item") || actorCan(actor, "take:work_item")) ? (
                <AssignForm {...base} assigneeId={item.assigneeId} people={people} me={ctx.user.id} canAssignOthers={actorCan(actor, "assign:work_item")} />
              ) : null}
            </dd>
            <dt className="text-slate-500">Waiting on</dt>
            <dd>
              {open && actorCan(actor, "hand_over:work_item") ? <HandOverForm {...base} waitingOn={item.waitingOn} /> : open ? labels.waitingOn[item.waitingOn] : "—"}
            </dd>
            <dt className="text-slate-500">Time held</dt>
            <dd>{WAITING_ON.map((w) => `${labels.waitingOn[w]} ${span(waited[w] * 1000)}`).join(" · ")}</dd>
            <dt className="text-slate-500">Implemented by</dt><dd>{d.implementerName ?? "—"}</dd>
            <dt className="text-slate-500">Raised by</dt><dd>{d.creatorName ?? "Import or rule"}</dd>
            <dt className="text-slate-500">Raised</dt><dd>{item.createdAt.toISOString().slice(0, 10)}</dd>
            <dt className="text-slate-500">Cycle</dt><dd>{item.cycle}</dd>
            <dt className="text-slate-500">Version</dt><dd className="tabular-nums">{item.version}</dd>
          </dl>
          <section aria-labelledby="identity-h" className="rounded border border-slate-200 bg-white p-4 text-sm">
            <h2 id="identity-h" className="mb-1 font-semibold text-slate-900">Linked identity</h2>
            {d.identity ? (
              <div className="space-y-0.5">
                <div className="font-medium text-slate-900">{d.identity.name}</div>
                <div className="text-slate-600">{labels.kind[d.identity.kind]} · {d.identity.system}</div>
                <div className="text-slate-600">Tier {d.identity.tier}{d.identity.privileged ? " · privileged" : ""} · {d.identity.status}</div>
                <div className="text-slate-600">Owner: {d.identity.ownerName ?? <span className="font-medium text-red-700">none (orphaned)</span>}</div>
              </div>
            ) : <p className="text-slate-600">No identity linked.</p>}
          </section>
        </aside>
        <div className="min-w-0 space-y-5 lg:col-start-1 lg:row-start-2">

          <AcceptanceSection
            org={org}
            item={{ id: item.id, version: item.version, open, priority: item.priority }}
            actor={actor}
            acceptances={acceptances}
            owners={form.owners}
            tier={exceptionTier(exceptions, item.priority)}
            timeZone={form.timeZone}
            decisionClock={readSnapshot(item.sla, sla?.doc ?? null, now).find((c) => c.clock === "decision") ?? null}
            now={now}
          />

          {item.description ? (
            <section aria-labelledby="desc-h">
              <h2 id="desc-h" className="mb-1 font-semibold text-slate-900">Description</h2>
              <p className="whitespace-pre-wrap text-slate-800">{item.description}</p>
            </section>
          ) : null}

          {checklist ? <ConsumerChecklist org={org} item={item} rows={checklist} evidence={evidence} canConfirm={actorCan(actor, "attach:evidence")} /> : null}

          <EvidenceSection org={org} itemId={item.id} evidence={evidence} open={open} canAdd={planEvidence(state, actor).ok} />

          <section aria-labelledby="timeline-h" className="space-y-3">
            <h2 id="timeline-h" className="font-semibold text-slate-900">Timeline</h2>
            {actorCan(actor, "comment:work_item") ? <CommentForm org={org} id={item.id} /> : null}
            <Timeline events={events} names={names} />
          </section>
        </div>

      </div>
    </>
  );
}
