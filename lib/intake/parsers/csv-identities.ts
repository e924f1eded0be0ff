// Our own identity CSV (docs/intake-csv.md): one identity per row, RFC 4180, UTF-8 (a BOM is fine), with a header.
//
//   column               required  value
//   system               yes       the platform, e.g. "GitHub", "AWS IAM", "Okta" (≤ 100 characters)
//   external_id          yes       the identity's id there; (system, external_id) is the match key (≤ 1024)
//   name                 yes       what a person calls it (≤ 300)
//   kind                 yes       human, service_account, api_key, token, certificate, secret, workload, agent
//   owner_name                     the accountable person; empty = orphaned
//   owner_email                    their email
//   owner_active                   true/false (also yes/no, 1/0); default true
//   status                         active, disabled, revoked; default active
//   privileged                     true/false; default false
//   interactive_access             true/false; default true for an active human, else false
//   tier                           T1–T4; empty = not set
//   purpose                        the business purpose (≤ 2000)
//   created_at, last_used_at, last_rotated_at, expires_at   ISO 8601: 2024-01-31 or 2024-01-31T09:00:00Z
//   rotation_period_days           a whole number of days, 1–3650
//
// Column names are case-insensitive and may come in any order. A column not in this list refuses the whole file:
// a typo such as "onwer_email" would otherwise drop every owner without a word. Empty cells mean "not given".
import { IDENTITY_KINDS, IDENTITY_STATUSES, TIERS, type IdentityKind, type IdentityStatus, type Tier } from "../../domain/vocabulary";
import type { IdentityRecord, ParseResult, RecordError } from "../types";
import { clean } from "./shared";
import { isBlankRow, isoDate, MAX_EMAIL, MAX_ID, MAX_NAME, readCsvFile } from "./text";

export const CSV_REQUIRED = ["system", "external_id", "name", "kind"] as const;
export const CSV_COLUMNS = [
  ...CSV_REQUIRED,
  "owner_name",
  "owner_email",
  "owner_active",
  "status",
  "privileged",
  "interactive_access",
  "tier",
  "purpose",
  "created_at",
  "last_used_at",
  "last_rotated_at",
  "rotation_period_days",
  "expires_at",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);
const LIMITS: Partial<Record<Column, number>> = { system: 100, external_id: MAX_ID, name: MAX_NAME, owner_name: MAX_NAME, owner_email: MAX_EMAIL, purpose: 2000 };

class Row {
  ok = true;
  constructor(
    private readonly cells: readonly string[],
    private readonly index: Map<string, number>,
    private readonly record: number,
    private readonly errors: RecordError[],
  ) {}

  fail(field: Column, reason: string): null {
    this.ok = false;
    this.errors.push({ record: this.record, field, reason });
    return null;
  }

  /** The trimmed cell, with control characters made spaces; null when empty or the column is absent. */
  text(field: Column, required = false): string | null {
    const i = this.index.get(field);
    const raw = i === undefined ? "" : (this.cells[i] ?? "");
    const max = LIMITS[field] ?? 1000;
    if (raw.length > max * 4) return this.fail(field, `is ${raw.length} characters; at most ${max}`);
    const v = clean(raw, Number.MAX_SAFE_INTEGER);
    if (v === "") return required ? this.fail(field, `is empty; ${field} is required`) : null;
    if (v.length > max) return this.fail(field, `is ${v.length} characters; at most ${max}`);
    return v;
  }

  oneOf<T extends string>(field: Column, values: readonly T[], what: string): T | null {
    const v = this.text(field, field === "kind");
    if (v === null) return null;
    const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
    return hit ?? this.fail(field, `"${clean(v, 40)}" is not ${what}; use one of ${values.join(", ")}`);
  }

  flag(field: Column): boolean | null {
    const v = this.text(field)?.toLowerCase() ?? null;
    if (v === null) return null;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    return this.fail(field, `"${clean(v, 40)}" is not true or false`);
  }

  date(field: Column): string | null {
    const v = this.text(field);
    if (v === null) return null;
    const d = isoDate(v);
    return d.ok ? d.value : this.fail(field, d.reason);
  }
}

function toRecord(r: Row): IdentityRecord | null {
  const system = r.text("system", true);
  const externalId = r.text("external_id", true);
  const name = r.text("name", true);
  const kind = r.oneOf<IdentityKind>("kind", IDENTITY_KINDS, "a kind");
  const ownerName = r.text("owner_name");
  const ownerEmail = r.text("owner_email");
  if (ownerEmail !== null && !EMAIL.test(ownerEmail)) r.fail("owner_email", `"${clean(ownerEmail, 60)}" is not an email address`);
  const ownerActive = r.flag("owner_active");
  const status = r.oneOf<IdentityStatus>("status", IDENTITY_STATUSES, "a status");
  const privileged = r.flag("privileged");
  const interactive = r.flag("interactive_access");
  const tier = r.oneOf<Tier>("tier", TIERS, "a tier");
  const purpose = r.text("purpose");
  const createdAt = r.date("created_at");
  const lastUsedAt = r.date("last_used_at");
  const lastRotatedAt = r.date("last_rotated_at");
  const expiresAt = r.date("expires_at");
  const periodText = r.text("rotation_period_days");
  let rotationPeriodDays: number | null = null;
  if (periodText !== null) {
    const n = /^\d{1,4}$/.test(periodText) ? Number(periodText) : NaN;
    if (n >= 1 && n <= 3650) rotationPeriodDays = n;
    else r.fail("rotation_period_days", `"${clean(periodText, 40)}" is not a number of days from 1 to 3650`);
  }
  if (!r.ok || system === null || externalId === null || name === null || kind === null) return null;
  const state = status ?? "active";
  return {
    type: "identity",
    system,
    externalId,
    name,
    kind,
    ownerName,
    ownerEmail,
    ownerActive: ownerActive ?? true,
    status: state,
    privileged: privileged ?? false,
    interactiveAccess: interactive ?? (kind === "human" && state === "active"),
    createdAt,
    lastUsedAt,
    lastRotatedAt,
    expiresAt,
    credentials: [],
    tier,
    purpose,
    rotationPeriodDays,
  };
}

export function parseCsvIdentities(bytes: Uint8Array): ParseResult {
  const file = readCsvFile(bytes, "an identity CSV", { required: CSV_REQUIRED, allowed: CSV_COLUMNS }, (reason) => `${reason} (see docs/intake-csv.md)`);
  if (!file.ok) return file.failure;
  const { rows, header, index } = file;
  const records: IdentityRecord[] = [];
  const errors: RecordError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const record = i + 1;
    if (isBlankRow(cells)) return;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== "")) {
      errors.push({ record, field: null, reason: `the row has ${cells.length} values but the header has ${header.length} columns; quote any value that contains a comma` });
      return;
    }
    const out = toRecord(new Row(cells, index, record, errors));
    if (out === null) return;
    const key = `${out.system}\u0000${out.externalId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ record, field: "external_id", reason: `the same system and external_id as row ${first}; list each identity once` });
      return;
    }
    seen.set(key, record);
    records.push(out);
  });
  return { records, errors };
}
