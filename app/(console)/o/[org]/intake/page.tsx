import type { Metadata } from "next";
import { IntakeForm } from "@/components/intake/intake-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrg, requirePermission } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Intake" };

export default async function IntakePage({ params }: PageProps<"/o/[org]/intake">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "run:intake");
  return (
    <>
      <PageHeader
        title="Intake"
        description={`Import a secret scanner's report or an identity source's export into ${ctx.membership.name}. Findings are known by their fingerprint: importing the same file again creates nothing.`}
      />
      <IntakeForm org={org} />
      <section aria-labelledby="formats-h" className="mt-6 max-w-4xl text-sm">
        <h2 id="formats-h" className="mb-2 font-semibold text-slate-900">What each format brings in</h2>
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[14rem_minmax(0,1fr)]">
          {FORMATS.map(([name, what]) => (
            <div key={name} className="contents">
              <dt className="font-medium text-slate-800">{name}</dt>
              <dd className="text-slate-600">{what}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-slate-600">
          Secrets are never stored: a redacted form and a SHA-256 are kept. Bad records are listed with their number and field; the valid ones
          are imported. Integrations send the same files to <code className="rounded bg-slate-100 px-1">POST /api/v1/intake/&#123;format&#125;</code> with an
          <code className="mx-1 rounded bg-slate-100 px-1">Idempotency-Key</code>.
        </p>
      </section>
    </>
  );
}

const FORMATS: [string, string][] = [
  ["gitleaks", "Leaked secrets from a gitleaks JSON report, one work item per finding (by its Fingerprint)."],
  ["TruffleHog", "Leaked secrets from trufflehog --json output (JSON lines)."],
  ["GitHub secret scanning", "Secret-scanning alerts as the GitHub API returns them, per repository or organisation."],
  ["AWS IAM credential report", "IAM users with their console password and access keys: last used, last rotated, active."],
  ["SCIM 2.0 Users", "People from an identity provider, active or deactivated, with their manager as owner."],
  ["Identities CSV", "Any inventory, in the documented columns (docs/intake-csv.md)."],
];
