// Applying parsed intake records to an organisation (SPEC §7), in the caller's one tenant transaction: identities
// are upserted by (system, external id); each finding is known by its fingerprint, so a re-import creates
// nothing, and a remediated finding that comes back reopens its item as regressed. Valid records are written and
// bad ones reported (all in one transaction: a failure part-way writes nothing). Bulk statements throughout, so
// a hundred thousand findings are a few dozen statements, not a few hundred thousand.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { insertRows } from "../db/bulk";
import { identities, intakeFindings, organisations, workItems } from "../db/schema";
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
const key = (system: string, externalId: string) => `${system}\u0000${externalId}`;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Existing identities by (system, external id), for the refs given. */
async function findIdentities(tx: Tx, orgId: string, refs: { system: string; externalId: string }[]) {
  const out = new Map<string, typeof identities.$inferSelect>();
  for (const part of chunks(refs)) {
    const rows = await tx
      .select()
      .from(identities)
      .innerJoin(sql`jsonb_to_recordset(${JSON.stringify(part.map((r) => ({ s: r.system, e: r.externalId })))}::jsonb) as v(s text, e text)`, sql`${identities.system} = v.s and ${identities.externalId} = v.e`)
      .where(eq(identities.organisationId, orgId))
      .then((r) => r.map((x) => (x as unknown as { identities: typeof identities.$inferSelect }).identities));
    for (const r of rows) out.set(key(r.system, r.externalId), r);
  }
  return out;
}

const date = (s: string | null) => (s ? new Date(s) : null);
const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The fields an identity source is the truth for. */
function identityFields(r: IdentityRecord) {
  return {
    name: r.name,
    kind: r.kind,
    ownerName: r.ownerName,
    ownerEmail: r.ownerEmail,
    ownerActive: r.ownerActive,
    status: r.status,
    privileged: r.privileged,
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
    const f = identityFields(r);
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
  for (const part of chunks(updates)) {
    await tx.execute(sql`
      update identities i set name = v.name, kind = v.kind, owner_name = v.owner_name, owner_email = v.owner_email, owner_active = v.owner_active,
             status = v.status, privileged = v.privileged, last_used_at = v.last_used_at, last_rotated_at = v.last_rotated_at, expires_at = v.expires_at,
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
    last_used_at: f.lastUsedAt?.toISOString() ?? null,
    last_rotated_at: f.lastRotatedAt?.toISOString() ?? null,
    expires_at: f.expiresAt?.toISOString() ?? null,
  };
}

/** The identities findings name, created when the inventory does not know them yet (never updated from here). */
async function identitiesForFindings(tx: Tx, c: IntakeContext, refs: IdentityRef[]): Promise<Map<string, { id: string; tier: Tier }>> {
  const unique = [...new Map(refs.map((r) => [key(r.system, r.externalId), r])).values()];
  for (const part of chunks(unique)) {
    const rows = JSON.stringify(part.map((r) => ({ s: r.system, e: r.externalId, n: r.name, k: r.kind })));
    await tx.execute(sql`
      insert into identities (organisation_id, system, external_id, name, kind, source, created_at, updated_at)
      select ${c.orgId}, v.s, v.e, v.n, v.k::identity_kind, ${c.format}, ${c.now.toISOString()}::timestamptz, ${c.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${rows}::jsonb) as v(s text, e text, n text, k text)
      on conflict (organisation_id, system, external_id) do nothing`);
  }
  const found = await findIdentities(tx, c.orgId, unique);
  return new Map([...found].map(([k, row]) => [k, { id: row.id, tier: row.tier }]));
}

async function applyFindings(tx: Tx, c: IntakeContext, records: FindingRecord[], out: IntakeOutcome) {
  // A fingerprint seen twice in one file is one finding.
  const byPrint = new Map<string, FindingRecord>();
  for (const r of records) {
    if (byPrint.has(r.fingerprint)) out.unchanged++;
    else byPrint.set(r.fingerprint, r);
  }
  const prints = [...byPrint.keys()];
  const known = new Map<string, { id: string; workItemId: string }>();
  for (const part of chunks(prints)) {
    const rows = await tx
      .select({ id: intakeFindings.id, fingerprint: intakeFindings.fingerprint, workItemId: intakeFindings.workItemId })
      .from(intakeFindings)
      .where(and(eq(intakeFindings.organisationId, c.orgId), inArray(intakeFindings.fingerprint, part)));
    for (const r of rows) known.set(r.fingerprint, r);
  }
  const fresh = prints.filter((p) => !known.has(p)).map((p) => byPrint.get(p)!);
  const seen = prints.filter((p) => known.has(p));

  // Seen before: counted, and a remediated one that is back reopens as regressed.
  if (seen.length) {
    for (const part of chunks(seen)) {
      await tx
        .update(intakeFindings)
        .set({ lastSeenAt: c.now, timesSeen: sql`${intakeFindings.timesSeen} + 1` })
        .where(and(eq(intakeFindings.organisationId, c.orgId), inArray(intakeFindings.fingerprint, part)));
    }
    const itemIds = seen.map((p) => known.get(p)!.workItemId);
    const remediated: WorkItemRow[] = [];
    for (const part of chunks(itemIds)) {
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
    out.reopened += remediated.length;
    out.unchanged += seen.length - remediated.length;
  }
  if (fresh.length === 0) return;

  // New: an identity for each (where the finding names one), a work item, its creation event and its clocks.
  const idents = await identitiesForFindings(tx, c, fresh.flatMap((f) => (f.identity ? [f.identity] : [])));
  const [seq] = await tx
    .update(organisations)
    .set({ itemSeq: sql`${organisations.itemSeq} + ${fresh.length}` })
    .where(eq(organisations.id, c.orgId))
    .returning({ last: organisations.itemSeq });
  const first = seq!.last - fresh.length + 1;
  const policies = await loadPolicies(tx, c.orgId);
  const t = c.now.getTime();
  const iso = c.now.toISOString();
  // Every new item starts its clocks now: one reading per priority serves them all.
  const d = (x: number | null) => (x === null ? null : new Date(x).toISOString());
  const clocks = new Map<string, { snap: ReturnType<typeof snapshotOf> | null; cols: ReturnType<typeof slaColumns> }>();
  const clocksFor = (priority: Priority) => {
    let got = clocks.get(priority);
    if (!got) {
      const item = { priority, type: "finding_remediation" as const };
      const snap = policies.sla ? snapshotOf(readItemClocks([{ at: t, stage: "intake", waitingOn: "provider" }], item, policies.sla.doc, t), policies.sla.version, t) : null;
      got = { snap, cols: slaColumns(snap, policies.sla?.doc ?? null, t) };
      clocks.set(priority, got);
    }
    return got;
  };
  const items = fresh.map((f, i) => {
    const ident = f.identity ? idents.get(key(f.identity.system, f.identity.externalId)) : undefined;
    const priority = defaultPriority(ident?.tier ?? null, f.severity);
    const { snap, cols } = clocksFor(priority);
    return {
      id: crypto.randomUUID(),
      organisation_id: c.orgId,
      number: first + i,
      type: "finding_remediation",
      title: f.title,
      description: describe(f),
      severity: f.severity,
      priority,
      identity_id: ident?.id ?? null,
      created_at: iso,
      updated_at: iso,
      stage_entered_at: iso,
      waiting_since: iso,
      sla: snap,
      sla_due_at: d(cols.slaDueAt),
      sla_at_risk_at: d(cols.slaAtRiskAt),
      sla_breached: cols.slaBreached,
      next_check_at: d(cols.nextChangeAt),
    };
  });
  await insertRows(tx, "work_items", items, 2_000);
  await insertRows(
    tx,
    "audit_events",
    items.map((it, i) => ({
      organisation_id: c.orgId,
      actor_type: c.actor.type,
      actor_id: c.actor.id,
      action: "work_item.create",
      entity_type: "work_item",
      entity_id: it.id,
      after: { number: it.number, type: it.type, title: it.title, stage: "intake", priority: it.priority, severity: it.severity, version: 1, format: c.format, fingerprint: fresh[i]!.fingerprint },
      request_id: c.requestId,
      occurred_at: iso,
    })),
    2_000,
  );
  await insertRows(
    tx,
    "intake_findings",
    fresh.map((f, i) => ({
      organisation_id: c.orgId,
      fingerprint: f.fingerprint,
      format: c.format,
      rule: f.rule,
      work_item_id: items[i]!.id,
      identity_id: items[i]!.identity_id,
      secret_redacted: f.secretRedacted,
      secret_hash: f.secretHash,
      location: f.location,
      first_seen_at: iso,
      last_seen_at: iso,
      times_seen: 1,
    })),
  );
  out.created += fresh.length;
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
  if (ids.length) await applyIdentities(tx, c, ids, out);
  if (finds.length) await applyFindings(tx, c, finds, out);
  return out;
}
