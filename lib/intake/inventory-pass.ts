// What an import adds to the inventory beyond the records themselves, in the same transaction:
// - the credentials an identity holds (an AWS user's access keys and signing certificates) as identities of their
//   own, held by it, with a 90-day rotation period for access keys unless one was set here;
// - interactive access, and the moment a source takes it away (lib/intake/apply.ts keeps such a person a person);
// - the consumers a finding names (the repository a secret leaked in uses it);
// then the inventory rules run over the organisation, so the queue holds the work the import calls for.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import type { IdentityRule } from "../domain/identity-rules";
import { batchesOf } from "../db/bulk";
import { raiseInventoryWork, type RulesContext } from "../inventory/rules";
import type { IntakeOutcome } from "./apply";
import type { FindingRecord, IdentityRecord, ParseResult } from "./types";

/** AWS's own advice (and CIS AWS 1.14): rotate access keys every 90 days. */
export const ACCESS_KEY_ROTATION_DAYS = 90;
const CHUNK = 5_000;

const key = (system: string, externalId: string) => `${system}\u0000${externalId}`;

/** After the records are written: access, credentials and consumers; then the rules (what they raised). */
export async function applyInventoryPass(
  tx: Tx,
  c: RulesContext & { format: string },
  parsed: ParseResult,
  out: IntakeOutcome,
): Promise<Record<IdentityRule, number>> {
  const idents = parsed.records.filter((r): r is IdentityRecord => r.type === "identity");
  if (idents.length) {
    await applyAccess(tx, c, idents);
    await applyCredentials(tx, c, idents, out);
  }
  const finds = parsed.records.filter((r): r is FindingRecord => r.type === "finding" && r.identity !== null && !!r.location.repository);
  if (finds.length) await recordFindingConsumers(tx, c, finds);
  return raiseInventoryWork(tx, c);
}

/** Interactive access as the source says it now; access it had and lost is removed now. */
async function applyAccess(tx: Tx, c: RulesContext, records: IdentityRecord[]) {
  const rows = records.map((r) => ({ s: r.system, e: r.externalId, ia: r.interactiveAccess }));
  for (const part of batchesOf(rows, CHUNK)) {
    await tx.execute(sql`
      update identities i
         set interactive_access = v.ia,
             access_removed_at = case when v.ia then null else ${c.now.toISOString()}::timestamptz end
        from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as v(s text, e text, ia boolean)
       where i.organisation_id = ${c.orgId} and i.system = v.s and i.external_id = v.e and i.interactive_access is distinct from v.ia`);
  }
}

/** Each credential an identity holds, upserted as an identity with the holder as its parent. */
async function applyCredentials(tx: Tx, c: RulesContext & { format: string }, records: IdentityRecord[], out: IntakeOutcome) {
  const rows = records.flatMap((r) =>
    r.credentials.map((k) => ({
      ps: r.system,
      pe: r.externalId,
      e: k.externalId,
      kind: k.kind,
      name: `${r.name} · ${k.kind === "certificate" ? "signing certificate" : "access key"} ${k.externalId.slice(-1)}`,
      status: k.active ? "active" : "disabled",
      rotated: k.lastRotatedAt,
      used: k.lastUsedAt,
      period: k.kind === "api_key" ? ACCESS_KEY_ROTATION_DAYS : null,
    })),
  );
  const now = c.now.toISOString();
  for (const part of batchesOf(rows, CHUNK)) {
    const { rows: done } = await tx.execute<{ inserted: boolean }>(sql`
      insert into identities (organisation_id, system, external_id, parent_id, kind, name, status, last_rotated_at, last_used_at, rotation_period_days, privileged, source, created_at, updated_at)
      select ${c.orgId}, v.ps, v.e, p.id, v.kind::identity_kind, v.name, v.status::identity_status, v.rotated, v.used, v.period, p.privileged, ${c.format}, ${now}::timestamptz, ${now}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(part)}::jsonb)
             as v(ps text, pe text, e text, kind text, name text, status text, rotated timestamptz, used timestamptz, period int)
        join identities p on p.organisation_id = ${c.orgId} and p.system = v.ps and p.external_id = v.pe
      on conflict (organisation_id, system, external_id) do update
         set parent_id = excluded.parent_id, kind = excluded.kind, name = excluded.name, status = excluded.status,
             last_rotated_at = excluded.last_rotated_at, last_used_at = excluded.last_used_at, privileged = excluded.privileged,
             rotation_period_days = coalesce(identities.rotation_period_days, excluded.rotation_period_days), updated_at = excluded.updated_at
       where (identities.parent_id, identities.kind, identities.name, identities.status, identities.last_rotated_at, identities.last_used_at, identities.privileged)
             is distinct from (excluded.parent_id, excluded.kind, excluded.name, excluded.status, excluded.last_rotated_at, excluded.last_used_at, excluded.privileged)
      returning (xmax = 0) as inserted`);
    for (const d of done) {
      if (d.inserted) out.created++;
      else out.updated++;
    }
  }
}

/** The repository a secret was found in uses it: a consumer of the secret's identity (once). */
async function recordFindingConsumers(tx: Tx, c: RulesContext & { format: string }, finds: FindingRecord[]) {
  const rows = [...new Map(finds.map((f) => [key(key(f.identity!.system, f.identity!.externalId), f.location.repository!), f])).values()].map((f) => ({
    s: f.identity!.system,
    e: f.identity!.externalId,
    n: f.location.repository!.slice(0, 300),
    d: f.location.file ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ""}`.slice(0, 500) : null,
  }));
  for (const part of batchesOf(rows, CHUNK)) {
    await tx.execute(sql`
      insert into identity_consumers (organisation_id, identity_id, kind, name, detail, source, created_at)
      select ${c.orgId}, i.id, 'repository', v.n, v.d, ${c.format}, ${c.now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as v(s text, e text, n text, d text)
        join identities i on i.organisation_id = ${c.orgId} and i.system = v.s and i.external_id = v.e
      on conflict (organisation_id, identity_id, kind, name) where removed_at is null do nothing`);
  }
}
