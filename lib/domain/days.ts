// The calendar days a filter or a period may name. Outside them a day is not plain YYYY-MM-DD once
// arithmetic is done on it (0000-01-01 less 30 days is "-000001-12-02"), PostgreSQL refuses year 0, and
// no remediation work is dated there.
export const EARLIEST_DAY = "1970-01-01";
export const LATEST_DAY = "9999-12-31";
export const DAY_RANGE_MESSAGE = `Choose a day between ${EARLIEST_DAY} and ${LATEST_DAY}.`;

/** Whether a YYYY-MM-DD day lies in the range above (the format itself is checked elsewhere). */
export function dayInRange(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= EARLIEST_DAY && day <= LATEST_DAY;
}
