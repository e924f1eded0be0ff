import { Th, Thead } from "@/components/ui/table";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { shortDate } from "@/components/ui/format";
import { IssueTokenForm, RevokeButton } from "@/components/tokens/token-admin";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { listApiTokens } from "@/lib/auth/api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage({ params }: PageProps<"/o/[org]/settings/tokens">) {
  const { org } = await params;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "manage:api_token");
  const tokens = await inOrg(ctx, (tx) => listApiTokens(tx, ctx.membership.orgId));
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Integrations of ${ctx.membership.name}. Each token is scoped to this organisation, expires within 90 days and appears in the identity inventory as an API key.`}
      />
      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="self-start overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">API tokens of {ctx.membership.name}</caption>
            <Thead>
                <Th>Name</Th>
                <Th>Scopes</Th>
                <Th className="hidden md:table-cell">Last used</Th>
                <Th>State</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </Thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.length === 0 ? (
                <tr><td colSpan={5} className="px-3 py-6 text-center text-slate-600">No tokens yet.</td></tr>
              ) : tokens.map((t) => {
                const expired = t.expiresAt <= now;
                return (
                  <tr key={t.id}>
                    <td className="px-3 py-2">
                      <div className="font-medium text-slate-900">{t.name}</div>
                      <div className="font-mono text-xs text-slate-500">{t.prefix}…</div>
                    </td>
                    <td className="px-3 py-2"><span className="flex flex-wrap gap-1">{t.scopes.map((s) => <Badge key={s}>{s}</Badge>)}</span></td>
                    <td className="hidden whitespace-nowrap px-3 py-2 text-slate-700 md:table-cell">{t.lastUsedAt ? shortDate(t.lastUsedAt) : "Never"}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {t.revokedAt ? <Badge tone="neutral">Revoked {shortDate(t.revokedAt)}</Badge> : expired ? <Badge tone="breach">Expired</Badge> : <Badge tone="ok">Expires {shortDate(t.expiresAt)}</Badge>}
                    </td>
                    <td className="px-3 py-2 text-right">{t.revokedAt || expired ? null : <RevokeButton org={org} id={t.id} name={t.name} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <IssueTokenForm org={org} />
      </div>
    </>
  );
}
