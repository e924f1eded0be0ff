// An item's SLA in one cell: the worst clock's state by colour and word, and the wall-clock time to (or since)
// its due time, counted against `now` so a running clock turns breached the moment it falls due.
import { Badge, type Tone } from "@/components/ui/badge";
import { span } from "@/components/ui/format";
import type { ApiWorkItem } from "@/lib/schemas/work-items";

const LOOK: Record<ApiWorkItem["sla"]["state"], { tone: Tone; word: string }> = {
  breached: { tone: "breach", word: "Breached" },
  at_risk: { tone: "risk", word: "At risk" },
  ok: { tone: "ok", word: "On track" },
  paused: { tone: "neutral", word: "Paused" },
  met: { tone: "neutral", word: "Met" },
  none: { tone: "neutral", word: "No SLA" },
};

/** The state as of `now`: a running clock past its due time has breached, whatever the last read said. */
export function slaStateAt(sla: ApiWorkItem["sla"], now: number): ApiWorkItem["sla"]["state"] {
  if ((sla.state === "ok" || sla.state === "at_risk") && sla.dueAt && Date.parse(sla.dueAt) <= now) return "breached";
  return sla.state;
}

export function SlaCell({ sla, now, closed }: { sla: ApiWorkItem["sla"]; now: number; closed: boolean }) {
  if (closed) return <span className="text-slate-400">—</span>;
  const state = slaStateAt(sla, now);
  const look = LOOK[state];
  const due = sla.dueAt ? Date.parse(sla.dueAt) : null;
  const clock = sla.clocks.find((c) => c.dueAt === sla.dueAt) ?? null;
  let detail = "";
  if (due !== null && state === "breached") detail = `${span(now - due)} over`;
  else if (due !== null && (state === "ok" || state === "at_risk")) detail = `${span(due - now)} left`;
  else if (clock && state === "paused") detail = `${span(clock.remainingMs)} left`;
  const title = clock
    ? `${clock.clock === "response" ? "Response" : clock.clock === "decision" ? "Decision" : "Resolution"} clock (${clock.goal})${detail ? `: ${detail}` : ""}${due ? `; due ${new Date(due).toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}`
    : undefined;
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" title={title} data-sla={state}>
      <Badge tone={look.tone}>{look.word}</Badge>
      {detail ? <span className="hidden text-xs tabular-nums text-slate-600 sm:inline">{detail}</span> : null}
    </span>
  );
}
