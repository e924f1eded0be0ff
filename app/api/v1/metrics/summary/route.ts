import { route } from "@/lib/api/next-deps";
import { metricsSummaryOp } from "@/lib/api/metrics";

export const dynamic = "force-dynamic";
export const GET = route(metricsSummaryOp);
