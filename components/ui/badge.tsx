import type { ReactNode } from "react";

const tones = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  accent: "bg-blue-50 text-blue-800 ring-blue-200",
  ok: "bg-green-50 text-green-800 ring-green-200",
  risk: "bg-amber-50 text-amber-900 ring-amber-200",
  breach: "bg-red-50 text-red-800 ring-red-200",
  dark: "bg-slate-800 text-white ring-slate-800",
} as const;

export type Tone = keyof typeof tones;

export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}
