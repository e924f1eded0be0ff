// Text helpers the identity-source parsers share (AWS credential report, SCIM, our CSV): an RFC 4180 CSV reader,
// strict ISO dates, and a header check. Decoding (BOM, strict UTF-8, binary junk) is `decodeText` in ./shared.
import type { ParseResult, RecordError } from "../types";
import { clean, decodeText } from "./shared";

export { decodeText } from "./shared";

export const MAX_NAME = 300;
export const MAX_ID = 1024;
export const MAX_EMAIL = 320;

/** A ParseResult holding one file-level error (record 0) and no records. */
export const fileFailure = (error: RecordError | string): ParseResult => ({
  records: [],
  errors: [typeof error === "string" ? { record: 0, field: null, reason: error } : error],
});

export type CsvRead = { ok: true; rows: string[][] } | { ok: false; reason: string };

/**
 * RFC 4180, read leniently where the RFC is silent: fields may be quoted (`""` is a quote inside), quoted fields
 * may span lines, records end with CRLF, LF or a lone CR, and a final line end is optional. A quote inside an
 * unquoted field, or text after a closing quote, is kept as written. An opening quote that never closes is the
 * one failure: everything after it would be swallowed, so the file is refused, naming the row it started on.
 */
export function readCsv(text: string): CsvRead {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && field === "") {
      const start = i;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) break;
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        const line = text.slice(0, start).split(/\r\n|\r|\n/).length;
        return { ok: false, reason: `a quoted field opened on line ${line} (row ${rows.length}) never closes: check for a missing " there` };
      }
    } else if (c === 44 /* , */) {
      row.push(field);
      field = "";
      i++;
    } else if (c === 13 || c === 10) {
      endRow();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      // Take the plain run up to the next delimiter in one slice: long files are mostly this.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 13 || d === 10) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || row.length > 0) endRow();
  return { ok: true, rows };
}

/** A row with nothing in it (a blank line): skipped, but still counted so record numbers match the file. */
export const isBlankRow = (row: readonly string[]) => row.length === 1 && row[0]!.trim() === "";

/**
 * The header's column positions, or the problem with it. `required` must all be present; when `allowed` is given,
 * any other column is refused (a typo would otherwise drop data silently). Names compare trimmed, lower-cased.
 */
export function readHeader(
  header: readonly string[],
  required: readonly string[],
  allowed?: readonly string[],
): { ok: true; index: Map<string, number> } | { ok: false; reason: string } {
  const index = new Map<string, number>();
  const duplicate: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === "") return;
    if (index.has(name)) duplicate.push(name);
    else index.set(name, i);
  });
  const show = (names: string[]) => names.map((s) => `"${clean(s, 60)}"`).join(", ");
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) return { ok: false, reason: `the header is missing the column${missing.length > 1 ? "s" : ""} ${show(missing)}` };
  if (duplicate.length > 0) return { ok: false, reason: `the header names ${show(duplicate)} more than once` };
  if (allowed) {
    const unknown = [...index.keys()].filter((c) => !allowed.includes(c));
    if (unknown.length > 0) {
      return { ok: false, reason: `the header has unknown column${unknown.length > 1 ? "s" : ""} ${show(unknown.slice(0, 10))}; the columns are ${allowed.join(", ")}` };
    }
  }
  return { ok: true, index };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?))?$/i;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * An ISO 8601 date or date-time → `2024-01-31T09:00:00.000Z`, or an error reason. A date alone is midnight UTC;
 * a date-time must say its offset (Z or ±hh:mm), because guessing a zone would move every date. Hand-rolled
 * rather than luxon: a credential report has eight dates a row, and this is ten times faster.
 */
export function isoDate(value: string): { ok: true; value: string } | { ok: false; reason: string } {
  const s = value.trim();
  const bad = { ok: false, reason: `"${clean(s, 40)}" is not a date; use ISO 8601 such as 2024-01-31 or 2024-01-31T09:00:00Z` } as const;
  const m = ISO.exec(s);
  if (m === null) return NO_ZONE.test(s) ? { ok: false, reason: `"${s}" has no time zone; add Z (UTC) or an offset such as +01:00` } : bad;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const ms = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const oh = Number(m[10] ?? 0);
  const om = Number(m[11] ?? 0);
  if (mo! < 1 || mo! > 12 || h! > 23 || mi! > 59 || sec! > 59 || oh > 23 || om > 59) return bad;
  const local = Date.UTC(y!, mo! - 1, d!, h, mi, sec, ms);
  if (new Date(local).getUTCDate() !== d || y! < 1000) return bad; // 2023-02-30 would roll over into March
  const at = local - (m[9] === "-" ? -1 : m[9] === "+" ? 1 : 0) * (oh * 60 + om) * 60_000;
  return { ok: true, value: new Date(at).toISOString() };
}

/** The later of some ISO instants (all from `isoDate`, so they compare as strings), or null. */
export function latest(...values: (string | null)[]): string | null {
  let out: string | null = null;
  for (const v of values) if (v !== null && (out === null || v > out)) out = v;
  return out;
}

/** The earlier of some ISO instants, or null. */
export function earliest(...values: (string | null)[]): string | null {
  let out: string | null = null;
  for (const v of values) if (v !== null && (out === null || v < out)) out = v;
  return out;
}

/**
 * A CSV file with a header, read up to its rows: the text decoded, the cells split, the header checked against
 * the `required` (and, when given, the `allowed`) columns. A failure is the whole file's, worded by `whatFile`.
 */
export function readCsvFile(
  bytes: Uint8Array,
  what: string,
  columns: { required: readonly string[]; allowed?: readonly string[] },
  headerProblem: (reason: string) => string,
): { ok: true; index: Map<string, number>; header: string[]; rows: string[][] } | { ok: false; failure: ParseResult } {
  const decoded = decodeText(bytes, what);
  if (!decoded.ok) return { ok: false, failure: fileFailure(decoded.error) };
  const csv = readCsv(decoded.text);
  if (!csv.ok) return { ok: false, failure: fileFailure(`the file is not valid CSV: ${csv.reason}`) };
  const [header, ...rows] = csv.rows;
  const head = readHeader(header ?? [], columns.required, columns.allowed);
  if (!head.ok) return { ok: false, failure: fileFailure(headerProblem(head.reason)) };
  return { ok: true, index: head.index, header: header ?? [], rows };
}
