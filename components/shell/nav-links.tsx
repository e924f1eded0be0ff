"use client";
import Link from "next/link";
import { useSelectedLayoutSegments } from "next/navigation";

export function NavLinks({ items }: { items: { href: string; label: string; segments: string[]; count?: number; countLabel?: string }[] }) {
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
              className={`flex items-center justify-between gap-2 whitespace-nowrap rounded px-3 py-1.5 font-medium ${
                active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
              }`}
            >
              {item.label}
              {item.count ? (
                <span data-testid={`${item.countLabel ?? "unread"}-count`} className="rounded-full bg-blue-600 px-1.5 text-xs font-semibold leading-5 text-white">
                  {item.count > 99 ? "99+" : item.count}
                  <span className="sr-only"> {item.countLabel ?? "unread"}</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
