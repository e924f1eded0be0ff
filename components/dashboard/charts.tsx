"use client";
// The dashboard's two kinds of chart (Recharts): trends as lines over weeks, distributions as horizontal bars.
// Both draw one Section (lib/domain/metrics-sections.ts); a bar with items behind it opens them on click. The
// table under each chart carries the same numbers and the same links, for keyboard and screen-reader users.
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Section } from "@/lib/domain/metrics-sections";
import { formatFigure, shortWeek } from "./format";

/** Line colours, in column order; the second line of a pair is dashed so it reads without colour too. */
const LINE_COLOURS = ["#1e293b", "#2563eb", "#059669"];
const DASHES = [undefined, "5 3", "2 2"];

/** A bar's colour by its row key: SLA states in their own colours, everything else slate-blue. */
const BAR_TONE: Record<string, string> = {
  breached: "#dc2626",
  closed_breached: "#f87171",
  at_risk: "#d97706",
  met: "#059669",
  verified: "#059669",
  regressed: "#dc2626",
  orphaned: "#d97706",
  rotation_overdue: "#d97706",
  expired_awaiting: "#dc2626",
  expiring: "#d97706",
  P1: "#dc2626",
  P2: "#ea580c",
  P3: "#2563eb",
  P4: "#64748b",
  "90d+": "#dc2626",
  "31-90d": "#d97706",
};

export function TrendChart({ section, columns }: { section: Section; columns?: number[] }) {
  const shown = columns ?? section.columns.map((_, i) => i);
  const data = section.rows.map((r) => ({ label: shortWeek(r.label), ...Object.fromEntries(shown.map((i) => [section.columns[i]!.key, r.values[i]])) }));
  const share = shown.every((i) => section.columns[i]!.unit === "share");
  if (data.length === 0) return <p className="py-10 text-center text-sm text-slate-500">Nothing in this period.</p>;
  return (
    <div className="h-56" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} minTickGap={16} />
          <YAxis
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={44}
            domain={share ? [0, 1] : [0, "auto"]}
            tickFormatter={(v: number) => (share ? `${Math.round(v * 100)}%` : formatFigure(v, "items"))}
          />
          <Tooltip
            formatter={(v, name) => {
              const col = section.columns.find((c) => c.label === name);
              return [formatFigure(typeof v === "number" ? v : null, col?.unit ?? "items"), name];
            }}
            contentStyle={{ fontSize: 12, borderRadius: 4, borderColor: "#cbd5e1" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="plainline" />
          {shown.map((i, n) => (
            <Line
              key={section.columns[i]!.key}
              dataKey={section.columns[i]!.key}
              name={section.columns[i]!.label}
              stroke={LINE_COLOURS[n % LINE_COLOURS.length]}
              strokeDasharray={DASHES[n % DASHES.length]}
              strokeWidth={n === 0 ? 2 : 1.5}
              dot={data.length <= 16 ? { r: 2 } : false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** `tone` colours every bar alike (otherwise each bar takes its row's state colour). */
export function BarsChart({ section, tone }: { section: Section; tone?: string }) {
  const router = useRouter();
  const data = section.rows.map((r) => ({ key: r.key, label: r.label, value: r.values[0] ?? 0, href: r.hrefs[0] }));
  const unit = section.columns[0]!.unit;
  const height = Math.max(96, data.length * 26 + 24);
  return (
    <div style={{ height }} aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 4 }} barCategoryGap={5}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} allowDecimals={unit === "share"}
            domain={unit === "share" ? [0, 1] : [0, "auto"]}
            tickFormatter={(v: number) => (unit === "share" ? `${Math.round(v * 100)}%` : formatFigure(v, unit === "hours" ? "hours" : "items"))}
          />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11, fill: "#334155" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v) => [formatFigure(typeof v === "number" ? v : null, unit), section.columns[0]!.label]} contentStyle={{ fontSize: 12, borderRadius: 4 }} />
          <Bar
            dataKey="value"
            isAnimationActive={false}
            onClick={(entry: { payload?: { href?: string | null } }) => {
              const href = entry.payload?.href;
              if (href) router.push(href);
            }}
          >
            {data.map((d) => (
              <Cell key={d.key} fill={tone ?? BAR_TONE[d.key] ?? "#475569"} cursor={d.href ? "pointer" : "default"} />
            ))}
            <LabelList dataKey="value" position="right" fontSize={11} fill="#334155" formatter={(v: unknown) => formatFigure(typeof v === "number" ? v : null, unit)} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
