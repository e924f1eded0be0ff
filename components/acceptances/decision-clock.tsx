// The decision clock (the client's SLA clock while an acceptance waits) as a badge: due in, at risk, overdue.
import { Badge } from "@/components/ui/badge";
import { duration } from "@/components/sla/sla-panel";
import type { LiveClock } from "@/lib/domain/sla/snapshot";

export function DecisionClock({ clock }: { clock: LiveClock | null }) {
  if (!clock || clock.mode === "stopped") return null;
  if (clock.state === "breached") return <Badge tone="breach" title={`Decision target ${duration(clock.targetMs)} (${clock.goal})`}>Decision overdue {duration(-clock.remainingMs)}</Badge>;
  return (
    <Badge tone={clock.atRisk ? "risk" : "ok"} title={`Decision target ${duration(clock.targetMs)} (${clock.goal}), working time on the ${clock.calendar} calendar`}>
      Decide within {duration(clock.remainingMs)}
    </Badge>
  );
}
