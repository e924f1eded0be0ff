import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { DependencyMap } from "@/components/identities/dependency-map";
import { HeldCredentials } from "@/components/identities/held-credentials";
import { ClassificationCard, FactsCard, OwnerCard } from "@/components/identities/identity-facts";
import { IdentityHistory } from "@/components/identities/identity-history";
import { IdentityWork } from "@/components/identities/identity-work";
import { statusLabel, statusTone } from "@/components/identities/words";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { rotationDueAt } from "@/lib/domain/identity-rules";
import { labels } from "@/lib/domain/vocabulary";
import { CONSUMER_CHECKED } from "@/lib/domain/workflow";
import { confirmationsFor, liveConsumers } from "@/lib/queries/consumers";
import { getIdentity, heldCredentials, identityHistory, identityWork, ownerSuggestions } from "@/lib/queries/identity-detail";
import { activeSlaPolicy } from "@/lib/queries/policies";

export const metadata: Metadata = { title: "Identity" };

export default async function IdentityPage({ params }: PageProps<"/o/[org]/identities/[id]">) {
  const { org, id } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:identity");
  const orgId = ctx.membership.orgId;
  const canEdit = can(ctx.role, "update:identity");
  const canClassify = can(ctx.role, "classify:identity");
  const data = await inOrg(ctx, async (tx) => {
    const d = await getIdentity(tx, orgId, id);
    if (!d) return null;
    // One transaction is one connection: its queries run one after another.
    const consumers = await liveConsumers(tx, orgId, d.identity.id);
    const work = await identityWork(tx, orgId, d.identity.id);
    const checking = work.filter((w) => w.closedAt === null && CONSUMER_CHECKED.has(w.type));
    const confirmations = await confirmationsFor(tx, orgId, checking);
    const held = await heldCredentials(tx, orgId, d.identity.id);
    const history = await identityHistory(tx, orgId, d.identity.id);
    const policy = (await activeSlaPolicy(tx, orgId))?.doc ?? null;
    const people = canEdit ? await ownerSuggestions(tx, orgId) : [];
    return { d, consumers, work, checking, confirmations, held, history, policy, people };
  });
  if (!data) notFound();
  const { d, consumers, work, checking, confirmations, held, history, policy, people } = data;
  const i = d.identity;
  const now = new Date();
  const checks = checking.map((item) => ({ item, confirmed: new Map(confirmations.filter((c) => c.workItemId === item.id).map((c) => [c.consumerId, c])) }));
  const due = i.status === "active" ? rotationDueAt(i) : null;
  const orphaned = !i.ownerName && !i.ownerEmail && !d.holder;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href={`/o/${org}/identities`} className="hover:underline">Identities</Link> <span aria-hidden>/</span> <span>{labels.kind[i.kind]}</span>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h1 className="break-words text-xl font-semibold tracking-tight text-slate-900">{i.name}</h1>
          <p className="text-slate-600">
            {labels.kind[i.kind]} · {i.system}
            {i.purpose ? ` · ${i.purpose}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={statusTone[i.status]}>{statusLabel(i.status)}</Badge>
          <Badge>Tier {i.tier}</Badge>
          {i.privileged ? <Badge tone="dark">Privileged</Badge> : null}
          {orphaned ? <Badge tone="risk">Orphaned</Badge> : null}
          {i.ownerEmail && !i.ownerActive ? <Badge tone="breach">Owner deactivated</Badge> : null}
          {due && due.getTime() <= now.getTime() ? <Badge tone="breach">Rotation overdue</Badge> : null}
          {i.expiresAt && i.expiresAt.getTime() <= now.getTime() && i.status === "active" ? <Badge tone="breach">Expired</Badge> : null}
        </div>
      </div>

      {/* Phones read the facts first; wide screens put them on the right of the map, the work and the history. */}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <aside aria-label="Identity details" className="space-y-4 lg:col-start-2 lg:row-start-1">
          <OwnerCard org={org} d={d} people={people} canEdit={canEdit} />
          <ClassificationCard org={org} d={d} canClassify={canClassify} />
          <FactsCard org={org} d={d} now={now} />
        </aside>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          <DependencyMap org={org} identity={i} consumers={consumers} checks={checks} canEdit={canEdit} />
          <IdentityWork org={org} rows={work} policy={policy} now={now.getTime()} />
          {held.length > 0 ? <HeldCredentials org={org} rows={held} now={now} /> : null}
          <IdentityHistory org={org} events={history} />
        </div>
      </div>
    </>
  );
}
