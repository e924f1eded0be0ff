// What every intake parser produces (SPEC §7): pure functions from the bytes of a real format to validated
// records, and an error per bad record (its number, the field, the reason). Secrets never leave a parser in
// clear: a finding carries a redacted form and a SHA-256 of the secret.
import type { IdentityKind, IdentityStatus, Severity, Tier } from "../domain/vocabulary";

export const INTAKE_FORMATS = ["gitleaks", "trufflehog", "github-secret-scanning", "aws-credential-report", "scim-users", "csv"] as const;
export type IntakeFormat = (typeof INTAKE_FORMATS)[number];

/** Where a leaked secret was seen. */
export interface FindingLocation {
  repository?: string | null;
  file?: string | null;
  line?: number | null;
  commit?: string | null;
  url?: string | null;
}

/** The identity a record is about, matched by (system, externalId) in the inventory. */
export interface IdentityRef {
  system: string;
  externalId: string;
  name: string;
  kind: IdentityKind;
}

/** A leaked secret (secret scanners). */
export interface FindingRecord {
  type: "finding";
  /** Stable across scans of the same finding (e.g. gitleaks `Fingerprint`), so re-detection is recognised. */
  fingerprint: string;
  /** The detector or rule (e.g. gitleaks `RuleID`, trufflehog `DetectorName`). */
  rule: string;
  /** A line a person reads in the queue; never the secret. */
  title: string;
  severity: Severity;
  /** e.g. "AKIA…7QX2": enough to recognise, never enough to use. */
  secretRedacted: string | null;
  /** SHA-256 (hex) of the secret as found, to match the same secret elsewhere; null when the format has none. */
  secretHash: string | null;
  location: FindingLocation;
  /** The credential as an inventory identity (kind `secret`, `api_key` or `token`), when one can be named. */
  identity: IdentityRef | null;
  detectedAt: string | null;
  /** The source says it is resolved (e.g. a GitHub alert closed as revoked). */
  resolved: boolean;
}

/** A credential an identity holds (an AWS access key, for instance). */
export interface CredentialRecord {
  externalId: string;
  kind: IdentityKind;
  active: boolean;
  lastRotatedAt: string | null;
  lastUsedAt: string | null;
}

/** An identity as a source of truth describes it (identity providers, cloud credential reports, CSV). */
export interface IdentityRecord {
  type: "identity";
  system: string;
  externalId: string;
  name: string;
  kind: IdentityKind;
  ownerName: string | null;
  ownerEmail: string | null;
  /** Whether the owner is still active at the source (false: deactivated). */
  ownerActive: boolean;
  status: IdentityStatus;
  privileged: boolean;
  /** Console or interactive access (e.g. an AWS password, an active SCIM user). */
  interactiveAccess: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
  lastRotatedAt: string | null;
  expiresAt: string | null;
  /** What only some sources say (an identity CSV); null keeps what the inventory has. */
  tier: Tier | null;
  purpose: string | null;
  rotationPeriodDays: number | null;
  credentials: CredentialRecord[];
}

export type IntakeRecord = FindingRecord | IdentityRecord;

/** A record the parser refused: 1-based record number (0: the file as a whole), the field, why. */
export interface RecordError {
  record: number;
  field: string | null;
  reason: string;
}

export interface ParseResult {
  records: IntakeRecord[];
  errors: RecordError[];
}

export type Parser = (bytes: Uint8Array) => ParseResult;
