// A tiny CSV encoder for downloads (no parsing, so no dependency): RFC 4180 quoting, CRLF line ends, and
// the OWASP "CSV injection" guard, because these files are opened in spreadsheets. A text cell that starts
// with = + - @, a tab or a carriage return would be read as a formula there; it gets a leading apostrophe,
// which spreadsheets show as text and hide. Numbers and booleans are written as they are.
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, terminated by CRLF. */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** A whole file: the header, then each record. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let out = csvRow(header);
  for (const r of rows) out += csvRow(r);
  return out;
}
