// The auditor's evidence pack: its query string and its JSON shape, for GET /api/v1/evidence-pack and the
// OpenAPI document. The CSV has one row per item with EVIDENCE_PACK_CSV_COLUMNS; grouped by framework, the JSON
// also lists per control the items done, open and accepted.
import { z } from "zod";
import { isIsoDate } from "../domain/period";
import { ACCEPTANCE_STATUSES, DECISIONS, EVIDENCE_KINDS, PRIORITIES, RESOLUTIONS, SEVERITIES, TREATMENTS, WORK_ITEM_TYPES } from "../domain/vocabulary";

const day = z.string().refine(isIsoDate, "Write the date as YYYY-MM-DD.");

export const evidencePackQuery = z
  .object({
    from: day.optional().describe("First day of the period (YYYY-MM-DD, in the organisation's time zone). Give both dates, or neither for the last full calendar month."),
    to: day.optional().describe("First day after the period (not included), YYYY-MM-DD."),
    format: z.enum(["json", "csv"]).default("json").describe("`json`: the whole pack. `csv`: one row per closed item."),
    groupBy: z
      .enum(["item", "framework"])
      .default("item")
      .describe("`framework` adds `frameworks` to the JSON: per control of the framework mapping, the keys of the pack's items done, open again, and accepted. The CSV always has `framework_refs`."),
  })
  .meta({ id: "EvidencePackQuery" });

const when = z.iso.datetime();

const packEvent = z
  .object({
    seq: z.int().describe("The event's position in the organisation's audit hash chain."),
    hash: z.string().describe("The event's chain hash (SHA-256, hex)."),
    at: when,
    actor: z.string().describe('A person\'s name, "integration" (an API token) or "system".'),
    actorType: z.enum(["user", "token", "system"]),
    action: z.string().describe("e.g. work_item.move, work_item.verify, evidence.add, work_item.acceptance_decide."),
    field: z.enum(["stage", "priority", "waiting_on", "assignee", "status"]).nullable().describe("What the event changed, if anything."),
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().nullable(),
    detail: z.string().nullable().describe("The comment, the evidence summary or the decision, where the event carries one."),
  })
  .meta({ id: "EvidencePackEvent" });

const packDecision = z.object({ round: z.int(), decider: z.string(), decision: z.enum(DECISIONS), comment: z.string(), decidedAt: when });

const packAcceptance = z.object({
  id: z.uuid(),
  status: z.enum(ACCEPTANCE_STATUSES),
  treatment: z.enum(TREATMENTS),
  justification: z.string(),
  compensatingControls: z.string(),
  requestedBy: z.string().nullable().describe('The requester\'s name, or "integration".'),
  requestedAt: when,
  accountableOwner: z.string(),
  originalExpiresAt: when,
  expiresAt: when,
  renewals: z.int(),
  approvalsRequired: z.int(),
  approvedAt: when.nullable(),
  endedAt: when.nullable(),
  decisions: z.array(packDecision).describe("Every owner's decision, by round."),
});

const packEvidence = z.object({
  id: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  summary: z.string(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.int().nullable(),
  sha256: z.string().nullable().describe("SHA-256 of the file's bytes (hex), for file evidence."),
  result: z.unknown().describe("A system check's structured result."),
  supersedesId: z.uuid().nullable(),
  supersededById: z.uuid().nullable().describe("The later record that corrects this one, if any."),
  createdBy: z.string().nullable(),
  createdAt: when,
});

export const evidencePackItemOut = z
  .object({
    id: z.uuid(),
    key: z.string(),
    number: z.int(),
    title: z.string(),
    type: z.enum(WORK_ITEM_TYPES),
    priority: z.enum(PRIORITIES),
    severity: z.enum(SEVERITIES),
    resolution: z.enum(RESOLUTIONS).nullable().describe("How it was closed in the period."),
    resolutionReason: z.string().nullable(),
    raisedAt: when,
    raisedBy: z.string().nullable(),
    closedAt: when.describe("Its (first) closure in the period, from the audit trail."),
    reopenedSince: z.boolean().describe("Reopened after that closure (an expired acceptance, a regression, an owner's reopen): see the timeline."),
    cycle: z.int().describe("1, then one more per reopen."),
    regressed: z.boolean().describe("Re-detected after it was closed as remediated."),
    frameworkRefs: z.array(z.string()).describe('The framework controls the item counts towards under the mapping in `frameworkMappingVersion`, as "framework:control" (e.g. "nist-csf-2.0:PR.AA-05").'),
    implementer: z.string().nullable(),
    verifier: z.string().nullable().describe("Who verified the closure (remediated items)."),
    timeline: z.array(packEvent).describe("The item's audit events, oldest first, up to the chain head in `integrity`."),
    acceptances: z.array(packAcceptance),
    evidence: z.array(packEvidence),
  })
  .meta({ id: "EvidencePackItem" });

const packControl = z.object({
  framework: z.string().describe('The framework\'s id, e.g. "owasp-nhi-2025".'),
  frameworkName: z.string(),
  ref: z.string().describe('The control\'s reference within its framework, e.g. "NHI1".'),
  title: z.string(),
  done: z.array(z.string()).describe("Keys of the items closed as remediated (and not open again)."),
  open: z.array(z.string()).describe("Keys of the items open again now (reopened after their closure in the period)."),
  accepted: z.array(z.string()).describe("Keys of the items closed as risk accepted (and not open again)."),
});

export const evidencePackOut = z
  .object({
    organisation: z.object({ slug: z.string(), name: z.string(), timeZone: z.string() }),
    period: z.object({
      from: z.string().describe("First day, included."),
      to: z.string().describe("First day after the period, not included."),
      fromInstant: when,
      toInstant: when,
    }),
    generatedAt: when,
    generatedBy: z.string(),
    integrity: z.object({
      auditChainHead: z.object({ seq: z.int(), hash: z.string(), at: when }).nullable().describe("The organisation's last audit event when the pack was generated."),
      note: z.string(),
    }),
    summary: z.object({
      itemsClosed: z.int(),
      byResolution: z.record(z.enum(RESOLUTIONS), z.int()),
      acceptances: z.int(),
      acceptancesDecided: z.int(),
      decisions: z.int(),
      evidenceRecords: z.int(),
    }),
    frameworkMappingVersion: z.int().nullable().describe("The organisation's framework mapping version in force at export (null: the built-in default) that gave each item's `frameworkRefs`."),
    items: z.array(evidencePackItemOut).describe("Every item closed in the period, oldest closure first."),
    frameworks: z
      .array(packControl)
      .optional()
      .describe("With `groupBy=framework`: every control of the mapping, in its order, with the pack's items under it (an item under several controls is listed under each; invalid, duplicate and cancelled items under none)."),
  })
  .meta({ id: "EvidencePack" });
export type EvidencePack = z.infer<typeof evidencePackOut>;
export type EvidencePackItem = z.infer<typeof evidencePackItemOut>;

export const EVIDENCE_PACK_CSV_COLUMNS = [
  "key",
  "title",
  "type",
  "priority",
  "resolution",
  "raised",
  "closed",
  "implementer",
  "verifier",
  "requester",
  "approvers",
  "evidence_count",
  "evidence_sha256",
  "regressed",
  "framework_refs",
] as const;
