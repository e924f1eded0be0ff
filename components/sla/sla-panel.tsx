// The item's SLA clocks, live as of the page render: state by colour and by word, time left or overdue, due time.
import { Badge, type Tone } from "@/components/ui/badge";
import type { ClockView } from "@/lib/domain/sla/item-clocks";

/** Working time in hours and minutes (a working "day" has no fixed length, so no days). */
export function duration(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(m / 60);
  if (h >= 10) return `${h}h`;
  if (h > 0) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${m}m`;
}

const when = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ") + " UTC";

function status(c: ClockView): { tone: Tone; word: string; detail: string } {
  switch (c.state) {
    case "breached":
      return { tone: "breach", word: "Breached", detail: `${duration(-c.remainingMs)} over the ${duration(c.targetMs)} target${c.dueAt ? ` (due ${when(c.dueAt)})` : ""}` };
    case "met":
      return { tone: "ok", word: "Met", detail: `in ${duration(c.elapsedMs)} of ${duration(c.targetMs)}` };
    case "paused":
      return { tone: "neutral", word: "Paused", detail: `${duration(c.remainingMs)} left when it resumes; ${duration(c.elapsedMs)} used` };
    default:
      return {
        tone: c.atRisk ? "risk" : "ok",
        word: c.atRisk ? "At risk" : "On track",
        detail: `${duration(c.remainingMs)} left${c.dueAt ? `, due ${when(c.dueAt)}` : ""}`,
      };
  }
}

const NAMES = { response: "Response", resolution: "Resolution", decision: "Decision (client)" } as const;

export function SlaPanel({ clocks, policyVersion }: { clocks: ClockView[] | null; policyVersion: number | null }) {
  return (
    <section aria-labelledby="sla-h" className="rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 id="sla-h" className="mb-2 font-semibold text-slate-900">
        SLA {policyVersion ? <span className="font-normal text-slate-500">(policy v{policyVersion})</span> : null}
      </h2>
      <p className="mb-2 text-xs text-slate-500">Working time on the policy&apos;s calendars; paused while the item waits on others.</p>
      {!clocks ? (
        <p className="text-slate-600">No active SLA policy in this organisation.</p>
      ) : clocks.length === 0 ? (
        <p className="text-slate-600">The policy sets no clock for this item.</p>
      ) : (
        <ul className="space-y-2">
          {clocks.map((c) => {
            const s = status(c);
            return (
              <li key={c.clock} data-clock={c.clock}>
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium text-slate-800">{NAMES[c.clock as keyof typeof NAMES]}{c.cycle > 1 ? ` · cycle ${c.cycle}` : ""}</span>
                  <Badge tone={s.tone}>{s.word}</Badge>
                </div>
                <div className="text-slate-600">{s.detail}</div>
                {c.history.length ? (
                  <div className="text-xs text-slate-500">
                    Earlier: {c.history.map((h) => `cycle ${h.cycle} ${h.everBreached ? "breached" : "met"}`).join(", ")}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
