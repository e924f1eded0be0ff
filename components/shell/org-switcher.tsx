import Link from "next/link";
import { labels } from "@/lib/domain/vocabulary";
import type { MembershipView } from "@/lib/auth/session-user";

/** A disclosure listing the organisations this person belongs to (no script needed). */
export function OrgSwitcher({ current, memberships }: { current: MembershipView; memberships: MembershipView[] }) {
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded px-2 py-1.5 text-white hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        <span className="min-w-0">
          <span className="block text-[11px] uppercase tracking-wide text-slate-400">Organisation</span>
          <span className="block truncate font-semibold">{current.name}</span>
        </span>
        <span aria-hidden className="text-slate-400 group-open:rotate-180">▾</span>
      </summary>
      <ul className="absolute left-0 right-0 z-20 mt-1 min-w-56 rounded border border-slate-200 bg-white py-1 text-slate-800 shadow-lg">
        {memberships.map((m) => (
          <li key={m.orgId}>
            <Link
              href={`/o/${m.slug}`}
              aria-current={m.orgId === current.orgId ? "true" : undefined}
              className="flex items-center justify-between gap-3 px-3 py-1.5 hover:bg-slate-50 aria-[current=true]:font-semibold"
            >
              <span>{m.name}</span>
              <span className="text-xs text-slate-500">{labels.role[m.role]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
