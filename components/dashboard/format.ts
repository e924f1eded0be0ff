// How the dashboard writes a figure: counts with separators, hours as hours or days, shares as percentages.
import type { Unit } from "@/lib/domain/metrics-sections";

export function formatFigure(value: number | null, unit: Unit): string {
  if (value === null || Number.isNaN(value)) return "—";
  if (unit === "share") return `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 1)}%`;
  if (unit === "hours") {
    if (value < 1 && value > 0) return "< 1 h";
    if (value < 48) return `${Math.round(value)} h`;
    const days = value / 24;
    return `${days.toFixed(days >= 100 ? 0 : 1)} d`;
  }
  return Math.round(value).toLocaleString("en-GB");
}

/** "2026-11-16" → "16 Nov": a week's Monday on a chart axis. */
export function shortWeek(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}
