// What GET /api/v1/metrics/summary answers, for the OpenAPI document. Definitions: docs/metrics.md.
import { z } from "zod";

const counts = z.record(z.string(), z.int());
const hours = z.number().nullable();
const closure = z.object({
  count: z.int().describe("Items of these types closed as remediated (verified) in the period."),
  medianHours: hours,
  p90Hours: hours,
  weekly: z.array(z.object({ week: z.iso.date().describe("Monday (UTC) of the week."), count: z.int(), medianHours: z.number(), p90Hours: z.number() })),
});

export const metricsSummaryOut = z
  .object({
    period: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
    backlog: z.object({ total: z.int(), byStage: counts, byPriority: counts, byType: counts, byAge: counts.describe("0-7d, 8-30d, 31-90d, 90d+ since raised.") }),
    trend: z
      .array(
        z.object({
          week: z.iso.date().describe("Monday (UTC) of the week."),
          created: z.int().describe("Items raised in the week."),
          closed: z.int().describe("Items closed in the week."),
          closedWithSla: z.int().describe("Of those, items an SLA applied to."),
          closedWithinTarget: z.int().describe("Of those, items closed within target."),
          openAtEnd: z.int().describe("Open items at the end of the week (now, for the current week)."),
        }),
      )
      .describe("Each week that overlaps the period, up to now."),
    sla: z.object({
      atRisk: z.int().describe("Open items at risk now (not breached)."),
      breached: z.int().describe("Open items breached now."),
      closedInPeriod: z.int().describe("Items closed in the period that an SLA applied to."),
      closedWithinTarget: z.int(),
      compliance: z.number().nullable().describe("closedWithinTarget / closedInPeriod; null when nothing closed."),
    }),
    revocationTime: closure.describe("revocation and privileged_offboarding: creation to verified closure."),
    rotationTime: closure.describe("secret_rotation: creation to verified closure."),
    exceptions: z.object({ active: z.int(), expiringWithin30Days: z.int(), expiredAwaitingDecision: z.int(), renewals: z.int() }),
    identities: z.object({ orphaned: z.int(), standingPrivileged: z.int(), rotationOverdue: z.int() }),
    waiting: z.object({ items: z.int().describe("Items closed in the period."), providerHours: z.number(), clientHours: z.number(), thirdPartyHours: z.number() }),
    remediation: z.object({ verified: z.int(), regressed: z.int() }),
  })
  .meta({ id: "MetricsSummary" });
export type MetricsSummary = z.infer<typeof metricsSummaryOut>;
