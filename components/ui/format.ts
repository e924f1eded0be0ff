// Small display helpers shared by tables.
export function age(from: Date, now: Date = new Date()): string {
  return span(now.getTime() - from.getTime());
}

/** A length of wall-clock time: minutes under an hour, hours under two days, then days. */
export function span(ms: number): string {
  const mins = Math.max(0, Math.floor(ms / 60_000));
  if (mins < 60) return `${mins}m`;
  const hours = Math.floor(mins / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

export function shortDate(d: Date | null | undefined): string {
  if (!d) return "—";
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export { itemKey } from "@/lib/domain/keys";
