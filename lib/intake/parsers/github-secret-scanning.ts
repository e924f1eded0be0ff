// GitHub secret scanning alerts, as `GET /repos/{owner}/{repo}/secret-scanning/alerts` or the organisation
// endpoint returns them: a JSON array of alerts. The fingerprint is "github:<owner/repo>:<number>", stable for
// the alert's life. The repository comes from `repository.full_name` (organisation listing), else from the
// caller, else from the alert's own `html_url`/`url`.
import type { FindingRecord, ParseResult, Parser, RecordError } from "../types";
import { clean, fieldReader, identityFor, isObject, jsonArrayRecords, MAX_TITLE, nullableClean, redact, severityFor, sha256Hex, toIso } from "./shared";

export interface GithubSecretScanningOptions {
  /** "owner/repo", for alerts from the repository endpoint, which do not name it. */
  repository?: string;
}

const WHAT = "GitHub secret scanning alerts (a JSON array)";
const STATES = ["open", "resolved"];
const RESOLUTIONS = ["false_positive", "wont_fix", "revoked", "used_in_tests", "pattern_edited", "pattern_deleted"];

export function parseGithubSecretScanning(bytes: Uint8Array, options: GithubSecretScanningOptions = {}): ParseResult {
  const file = jsonArrayRecords(bytes, WHAT);
  if (!file.ok) return { records: [], errors: [file.error] };
  const records: FindingRecord[] = [];
  const errors: RecordError[] = [];
  file.items.forEach((item, i) => {
    const alert = readAlert(item, i + 1, errors, options.repository ?? null);
    if (alert) records.push(alert);
  });
  return { records, errors };
}

export const githubSecretScanningParser: Parser = (bytes) => parseGithubSecretScanning(bytes);

const REPO_IN_URL = /^https:\/\/(?:api\.github\.com\/repos\/|[^/]+\/)([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/(?:security\/)?secret-scanning\//;

function readAlert(item: unknown, record: number, errors: RecordError[], fallbackRepo: string | null): FindingRecord | null {
  if (!isObject(item)) {
    errors.push({ record, field: null, reason: "is not an alert object (each element of the alerts list is an object)" });
    return null;
  }
  const f = fieldReader(item, record, errors);
  const number = f.integer("number", "GitHub numbers every alert within its repository");
  const state = f.string("state", "open or resolved");
  const resolution = f.string("resolution");
  const secretType = f.string("secret_type", "the kind of secret GitHub detected");
  const displayName = f.string("secret_type_display_name");
  const secret = f.string("secret");
  const validity = f.string("validity");
  const createdAt = f.string("created_at");
  const htmlUrl = f.string("html_url");
  const apiUrl = f.string("url");
  const bypassed = f.boolean("push_protection_bypassed");
  const publiclyLeaked = f.boolean("publicly_leaked");
  const repo = f.object("repository");
  const repoName = repo === null ? null : fieldReader(repo, record, errors, "repository.").string("full_name");
  const first = f.object("first_location_detected");
  const firstLoc = first === null ? null : fieldReader(first, record, errors, "first_location_detected.");
  const path = firstLoc?.string("path") ?? null;
  const line = firstLoc?.integer("start_line") ?? null;
  const commit = firstLoc?.string("commit_sha") ?? null;
  if (state !== null && !STATES.includes(state)) f.fail("state", `must be "open" or "resolved", got "${clean(state, 40)}"`);
  if (resolution !== null && !RESOLUTIONS.includes(resolution)) f.fail("resolution", `is not a GitHub resolution (${RESOLUTIONS.join(", ")})`);
  if (number === 0) f.fail("number", "must be 1 or more");
  const repository = repoName ?? fallbackRepo ?? REPO_IN_URL.exec(htmlUrl ?? "")?.[1] ?? REPO_IN_URL.exec(apiUrl ?? "")?.[1] ?? null;
  if (repository === null && number !== null) f.fail("repository", "missing: the alert names no repository (pass one for alerts from the repository endpoint)");
  if (!f.ok || number === null || state === null || secretType === null || repository === null) return null;

  const repoText = clean(repository, 300);
  const label = clean(displayName ?? secretType, 120);
  const hash = secret === null ? null : sha256Hex(secret);
  // GitHub's own check: "active" works, "inactive" no longer does, anything else is unknown.
  const live = validity === "active" ? true : validity === "inactive" ? false : null;
  const flags = [bypassed ? "push protection bypassed" : null, publiclyLeaked ? "publicly leaked" : null].filter(Boolean).join(", ");
  return {
    type: "finding",
    fingerprint: `github:${repoText}:${number}`,
    rule: clean(secretType, 200),
    title: clean(`${label} in ${repoText} (alert #${number}${flags ? `, ${flags}` : ""})`, MAX_TITLE),
    // A publicly leaked secret that is not known to be dead is treated as live.
    severity: severityFor(secretType, live === null && publiclyLeaked ? true : live),
    secretRedacted: secret === null ? null : redact(secret),
    secretHash: hash,
    location: {
      repository: repoText,
      file: nullableClean(path),
      line: line === null || line === 0 ? null : line,
      commit: nullableClean(commit, 64),
      url: htmlUrl !== null && /^https:\/\//.test(htmlUrl) ? clean(htmlUrl, 2000) : null,
    },
    identity: identityFor(secretType, secret, hash),
    detectedAt: toIso(createdAt),
    resolved: state === "resolved",
  };
}
