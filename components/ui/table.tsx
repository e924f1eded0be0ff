// The console's table header: one look for every list (queue, identities, members, tokens).
import type { ReactNode } from "react";

export function Thead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
      <tr>{children}</tr>
    </thead>
  );
}

/** A column header; `className` adds responsive hiding or alignment (e.g. "hidden md:table-cell"). */
export function Th({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`px-3 py-2 font-medium ${className}`}>
      {children}
    </th>
  );
}
