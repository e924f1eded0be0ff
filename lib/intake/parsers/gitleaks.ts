// gitleaks JSON report (`gitleaks git|dir --report-format json`): an array of findings, one record each.
// The report does not name the repository; a caller that knows it passes it in `options`.
import type { FindingRecord, ParseResult, Parser, RecordError } from "../types";
import { clean, fieldReader, identityFor, isObject, jsonArrayRecords, MAX_TITLE, nullableClean, redact, severityFor, sha256Hex, toIso } from "./shared";

export interface GitleaksOptions {
  repository?: string;
}

const WHAT = "a gitleaks JSON report";

export function parseGitleaks(bytes: Uint8Array, options: GitleaksOptions = {}): ParseResult {
  const file = jsonArrayRecords(bytes, WHAT);
  if (!file.ok) return { records: [], errors: [file.error] };
  const records: FindingRecord[] = [];
  const errors: RecordError[] = [];
  const repository = options.repository ? clean(options.repository) : null;
  file.items.forEach((item, i) => {
    const finding = readFinding(item, i + 1, errors, repository);
    if (finding) records.push(finding);
  });
  return { records, errors };
}

/** The bytes-only form every intake format has. */
export const gitleaksParser: Parser = (bytes) => parseGitleaks(bytes);

function readFinding(item: unknown, record: number, errors: RecordError[], repository: string | null): FindingRecord | null {
  if (!isObject(item)) {
    errors.push({ record, field: null, reason: "is not a finding object (each element of a gitleaks report is an object)" });
    return null;
  }
  const f = fieldReader(item, record, errors);
  const rule = f.string("RuleID", "the gitleaks rule that matched");
  const fingerprint = f.string("Fingerprint", "a gitleaks report lists one per finding");
  const path = f.string("File", "the file the secret was found in");
  const line = f.integer("StartLine", "the line the secret starts on");
  const secret = f.string("Secret");
  const commit = f.string("Commit");
  const date = f.string("Date");
  const link = f.string("Link");
  if (fingerprint !== null && fingerprint.length > 2048) f.fail("Fingerprint", "is longer than 2,048 characters, which no gitleaks fingerprint is");
  if (!f.ok || rule === null || fingerprint === null || path === null || line === null) return null;

  // `gitleaks --redact` writes "REDACTED" in place of the secret: nothing to hash or name.
  const found = secret !== null && secret !== "REDACTED" ? secret : null;
  const hash = found === null ? null : sha256Hex(found);
  const ruleText = clean(rule, 200);
  const fileText = clean(path);
  const shortCommit = commit === null ? "" : ` (commit ${clean(commit, 12).slice(0, 8)})`;
  return {
    type: "finding",
    fingerprint,
    rule: ruleText,
    title: clean(`${ruleText} in ${fileText}:${line}${shortCommit}`, MAX_TITLE),
    severity: severityFor(rule, null),
    secretRedacted: found === null ? null : redact(found),
    secretHash: hash,
    location: {
      repository,
      file: fileText,
      line,
      commit: nullableClean(commit, 64),
      url: link !== null && /^https:\/\//.test(link) ? clean(link, 2000) : null,
    },
    identity: identityFor(rule, found, hash),
    detectedAt: toIso(date),
    resolved: false,
  };
}
