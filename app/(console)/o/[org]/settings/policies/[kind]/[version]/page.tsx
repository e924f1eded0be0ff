import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivateButton } from "@/components/policies/activate-button";
import { PolicyDiff, PolicyText } from "@/components/policies/policy-diff";
import { VersionStatus, when } from "@/components/policies/version-status";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { POLICY_KINDS, policyNoun, policyText, policyTitle, type PolicyKind } from "@/lib/domain/policy-text";
import { listPolicyVersions, previouslyActive } from "@/lib/queries/policies";

const isKind = (k: string): k is PolicyKind => (POLICY_KINDS as readonly string[]).includes(k);

export async function generateMetadata({ params }: PageProps<"/o/[org]/settings/policies/[kind]/[version]">): Promise<Metadata> {
  const { kind, version } = await params;
  return { title: isKind(kind) ? `${policyTitle[kind]} v${version}` : "Policy" };
}

export default async function PolicyVersionPage({ params, searchParams }: PageProps<"/o/[org]/settings/policies/[kind]/[version]">) {
  const { org, kind, version } = await params;
  const compareParam = (await searchParams).compare;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:policy");
  if (!isKind(kind) || !/^\d{1,9}$/.test(version)) notFound();
  const versions = await inOrg(ctx, (tx) => listPolicyVersions(tx, ctx.membership.orgId, kind));
  const v = versions.find((x) => x.version === Number(version));
  if (!v) notFound();

  const title = policyTitle[kind];
  const chosen = typeof compareParam === "string" ? versions.find((x) => x.version === Number(compareParam) && x.id !== v.id) : undefined;
  const previous = previouslyActive(versions, v);
  const base = chosen ?? previous;
  const text = policyText(kind, v.document);
  const active = versions.find((x) => x.status === "active");
  const mayActivate = can(ctx.role, "activate:policy");
  const mayPropose = can(ctx.role, "propose:policy");
  const baseLabel = !base ? "" : base === previous && !chosen ? (v.status === "draft" ? `the active version ${base.version}` : `version ${base.version}, active before it`) : `version ${base.version}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href={`/o/${org}/settings/policies`} className="hover:underline">Policies</Link> <span aria-hidden>/</span> {title}
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-slate-900">
            {title} v{v.version} <VersionStatus status={v.status} />
          </h1>
          <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
            <dt className="text-slate-500">Proposed</dt>
            <dd className="text-slate-800">{v.proposedByName ?? "—"}, {when(v.proposedAt)}</dd>
            {v.activatedAt ? (
              <>
                <dt className="text-slate-500">Activated</dt>
                <dd className="text-slate-800">{v.activatedByName ?? "—"}, {when(v.activatedAt)}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Note</dt>
            <dd className="max-w-2xl text-slate-800">{v.note || "—"}</dd>
          </dl>
        </div>
        <div className="flex flex-col items-start gap-2 sm:items-end">
          <div className="flex flex-wrap items-start gap-2">
            {mayPropose ? (
              <Link href={`/o/${org}/settings/policies/${kind}/new?from=${v.version}`} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
                Edit as new draft
              </Link>
            ) : null}
            {v.status === "draft" && mayActivate ? <ActivateButton org={org} id={v.id} noun={policyNoun[kind]} version={v.version} replaces={active?.version ?? null} /> : null}
          </div>
          {v.status === "draft" && !mayActivate ? (
            <p className="max-w-xs text-sm text-slate-600 sm:text-right">This draft is not in force. A programme owner of {ctx.membership.name} reviews and activates it.</p>
          ) : null}
        </div>
      </div>

      <section aria-labelledby="changes-h" className="mb-5 rounded border border-slate-200 bg-white p-4">
        <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
          <h2 id="changes-h" className="font-semibold text-slate-900">{base ? `Changes from ${baseLabel}` : "Changes"}</h2>
          {versions.length > 1 ? (
            <form className="flex items-end gap-2 text-sm" action={`/o/${org}/settings/policies/${kind}/${v.version}`}>
              <label className="text-slate-700">
                Compare with{" "}
                <select name="compare" defaultValue={base?.version ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1">
                  {versions.filter((x) => x.id !== v.id).map((x) => (
                    <option key={x.id} value={x.version}>v{x.version} ({x.status})</option>
                  ))}
                </select>
              </label>
              <button type="submit" className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-50">Compare</button>
            </form>
          ) : null}
        </div>
        {base ? (
          <PolicyDiff oldText={policyText(kind, base.document)} newText={text} caption={`Changes from version ${base.version} to version ${v.version}`} />
        ) : (
          <p className="text-sm text-slate-600">This is the first version: there is nothing earlier to compare it with.</p>
        )}
      </section>

      <section aria-labelledby="document-h" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="document-h" className="mb-2 font-semibold text-slate-900">Document</h2>
        <PolicyText text={text} label={`${title} version ${v.version}`} />
      </section>
    </>
  );
}
