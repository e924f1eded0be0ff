import type { Metadata } from "next";
import Link from "next/link";
import { Th, Thead } from "@/components/ui/table";
import { PageHeader } from "@/components/ui/page-header";
import { VersionStatus, when } from "@/components/policies/version-status";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { POLICY_KINDS, policyNoun, policyTitle, type PolicyKind } from "@/lib/domain/policy-text";
import { listPolicyVersions, type PolicyVersionView } from "@/lib/queries/policies";

export const metadata: Metadata = { title: "Policies" };

const purpose: Record<PolicyKind, string> = {
  sla: "Targets for the response, resolution and decision clocks, by priority and type, on named calendars.",
  escalation: "Who is told, and how far an item escalates, when a clock is at risk or breached.",
  frameworks: "Which NIST CSF 2.0, OWASP Non-Human Identities Top 10 and CSA MAESTRO controls each type of work and inventory rule counts towards, in the monthly report and the evidence pack.",
};

const withoutActive: Record<PolicyKind, string> = {
  sla: "items have no SLA clocks",
  escalation: "nothing escalates",
  frameworks: "reports and the evidence pack use the built-in default mapping",
};

const STATUS_ORDER = { draft: 0, active: 1, retired: 2 } as const;

export default async function PoliciesPage({ params }: PageProps<"/o/[org]/settings/policies">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:policy");
  const all = await inOrg(ctx, (tx) => listPolicyVersions(tx, ctx.membership.orgId));
  const mayPropose = can(ctx.role, "propose:policy");
  const mayActivate = can(ctx.role, "activate:policy");
  return (
    <>
      <PageHeader
        title="Policies"
        description={`The rules ${ctx.membership.name} holds the provider to. Leads and programme owners propose versions; only a programme owner activates one. Every version stays readable.`}
      />
      <div className="space-y-5">
        {POLICY_KINDS.map((kind) => {
          const versions = all.filter((v) => v.kind === kind).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.version - a.version);
          const active = versions.find((v) => v.status === "active");
          const drafts = versions.filter((v) => v.status === "draft");
          return (
            <section key={kind} aria-labelledby={`${kind}-h`} className="min-w-0 max-w-6xl rounded border border-slate-200 bg-white">
              <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
                <div className="min-w-0">
                  <h2 id={`${kind}-h`} className="font-semibold text-slate-900">{policyTitle[kind]}</h2>
                  <p className="text-sm text-slate-600">{purpose[kind]}</p>
                </div>
                {mayPropose ? (
                  <Link href={`/o/${org}/settings/policies/${kind}/new`} className="shrink-0 rounded border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50">
                    Propose a change
                  </Link>
                ) : null}
              </div>
              <div className="space-y-1 px-4 py-3 text-sm text-slate-700">
                {active ? (
                  <p>
                    <Link href={`/o/${org}/settings/policies/${kind}/${active.version}`} className="font-medium text-blue-700 hover:underline">Version {active.version}</Link>{" "}
                    is in force since {when(active.activatedAt)}: proposed by {active.proposedByName ?? "the onboarding"}, activated by {active.activatedByName ?? "—"}.
                  </p>
                ) : (
                  <p className="text-amber-900">No version is active: {withoutActive[kind]} until a programme owner activates one.</p>
                )}
                {drafts.length ? (
                  <p>
                    {drafts.length === 1 ? "One draft awaits" : `${drafts.length} drafts await`} activation
                    {mayActivate ? (
                      <>
                        : review{" "}
                        {drafts.map((d, i) => (
                          <span key={d.id}>
                            {i ? ", " : ""}
                            <Link href={`/o/${org}/settings/policies/${kind}/${d.version}`} className="font-medium text-blue-700 hover:underline">v{d.version}</Link>
                          </span>
                        ))}
                        .
                      </>
                    ) : " by a programme owner."}
                  </p>
                ) : null}
              </div>
              <VersionTable org={org} kind={kind} versions={versions} />
            </section>
          );
        })}
      </div>
    </>
  );
}

function VersionTable({ org, kind, versions }: { org: string; kind: PolicyKind; versions: PolicyVersionView[] }) {
  return (
    <div className="overflow-x-auto border-t border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Versions of the {policyNoun[kind]}</caption>
        <Thead>
          <Th>Version</Th>
          <Th>Status</Th>
          <Th>Proposed</Th>
          <Th className="hidden sm:table-cell">Activated</Th>
          <Th className="hidden lg:table-cell">Note</Th>
        </Thead>
        <tbody className="divide-y divide-slate-100">
          {versions.length === 0 ? (
            <tr><td colSpan={5} className="px-3 py-6 text-center text-slate-600">No versions yet.</td></tr>
          ) : versions.map((v) => (
            <tr key={v.id} className={v.status === "retired" ? "text-slate-600" : undefined}>
              <td className="whitespace-nowrap px-3 py-2">
                <Link href={`/o/${org}/settings/policies/${kind}/${v.version}`} className="font-medium text-blue-700 hover:underline">
                  v{v.version}<span className="sr-only"> of the {policyNoun[kind]}</span>
                </Link>
              </td>
              <td className="px-3 py-2"><VersionStatus status={v.status} /></td>
              <td className="px-3 py-2">
                <div className="text-slate-800">{v.proposedByName ?? "—"}</div>
                <div className="whitespace-nowrap text-xs text-slate-500">{when(v.proposedAt)}</div>
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">
                {v.activatedAt ? (
                  <>
                    <div className="text-slate-800">{v.activatedByName ?? "—"}</div>
                    <div className="whitespace-nowrap text-xs text-slate-500">{when(v.activatedAt)}</div>
                  </>
                ) : <span className="text-slate-500">—</span>}
              </td>
              <td className="hidden px-3 py-2 text-slate-700 lg:table-cell"><span className="line-clamp-2">{v.note || "—"}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
