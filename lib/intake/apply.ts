// Applying parsed intake records to an organisation (SPEC §7), in the caller's one tenant transaction: identities
// are upserted by (system, external id); each finding is known by its fingerprint, so a re-import creates
// nothing, and a remediated finding that comes back reopens its item as regressed. Valid records are written and
// bad ones reported (all in one transaction: a failure part-way writes nothing). Bulk statements throughout, so
// a hundred thousand findings are a few dozen statements, not a few hundred thousand.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { batchesOf, executeEach, insertRows, sequentialUuids } from "../db/bulk";
import { identities, organisations, workItems } from "../db/schema";
import { recordAudit, type AuditActor } from "../audit/record";
import { defaultPriority } from "../domain/priority";
import { readItemClocks } from "../domain/sla/item-clocks";
import { slaColumns, snapshotOf } from "../domain/sla/snapshot";
import type { Priority, Tier } from "../domain/vocabulary";
import { applyChange, type WorkItemRow } from "../actions/work-item-store";
import { loadPolicies } from "../sla/store";
import type { FindingRecord, IdentityRecord, IdentityRef, IntakeFormat, ParseResult } from "./types";

export interface IntakeOutcome {
  created: number;
  updated: number;
  reopened: number;
  unchanged: number;
  rejected: { record: number; field: string | null; error: string }[];
}

export interface IntakeContext {
  orgId: string;
  format: IntakeFormat;
  actor: AuditActor;
  requestId: string;
  now: Date;
}

const CHUNK = 5_000;
// Rows per statement where each row is small (an identity) or large (a finding with its item).
const IDENTITY_BATCH = 10_000;
const FINDING_BATCH = 2_500;
const key = (system: string, externalId: string) => `${system}\u0000${externalId}`;

/**
 * Existing identities by (system, external id), for the refs given: in one statement, not one per chunk, as the
 * planner may hash the organisation's identities to join them and should do that once.
 */
async function findIdentities(tx: Tx, orgId: string, refs: { system: string; externalId: string }[]) {
  const out = new Map<string, typeof identities.$inferSelect>();
  if (refs.length === 0) return out;
  const rows = await tx
    .select()
    .from(identities)
    .innerJoin(sql`json_to_recordset(${JSON.stringify(refs.map((r) => ({ s: r.system, e: r.externalId })))}::json) as v(s text, e text)`, sql`${identities.system} = v.s and ${identities.externalId} = v.e`)
    .where(eq(identities.organisationId, orgId))
    .then((r) => r.map((x) => (x as unknown as { identities: typeof identities.$inferSelect }).identities));
  for (const r of rows) out.set(key(r.system, r.externalId), r);
  return out;
}

const date = (s: string | null) => (s ? new Date(s) : null);
const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * The fields an identity source is the truth for, with what it cannot say kept from the inventory: tier, purpose
 * and rotation period only some sources give (an identity CSV); privileged access marked here stays marked (SCIM
 * and CSV files that do not say are not saying "no"); and a person whose console access was removed stays a
 * person, though an AWS report now sees only keys.
 */
function identityFields(r: IdentityRecord, row: typeof identities.$inferSelect | undefined) {
  const stillPerson = row?.kind === "human" && !r.interactiveAccess && (row.interactiveAccess || row.accessRemovedAt !== null);
  return {
    tier: r.tier ?? row?.tier ?? "T3",
    purpose: r.purpose ?? row?.purpose ?? null,
    rotationPeriodDays: r.rotationPeriodDays ?? row?.rotationPeriodDays ?? null,
    name: r.name,
    kind: stillPerson ? ("human" as const) : r.kind,
    ownerName: r.ownerName,
    ownerEmail: r.ownerEmail,
    ownerActive: r.ownerActive,
    status: r.status,
    privileged: r.privileged || (row?.privileged ?? false),
    lastUsedAt: date(r.lastUsedAt),
    lastRotatedAt: date(r.lastRotatedAt),
    expiresAt: date(r.expiresAt),
  };
}

function changed(row: typeof identities.$inferSelect, f: ReturnType<typeof identityFields>): boolean {
  return (
    row.name !== f.name ||
    row.kind !== f.kind ||
    row.ownerName !== f.ownerName ||
    row.ownerEmail !== f.ownerEmail ||
    row.ownerActive !== f.ownerActive ||
    row.status !== f.status ||
    row.privileged !== f.privileged ||
    row.tier !== f.tier ||
    row.purpose !== f.purpose ||
    row.rotationPeriodDays !== f.rotationPeriodDays ||
    !sameTime(row.lastUsedAt, f.lastUsedAt) ||
    !sameTime(row.lastRotatedAt, f.lastRotatedAt) ||
    !sameTime(row.expiresAt, f.expiresAt)
  );
}

async function applyIdentities(tx: Tx, c: IntakeContext, records: IdentityRecord[], out: IntakeOutcome) {
  // The last record for an identity wins within one file.
  const byKey = new Map(records.map((r) => [key(r.system, r.externalId), r]));
  const existing = await findIdentities(tx, c.orgId, [...byKey.values()]);
  const fresh: object[] = [];
  const updates: object[] = [];
  for (const [k, r] of byKey) {
    const row = existing.get(k);
    const f = identityFields(r, row);
    // A source that names no owner (an AWS credential report never does) keeps the owner assigned here.
    if (row && r.ownerName === null && r.ownerEmail === null) Object.assign(f, { ownerName: row.ownerName, ownerEmail: row.ownerEmail, ownerActive: row.ownerActive });
    if (!row) {
      fresh.push({ organisation_id: c.orgId, system: r.system, external_id: r.externalId, source: c.format, created_at: r.createdAt ?? c.now.toISOString(), updated_at: c.now.toISOString(), ...snake(f) });
    } else if (changed(row, f)) {
      updates.push({ id: row.id, ...snake(f) });
    }
  }
  out.created += fresh.length;
  out.updated += updates.length;
  out.unchanged += records.length - fresh.length - updates.length;
  await insertRows(tx, "identities", fresh);
  for (const part of batchesOf(updates, CHUNK)) {
    await tx.execute(sql`
      update identities i set name = v.name, kind = v.kind, owner_name = v.owner_name, owner_email = v.owner_email, owner_active = v.owner_active,
             status = v.status, privileged = v.privileged, tier = v.tier, purpose = v.purpose, rotation_period_days = v.rotation_period_days, last_used_at = v.last_used_at, last_rotated_at = v.last_rotated_at, expires_at = v.expires_at,
             updated_at = ${c.now.toISOString()}::timestamptz
        from json_populate_recordset(null::identities, ${JSON.stringify(part)}::json) as v
       where i.organisation_id = ${c.orgId} and i.id = v.id`);
  }
  if (fresh.length || updates.length) {
    await recordAudit(tx, { organisationId: c.orgId, actor: c.actor, action: "intake.identities", entityType: "intake", entityId: c.format, after: { created: fresh.length, updated: updates.length }, requestId: c.requestId, occurredAt: c.now });
  }
}

function snake(f: ReturnType<typeof identityFields>) {
  return {
    name: f.name,
    kind: f.kind,
    owner_name: f.ownerName,
    owner_email: f.ownerEmail,
    owner_active: f.ownerActive,
    status: f.status,
    privileged: f.privileged,
    tier: f.tier,
    purpose: f.purpose,
    rotation_period_days: f.rotationPeriodDays,
    last_used_at: f.lastUsedAt?.toISOString() ?? null,
    last_rotated_at: f.lastRotatedAt?.toISOString() ?? null,
    expires_at: f.expiresAt?.toISOString() ?? null,
  };
}

/** The identities findings name, created when the inventory does not know them yet (never updated from here). */
async function identitiesForFindings(tx: Tx, c: IntakeContext, refs: IdentityRef[]): Promise<Map<string, { id: string; tier: Tier }>> {
  const unique = [...new Map(refs.map((r) => [key(r.system, r.externalId), r])).values()];
  const ids = sequentialUuids(unique.length, c.now);
  const byId = new Map(unique.map((r, i) => [ids[i]!, r]));
  // Each candidate carries the id it gets if created, so the ids returned say which ones were.
  const created = await executeEach<[string, IdentityRef][], { id: string; tier: Tier }>(
    tx,
    batchesOf([...byId], IDENTITY_BATCH),
    (part) => sql`
      insert into identities (id, organisation_id, system, external_id, name, kind, source, created_at, updated_at)
      select v.id, ${c.orgId}::uuid, v.s, v.e, v.n, v.k, ${c.format}, ${c.now.toISOString()}::timestamptz, ${c.now.toISOString()}::timestamptz
        from json_to_recordset(${JSON.stringify(part.map(([id, r]) => ({ id, s: r.system, e: r.externalId, n: r.name, k: r.kind })))}::json) as v(id uuid, s text, e text, n text, k identity_kind)
      on conflict (organisation_id, system, external_id) do nothing
      returning id, tier`,
  );
  const out = new Map<string, { id: string; tier: Tier }>();
  for (const row of created) {
    const r = byId.get(row.id)!;
    out.set(key(r.system, r.externalId), row);
  }
  // The rest were in the inventory already (or another import created them a moment ago).
  const found = await findIdentities(tx, c.orgId, unique.filter((r) => !out.has(key(r.system, r.externalId))));
  for (const [k, row] of found) out.set(k, { id: row.id, tier: row.tier });
  return out;
}

/**
 * Counts a sighting of each finding already known, in the one statement that finds them (one, not one per chunk:
 * the planner may hash the organisation's findings to join them, and should do that once); returns their items,
 * each marked when closed as remediated (a candidate to reopen).
 */
async function countSightings(tx: Tx, c: IntakeContext, prints: string[]): Promise<Map<string, { workItemId: string; remediated: boolean }>> {
  const { rows } = await tx.execute<{ fingerprint: string; work_item_id: string; remediated: boolean }>(sql`
    update intake_findings f set last_seen_at = ${c.now.toISOString()}::timestamptz, times_seen = f.times_seen + 1
      from json_array_elements_text(${JSON.stringify(prints)}::json) as v(fingerprint)
     where f.organisation_id = ${c.orgId} and f.fingerprint = v.fingerprint
    returning f.fingerprint, f.work_item_id,
      exists (select 1 from work_items w where w.organisation_id = f.organisation_id and w.id = f.work_item_id and w.resolution = 'remediated') as remediated`);
  return new Map(rows.map((r) => [r.fingerprint, { workItemId: r.work_item_id, remediated: r.remediated }]));
}

/** Reopens, as regressed, the items of findings that came back after they were closed as remediated. */
async function reopenRemediated(tx: Tx, c: IntakeContext, itemIds: string[]): Promise<number> {
  const remediated: WorkItemRow[] = [];
  for (const part of batchesOf(itemIds, CHUNK)) {
    remediated.push(
      ...(await tx
        .select()
        .from(workItems)
        .where(and(eq(workItems.organisationId, c.orgId), inArray(workItems.id, part), eq(workItems.resolution, "remediated")))
        .for("update")),
    );
  }
  const ctx = { tx, now: c.now, audit: (e: Parameters<Parameters<typeof applyChange>[0]["audit"]>[0]) => recordAudit(tx, { ...e, organisationId: c.orgId, actor: c.actor, requestId: c.requestId, occurredAt: c.now }) };
  for (const row of remediated) {
    await applyChange(
      ctx,
      row,
      { stage: "prioritisation", resolution: null, resolutionReason: "Detected again by an import after it was closed as remediated.", closedAt: null, cycle: row.cycle + 1, implementedById: null, regressed: true, stageEnteredAt: c.now, waitingOn: "provider", waitingSince: c.now },
      { action: "work_item.regress", before: { stage: row.stage, resolution: row.resolution }, after: { stage: "prioritisation", resolution: null, cycle: row.cycle + 1, waitingOn: "provider", regressed: true, format: c.format }, reason: "The finding was detected again." },
    );
  }
  return remediated.length;
}

/** Takes `n` item numbers from the organisation's sequence; returns the first. */
async function reserveNumbers(tx: Tx, orgId: string, n: number): Promise<number> {
  const [seq] = await tx
    .update(organisations)
    .set({ itemSeq: sql`${organisations.itemSeq} + ${n}` })
    .where(eq(organisations.id, orgId))
    .returning({ last: organisations.itemSeq });
  return seq!.last - n + 1;
}

/** Every new item starts its clocks now: one reading per priority serves them all. */
async function startingClocks(tx: Tx, c: IntakeContext, priorities: Set<Priority>) {
  const policies = await loadPolicies(tx, c.orgId);
  const t = c.now.getTime();
  const d = (x: number | null) => (x === null ? null : new Date(x).toISOString());
  return [...priorities].map((priority) => {
    const item = { priority, type: "finding_remediation" as const };
    const snap = policies.sla ? snapshotOf(readItemClocks([{ at: t, stage: "intake", waitingOn: "provider" }], item, policies.sla.doc, t), policies.sla.version, t) : null;
    const cols = slaColumns(snap, policies.sla?.doc ?? null, t);
    return { priority, sla: snap, sla_due_at: d(cols.slaDueAt), sla_at_risk_at: d(cols.slaAtRiskAt), sla_breached: cols.slaBreached, next_check_at: d(cols.nextChangeAt) };
  });
}

/** A new finding with what the import gives it: its item's id and number, and the identity it names. */
interface NewFinding {
  finding: FindingRecord;
  id: string;
  number: number;
  identity: { id: string; tier: Tier } | undefined;
}

async function applyFindings(tx: Tx, c: IntakeContext, records: FindingRecord[], out: IntakeOutcome) {
  // A fingerprint seen twice in one file is one finding.
  const byPrint = new Map<string, FindingRecord>();
  for (const r of records) {
    if (byPrint.has(r.fingerprint)) out.unchanged++;
    else byPrint.set(r.fingerprint, r);
  }
  // Seen before: counted, and a remediated one that is back reopens as regressed.
  const known = await countSightings(tx, c, [...byPrint.keys()]);
  if (known.size) {
    const reopened = await reopenRemediated(tx, c, [...known.values()].filter((k) => k.remediated).map((k) => k.workItemId));
    out.reopened += reopened;
    out.unchanged += known.size - reopened;
  }
  const fresh = [...byPrint.values()].filter((f) => !known.has(f.fingerprint));
  if (fresh.length === 0) return;

  // New: an identity for each (where the finding names one), a work item, its creation event and its clocks.
  const idents = await identitiesForFindings(tx, c, fresh.flatMap((f) => (f.identity ? [f.identity] : [])));
  const first = await reserveNumbers(tx, c.orgId, fresh.length);
  const ids = sequentialUuids(fresh.length, c.now);
  const rows = fresh.map((f, i): NewFinding => ({ finding: f, id: ids[i]!, number: first + i, identity: f.identity ? idents.get(key(f.identity.system, f.identity.externalId)) : undefined }));
  const clocks = JSON.stringify(await startingClocks(tx, c, new Set(rows.map(priorityOf))));
  await executeEach(tx, batchesOf(rows, FINDING_BATCH), (part) => writeFindings(c, part, clocks));
  out.created += fresh.length;
}

const priorityOf = (r: NewFinding) => defaultPriority(r.identity?.tier ?? null, r.finding.severity);

/**
 * One statement per batch of new findings: the work items (with the clocks of their priority), their creation
 * events in item order (the audit trigger chains them as it would one by one) and the findings. Only what
 * differs between findings travels per row, and each batch's rows are built while the one before is written.
 */
function writeFindings(c: IntakeContext, part: NewFinding[], clocks: string): SQL {
  const rows = part.map((r) => {
    const f = r.finding;
    return {
      id: r.id,
      number: r.number,
      title: f.title,
      description: describe(f),
      severity: f.severity,
      priority: priorityOf(r),
      identity_id: r.identity?.id ?? null,
      fingerprint: f.fingerprint,
      rule: f.rule,
      secret_redacted: f.secretRedacted,
      secret_hash: f.secretHash,
      location: f.location,
    };
  });
  const now = sql`${c.now.toISOString()}::timestamptz`;
  return sql`
    with v as materialized (
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as v(id uuid, number integer, title text, description text, severity severity, priority priority, identity_id uuid,
                                                                  fingerprint text, rule text, secret_redacted text, secret_hash text, location jsonb)
    ),
    clocks as (
      select * from json_to_recordset(${clocks}::json) as c(priority priority, sla jsonb, sla_due_at timestamptz, sla_at_risk_at timestamptz, sla_breached boolean, next_check_at timestamptz)
    ),
    items as (
      insert into work_items (id, organisation_id, number, type, title, description, severity, priority, identity_id, created_at, updated_at, stage_entered_at, waiting_since,
                              sla, sla_due_at, sla_at_risk_at, sla_breached, next_check_at)
      select v.id, ${c.orgId}::uuid, v.number, 'finding_remediation', v.title, v.description, v.severity, v.priority, v.identity_id, ${now}, ${now}, ${now}, ${now},
             clocks.sla, clocks.sla_due_at, clocks.sla_at_risk_at, clocks.sla_breached, clocks.next_check_at
        from v join clocks using (priority)
    ),
    events as (
      insert into audit_events (organisation_id, actor_type, actor_id, action, entity_type, entity_id, after, request_id, occurred_at)
      select ${c.orgId}::uuid, ${c.actor.type}::actor_type, ${c.actor.id}::uuid, 'work_item.create', 'work_item', v.id::text,
             jsonb_build_object('number', v.number, 'type', 'finding_remediation', 'title', v.title, 'stage', 'intake', 'priority', v.priority, 'severity', v.severity,
                                'version', 1, 'format', ${c.format}::text, 'fingerprint', v.fingerprint),
             ${c.requestId}, ${now}
        from v order by v.number
    )
    insert into intake_findings (organisation_id, fingerprint, format, rule, work_item_id, identity_id, secret_redacted, secret_hash, location, first_seen_at, last_seen_at, times_seen)
    select ${c.orgId}::uuid, v.fingerprint, ${c.format}, v.rule, v.id, v.identity_id, v.secret_redacted, v.secret_hash, v.location, ${now}, ${now}, 1
      from v`;
}

/** The item's description: where the secret was seen, never the secret. */
function describe(f: FindingRecord): string {
  const l = f.location;
  const where = [l.repository, l.file && `${l.file}${l.line ? `:${l.line}` : ""}`, l.commit && `commit ${l.commit.slice(0, 12)}`].filter(Boolean).join(" · ");
  return [`${f.rule} found${where ? ` in ${where}` : ""}.`, f.secretRedacted ? `Secret: ${f.secretRedacted} (redacted).` : null, l.url ? `Source: ${l.url}` : null].filter(Boolean).join(" ");
}

export async function applyIntake(tx: Tx, c: IntakeContext, parsed: ParseResult): Promise<IntakeOutcome> {
  const out: IntakeOutcome = { created: 0, updated: 0, reopened: 0, unchanged: 0, rejected: parsed.errors.map((e) => ({ record: e.record, field: e.field, error: e.field ? `${e.field}: ${e.reason}` : e.reason })) };
  const ids = parsed.records.filter((r): r is IdentityRecord => r.type === "identity");
  const finds = parsed.records.filter((r): r is FindingRecord => r.type === "finding");
  // One import per organisation at a time: two files bringing the same new fingerprint (or identity) would both
  // find it unknown and both insert it, and the later would fail on the unique key. A lock of its own, taken before
  // any other, so it cannot form a cycle with the numbering, audit or inventory-rule locks taken after it.
  if (parsed.records.length) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`intake:${c.orgId}`}, 0))`);
  if (ids.length) await applyIdentities(tx, c, ids, out);
  if (finds.length) await applyFindings(tx, c, finds, out);
  return out;
}
