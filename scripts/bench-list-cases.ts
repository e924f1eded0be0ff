// The work-item list cases of SPEC §12, shared by bench:api (over HTTP) and bench:list-sql (the same query run
// directly), so the two measure the same pages and bench can put them side by side as a ratio.

export const LIST_LIMIT = 50;

export interface ListCase {
  /** The name both benchmarks print (a deep case gets the pages walked appended). */
  name: string;
  /** Query parameters of GET /api/v1/work-items (limit is added). */
  params: Record<string, string>;
  /** Walk this many keyset pages first and measure the page after them. */
  deep?: boolean;
}

export const LIST_CASES: ListCase[] = [
  { name: "first page, newest first", params: {} },
  { name: "first page, SLA due first", params: { sort: "sla" } },
  { name: "deep page, SLA due first", params: { sort: "sla" }, deep: true },
  { name: "open P1, SLA due first", params: { status: "open", priority: "P1", sort: "sla" } },
  { name: "open P1, SLA due first, deep", params: { status: "open", priority: "P1", sort: "sla" }, deep: true },
  { name: "in validation, by priority", params: { stage: "validation", sort: "priority" } },
];

/** The case's name as printed: deep cases say how many pages in they are. */
export const caseName = (c: ListCase, pagesWalked: number) => (c.deep ? `${c.name} (${pagesWalked} pages in)` : c.name);

export const ITEM_DETAIL = "item detail (soonest due)";

/** Walks up to `depth` pages with `fetchPage` and returns the cursor of the page after them. */
export async function deepCursor(
  depth: number,
  fetchPage: (cursor: string | null) => Promise<{ nextCursor: string | null }>,
): Promise<{ cursor: string; pages: number }> {
  let cursor: string | null = null;
  let pages = 0;
  for (; pages < depth; pages++) {
    const p = await fetchPage(cursor);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  if (!cursor) throw new Error("The organisation has a single page of these items: seed more with npm run db:seed -- --scale M.");
  return { cursor, pages };
}
