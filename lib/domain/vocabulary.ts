// The product's vocabulary (SPEC §1, §2, §7), shared by the schema, the domain and the UI.
export const ROLES = ["analyst", "lead", "owner", "executive", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const STAGES = ["intake", "prioritisation", "validation", "implementation", "evidence", "closure", "closed"] as const;
export type Stage = (typeof STAGES)[number];

export const RESOLUTIONS = ["remediated", "risk_accepted", "invalid", "duplicate", "cancelled"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TIERS = ["T1", "T2", "T3", "T4"] as const;
export type Tier = (typeof TIERS)[number];

export const WAITING_ON = ["provider", "client", "third_party"] as const;
export type WaitingOn = (typeof WAITING_ON)[number];

export const WORK_ITEM_TYPES = [
  "access_review",
  "revocation",
  "privileged_onboarding",
  "privileged_offboarding",
  "recertification",
  "secret_rotation",
  "orphan_assignment",
  "finding_remediation",
  "exception_review",
  "access_request",
] as const;
export type WorkItemType = (typeof WORK_ITEM_TYPES)[number];

export const EVIDENCE_KINDS = ["note", "link", "file", "system_check"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const TREATMENTS = ["accept", "mitigate", "transfer", "avoid"] as const;
export type Treatment = (typeof TREATMENTS)[number];

/**
 * A risk acceptance's state. `pending`: waiting for its first decision; `approved`: in force until it expires;
 * `rejected`; `expired`: its date passed and the item reopened; `withdrawn`: ended before a decision or before
 * its expiry (the item was closed another way, or reopened by an owner).
 */
export const ACCEPTANCE_STATUSES = ["pending", "approved", "rejected", "expired", "withdrawn"] as const;
export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];

export const DECISIONS = ["approve", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

export const API_SCOPES = ["items:read", "items:write", "intake:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const IDENTITY_KINDS = ["human", "service_account", "api_key", "token", "certificate", "secret", "workload", "agent"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const IDENTITY_STATUSES = ["active", "disabled", "revoked"] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** What uses a credential (SPEC §7's dependency map). */
export const CONSUMER_KINDS = ["system", "workload", "pipeline", "repository"] as const;
export type ConsumerKind = (typeof CONSUMER_KINDS)[number];
/** How a consumer was dealt with when its credential was rotated or revoked. */
export const CONSUMER_OUTCOMES = ["updated", "cut_off"] as const;
export type ConsumerOutcome = (typeof CONSUMER_OUTCOMES)[number];
/** An access review's answer (SPEC §8), and a campaign's default action for what is left undecided. */
export const REVIEW_DECISIONS = ["certify", "revoke"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const labels = {
  stage: {
    intake: "Intake",
    prioritisation: "Prioritisation",
    validation: "Validation",
    implementation: "Implementation",
    evidence: "Evidence",
    closure: "Closure",
    closed: "Closed",
  } satisfies Record<Stage, string>,
  type: {
    access_review: "Access review",
    revocation: "Revocation",
    privileged_onboarding: "Privileged onboarding",
    privileged_offboarding: "Privileged offboarding",
    recertification: "Recertification",
    secret_rotation: "Secret rotation",
    orphan_assignment: "Orphan assignment",
    finding_remediation: "Finding remediation",
    exception_review: "Exception review",
    access_request: "Access request",
  } satisfies Record<WorkItemType, string>,
  kind: {
    human: "Human",
    service_account: "Service account",
    api_key: "API key",
    token: "Token",
    certificate: "Certificate",
    secret: "Secret",
    workload: "Workload",
    agent: "Agent",
  } satisfies Record<IdentityKind, string>,
  consumerKind: { system: "System", workload: "Workload", pipeline: "Pipeline", repository: "Repository" } satisfies Record<ConsumerKind, string>,
  consumerOutcome: { updated: "Updated", cut_off: "Cut off" } satisfies Record<ConsumerOutcome, string>,
  reviewDecision: { certify: "Certify (keep)", revoke: "Revoke" } satisfies Record<ReviewDecision, string>,
  role: {
    analyst: "Analyst",
    lead: "Lead",
    owner: "Programme owner",
    executive: "Executive",
    admin: "Administrator",
  } satisfies Record<Role, string>,
  resolution: { remediated: "Remediated", risk_accepted: "Risk accepted", invalid: "Invalid", duplicate: "Duplicate", cancelled: "Cancelled" } satisfies Record<Resolution, string>,
  waitingOn: { provider: "Provider", client: "Client", third_party: "Third party" } satisfies Record<WaitingOn, string>,
  treatment: { accept: "Accept", mitigate: "Mitigate", transfer: "Transfer", avoid: "Avoid" } satisfies Record<Treatment, string>,
  acceptanceStatus: {
    pending: "Pending",
    approved: "Approved",
    rejected: "Rejected",
    expired: "Expired",
    withdrawn: "Withdrawn",
  } satisfies Record<AcceptanceStatus, string>,
  evidenceKind: { note: "Note", link: "Link", file: "File", system_check: "System check" } satisfies Record<EvidenceKind, string>,
};
