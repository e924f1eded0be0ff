// Helpers the secret-scanner parsers share: decoding untrusted bytes, reading JSON with record numbers, typed
// field reads that report what is wrong, display-safe text, redaction, hashing, and the severity/identity rules.
import { Buffer, isUtf8 } from "node:buffer";
import * as nodeCrypto from "node:crypto";
import type { IdentityKind, Severity } from "../../domain/vocabulary";
import type { IdentityRef, RecordError } from "../types";

/** Larger files are refused before decoding: a report this size is a mistake or an attack. */
export const MAX_BYTES = 256 * 1024 * 1024;
export const MAX_TITLE = 300;
export const MAX_TEXT = 1000;

export type Obj = Record<string, unknown>;
type Decoded = { ok: true; text: string } | { ok: false; error: RecordError };

const fileError = (reason: string): RecordError => ({ record: 0, field: null, reason });

/**
 * Bytes → text, or one file-level error: empty, too large, binary (a NUL byte in the first 8,000 bytes, git's
 * test), or not UTF-8. A leading byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array, what: string): Decoded {
  if (bytes.byteLength > MAX_BYTES) return { ok: false, error: fileError(`the file is larger than ${MAX_BYTES / 1024 / 1024} MiB`) };
  if (bytes.subarray(0, 8000).includes(0)) return { ok: false, error: fileError(`the file is binary, not ${what}`) };
  if (!isUtf8(bytes)) return { ok: false, error: fileError(`the file is not UTF-8 text, so it cannot be ${what}`) };
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") return { ok: false, error: fileError(`the file is empty; expected ${what}`) };
  return { ok: true, text };
}

/** JSON.parse without echoing the input: engine messages quote the text, which may hold a secret. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (/end of JSON input|Unterminated/i.test(message)) return { ok: false, reason: "is not valid JSON: it ends before the JSON is complete (truncated?)" };
    const at = /position (\d+)/.exec(message)?.[1];
    return { ok: false, reason: `is not valid JSON${at === undefined ? "" : ` (at character ${at})`}` };
  }
}

/** A whole-file JSON array of objects: the elements with their 1-based record numbers, or one file-level error. */
export function jsonArrayRecords(bytes: Uint8Array, what: string): { ok: true; items: unknown[] } | { ok: false; error: RecordError } {
  const decoded = decodeText(bytes, what);
  if (!decoded.ok) return decoded;
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return { ok: false, error: fileError(`the file ${parsed.reason}; expected ${what}`) };
  if (!Array.isArray(parsed.value)) {
    const got = parsed.value === null ? "null" : typeof parsed.value === "object" ? "an object" : `a ${typeof parsed.value}`;
    return { ok: false, error: fileError(`the file holds ${got} at the top level; expected ${what} (a JSON array)`) };
  }
  return { ok: true, items: parsed.value };
}

export const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** An own property only: `__proto__` and friends in hostile input are plain data, never the prototype chain. */
export const own = (o: Obj, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);

/**
 * Typed reads of one record's fields; each problem is pushed as an error naming the field (with `prefix`, e.g.
 * "SourceMetadata.Data.Git.") and `ok` turns false. A class, not a closure: it runs once per record.
 */
export class FieldReader {
  ok = true;
  constructor(
    private readonly o: Obj,
    private readonly record: number,
    private readonly errors: RecordError[],
    private readonly prefix = "",
  ) {}

  fail(field: string, reason: string): null {
    this.ok = false;
    this.errors.push({ record: this.record, field: this.prefix + field, reason });
    return null;
  }

  /** `missing`: the reason when absent or empty (required); omit for optional fields, which read as null. */
  string(field: string, missing?: string): string | null {
    const v = own(this.o, field);
    if (v === undefined || v === null || v === "") return missing === undefined ? null : this.fail(field, `missing (${missing})`);
    return typeof v === "string" ? v : this.fail(field, `must be a string, got ${typeName(v)}`);
  }

  integer(field: string, missing?: string): number | null {
    const v = own(this.o, field);
    if (v === undefined || v === null) return missing === undefined ? null : this.fail(field, `missing (${missing})`);
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) return this.fail(field, `must be a whole number of 0 or more, got ${typeName(v)}`);
    return v;
  }

  boolean(field: string): boolean | null {
    const v = own(this.o, field);
    if (v === undefined || v === null) return null;
    return typeof v === "boolean" ? v : this.fail(field, `must be true or false, got ${typeName(v)}`);
  }

  object(field: string, missing?: string): Obj | null {
    const v = own(this.o, field);
    if (v === undefined || v === null) return missing === undefined ? null : this.fail(field, `missing (${missing})`);
    return isObject(v) ? v : this.fail(field, `must be an object, got ${typeName(v)}`);
  }
}

export const fieldReader = (o: Obj, record: number, errors: RecordError[], prefix = "") => new FieldReader(o, record, errors, prefix);

// C0/C1 controls and the bidirectional overrides that make a file name read differently from what it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** Text fit to show a person: controls become spaces, capped at `max` characters (with an ellipsis). */
export function clean(value: string, max = MAX_TEXT): string {
  const s = (value.length > max * 4 ? value.slice(0, max * 4) : value).replace(UNSAFE, " ").trim();
  if (s.length <= max) return s;
  let cut = s.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export const nullableClean = (value: string | null, max = MAX_TEXT) => (value === null ? null : clean(value, max) || null);

/** "AKIA…7QX2": the first and last four characters; shorter than 16 characters, fully masked. */
export function redact(secret: string): string {
  if (!/[\ud800-\udfff\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(secret)) {
    return secret.length < 16 ? "********" : `${secret.slice(0, 4)}…${secret.slice(-4)}`;
  }
  const chars = Array.from(secret.replace(UNSAFE, ""));
  if (chars.length < 16) return "********";
  return `${chars.slice(0, 4).join("")}…${chars.slice(-4).join("")}`;
}

// The one-shot crypto.hash (Node 20.12 and later) digests a short string several times faster than a Hash object;
// both hash the UTF-8 bytes, so the digest is the same.
const hashOnce = nodeCrypto.hash as typeof nodeCrypto.hash | undefined;
export const sha256Hex = (value: string): string => (hashOnce ? hashOnce("sha256", value, "hex") : nodeCrypto.createHash("sha256").update(value, "utf8").digest("hex"));

// A report's findings mostly repeat the date of a few commits: the last one read is kept.
let lastDate: { value: string; iso: string | null } = { value: "", iso: null };

/** An ISO-8601 instant, or null. Accepts RFC 3339 and Go's default `2006-01-02 15:04:05 -0700 MST` (trufflehog). */
export function toIso(value: string | null): string | null {
  if (value === null) return null;
  if (lastDate.value !== value) lastDate = { value, iso: readInstant(value) };
  return lastDate.iso;
}

function readInstant(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ([+-]\d{2})(\d{2})/.exec(value);
  const candidate = go ? `${go[1]}T${go[2]}${go[3]}:${go[4]}` : value;
  if (!/^\d{4}-\d{2}-\d{2}/.test(candidate)) return null;
  const t = Date.parse(candidate);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

// Provider patterns, matched against a rule id, detector name or GitHub secret type ("aws-access-token",
// "AWS", "aws_access_key_id"). Order matters: the first match names the system.
const PROVIDERS: [RegExp, string][] = [
  [/aws|amazon/i, "AWS"],
  [/github/i, "GitHub"],
  [/gitlab/i, "GitLab"],
  [/gcp|google/i, "Google Cloud"],
  [/azure|microsoft/i, "Azure"],
  [/stripe/i, "Stripe"],
  [/slack/i, "Slack"],
  [/twilio/i, "Twilio"],
  [/sendgrid/i, "SendGrid"],
  [/npm/i, "npm"],
  [/pypi/i, "PyPI"],
  [/openai/i, "OpenAI"],
  [/anthropic/i, "Anthropic"],
  [/datadog/i, "Datadog"],
  [/shopify/i, "Shopify"],
];
const PRIVATE_KEY = /private[-_ ]?key|ssh/i;

/** The platform a detector names, or null for generic detectors (high entropy, URI, passwords…). */
export function providerOf(rule: string): string | null {
  for (const [pattern, system] of PROVIDERS) if (pattern.test(rule)) return system;
  return null;
}

/**
 * Severity, in order: the source says the credential works (`live`: trufflehog Verified, GitHub validity
 * "active") → critical; it says the credential no longer works → low; a private key or a named provider's
 * credential (cloud, source control, payments, messaging) → high; anything generic → medium.
 */
export function severityFor(rule: string, live: boolean | null): Severity {
  if (live === true) return "critical";
  if (live === false) return "low";
  return ruleFacts(rule).named ? "high" : "medium";
}

// A report holds a handful of rules many times over: classify each once.
const factsCache = new Map<string, { named: boolean; system: string; kind: IdentityKind }>();
function ruleFacts(rule: string) {
  let facts = factsCache.get(rule);
  if (facts === undefined) {
    const privateKey = PRIVATE_KEY.test(rule);
    const provider = providerOf(rule);
    const kind: IdentityKind = privateKey ? "secret" : /token|pat\b|_pat|-pat|jwt|oauth/i.test(rule) ? "token" : /key|aws|stripe/i.test(rule) ? "api_key" : "secret";
    facts = { named: privateKey || provider !== null, system: provider ?? (privateKey ? "Private key" : "Generic"), kind };
    if (factsCache.size > 10_000) factsCache.clear();
    factsCache.set(rule, facts);
  }
  return facts;
}

const AWS_KEY_ID = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/;

/**
 * The credential as an identity: system from the detector, kind from its name (token / key / other), externalId
 * the AWS access key id when that is what was found (not a secret: AWS shows it in consoles and logs), otherwise
 * `sha256:` and the first 16 hex digits of the secret's hash. Named by its redacted form.
 */
export function identityFor(rule: string, secret: string | null, hash: string | null): IdentityRef | null {
  if (secret === null || hash === null) return null;
  const { system, kind } = ruleFacts(rule);
  const keyId = AWS_KEY_ID.test(secret);
  return { system, kind: keyId ? "api_key" : kind, externalId: keyId ? secret : `sha256:${hash.slice(0, 16)}`, name: redact(secret) };
}
