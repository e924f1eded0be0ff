// The period a dashboard page shows, from its query string: `period` (a quick choice) or `from` and `to`
// (UTC days, `to` left out). A malformed or impossible period falls back to the default, with the reason.
import { DEFAULT_PRESET, metricsDays, PERIOD_PRESETS, periodProblem, type MetricsDays } from "@/lib/domain/metrics";
import { isIsoDate, lastDay } from "@/lib/domain/period";
import { shortDate } from "@/components/ui/format";

export interface ShownPeriod extends MetricsDays {
  preset: string | null;
  error: string | null;
}

export function shownPeriod(sp: Record<string, string | string[] | undefined>, now: Date): ShownPeriod {
  const str = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const fallback = (error: string | null): ShownPeriod => {
    const preset = PERIOD_PRESETS.find((p) => p.key === DEFAULT_PRESET)!;
    return { ...metricsDays({ days: preset.days }, now), preset: preset.key, error };
  };
  const from = str("from");
  const to = str("to");
  if (from || to) {
    if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) return fallback("Give both dates of the period as YYYY-MM-DD.");
    const days = { from, to };
    const problem = periodProblem(days);
    return problem ? fallback(problem) : { ...days, preset: null, error: null };
  }
  const preset = PERIOD_PRESETS.find((p) => p.key === str("period"));
  if (!preset) return fallback(null);
  return { ...metricsDays({ days: preset.days }, now), preset: preset.key, error: null };
}

/** A day written YYYY-MM-DD (UTC), as shortDate writes it. */
export function shortDay(iso: string): string {
  return shortDate(new Date(`${iso}T00:00:00Z`));
}

/** A period of days [from, to) in words, naming the last day in: "1 Nov 2026 – 30 Nov 2026". */
export function periodLabel(p: MetricsDays): string {
  return `${shortDay(p.from)} – ${shortDay(lastDay(p))}`;
}
