import type { Metadata } from "next";
import Link from "next/link";
import { FilterHelp, FILTER_TABS } from "@/components/exceptions/filters";
import { RegisterTable } from "@/components/exceptions/register-table";
import { FilterTabs } from "@/components/notifications/filter-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { toRegisterEntry } from "@/lib/api/risk-acceptances";
import { inOrg, requireOrg, requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/domain/permissions";
import { countRegister, listRegister } from "@/lib/queries/risk-acceptances";
import { registerQuery } from "@/lib/schemas/risk-acceptances-register";

export const metadata: Metadata = { title: "Exception register" };

const button = "rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50";

export default async function ExceptionsPage({ params, searchParams }: PageProps<"/o/[org]/exceptions">) {
  const { org } = await params;
  const sp = await searchParams;
  const ctx = await requireOrg(org);
  requirePermission(ctx, "read:risk_acceptance");
  // A malformed parameter falls back to its default rather than failing the page.
  const str = (k: string) => (typeof sp[k] === "string" ? sp[k] : undefined);
  const filter = registerQuery.shape.filter.catch("all").parse(str("filter"));
  const q = registerQuery.shape.q.catch(undefined).parse(str("q")) || undefined;
  const cursor = registerQuery.shape.cursor.catch(undefined).parse(str("cursor"));
  const now = new Date();
  const { page, counts } = await inOrg(ctx, async (tx) => ({
    page: await listRegister(tx, { orgId: ctx.membership.orgId, filter, q, cursor, limit: 50, now }),
    counts: await countRegister(tx, { orgId: ctx.membership.orgId, q, now }),
  }));
  const rows = page.items.map((r) => toRegisterEntry(org, r));
  const tab = FILTER_TABS.find((t) => t.filter === filter)!;
  const href = (f: string) => {
    const s = new URLSearchParams({ ...(f !== "all" ? { filter: f } : {}), ...(q ? { q } : {}) }).toString();
    return `/o/${org}/exceptions${s ? `?${s}` : ""}`;
  };
  const csv = `/api/v1/risk-acceptances?${new URLSearchParams({ org, filter, ...(q ? { q } : {}), format: "csv" })}`;

  return (
    <>
      <PageHeader
        title="Exception register"
        description={`Every risk acceptance in ${ctx.membership.name}: who is accountable, when it ends, how often it was renewed.`}
        actions={
          <>
            <a href={csv} download className={button}>
              Download CSV
            </a>
            {can(ctx.role, "export:evidence_pack") ? (
              <Link href={`/o/${org}/evidence-pack`} className={button}>
                Evidence pack for auditors
              </Link>
            ) : null}
          </>
        }
      />
      <form role="search" aria-label="Search the register" className="mb-3 flex flex-wrap items-end gap-2" action={`/o/${org}/exceptions`}>
        {filter !== "all" ? <input type="hidden" name="filter" value={filter} /> : null}
        <label className="flex min-w-[12rem] flex-1 flex-col gap-0.5 text-xs font-medium text-slate-600 sm:max-w-xs">
          Search
          <input
            type="search"
            name="q"
            defaultValue={q ?? ""}
            placeholder="Item, key or accountable owner"
            className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 focus:outline-2 focus:outline-blue-600"
          />
        </label>
        <button type="submit" className={button}>
          Search
        </button>
        {q ? (
          <Link href={href(filter)} className="py-1.5 text-sm font-medium text-slate-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </form>
      <FilterTabs label="Register" tabs={FILTER_TABS.map((t) => ({ href: href(t.filter), label: t.label, count: counts[t.filter], current: t.filter === filter }))} />
      <FilterHelp />
      <RegisterTable org={org} rows={rows} now={now} empty={q ? `No acceptances here match “${q}”.` : tab.empty} />
      <Pager basePath={`/o/${org}/exceptions`} params={{ filter: filter !== "all" ? filter : undefined, q }} nextCursor={page.nextCursor} isFirst={!cursor} shown={rows.length} />
    </>
  );
}
