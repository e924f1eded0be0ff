// The queue page's filters from its query string, as the page applies them: unknown or malformed values are
// dropped rather than failing the page, and without a stage, a status, a search or a drill-down the queue shows
// open work. The dashboard's links land here, so tests count what a figure's link shows through this function.
import { listQuery } from "../schemas/work-items";

/** Filters the dashboard's figures link with (the page shows them above the list, with a way out). */
export const DRILL_KEYS = ["age", "createdFrom", "createdTo", "closedFrom", "closedTo", "resolution", "slaOutcome", "regressedFrom", "regressedTo"] as const;
export const FILTER_KEYS = ["stage", "type", "priority", "assignee", "waitingOn", "sla", "q", "sort", "status", ...DRILL_KEYS] as const;

export function queueViewFilters(sp: Record<string, string | string[] | undefined>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const k of [...FILTER_KEYS, "cursor"] as const) {
    const v = sp[k];
    if (typeof v === "string" && v) raw[k] = v;
  }
  const filters = Object.fromEntries(
    Object.entries(raw).filter(([k, v]) => listQuery.shape[k as keyof typeof listQuery.shape].safeParse(v).success),
  ) as Record<string, string>;
  if (!filters.stage && !filters.status && !filters.q && !DRILL_KEYS.some((k) => filters[k])) filters.status = "open";
  return filters;
}
