import type { Metadata } from "next";
import Link from "next/link";
import { AcceptanceCard } from "@/components/acceptances/acceptance-card";
import { AcceptanceSteps } from "@/components/acceptances/acceptance-section";
import { DecisionClock } from "@/components/acceptances/decision-clock";
import { priorityTone } from "@/components/queue/tones";
import { Badge } from "@/components/ui/badge";
import { itemKey } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { toAcceptanceState } from "@/lib/actions/acceptance-store";
import type { Actor } from "@/lib/domain/actor";
import { exceptionTier } from "@/lib/domain/exception-policy";
import { planDecision } from "@/lib/domain/risk-acceptance";
import { readSnapshot, type LiveClock } from "@/lib/domain/sla/snapshot";
import { labels, PRIORITIES } from "@/lib/domain/vocabulary";
import { acceptanceFormContext, waitingDecisions, type AcceptanceView } from "@/lib/queries/acceptance-detail";
import { loadPolicies } from "@/lib/sla/store";

export const metadata: Metadata = { title: "Decisions" };

/** Most urgent first: overdue decisions (longest overdue first), then by when they fall due, then priority, then age. */
function urgency(a: { view: AcceptanceView; clock: LiveClock | null }, b: { view: AcceptanceView; clock: LiveClock | null }) {
  const rank = (c: LiveClock | null) => (c?.state === "breached" ? 0 : c?.atRisk ? 1 : c ? 2 : 3);
  return (
    rank(a.clock) - rank(b.clock) ||
    (a.clock?.dueAt ?? Infinity) - (b.clock?.dueAt ?? Infinity) ||
    PRIORITIES.indexOf(a.view.item.priority) - PRIORITIES.indexOf(b.view.item.priority) ||
    a.view.acceptance.roundRequestedAt.getTime() - b.view.acceptance.roundRequestedAt.getTime()
  );
}

export default async function DecisionsPage({ params }: PageProps<"/o/[org]/decisions">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "decide:risk_acceptance");
  const data = await inOrg(ctx, async (tx) => ({
    views: await waitingDecisions(tx, ctx.membership.orgId),
    policies: await loadPolicies(tx, ctx.membership.orgId),
    form: await acceptanceFormContext(tx, ctx.membership.orgId),
    now: new Date().getTime(),
  }));
  const { views, policies, form, now } = data;
  const actor: Actor = { kind: "user", userId: ctx.user.id, role: ctx.role };
  const rows = views.map((view) => ({
    view,
    clock: readSnapshot(view.item.sla, policies.sla?.doc ?? null, now).find((c) => c.clock === "decision") ?? null,
    // Theirs to decide: they may at least reject it (an approval may be blocked, e.g. by a date that has passed).
    mine: planDecision(toAcceptanceState(view.acceptance), actor, view.decisions.filter((d) => d.round === view.acceptance.round), "reject").ok,
  }));
  const forMe = rows.filter((r) => r.mine).sort(urgency);
  const others = rows.filter((r) => !r.mine).sort(urgency);

  const list = (items: typeof rows) => (
    <div className="space-y-3">
      {items.map(({ view, clock }) => (
        <AcceptanceCard
          key={view.acceptance.id}
          view={view}
          clock={<DecisionClock clock={clock} />}
          heading={
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <Badge tone={priorityTone[view.item.priority]}>{view.item.priority}</Badge>
              <Link href={`/o/${org}/items/${view.item.number}`} className="font-mono text-sm text-blue-700 underline-offset-2 hover:underline">
                {itemKey(org, view.item.number)}
              </Link>
              <span className="font-medium text-slate-900">{view.item.title}</span>
              <span className="text-xs text-slate-500">{labels.type[view.item.type]}</span>
            </div>
          }
        >
          <AcceptanceSteps
            org={org}
            view={view}
            actor={actor}
            item={{ id: view.acceptance.workItemId, version: 0, open: view.item.stage !== "closed", priority: view.item.priority }}
            tier={exceptionTier(policies.escalation?.doc.exceptions, view.item.priority)}
            timeZone={form.timeZone}
            now={now}
            latest={false}
          />
        </AcceptanceCard>
      ))}
    </div>
  );

  return (
    <>
      <PageHeader
        title="Decisions"
        description={`Risk acceptances and extensions in ${ctx.membership.name} that wait for a programme owner — yours to decide first, most urgent first.`}
        actions={<Link href={`/o/${org}/exceptions`} className="text-sm text-blue-700 underline-offset-2 hover:underline">Exception register</Link>}
      />
      <section aria-labelledby="mine-h" className="mb-6">
        <h2 id="mine-h" className="mb-2 font-semibold text-slate-900">
          Waiting for you <span className="font-normal text-slate-500">({forMe.length})</span>
        </h2>
        {forMe.length ? list(forMe) : <p className="rounded border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-slate-600">Nothing waits for your decision.</p>}
      </section>
      {others.length ? (
        <section aria-labelledby="others-h">
          <h2 id="others-h" className="mb-1 font-semibold text-slate-900">
            Waiting for another owner <span className="font-normal text-slate-500">({others.length})</span>
          </h2>
          <p className="mb-2 text-sm text-slate-600">You asked for these or have already approved them; another programme owner decides.</p>
          {list(others)}
        </section>
      ) : null}
    </>
  );
}
