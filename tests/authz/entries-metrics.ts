// The rows of the authorization matrix for the metrics API (issue 7): every reader and a token with items:read.
import { metricsSummaryOp } from "@/lib/api/metrics";
import type { MatrixEntry } from "./matrix";
import { get } from "./entries-register";

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "route", file: "app/api/v1/metrics/summary/route.ts", export: "GET", binds: "route(metricsSummaryOp)", allowed: ["analyst", "lead", "owner", "executive", "token"], scope: "items:read",
    call: (c) => get(c, "/api/v1/metrics/summary?from=2026-10-01&to=2026-11-01", metricsSummaryOp),
  },
];
