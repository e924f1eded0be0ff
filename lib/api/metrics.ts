// GET /api/v1/metrics/summary (SPEC §9, §10): the programme's figures for the organisation of the token or the
// session, for [from, to) (days, UTC; the last 30 days by default), as JSON or, with format=csv, as the
// dashboard's sections in long form (section, row, label, column, value).
import { z } from "zod";
import { fieldErrors, performRead } from "../actions/mutation";
import { csvText } from "../csv";
import { daysBounds, metricsDays, periodProblem } from "../domain/metrics";
import { metricsSections, sectionRecords } from "../domain/metrics-sections";
import { AppError } from "../errors";
import { metricsSummary } from "../queries/metrics";
import { downloadHeaders } from "./download";
import { json, respond, type ApiContext } from "./handler";

export const METRICS_SECTION_IDS = [
  "headline",
  "backlog-trend",
  "sla-trend",
  "sla",
  "revocation-time",
  "rotation-time",
  "backlog-stage",
  "backlog-priority",
  "backlog-age",
  "backlog-type",
  "exceptions",
  "identities",
  "waiting",
  "remediation",
] as const;

export const metricsQuery = z
  .object({
    from: z.iso.date().optional().describe("First day of the period (UTC), e.g. 2026-10-01. Default: 30 days before `to`."),
    to: z.iso.date().optional().describe("The day after the period (UTC, exclusive). Default: tomorrow."),
    format: z.enum(["json", "csv"]).default("json").describe("`csv`: the dashboard's figures, one per record: section, row, label, column, value."),
    section: z.enum(METRICS_SECTION_IDS).optional().describe("With `format=csv`: only this section of the dashboard."),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ["to"], message: "The period must end after it starts." })
  .meta({ id: "MetricsQuery" });

export async function metricsSummaryOp(ctx: ApiContext): Promise<Response> {
  const parsed = metricsQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new AppError("invalid:input", "Some query parameters are not valid.", fieldErrors(parsed.error));
  const now = new Date();
  const days = metricsDays(parsed.data, now);
  const problem = periodProblem(days);
  if (problem) throw new AppError("invalid:input", problem, { to: [problem] });
  const r = await performRead(
    ctx.db,
    ctx.principal,
    ctx.orgSlug,
    "read:dashboard",
    async (tx, { org }) => ({ slug: org.slug, summary: await metricsSummary(tx, { orgId: org.orgId, ...daysBounds(days), now }) }),
    ctx.requestId,
  );
  return respond(
    r,
    ({ slug, summary }) => {
      if (parsed.data.format === "json") return json(summary, 200, ctx.requestId);
      const sections = metricsSections(summary, { slug, ...days }).filter((s) => !parsed.data.section || s.id === parsed.data.section);
      const [header, ...rows] = sectionRecords(sections);
      const name = `${slug}-metrics${parsed.data.section ? `-${parsed.data.section}` : ""}-${days.from}-to-${days.to}.csv`;
      return new Response(csvText(header as string[], rows), { status: 200, headers: downloadHeaders(name, "text/csv; charset=utf-8", ctx.requestId) });
    },
    ctx.requestId,
  );
}
