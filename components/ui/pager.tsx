import Link from "next/link";

/** Keyset pagination: first page and next page (there is no page count without OFFSET). */
export function Pager({ basePath, params, nextCursor, isFirst, shown }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  isFirst: boolean;
  shown: number;
}) {
  const href = (cursor?: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (cursor) q.set("cursor", cursor);
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50";
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-slate-600">
      <span>{shown === 0 ? "No rows" : `Showing ${shown} row${shown === 1 ? "" : "s"}`}</span>
      <span className="flex gap-2">
        {!isFirst ? <Link className={link} href={href()}>First page</Link> : null}
        {nextCursor ? <Link className={link} href={href(nextCursor)} rel="next">Next page →</Link> : null}
      </span>
    </nav>
  );
}
