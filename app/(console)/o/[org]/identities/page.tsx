import type { Metadata } from "next";
import Link from "next/link";
import { IdentityTable } from "@/components/identities/identity-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { identityCounts, listIdentities } from "@/lib/queries/identities";
import { IDENTITY_KINDS, labels, TIERS, type IdentityKind, type Tier } from "@/lib/domain/vocabulary";

export const metadata: Metadata = { title: "Identities" };

export default async function IdentitiesPage({ params, searchParams }: PageProps<"/o/[org]/identities">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:identity");
  const kind = IDENTITY_KINDS.includes(sp.kind as IdentityKind) ? (sp.kind as IdentityKind) : null;
  const orphaned = sp.owner === "orphaned";
  const tier = TIERS.includes(sp.tier as Tier) ? (sp.tier as Tier) : null;
  const privileged = sp.privileged === "yes";
  const overdue = sp.rotation === "overdue";
  const expiring = sp.expiry === "soon";
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  const { page, counts } = await inOrg(ctx, async (tx) => ({
    page: await listIdentities(tx, { orgId: ctx.membership.orgId, kind, orphaned, tier, privileged, overdue, expiring, cursor, limit: 50 }),
    counts: await identityCounts(tx, ctx.membership.orgId),
  }));
  const base = `/o/${org}/identities`;
  const toggles: [name: string, value: string, label: string, checked: boolean][] = [
    ["owner", "orphaned", "Orphaned only", orphaned],
    ["privileged", "yes", "Privileged", privileged],
    ["rotation", "overdue", "Rotation overdue", overdue],
    ["expiry", "soon", "Expired or expiring ≤ 30 days", expiring],
  ];

  return (
    <>
      <PageHeader title="Identities" description={`Human and non-human identities of ${ctx.membership.name}.`} />
      <dl className="mb-4 grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Stat label="Identities" value={counts.total} />
        <Stat label="Orphaned" value={counts.orphaned} tone={counts.orphaned > 0 ? "risk" : undefined} />
        <Stat label="Privileged" value={counts.privileged} />
        <Stat label="Rotation overdue" value={counts.overdue} tone={counts.overdue > 0 ? "breach" : undefined} />
      </dl>
      <form className="mb-3 flex flex-wrap items-end gap-3" action={base}>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Kind</span>
          <select name="kind" defaultValue={kind ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1.5">
            <option value="">All kinds</option>
            {IDENTITY_KINDS.map((k) => (
              <option key={k} value={k}>{labels.kind[k]}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Tier</span>
          <select name="tier" defaultValue={tier ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1.5">
            <option value="">All tiers</option>
            {TIERS.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </label>
        {toggles.map(([name, value, label, checked]) => (
          <label key={name} className="flex items-center gap-2 py-1.5">
            <input type="checkbox" name={name} value={value} defaultChecked={checked} className="h-4 w-4" />
            <span>{label}</span>
          </label>
        ))}
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">Apply</button>
        {kind || orphaned || tier || privileged || overdue || expiring ? <Link href={base} className="py-1.5 text-blue-700 underline">Clear</Link> : null}
      </form>
      <IdentityTable org={org} rows={page.items} now={new Date()} />
      <Pager basePath={base} params={{ kind: kind ?? undefined, owner: orphaned ? "orphaned" : undefined, tier: tier ?? undefined, privileged: privileged ? "yes" : undefined, rotation: overdue ? "overdue" : undefined, expiry: expiring ? "soon" : undefined }} nextCursor={page.nextCursor} isFirst={!cursor} shown={page.items.length} />
    </>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: "risk" | "breach" }) {
  const color = tone === "breach" ? "text-red-700" : tone === "risk" ? "text-amber-800" : "text-slate-900";
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${color}`}>{value}</dd>
    </div>
  );
}
