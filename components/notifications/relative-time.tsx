import { span } from "@/components/ui/format";

/** "just now", "5m ago", "in 3h": the exact instant is in the title and the datetime attribute. */
export function RelativeTime({ at, now }: { at: Date; now: Date }) {
  const ms = at.getTime() - now.getTime();
  const text = Math.abs(ms) < 60_000 ? (ms > 0 ? "within a minute" : "just now") : ms > 0 ? `in ${span(ms)}` : `${span(-ms)} ago`;
  const iso = at.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
