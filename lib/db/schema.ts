// Drizzle schema. Every tenant table carries organisation_id, is covered by RLS (drizzle/0001_*.sql) and keys on it.
import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  bigserial,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import {
  ACCEPTANCE_STATUSES,
  CONSUMER_KINDS,
  CONSUMER_OUTCOMES,
  REVIEW_DECISIONS,
  DECISIONS,
  EVIDENCE_KINDS,
  IDENTITY_KINDS,
  IDENTITY_STATUSES,
  PRIORITIES,
  RESOLUTIONS,
  ROLES,
  SEVERITIES,
  STAGES,
  TIERS,
  TREATMENTS,
  WAITING_ON,
  WORK_ITEM_TYPES,
} from "../domain/vocabulary";
import type { SlaSnapshot } from "../domain/sla/snapshot";
import type { CampaignScope } from "../domain/campaign";
import { REVOCATION_TYPES, ROTATION_TYPES } from "../domain/metrics";
import { ROTATED_KINDS } from "../domain/identity-rules";

/** `'a', 'b'` for an IN list in an index predicate. */
const literals = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(", "));
/** Hours from creation to closure, as the metrics' percentiles take them (numeric, then double precision). */
const closureHours = (t: { closedAt: AnyPgColumn; createdAt: AnyPgColumn }) => sql`((extract(epoch from (${t.closedAt} - ${t.createdAt})) / 3600)::float8)`;
/** The week (Monday, UTC) of the closure, as the metrics group by it. */
const closureWeek = (t: { closedAt: AnyPgColumn }) => sql`(date_trunc('week', ${t.closedAt} at time zone 'UTC'))`;

const ts = (name?: string) =>
  name ? timestamp(name, { withTimezone: true, mode: "date" }) : timestamp({ withTimezone: true, mode: "date" });

export const roleEnum = pgEnum("role", ROLES);
export const identityKindEnum = pgEnum("identity_kind", IDENTITY_KINDS);
export const identityStatusEnum = pgEnum("identity_status", IDENTITY_STATUSES);
export const tierEnum = pgEnum("tier", TIERS);
export const stageEnum = pgEnum("stage", STAGES);
export const resolutionEnum = pgEnum("resolution", RESOLUTIONS);
export const priorityEnum = pgEnum("priority", PRIORITIES);
export const severityEnum = pgEnum("severity", SEVERITIES);
export const workItemTypeEnum = pgEnum("work_item_type", WORK_ITEM_TYPES);
export const waitingOnEnum = pgEnum("waiting_on", WAITING_ON);
export const evidenceKindEnum = pgEnum("evidence_kind", EVIDENCE_KINDS);
export const policyKindEnum = pgEnum("policy_kind", ["sla", "escalation", "frameworks"]);
export const policyStatusEnum = pgEnum("policy_status", ["draft", "active", "retired"]);
export const deliveryChannelEnum = pgEnum("delivery_channel", ["email", "webhook"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "sent", "failed"]);
export const treatmentEnum = pgEnum("treatment", TREATMENTS);
export const acceptanceStatusEnum = pgEnum("acceptance_status", ACCEPTANCE_STATUSES);
export const decisionEnum = pgEnum("decision", DECISIONS);
export const actorTypeEnum = pgEnum("actor_type", ["user", "token", "system"]);
export const consumerKindEnum = pgEnum("consumer_kind", CONSUMER_KINDS);
export const consumerOutcomeEnum = pgEnum("consumer_outcome", CONSUMER_OUTCOMES);
export const reviewDecisionEnum = pgEnum("review_decision", REVIEW_DECISIONS);

export const organisations = pgTable("organisations", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  timeZone: text().notNull().default("UTC"),
  itemSeq: integer().notNull().default(0),
  /** When the sweeper last ran the inventory rules (lib/inventory/rules.ts) for this organisation. */
  inventoryCheckedAt: ts(),
  createdAt: ts().notNull().defaultNow(),
});

/** Platform table: a person may belong to several organisations. */
export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    isProviderStaff: boolean().notNull().default(false),
    disabledAt: ts(),
    sessionVersion: integer().notNull().default(1),
    lastLoginAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const identities = pgTable(
  "identities",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: identityKindEnum().notNull(),
    name: text().notNull(),
    system: text().notNull(),
    externalId: text().notNull(),
    ownerName: text(),
    ownerEmail: text(),
    ownerActive: boolean().notNull().default(true),
    purpose: text(),
    tier: tierEnum().notNull().default("T3"),
    privileged: boolean().notNull().default(false),
    status: identityStatusEnum().notNull().default("active"),
    source: text().notNull().default("manual"),
    createdAt: ts().notNull().defaultNow(),
    lastUsedAt: ts(),
    lastRotatedAt: ts(),
    rotationPeriodDays: integer(),
    expiresAt: ts(),
    /** The identity that holds this credential (an AWS user's access key, say). */
    parentId: uuid(),
    /** Console or interactive access at the source (an AWS password, an active SCIM user). */
    interactiveAccess: boolean().notNull().default(false),
    /** When the source took interactive access away from a person (offboarding seen from outside). */
    accessRemovedAt: ts(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    unique("identities_org_id_key").on(t.organisationId, t.id),
    foreignKey({ name: "identities_parent_fk", columns: [t.organisationId, t.parentId], foreignColumns: [t.organisationId, t.id] }),
    index("identities_parent_idx").on(t.organisationId, t.parentId).where(sql`${t.parentId} is not null`),
    unique("identities_org_external_key").on(t.organisationId, t.system, t.externalId),
    index("identities_org_kind_idx").on(t.organisationId, t.kind, t.name),
    // The dashboard's inventory hygiene (lib/queries/metrics.ts): each figure counts a small part of the inventory.
    index("identities_orphaned_idx")
      .on(t.organisationId)
      .where(sql`${t.status} = 'active' and ${t.parentId} is null and ${t.ownerName} is null and ${t.ownerEmail} is null`),
    index("identities_privileged_idx").on(t.organisationId).where(sql`${t.status} = 'active' and ${t.privileged}`),
    index("identities_rotation_idx")
      .on(t.organisationId, t.rotationPeriodDays, t.lastRotatedAt, t.createdAt, t.expiresAt)
      .where(sql`${t.status} = 'active' and ${t.kind} in (${literals(ROTATED_KINDS)})`),
  ],
);

export const workItems = pgTable(
  "work_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    type: workItemTypeEnum().notNull(),
    stage: stageEnum().notNull().default("intake"),
    resolution: resolutionEnum(),
    title: text().notNull(),
    description: text().notNull().default(""),
    // Set at creation from identity tier × severity; a different value is an override with a reason.
    priority: priorityEnum().notNull().default("P3"),
    priorityOverrideReason: text(),
    severity: severityEnum().notNull().default("medium"),
    identityId: uuid(),
    assigneeId: uuid().references(() => users.id),
    createdById: uuid().references(() => users.id),
    // Who moved it out of implementation: they may not verify its closure (SPEC §1).
    implementedById: uuid().references(() => users.id),
    resolutionReason: text(),
    duplicateOfId: uuid(),
    // A reopen starts a new cycle (SLA clocks restart per cycle).
    cycle: integer().notNull().default(1),
    waitingOn: waitingOnEnum().notNull().default("provider"),
    // Ball in court: since when the current party holds it, and the seconds each party held it before.
    waitingSince: ts().notNull().defaultNow(),
    providerSeconds: integer().notNull().default(0),
    clientSeconds: integer().notNull().default(0),
    thirdPartySeconds: integer().notNull().default(0),
    escalationLevel: integer().notNull().default(0),
    // SLA, as last computed from the item's history (lib/domain/sla/snapshot.ts): each clock's current cycle,
    // enough to read it live at any later instant without the history. The columns below are derived from it
    // so the queue can filter and sort in SQL; nextCheckAt is when the sweeper must look again.
    sla: jsonb().$type<SlaSnapshot>(),
    slaDueAt: ts(),
    slaAtRiskAt: ts(),
    slaBreached: boolean().notNull().default(false),
    // Keys for the queue's keyset pages, kept by PostgreSQL. Under row-level security only leakproof tests can be
    // index conditions, and neither coalesce() nor an enum comparison is one: comparing these plain columns is, so a
    // deep page starts where the last one ended instead of reading every row before it.
    /** The SLA sort's key: when the headline clock falls due, or infinity when no clock runs. */
    slaDueKey: timestamp({ withTimezone: true, mode: "date" })
      .notNull()
      .generatedAlwaysAs(sql`coalesce(sla_due_at, 'infinity'::timestamptz)`),
    /** P1 → 1 … P4 → 4: the priority's order, as a number. */
    priorityRank: smallint()
      .notNull()
      .generatedAlwaysAs(sql`case priority when 'P1' then 1 when 'P2' then 2 when 'P3' then 3 else 4 end`),
    /** The stage's place in the service cycle, intake → 0 … closed → 6. */
    stageRank: smallint()
      .notNull()
      .generatedAlwaysAs(sql.raw(`case stage ${STAGES.map((st, i) => `when '${st}' then ${i}`).join(" ")} end`)),
    nextCheckAt: ts(),
    regressed: boolean().notNull().default(false),
    // The expiry of the risk acceptance in force (the item is closed as risk_accepted until then): the sweeper
    // reopens the item at this instant and runs the rules that warn ahead of it.
    exceptionExpiresAt: ts(),
    /** A deadline set from outside the SLA policy (an access review's due date): the "deadline" escalation clock. */
    dueAt: ts(),
    /** The inventory rule that raised the item (lib/domain/identity-rules.ts): one open item per identity and rule. */
    rule: text(),
    version: integer().notNull().default(1),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
    stageEnteredAt: ts().notNull().defaultNow(),
    closedAt: ts(),
  },
  (t) => [
    unique("work_items_org_id_key").on(t.organisationId, t.id),
    unique("work_items_org_number_key").on(t.organisationId, t.number),
    foreignKey({
      name: "work_items_identity_fk",
      columns: [t.organisationId, t.identityId],
      foreignColumns: [identities.organisationId, identities.id],
    }),
    index("work_items_queue_idx").on(t.organisationId, t.createdAt.desc(), t.id.desc()),
    index("work_items_priority_idx").on(t.organisationId, t.priorityRank, t.createdAt, t.id),
    index("work_items_updated_idx").on(t.organisationId, t.updatedAt.desc(), t.id.desc()),
    index("work_items_open_stage_idx").on(t.organisationId, t.stage).where(sql`${t.closedAt} is null`),
    index("work_items_assignee_idx").on(t.organisationId, t.assigneeId),
    index("work_items_identity_idx").on(t.organisationId, t.identityId),
    // The queue's "SLA due" sort: open items, soonest due first, those with no running clock last.
    // and the same within the filters a queue is most often cut by: priority, stage and assignee.
    index("work_items_sla_due_idx").on(t.organisationId, t.slaDueKey, t.id).where(sql`${t.closedAt} is null`),
    index("work_items_priority_sla_idx").on(t.organisationId, t.priorityRank, t.slaDueKey, t.id).where(sql`${t.closedAt} is null`),
    index("work_items_stage_sla_idx").on(t.organisationId, t.stageRank, t.slaDueKey, t.id).where(sql`${t.closedAt} is null`),
    index("work_items_assignee_sla_idx").on(t.organisationId, t.assigneeId, t.slaDueKey, t.id).where(sql`${t.closedAt} is null`),
    index("work_items_next_check_idx").on(t.organisationId, t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    // The evidence pack: items closed in a period, in closing order.
    index("work_items_closed_idx").on(t.organisationId, t.closedAt, t.id).where(sql`${t.closedAt} is not null`),
    uniqueIndex("work_items_open_rule_key").on(t.organisationId, t.identityId, t.rule).where(sql`${t.rule} is not null and ${t.closedAt} is null`),
    // The dashboard (lib/queries/metrics.ts). Under row-level security only leakproof tests (uuid, timestamps, booleans)
    // are index conditions, so the enum tests sit in partial-index predicates. Open items whose clock is past its
    // due time or its at-risk point without the sweeper having marked them yet:
    index("work_items_open_overdue_idx").on(t.organisationId, t.slaDueAt).where(sql`${t.closedAt} is null and not ${t.slaBreached}`),
    index("work_items_open_at_risk_idx").on(t.organisationId, t.slaAtRiskAt, t.slaDueAt).where(sql`${t.closedAt} is null and not ${t.slaBreached}`),
    // Revocation and rotation times: remediated items of those types by closure, with the hours and the week the
    // percentiles read already computed (the expressions of lib/queries/metrics.ts, so an index-only scan returns them).
    index("work_items_revocation_time_idx")
      .on(t.organisationId, t.closedAt, t.createdAt, closureHours(t), closureWeek(t))
      .where(sql`${t.resolution} = 'remediated' and ${t.type} in (${literals(REVOCATION_TYPES)})`),
    index("work_items_rotation_time_idx")
      .on(t.organisationId, t.closedAt, t.createdAt, closureHours(t), closureWeek(t))
      .where(sql`${t.resolution} = 'remediated' and ${t.type} in (${literals(ROTATION_TYPES)})`),
  ],
);

/** Proof attached to a work item. Append-only: a correction is a new record that supersedes the old one. */
export const evidence = pgTable(
  "evidence",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    workItemId: uuid().notNull(),
    kind: evidenceKindEnum().notNull(),
    summary: text().notNull(),
    url: text(),
    // Files: the name given, the type detected from the content, the size and the SHA-256 of the bytes
    // (kept in evidence_files). System checks: the structured result.
    fileName: text(),
    contentType: text(),
    sizeBytes: integer(),
    sha256: text(),
    result: jsonb(),
    supersedesId: uuid(),
    createdById: uuid().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    unique("evidence_org_id_key").on(t.organisationId, t.id),
    foreignKey({
      name: "evidence_work_item_fk",
      columns: [t.organisationId, t.workItemId],
      foreignColumns: [workItems.organisationId, workItems.id],
    }),
    index("evidence_item_idx").on(t.organisationId, t.workItemId, t.createdAt),
    // A record is corrected once: the database holds to it whatever the application does.
    uniqueIndex("evidence_supersedes_once").on(t.organisationId, t.supersedesId).where(sql`${t.supersedesId} is not null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** The bytes of file evidence, apart from the metadata so listing evidence never reads them. Insert-only. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    evidenceId: uuid().notNull(),
    content: bytea().notNull(),
  },
  (t) => [
    primaryKey({ name: "evidence_files_pkey", columns: [t.organisationId, t.evidenceId] }),
    foreignKey({ name: "evidence_files_evidence_fk", columns: [t.organisationId, t.evidenceId], foreignColumns: [evidence.organisationId, evidence.id] }),
  ],
);

/**
 * A risk acceptance (SPEC §5): requested for an open item, decided by the organisation's owners (as many
 * distinct ones as the policy asks for the item's priority), in force until it expires. An extension is a new
 * decision round on the same acceptance: the original dates stay, `renewals` counts the approved ones.
 */
export const riskAcceptances = pgTable(
  "risk_acceptances",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    workItemId: uuid().notNull(),
    /** The item's cycle when it was requested. */
    itemCycle: integer().notNull(),
    status: acceptanceStatusEnum().notNull().default("pending"),
    justification: text().notNull(),
    treatment: treatmentEnum().notNull(),
    compensatingControls: text().notNull(),
    accountableOwnerId: uuid()
      .notNull()
      .references(() => users.id),
    requestedById: uuid().references(() => users.id),
    requestedByTokenId: uuid(),
    requestedAt: ts().notNull(),
    originalExpiresAt: ts().notNull(),
    /** The expiry in force (or asked for, while the first round is pending). */
    expiresAt: ts().notNull(),
    approvalsRequired: integer().notNull(),
    policyVersion: integer(),
    /** 1 for the request, then one more per extension asked for. */
    round: integer().notNull().default(1),
    /** While an extension round waits: the expiry asked for, who asked, when and why. */
    extensionExpiresAt: ts(),
    roundRequestedById: uuid().references(() => users.id),
    roundRequestedAt: ts().notNull(),
    roundJustification: text(),
    renewals: integer().notNull().default(0),
    decidedAt: ts(),
    approvedAt: ts(),
    endedAt: ts(),
    version: integer().notNull().default(1),
  },
  (t) => [
    unique("risk_acceptances_org_id_key").on(t.organisationId, t.id),
    foreignKey({ name: "risk_acceptances_work_item_fk", columns: [t.organisationId, t.workItemId], foreignColumns: [workItems.organisationId, workItems.id] }),
    // At most one acceptance waiting or in force per item.
    uniqueIndex("risk_acceptances_one_live").on(t.organisationId, t.workItemId).where(sql`${t.status} in ('pending', 'approved')`),
    index("risk_acceptances_item_idx").on(t.organisationId, t.workItemId, t.requestedAt),
    index("risk_acceptances_register_idx").on(t.organisationId, t.status, t.expiresAt),
    index("risk_acceptances_expiry_idx").on(t.organisationId, t.expiresAt).where(sql`${t.status} = 'approved'`),
    // The dashboard's renewals: only renewed acceptances, not the whole register.
    index("risk_acceptances_renewed_idx").on(t.organisationId, t.renewals).where(sql`${t.renewals} > 0`),
    // The exception register's tabs, one index per order (lib/queries/risk-acceptances.ts). Partial, because under
    // row-level security a status test cannot be an index condition (enum equality is not leakproof), while a
    // partial index's predicate can still be matched. Each is also read backwards for the newest-first tabs.
    index("risk_acceptances_requested_idx").on(t.organisationId, t.requestedAt, t.id),
    index("risk_acceptances_waiting_idx").on(t.organisationId, t.roundRequestedAt, t.id).where(sql`${t.status} = 'pending' or ${t.extensionExpiresAt} is not null`),
    index("risk_acceptances_lapsed_idx").on(t.organisationId, t.expiresAt, t.id).where(sql`${t.status} = 'expired' and ${t.extensionExpiresAt} is null`),
    index("risk_acceptances_ended_idx")
      .on(t.organisationId, sql`coalesce(${t.endedAt}, ${t.requestedAt})`, t.id)
      .where(sql`${t.status} in ('rejected', 'withdrawn', 'expired')`),
  ],
);

/** One owner's decision in one round of an acceptance; the key makes each owner count once per round. */
export const riskAcceptanceDecisions = pgTable(
  "risk_acceptance_decisions",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    acceptanceId: uuid().notNull(),
    round: integer().notNull(),
    deciderId: uuid()
      .notNull()
      .references(() => users.id),
    decision: decisionEnum().notNull(),
    comment: text().notNull(),
    decidedAt: ts().notNull(),
  },
  (t) => [
    unique("risk_acceptance_decisions_once_key").on(t.organisationId, t.acceptanceId, t.round, t.deciderId),
    foreignKey({
      name: "risk_acceptance_decisions_acceptance_fk",
      columns: [t.organisationId, t.acceptanceId],
      foreignColumns: [riskAcceptances.organisationId, riskAcceptances.id],
    }),
  ],
);

/**
 * A finding from an import (a leaked secret), known by its stable fingerprint: one work item per finding, so a
 * re-import recognises it (and a remediated one that comes back reopens its item as regressed). The secret
 * itself is never stored: a redacted form and its SHA-256.
 */
export const intakeFindings = pgTable(
  "intake_findings",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    fingerprint: text().notNull(),
    format: text().notNull(),
    rule: text().notNull(),
    workItemId: uuid().notNull(),
    identityId: uuid(),
    secretRedacted: text(),
    secretHash: text(),
    location: jsonb().notNull(),
    firstSeenAt: ts().notNull(),
    lastSeenAt: ts().notNull(),
    timesSeen: integer().notNull().default(1),
  },
  (t) => [
    unique("intake_findings_org_fingerprint_key").on(t.organisationId, t.fingerprint),
    foreignKey({ name: "intake_findings_work_item_fk", columns: [t.organisationId, t.workItemId], foreignColumns: [workItems.organisationId, workItems.id] }),
    index("intake_findings_item_idx").on(t.organisationId, t.workItemId),
  ],
);

/**
 * Idempotency keys of intake requests (SPEC §7): the first answer is kept and replayed for the same key and
 * body; the same key with another body is refused; a request still running answers 409.
 */
export const intakeRequests = pgTable(
  "intake_requests",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    idempotencyKey: text().notNull(),
    format: text().notNull(),
    bodySha256: text().notNull(),
    /** Null while the request runs. */
    status: integer(),
    response: jsonb(),
    createdAt: ts().notNull().defaultNow(),
    completedAt: ts(),
  },
  (t) => [primaryKey({ name: "intake_requests_pkey", columns: [t.organisationId, t.idempotencyKey] })],
);

/**
 * Integration credentials: scoped to one organisation and a set of scopes, expiring within 90 days. Only a
 * SHA-256 of the secret is kept (the secret is 256 random bits, so a slow hash adds nothing); each token is
 * also an `api_key` identity in the inventory.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull(),
    scopes: text().array().notNull(),
    identityId: uuid(),
    createdById: uuid().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    expiresAt: ts().notNull(),
    revokedAt: ts(),
    lastUsedAt: ts(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    unique("api_tokens_org_id_key").on(t.organisationId, t.id),
    foreignKey({
      name: "api_tokens_identity_fk",
      columns: [t.organisationId, t.identityId],
      foreignColumns: [identities.organisationId, identities.id],
    }),
  ],
);

/**
 * Versioned policy documents per organisation (SLA goals and calendars; escalation rules). A lead proposes a
 * draft, an owner activates it; at most one version of each kind is active (a partial unique index).
 */
export const policyVersions = pgTable(
  "policy_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: policyKindEnum().notNull(),
    version: integer().notNull(),
    document: jsonb().notNull(),
    status: policyStatusEnum().notNull().default("draft"),
    note: text(),
    proposedById: uuid().references(() => users.id),
    proposedAt: ts().notNull().defaultNow(),
    activatedById: uuid().references(() => users.id),
    activatedAt: ts(),
  },
  (t) => [
    unique("policy_versions_org_kind_version_key").on(t.organisationId, t.kind, t.version),
    uniqueIndex("policy_versions_one_active").on(t.organisationId, t.kind).where(sql`${t.status} = 'active'`),
  ],
);

/**
 * An escalation that fired: once per (item, rule, clock, cycle), which the unique key enforces whatever
 * number of sweepers run at once.
 */
export const escalations = pgTable(
  "escalations",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    workItemId: uuid().notNull(),
    ruleId: text().notNull(),
    clock: text().notNull(),
    cycle: integer().notNull(),
    level: integer(),
    notify: text().array().notNull(),
    policyVersion: integer().notNull(),
    firedAt: ts().notNull().defaultNow(),
    acknowledgedById: uuid().references(() => users.id),
    acknowledgedAt: ts(),
  },
  (t) => [
    unique("escalations_once_key").on(t.organisationId, t.workItemId, t.ruleId, t.clock, t.cycle),
    foreignKey({
      name: "escalations_work_item_fk",
      columns: [t.organisationId, t.workItemId],
      foreignColumns: [workItems.organisationId, workItems.id],
    }),
    index("escalations_fired_idx").on(t.organisationId, t.firedAt),
  ],
);

/** In-app notifications, one per recipient; unread until read_at is set. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workItemId: uuid(),
    escalationId: uuid(),
    subject: text().notNull(),
    body: text().notNull(),
    createdAt: ts().notNull().defaultNow(),
    readAt: ts(),
  },
  (t) => [
    unique("notifications_org_id_key").on(t.organisationId, t.id),
    index("notifications_inbox_idx").on(t.organisationId, t.userId, t.createdAt.desc()),
    index("notifications_unread_idx").on(t.organisationId, t.userId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * Outgoing e-mail and webhook messages (an outbox): written in the same transaction as what caused them, sent
 * by the sweeper, retried with backoff, and kept with their last error; nothing is dropped silently.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    channel: deliveryChannelEnum().notNull(),
    /** An e-mail address or a webhook URL. */
    recipient: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    payload: jsonb().notNull(),
    escalationId: uuid(),
    notificationId: uuid(),
    status: deliveryStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    lastAttemptAt: ts(),
    lastError: text(),
    sentAt: ts(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [
    index("deliveries_due_idx").on(t.organisationId, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("deliveries_recent_idx").on(t.organisationId, t.createdAt.desc()),
  ],
);

/** Append-only, hash-chained per organisation (seq, prev_hash and hash are set by a trigger). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    // Set by the chaining trigger; the defaults only let inserts omit them.
    seq: bigint({ mode: "number" }).notNull().default(0),
    actorType: actorTypeEnum().notNull(),
    actorId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    reason: text(),
    requestId: text(),
    occurredAt: ts().notNull().defaultNow(),
    prevHash: text().notNull().default(""),
    hash: text().notNull().default(""),
  },
  (t) => [
    unique("audit_events_org_seq_key").on(t.organisationId, t.seq),
    index("audit_events_entity_idx").on(t.organisationId, t.entityType, t.entityId, t.occurredAt),
    // Regressions (lib/queries/work-items.ts REGRESSION_EVENT, the same test word for word so the planner matches
    // it): a handful among millions of events, counted by the dashboard and filtered on by the queue.
    index("audit_events_regression_idx")
      .on(t.organisationId, t.occurredAt, t.entityId)
      .where(sql`${t.entityType} = 'work_item' and (${t.action} = 'work_item.regress' or (${t.action} = 'work_item.reopen' and (${t.after}->>'regressed')::boolean))`),
  ],
);

/**
 * Rollups for the dashboard (lib/queries/metrics.ts), so its figures over long periods read a few rows per day
 * instead of every item. Kept by statement triggers on work_items (drizzle/0011_metrics_indexes.sql), never
 * written by the application: the runtime role may only read them.
 *
 * Per organisation and UTC day: the items raised that day (and how many of those are still open), and those
 * closed that day, with their SLA outcome, whether remediated, and the time each party held them.
 */
export const workItemDays = pgTable(
  "work_item_days",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    created: integer().notNull().default(0),
    open: integer().notNull().default(0),
    closed: integer().notNull().default(0),
    closedWithSla: integer().notNull().default(0),
    closedWithinTarget: integer().notNull().default(0),
    remediated: integer().notNull().default(0),
    providerSeconds: bigint({ mode: "number" }).notNull().default(0),
    clientSeconds: bigint({ mode: "number" }).notNull().default(0),
    thirdPartySeconds: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "work_item_days_pkey", columns: [t.organisationId, t.day] })],
);

/** Open items now, per organisation, stage, priority and type, and how many of them the sweeper has marked breached. */
export const workItemBacklog = pgTable(
  "work_item_backlog",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    stage: stageEnum().notNull(),
    priority: priorityEnum().notNull(),
    type: workItemTypeEnum().notNull(),
    items: integer().notNull().default(0),
    breached: integer().notNull().default(0),
  },
  (t) => [primaryKey({ name: "work_item_backlog_pkey", columns: [t.organisationId, t.stage, t.priority, t.type] })],
);

/**
 * What uses an identity's credential (SPEC §7): systems, workloads and pipelines, recorded by hand or from an
 * import (a leaked secret's repository and file). Removing one keeps the row (removed_at) for the history.
 */
export const identityConsumers = pgTable(
  "identity_consumers",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    identityId: uuid().notNull(),
    kind: consumerKindEnum().notNull(),
    name: text().notNull(),
    detail: text(),
    source: text().notNull().default("manual"),
    createdById: uuid().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    removedAt: ts(),
    removedById: uuid().references(() => users.id),
  },
  (t) => [
    unique("identity_consumers_org_id_key").on(t.organisationId, t.id),
    foreignKey({ name: "identity_consumers_identity_fk", columns: [t.organisationId, t.identityId], foreignColumns: [identities.organisationId, identities.id] }),
    uniqueIndex("identity_consumers_live_key").on(t.organisationId, t.identityId, t.kind, t.name).where(sql`${t.removedAt} is null`),
  ],
);

/**
 * The consumer checklist of a `secret_rotation` or `revocation` item: each live consumer of the item's identity
 * confirmed updated (or deliberately cut off) with evidence, once per cycle, before the item leaves implementation.
 */
export const consumerConfirmations = pgTable(
  "consumer_confirmations",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    workItemId: uuid().notNull(),
    consumerId: uuid().notNull(),
    cycle: integer().notNull(),
    outcome: consumerOutcomeEnum().notNull(),
    evidenceId: uuid().notNull(),
    confirmedById: uuid().references(() => users.id),
    confirmedAt: ts().notNull(),
  },
  (t) => [
    unique("consumer_confirmations_once_key").on(t.organisationId, t.workItemId, t.consumerId, t.cycle),
    foreignKey({ name: "consumer_confirmations_item_fk", columns: [t.organisationId, t.workItemId], foreignColumns: [workItems.organisationId, workItems.id] }),
    foreignKey({ name: "consumer_confirmations_consumer_fk", columns: [t.organisationId, t.consumerId], foreignColumns: [identityConsumers.organisationId, identityConsumers.id] }),
    foreignKey({ name: "consumer_confirmations_evidence_fk", columns: [t.organisationId, t.evidenceId], foreignColumns: [evidence.organisationId, evidence.id] }),
  ],
);

/**
 * An access-review campaign (SPEC §8): a scope (an inventory filter), a fallback reviewer, how long reviewers
 * have and when it closes, reminders, the default action for what is undecided at the deadline, and a
 * recurrence. Each run opens one `access_review` item per identity in scope.
 */
export const accessCampaigns = pgTable(
  "access_campaigns",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    scope: jsonb().notNull().$type<CampaignScope>(),
    fallbackReviewerId: uuid()
      .notNull()
      .references(() => users.id),
    defaultAction: reviewDecisionEnum().notNull(),
    /** Reviews are due this many days after a run opens; the run closes (default action) this many days after. */
    reviewDays: integer().notNull(),
    closeDays: integer().notNull(),
    /** Days before the due date on which reviewers still undecided are reminded. */
    reminderDays: integer().array().notNull(),
    /** Months between runs; null for a one-off. */
    everyMonths: integer(),
    nextRunAt: ts(),
    createdById: uuid().references(() => users.id),
    createdAt: ts().notNull().defaultNow(),
    endedAt: ts(),
  },
  (t) => [
    unique("access_campaigns_org_id_key").on(t.organisationId, t.id),
    index("access_campaigns_next_run_idx").on(t.organisationId, t.nextRunAt).where(sql`${t.nextRunAt} is not null and ${t.endedAt} is null`),
  ],
);

export const accessCampaignRuns = pgTable(
  "access_campaign_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    campaignId: uuid().notNull(),
    number: integer().notNull(),
    openedAt: ts().notNull(),
    dueAt: ts().notNull(),
    deadlineAt: ts().notNull(),
    /** The next reminder to undecided reviewers; null once the last has gone. */
    nextReminderAt: ts(),
    closedAt: ts(),
  },
  (t) => [
    unique("access_campaign_runs_org_id_key").on(t.organisationId, t.id),
    unique("access_campaign_runs_number_key").on(t.organisationId, t.campaignId, t.number),
    foreignKey({ name: "access_campaign_runs_campaign_fk", columns: [t.organisationId, t.campaignId], foreignColumns: [accessCampaigns.organisationId, accessCampaigns.id] }),
    index("access_campaign_runs_open_idx").on(t.organisationId, sql`least(${t.deadlineAt}, ${t.nextReminderAt})`).where(sql`${t.closedAt} is null`),
  ],
);

/** One identity's review in a run: its `access_review` item, the reviewer, and the decision (or the default). */
export const accessReviews = pgTable(
  "access_reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    runId: uuid().notNull(),
    identityId: uuid().notNull(),
    workItemId: uuid().notNull(),
    reviewerId: uuid()
      .notNull()
      .references(() => users.id),
    decision: reviewDecisionEnum(),
    justification: text(),
    /** The campaign's default action applied at the deadline, not a reviewer's decision. */
    defaulted: boolean().notNull().default(false),
    decidedById: uuid().references(() => users.id),
    decidedAt: ts(),
    revocationItemId: uuid(),
    remindersSent: integer().notNull().default(0),
  },
  (t) => [
    unique("access_reviews_org_id_key").on(t.organisationId, t.id),
    unique("access_reviews_once_key").on(t.organisationId, t.runId, t.identityId),
    foreignKey({ name: "access_reviews_run_fk", columns: [t.organisationId, t.runId], foreignColumns: [accessCampaignRuns.organisationId, accessCampaignRuns.id] }),
    foreignKey({ name: "access_reviews_identity_fk", columns: [t.organisationId, t.identityId], foreignColumns: [identities.organisationId, identities.id] }),
    foreignKey({ name: "access_reviews_item_fk", columns: [t.organisationId, t.workItemId], foreignColumns: [workItems.organisationId, workItems.id] }),
    foreignKey({ name: "access_reviews_revocation_fk", columns: [t.organisationId, t.revocationItemId], foreignColumns: [workItems.organisationId, workItems.id] }),
    index("access_reviews_run_idx").on(t.organisationId, t.runId, t.decision),
    index("access_reviews_reviewer_idx").on(t.organisationId, t.reviewerId).where(sql`${t.decision} is null`),
  ],
);

/** Platform table: failed sign-in counters per account and per client address (nothing kept in memory). */
export const authThrottle = pgTable("auth_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: ts().notNull().defaultNow(),
  lockedUntil: ts(),
});
