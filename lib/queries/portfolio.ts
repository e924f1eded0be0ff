// The portfolio: the same summary for every organisation the person may read the dashboard of, each computed in
// that organisation's own tenant scope (so row-level security holds across the portfolio as it does per page).
import type { Executor } from "../db/client";
import { withTenant } from "../db/tenant";
import type { SessionUser } from "../auth/session-user";
import { can } from "../domain/permissions";
import { metricsSummary, type MetricsSummary } from "./metrics";

export interface PortfolioRow {
  orgId: string;
  slug: string;
  name: string;
  summary: MetricsSummary;
}

export async function portfolio(db: Executor, user: SessionUser, p: { from: Date; to: Date; now: Date }): Promise<PortfolioRow[]> {
  const rows: PortfolioRow[] = [];
  for (const m of user.memberships) {
    if (!can(m.role, "read:dashboard")) continue;
    const summary = await withTenant(db, m.orgId, user.id, (tx) => metricsSummary(tx, { orgId: m.orgId, ...p }));
    rows.push({ orgId: m.orgId, slug: m.slug, name: m.name, summary });
  }
  return rows;
}
