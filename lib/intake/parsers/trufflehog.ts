// trufflehog JSON lines (`trufflehog … --json`): one finding per line; the record number is the line number.
// Blank lines are skipped, and so are trufflehog's own log lines when stderr was captured with stdout.
//
// trufflehog has no fingerprint, so one is derived: "trufflehog:" + SHA-256 of [detector, RawV2 or Raw,
// repository, file, line, commit]. Those are what stay the same when the same leak is scanned again; left out
// are what changes between runs of the same leak (SourceID, the commit timestamp text, Verified — a revoked key
// is still the same leak — ExtraData, DecoderName). Hashed, never concatenated, so no secret is in the value.
import type { FindingLocation, FindingRecord, ParseResult, Parser, RecordError } from "../types";
import { clean, decodeText, fieldReader, identityFor, isObject, MAX_TITLE, nullableClean, own, parseJson, redact, severityFor, sha256Hex, toIso } from "./shared";

const WHAT = "trufflehog JSON lines";

export function parseTrufflehog(bytes: Uint8Array): ParseResult {
  const decoded = decodeText(bytes, WHAT);
  if (!decoded.ok) return { records: [], errors: [decoded.error] };
  const records: FindingRecord[] = [];
  const errors: RecordError[] = [];
  let jsonLines = 0;
  decoded.text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const record = i + 1;
    const parsed = parseJson(line);
    if (!parsed.ok) return void errors.push({ record, field: null, reason: `line ${record} ${parsed.reason}` });
    jsonLines++;
    if (!isObject(parsed.value)) return void errors.push({ record, field: null, reason: `line ${record} is not a JSON object (trufflehog writes one object per line)` });
    if (isLogLine(parsed.value)) return;
    const finding = readFinding(parsed.value, record, errors);
    if (finding) records.push(finding);
  });
  // Not one line of JSON: the file is something else altogether, which is one problem, not one per line.
  if (jsonLines === 0) return { records: [], errors: [{ record: 0, field: null, reason: `the file is not ${WHAT}: no line is JSON` }] };
  if (records.length === 0 && errors.length === 0) {
    errors.push({ record: 0, field: null, reason: "the file holds no trufflehog findings, only log lines" });
  }
  return { records, errors };
}

export const trufflehogParser: Parser = parseTrufflehog;

const isLogLine = (o: Record<string, unknown>) => own(o, "level") !== undefined && own(o, "msg") !== undefined && own(o, "DetectorName") === undefined;

function readFinding(o: Record<string, unknown>, record: number, errors: RecordError[]): FindingRecord | null {
  const f = fieldReader(o, record, errors);
  const detector = f.string("DetectorName", "the trufflehog detector that matched");
  const raw = f.string("Raw", "the secret trufflehog found");
  const rawV2 = f.string("RawV2");
  const verified = f.boolean("Verified");
  const metadata = f.object("SourceMetadata", "where trufflehog found the secret");
  const data = metadata === null ? null : fieldReader(metadata, record, errors, "SourceMetadata.").object("Data", "the source's details");
  const location = data === null ? null : readLocation(data, record, errors);
  if (!f.ok || detector === null || raw === null || location === null) return null;

  const { where, timestamp } = location;
  const secret = raw;
  const fingerprint = `trufflehog:${sha256Hex(JSON.stringify([detector.toLowerCase(), rawV2 ?? raw, where.repository ?? "", where.file ?? "", where.line ?? null, where.commit ?? ""]))}`;
  const hash = sha256Hex(secret);
  const name = clean(detector, 200);
  const place = where.file ? `${where.file}${where.line ? `:${where.line}` : ""}` : (where.repository ?? "an unnamed source");
  return {
    type: "finding",
    fingerprint,
    rule: name,
    title: clean(`${name}${verified ? " (verified)" : ""} in ${place}${where.commit ? ` (commit ${where.commit.slice(0, 8)})` : ""}`, MAX_TITLE),
    // Unverified is not the same as dead: trufflehog may not have tried, so it never lowers severity.
    severity: severityFor(detector, verified === true ? true : null),
    secretRedacted: redact(secret),
    secretHash: hash,
    location: where,
    identity: identityFor(detector, secret, hash),
    detectedAt: toIso(timestamp),
    resolved: false,
  };
}

/** `SourceMetadata.Data` holds one key naming the source (Git, Github, Filesystem, Gitlab, S3…). */
function readLocation(data: Record<string, unknown>, record: number, errors: RecordError[]): { where: FindingLocation; timestamp: string | null } | null {
  const kind = Object.keys(data).find((k) => isObject(data[k]));
  if (kind === undefined) {
    errors.push({ record, field: "SourceMetadata.Data", reason: "names no source (expected an object such as Git or Filesystem)" });
    return null;
  }
  const source = data[kind] as Record<string, unknown>;
  const s = fieldReader(source, record, errors, `SourceMetadata.Data.${clean(kind, 40)}.`);
  const file = s.string("file");
  const line = s.integer("line");
  const commit = s.string("commit");
  const repository = s.string("repository");
  const link = s.string("link");
  const timestamp = s.string("timestamp");
  if (!s.ok) return null;
  return {
    where: {
      repository: nullableClean(repository),
      file: nullableClean(file),
      line: line === null || line === 0 ? null : line,
      commit: nullableClean(commit, 64),
      url: link !== null && /^https:\/\//.test(link) ? clean(link, 2000) : null,
    },
    timestamp,
  };
}
