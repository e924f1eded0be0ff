"use client";
import Link from "next/link";
import { useSelectedLayoutSegments } from "next/navigation";

export function NavLinks({ items }: { items: { href: string; label: string; segments: string[] }[] }) {
  const path = useSelectedLayoutSegments().join("/");
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
      {items.map((item) => {
        const active = item.segments.some((s) => path === s || path.startsWith(`${s}/`));
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`block whitespace-nowrap rounded px-3 py-1.5 font-medium ${
                active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
              }`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
