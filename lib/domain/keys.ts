// The human key of a work item: the organisation's slug and the item's number, e.g. ACME-42.
export function itemKey(slug: string, n: number): string {
  return `${slug.toUpperCase()}-${n}`;
}
