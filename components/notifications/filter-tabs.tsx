import Link from "next/link";

/** A row of links that filter a list through the URL; the current one is marked for sight and for screen readers. */
export function FilterTabs({ label, tabs }: { label: string; tabs: { href: string; label: string; count?: number; current: boolean }[] }) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-1">
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.current ? "page" : undefined}
          className={`rounded border px-3 py-1 font-medium ${t.current ? "border-slate-800 bg-slate-800 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
        >
          {t.label}
          {t.count !== undefined ? <span className="ml-1.5 tabular-nums opacity-80">{t.count}</span> : null}
        </Link>
      ))}
    </nav>
  );
}
