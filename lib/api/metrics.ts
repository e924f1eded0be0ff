// GET /api/v1/metrics/summary (SPEC §9, §10): the programme's figures for the organisation of the token or the
// session, for [from, to) (days, UTC; the last 30 days by default).
import { z } from "zod";
import { fieldErrors, performRead } from "../actions/mutation";
import { AppError } from "../errors";
import { metricsSummary } from "../queries/metrics";
import { json, respond, type ApiContext } from "./handler";

const DAY = 86_400_000;

export const metricsQuery = z
  .object({
    from: z.iso.date().optional().describe("First day of the period (UTC), e.g. 2026-10-01. Default: 30 days before `to`."),
    to: z.iso.date().optional().describe("The day after the period (UTC, exclusive). Default: tomorrow."),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ["to"], message: "The period must end after it starts." })
  .meta({ id: "MetricsQuery" });

export async function metricsSummaryOp(ctx: ApiContext): Promise<Response> {
  const parsed = metricsQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new AppError("invalid:input", "Some query parameters are not valid.", fieldErrors(parsed.error));
  const now = new Date();
  const to = parsed.data.to ? new Date(`${parsed.data.to}T00:00:00Z`) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY);
  const from = parsed.data.from ? new Date(`${parsed.data.from}T00:00:00Z`) : new Date(to.getTime() - 30 * DAY);
  if (to.getTime() - from.getTime() > 731 * DAY) throw new AppError("invalid:input", "Ask for at most two years at a time.", { to: ["Ask for at most two years at a time."] });
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:dashboard", (tx, { org }) => metricsSummary(tx, { orgId: org.orgId, from, to, now }), ctx.requestId);
  return respond(r, (summary) => json(summary, 200, ctx.requestId), ctx.requestId);
}
