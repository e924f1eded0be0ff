// The item page's risk-acceptance section: every acceptance of the item (newest first) with the reader's next
// step on it, and the request form when the reader may ask for one. The rules decide what is offered.
import type { Actor } from "@/lib/domain/actor";
import type { ExceptionTier } from "@/lib/domain/exception-policy";
import { decisionWaiting, planDecision, planExtension, planRequest, planWithdraw } from "@/lib/domain/risk-acceptance";
import type { LiveClock } from "@/lib/domain/sla/snapshot";
import type { Priority } from "@/lib/domain/vocabulary";
import type { AcceptanceView } from "@/lib/queries/acceptance-detail";
import { toAcceptanceState } from "@/lib/actions/acceptance-store";
import { AcceptanceCard } from "./acceptance-card";
import { expiryBounds } from "./acceptance-bounds";
import { DecisionClock } from "./decision-clock";
import { DecisionForm, ExtensionForm, RequestAcceptanceForm, WithdrawForm } from "./acceptance-forms";

export interface SectionProps {
  org: string;
  item: { id: string; version: number; open: boolean; priority: Priority };
  actor: Actor;
  acceptances: AcceptanceView[];
  owners: { id: string; name: string }[];
  tier: ExceptionTier;
  timeZone: string;
  decisionClock: LiveClock | null;
  now: number;
}

/** The reader's step on one acceptance: decide, or why not; withdraw; extend. */
export function AcceptanceSteps({ org, view, actor, item, tier, timeZone, now, latest }: Pick<SectionProps, "org" | "actor" | "item" | "tier" | "timeZone" | "now"> & { view: AcceptanceView; latest: boolean }) {
  const a = view.acceptance;
  const state = toAcceptanceState(a);
  const round = view.decisions.filter((d) => d.round === a.round);
  const at = { tier, at: now, roundRequestedAt: a.roundRequestedAt.getTime(), priority: item.priority };
  const approve = planDecision(state, actor, round, "approve", at);
  const reject = planDecision(state, actor, round, "reject", at);
  const steps = [];
  if (reject.ok) {
    const approvals = round.filter((d) => d.decision === "approve").length;
    steps.push(<DecisionForm key="decide" org={org} acceptanceId={a.id} approvals={approvals} required={approve.ok && approve.outcome !== "rejected" ? approve.required : a.approvalsRequired} approveBlocked={approve.ok ? null : approve.message} />);
  } else if (decisionWaiting(a) && (reject.code === "forbidden:risk_acceptance.own_request" || reject.code === "invalid:risk_acceptance.already_decided")) {
    steps.push(<p key="why" className="text-sm text-slate-600">{reject.message}</p>);
  }
  if (planWithdraw(state, actor).ok) steps.push(<WithdrawForm key="withdraw" org={org} acceptanceId={a.id} />);
  if (latest && planExtension(state, item, actor, { expiresAt: Math.max(a.expiresAt.getTime(), now) + 60_000 }, { ...tier, maxExpiryMs: Number.MAX_SAFE_INTEGER }, now).ok) {
    const bounds = expiryBounds(tier, item.priority, timeZone, now);
    // An extension of one in force must end after its current expiry.
    const after = a.status === "approved" ? expiryBounds(tier, item.priority, timeZone, a.expiresAt.getTime()).min : bounds.min;
    steps.push(<ExtensionForm key="extend" org={org} acceptanceId={a.id} bounds={{ ...bounds, min: after > bounds.min ? after : bounds.min }} lapsed={a.status === "expired"} />);
  }
  return steps.length ? <div className="mt-3 space-y-3 border-t border-slate-100 pt-3">{steps}</div> : null;
}

export function AcceptanceSection(p: SectionProps) {
  const latest = p.acceptances[0] ?? null;
  const canAsk = planRequest({ open: p.item.open, priority: p.item.priority, latest: latest?.acceptance ?? null }, p.actor, { expiresAt: p.now + 60_000 }, p.tier, p.now).ok;
  if (!latest && !canAsk) return null;
  return (
    <section aria-labelledby="acceptance-h" className="space-y-2">
      <h2 id="acceptance-h" className="font-semibold text-slate-900">
        Risk acceptance {p.acceptances.length > 1 ? <span className="font-normal text-slate-500">({p.acceptances.length})</span> : null}
      </h2>
      {p.acceptances.map((v, i) => (
        <AcceptanceCard key={v.acceptance.id} view={v} clock={i === 0 && decisionWaiting(v.acceptance) ? <DecisionClock clock={p.decisionClock} /> : null}>
          <AcceptanceSteps {...p} view={v} latest={i === 0} />
        </AcceptanceCard>
      ))}
      {canAsk ? (
        <RequestAcceptanceForm
          org={p.org}
          itemId={p.item.id}
          version={p.item.version}
          owners={p.owners}
          bounds={expiryBounds(p.tier, p.item.priority, p.timeZone, p.now)}
          approvals={p.tier.approvals}
        />
      ) : null}
    </section>
  );
}
