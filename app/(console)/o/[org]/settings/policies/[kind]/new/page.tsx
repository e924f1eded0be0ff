import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { PolicyReference } from "@/components/policies/policy-reference";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { DEFAULT_FRAMEWORKS } from "@/lib/domain/frameworks";
import { can } from "@/lib/domain/permissions";
import { POLICY_KINDS, policyNoun, policyText, policyTitle, type PolicyKind } from "@/lib/domain/policy-text";
import { listPolicyVersions } from "@/lib/queries/policies";

const isKind = (k: string): k is PolicyKind => (POLICY_KINDS as readonly string[]).includes(k);

export async function generateMetadata({ params }: PageProps<"/o/[org]/settings/policies/[kind]/new">): Promise<Metadata> {
  const { kind } = await params;
  return { title: isKind(kind) ? `New draft: ${policyTitle[kind]}` : "Policy" };
}

export default async function NewPolicyDraftPage({ params, searchParams }: PageProps<"/o/[org]/settings/policies/[kind]/new">) {
  const { org, kind } = await params;
  const from = (await searchParams).from;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "propose:policy");
  if (!isKind(kind)) notFound();
  const versions = await inOrg(ctx, (tx) => listPolicyVersions(tx, ctx.membership.orgId, kind));
  const base = (typeof from === "string" ? versions.find((v) => v.version === Number(from)) : undefined) ?? versions.find((v) => v.status === "active") ?? versions[0];
  const title = policyTitle[kind];
  // Without any version yet: an SLA or escalation draft starts from a skeleton, a framework mapping from the
  // built-in default that is in force until one is activated.
  const empty = kind === "sla" ? { calendars: { "24x7": { kind: "24x7", timeZone: "UTC" } }, goals: [{ name: "Everything", match: {} }] } : kind === "escalation" ? { rules: [] } : DEFAULT_FRAMEWORKS;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href={`/o/${org}/settings/policies`} className="hover:underline">Policies</Link> <span aria-hidden>/</span> {title}
      </nav>
      <PageHeader
        title={`New draft: ${policyNoun[kind]}`}
        description={
          <>
            {base ? `Starts from version ${base.version} (${base.status}). ` : kind === "frameworks" ? "Starts from the built-in default mapping. " : "Starts empty. "}
            A draft changes nothing until {can(ctx.role, "activate:policy") ? "you or another programme owner activate it" : "a programme owner of " + ctx.membership.name + " activates it"}.
          </>
        }
      />
      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <PolicyEditor org={org} kind={kind} initialText={policyText(kind, base ? base.document : empty)} basedOnVersion={base?.version ?? null} />
        <PolicyReference kind={kind} />
      </div>
    </>
  );
}
