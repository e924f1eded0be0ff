// The AWS IAM credential report (GenerateCredentialReport / GetCredentialReport, decoded CSV): one identity per
// row, its access keys and signing certificates as credentials. The report writes `N/A` (does not apply),
// `no_information` (never used, or not since tracking began) and `not_supported` (the root row) instead of
// dates; all three read as "no date". Columns AWS adds later are ignored; a missing one refuses the file.
import type { CredentialRecord, IdentityRecord, ParseResult, RecordError } from "../types";
import { clean } from "./shared";
import { earliest, isBlankRow, isoDate, latest, MAX_ID, MAX_NAME, readCsvFile } from "./text";

export const AWS_SYSTEM = "AWS IAM";
export const ROOT_USER = "<root_account>";

export const AWS_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;
type Column = (typeof AWS_COLUMNS)[number];

const NO_DATE = new Set(["", "n/a", "no_information", "not_supported"]);

/** Reads one row's cells by column name, collecting a reason per bad cell. */
class Row {
  ok = true;
  constructor(
    private readonly cells: readonly string[],
    private readonly index: Map<string, number>,
    private readonly record: number,
    private readonly errors: RecordError[],
  ) {}

  raw(column: Column): string {
    return (this.cells[this.index.get(column)!] ?? "").trim();
  }

  fail(column: Column, reason: string): null {
    this.ok = false;
    this.errors.push({ record: this.record, field: column, reason });
    return null;
  }

  date(column: Column): string | null {
    const v = this.raw(column);
    if (NO_DATE.has(v.toLowerCase())) return null;
    const d = isoDate(v);
    return d.ok ? d.value : this.fail(column, d.reason);
  }

  /** true / false; `not_supported` (root) and N/A read as null. */
  flag(column: Column): boolean | null {
    const v = this.raw(column).toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
    if (NO_DATE.has(v)) return null;
    return this.fail(column, `"${clean(v, 40)}" is not true or false`);
  }
}

function credential(r: Row, arn: string, n: 1 | 2, what: "access_key" | "cert"): CredentialRecord | null {
  const active = r.flag(`${what}_${n}_active`);
  const lastRotatedAt = r.date(`${what}_${n}_last_rotated`);
  const lastUsedAt = what === "access_key" ? r.date(`access_key_${n}_last_used_date`) : null;
  // A slot with no key says false and N/A throughout; an inactive key still shows when it was made.
  if (active !== true && lastRotatedAt === null) return null;
  return { externalId: `${arn}#${what}_${n}`, kind: what === "cert" ? "certificate" : "api_key", active: active === true, lastRotatedAt, lastUsedAt };
}

function toRecord(r: Row): IdentityRecord | null {
  const user = r.raw("user");
  const arn = r.raw("arn");
  if (user === "") r.fail("user", "the user name is empty; every row of a credential report names a user");
  if (!/^arn:aws[a-z-]*:iam::\d{12}:(root|user\/.+)$/.test(arn)) r.fail("arn", `"${clean(arn, 80)}" is not an IAM user ARN (arn:aws:iam::123456789012:user/name)`);
  else if (arn.length > MAX_ID) r.fail("arn", `the ARN is ${arn.length} characters; at most ${MAX_ID}`);
  const root = user === ROOT_USER;
  const password = r.flag("password_enabled");
  const createdAt = r.date("user_creation_time");
  const passwordUsed = r.date("password_last_used");
  const passwordChanged = r.date("password_last_changed");
  const passwordNext = r.date("password_next_rotation");
  r.flag("mfa_active");
  const credentials = [credential(r, arn, 1, "access_key"), credential(r, arn, 2, "access_key"), credential(r, arn, 1, "cert"), credential(r, arn, 2, "cert")].filter(
    (c): c is CredentialRecord => c !== null,
  );
  if (!r.ok) return null;
  const activeKeys = credentials.filter((c) => c.active && c.kind === "api_key");
  // The root user's console password cannot be reported (`not_supported`) but exists unless removed: treat the
  // root as a person with console access, the most privileged identity in the account.
  const interactive = root || password === true;
  return {
    type: "identity",
    system: AWS_SYSTEM,
    externalId: arn,
    name: clean(user, MAX_NAME),
    kind: interactive ? "human" : "service_account",
    ownerName: null,
    ownerEmail: null,
    ownerActive: true,
    status: "active",
    privileged: root,
    interactiveAccess: interactive,
    createdAt,
    lastUsedAt: latest(passwordUsed, ...credentials.map((c) => c.lastUsedAt)),
    // What rotation is judged on: the oldest active key, else the console password's last change.
    lastRotatedAt: earliest(...activeKeys.map((c) => c.lastRotatedAt)) ?? (password === true ? passwordChanged : null),
    expiresAt: password === true ? passwordNext : null,
    tier: null,
    purpose: null,
    rotationPeriodDays: null,
    credentials,
  };
}

/** The decoded report (the bytes of `GetCredentialReport`'s Content, after base64) → one identity per user. */
export function parseAwsCredentialReport(bytes: Uint8Array): ParseResult {
  const file = readCsvFile(bytes, "an AWS IAM credential report (CSV)", { required: AWS_COLUMNS }, (reason) => `this is not an AWS IAM credential report: ${reason}`);
  if (!file.ok) return file.failure;
  const { rows, header, index } = file;
  const records: IdentityRecord[] = [];
  const errors: RecordError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const record = i + 1;
    if (isBlankRow(cells)) return;
    if (cells.length !== header.length) {
      errors.push({ record, field: null, reason: `the row has ${cells.length} values but the header has ${header.length} columns; check for a stray comma or a cut-off line` });
      return;
    }
    const out = toRecord(new Row(cells, index, record, errors));
    if (out === null) return;
    const first = seen.get(out.externalId);
    if (first !== undefined) {
      errors.push({ record, field: "arn", reason: `the same ARN as row ${first}; a credential report lists each user once` });
      return;
    }
    seen.set(out.externalId, record);
    records.push(out);
  });
  return { records, errors };
}
