// How work items and other rows are named: ids are UUIDs; people say an item's number or its key, ACME-42.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** The human key of a work item: the organisation's slug and the item's number, e.g. ACME-42. */
export function itemKey(slug: string, n: number): string {
  return `${slug.toUpperCase()}-${n}`;
}

/** A number or key (42, ACME-42; slugs may contain dashes). */
export const ITEM_REF = /^(?:[a-z0-9-]+-)?(\d{1,9})$/i;

/** The item number that `ref` names as a number or key, or null. */
export function itemNumber(ref: string): number | null {
  const n = ITEM_REF.exec(ref)?.[1];
  return n ? Number(n) : null;
}
