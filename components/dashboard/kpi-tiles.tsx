// The figures an executive reads first, each a link to the items that make it, coloured by state: red for
// breaches, amber for what is about to breach, green for compliance at or above target.
import Link from "next/link";
import type { MetricsSummary } from "@/lib/schemas/metrics";
import type { Section } from "@/lib/domain/metrics-sections";
import { formatFigure } from "./format";

type Tone = "neutral" | "ok" | "risk" | "breach";
const TONE: Record<Tone, string> = {
  neutral: "border-slate-200 before:bg-slate-300",
  ok: "border-slate-200 before:bg-emerald-500",
  risk: "border-slate-200 before:bg-amber-500",
  breach: "border-slate-200 before:bg-red-600",
};
const VALUE_TONE: Record<Tone, string> = { neutral: "text-slate-900", ok: "text-emerald-700", risk: "text-amber-700", breach: "text-red-700" };

/** SLA compliance at or above this share is on target. */
export const COMPLIANCE_TARGET = 0.9;

export function KpiTiles({ summary: s, headline }: { summary: MetricsSummary; headline: Section }) {
  const href = (key: string) => headline.rows.find((r) => r.key === key)?.hrefs[0] ?? null;
  const compliance = s.sla.compliance;
  const tiles: { key: string; label: string; value: string; sub: string; tone: Tone }[] = [
    { key: "open", label: "Open items", value: formatFigure(s.backlog.total, "items"), sub: `${formatFigure(s.backlog.byPriority.P1 ?? 0, "items")} at P1`, tone: "neutral" },
    { key: "breached", label: "Breached now", value: formatFigure(s.sla.breached, "items"), sub: "past an SLA target", tone: s.sla.breached > 0 ? "breach" : "ok" },
    { key: "at_risk", label: "At risk now", value: formatFigure(s.sla.atRisk, "items"), sub: "close to a target", tone: s.sla.atRisk > 0 ? "risk" : "ok" },
    {
      key: "compliance",
      label: "SLA compliance",
      value: formatFigure(compliance, "share"),
      sub: `${s.sla.closedWithinTarget} of ${s.sla.closedInPeriod} closed within target`,
      tone: compliance === null ? "neutral" : compliance >= COMPLIANCE_TARGET ? "ok" : compliance >= 0.75 ? "risk" : "breach",
    },
    {
      key: "revocation_median",
      label: "Revocation time (median)",
      value: formatFigure(s.revocationTime.medianHours, "hours"),
      sub: `p90 ${formatFigure(s.revocationTime.p90Hours, "hours")} · ${s.revocationTime.count} verified`,
      tone: "neutral",
    },
    {
      key: "rotation_median",
      label: "Rotation time (median)",
      value: formatFigure(s.rotationTime.medianHours, "hours"),
      sub: `p90 ${formatFigure(s.rotationTime.p90Hours, "hours")} · ${s.rotationTime.count} verified`,
      tone: "neutral",
    },
    {
      key: "exceptions_expiring",
      label: "Exceptions expiring ≤ 30 days",
      value: formatFigure(s.exceptions.expiringWithin30Days, "items"),
      sub: `${s.exceptions.active} active · ${s.exceptions.expiredAwaitingDecision} expired awaiting`,
      tone: s.exceptions.expiredAwaitingDecision > 0 ? "breach" : s.exceptions.expiringWithin30Days > 0 ? "risk" : "ok",
    },
    {
      key: "orphaned",
      label: "Orphaned identities",
      value: formatFigure(s.identities.orphaned, "items"),
      sub: `${s.identities.standingPrivileged} privileged · ${s.identities.rotationOverdue} overdue rotation`,
      tone: s.identities.orphaned > 0 ? "risk" : "ok",
    },
  ];
  return (
    <ul className="mb-4 grid grid-cols-2 gap-2 lg:grid-cols-4" aria-label="Headline figures">
      {tiles.map((t) => {
        const to = href(t.key);
        const body = (
          <>
            <span className="block text-xs font-medium text-slate-500">{t.label}</span>
            <span className={`mt-0.5 block text-2xl font-semibold tabular-nums tracking-tight ${VALUE_TONE[t.tone]}`} data-kpi={t.key}>
              {t.value}
            </span>
            <span className="block truncate text-xs text-slate-500">{t.sub}</span>
          </>
        );
        const cls = `relative block h-full overflow-hidden rounded border bg-white py-2 pl-4 pr-3 before:absolute before:inset-y-0 before:left-0 before:w-1 ${TONE[t.tone]}`;
        return (
          <li key={t.key}>
            {to ? (
              <Link href={to} className={`${cls} hover:bg-slate-50 focus:outline-2 focus:outline-blue-600`}>
                {body}
              </Link>
            ) : (
              <div className={cls}>{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
