// Running the inventory rules (lib/domain/identity-rules.ts) against an organisation: one statement finds the
// identities that break a rule and have no open item for it (nor the same kind of work opened by hand), the pure rules write the items, and the partial
// unique index (identity, rule) among open items keeps it to one whatever runs at once. An item closed as
// risk-accepted holds the rule off until its acceptance expires.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import type { AuditActor } from "../audit/record";
import { identityRuleHits, ROTATED_KINDS, RULE_WORK, SCANNER_SOURCES, type IdentityRule, type RuleIdentity } from "../domain/identity-rules";
import { defaultPriority } from "../domain/priority";
import type { IdentityKind, IdentityStatus, Tier } from "../domain/vocabulary";
import { createItems, type NewItem } from "../actions/create-items";

export interface RulesContext {
  orgId: string;
  actor: AuditActor;
  requestId: string;
  now: Date;
}

/** Items raised per run at most; the rest are raised by the next run. */
export const RULES_BATCH = 2_000;

type Row = {
  rule: IdentityRule;
  id: string;
  kind: IdentityKind;
  status: IdentityStatus;
  name: string;
  system: string;
  tier: Tier;
  owner_name: string | null;
  owner_email: string | null;
  owner_active: boolean;
  privileged: boolean;
  parent_id: string | null;
  source: string;
  access_removed_at: string | null;
  created_at: string;
  last_rotated_at: string | null;
  rotation_period_days: number | null;
  expires_at: string | null;
  active_credentials: number;
};

/** Raises the work the inventory calls for now; returns how many items of each rule were created. */
export async function raiseInventoryWork(tx: Tx, c: RulesContext, limit = RULES_BATCH): Promise<Record<IdentityRule, number>> {
  // One run per organisation at a time (an import and the sweeper may both get here); the index backs it up.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${"inventory-rules:" + c.orgId}, 0))`);
  const now = c.now.toISOString();
  const list = (xs: readonly string[]) => sql.raw(xs.map((k) => `'${k}'`).join(", "));
  const kinds = list(ROTATED_KINDS);
  const scanners = list(SCANNER_SOURCES);
  // The cheap per-identity conditions first, over the organisation's identities in one scan (materialised, so the
  // planner cannot push the lookups below into it); only the identities they flag are looked up in work_items.
  const { rows } = await tx.execute<Row>(sql`
    with flagged as materialized (
      select i.*,
             (i.status = 'active' and i.kind in (${kinds})
              and ((i.rotation_period_days is not null and coalesce(i.last_rotated_at, i.created_at) + make_interval(days => i.rotation_period_days) <= ${now}::timestamptz)
                   or i.expires_at <= ${now}::timestamptz)) as rotation_due,
             (i.status = 'active' and i.parent_id is null and i.source not in (${scanners})
              and ((i.owner_name is null and i.owner_email is null) or not i.owner_active)) as orphaned,
             (i.kind = 'human' and (i.status <> 'active' or i.access_removed_at is not null)) as deactivated
        from identities i
       where i.organisation_id = ${c.orgId}
         and ((i.status = 'active' and (i.kind in (${kinds}) or i.parent_id is null)) or i.kind = 'human')
    ),
    candidates as (
      select r.rule, f.*,
             (select count(*)::int from identities k where k.organisation_id = f.organisation_id and k.parent_id = f.id and k.status = 'active') as active_credentials
        from flagged f
        cross join lateral (values ('rotation_due', f.rotation_due), ('orphaned', f.orphaned), ('deactivated_access', f.deactivated)) as r(rule, hit)
       where r.hit
    )
    select c.rule, c.id, c.kind, c.status, c.name, c.system, c.tier, c.owner_name, c.owner_email, c.owner_active, c.privileged, c.parent_id, c.source,
           c.access_removed_at, c.created_at, c.last_rotated_at, c.rotation_period_days, c.expires_at, c.active_credentials
      from candidates c
     where (c.rule <> 'deactivated_access' or c.privileged or c.active_credentials > 0)
       -- No open item for this identity and rule (or the same work raised by hand), and no acceptance in force for one.
       and not exists (
         select 1 from work_items w
          where w.organisation_id = c.organisation_id and w.identity_id = c.id
            and (w.rule = c.rule or (w.rule is null and w.type = (case c.rule ${sql.raw(Object.entries(RULE_WORK).map(([r, t]) => `when '${r}' then '${t}'`).join(" "))} end)::work_item_type))
            and (w.closed_at is null or (w.resolution = 'risk_accepted' and w.exception_expires_at > ${now}::timestamptz)))
     order by c.tier, c.id
     limit ${limit}`);
  const counts: Record<IdentityRule, number> = { rotation_due: 0, orphaned: 0, deactivated_access: 0 };
  const items: NewItem[] = [];
  for (const row of rows) {
    // The SQL above found it; the pure rule (the definition) writes the item, and must agree.
    const hit = identityRuleHits(toRuleIdentity(row), c.now).find((h) => h.rule === row.rule);
    if (!hit) throw new Error(`inventory rule ${row.rule} matched identity ${row.id} in SQL but not in lib/domain/identity-rules.ts`);
    items.push({
      type: hit.type,
      title: hit.title.slice(0, 200),
      description: `${hit.reason} Raised by the inventory rule "${hit.rule}" (${row.system}).`,
      severity: hit.severity,
      priority: defaultPriority(row.tier, hit.severity),
      identityId: row.id,
      rule: hit.rule,
    });
    counts[hit.rule]++;
  }
  await createItems(tx, c, items);
  return counts;
}

const date = (s: string | null) => (s === null ? null : new Date(s));

export function toRuleIdentity(row: Omit<Row, "rule" | "system" | "tier" | "id">): RuleIdentity {
  return {
    kind: row.kind,
    status: row.status,
    name: row.name,
    ownerName: row.owner_name,
    ownerEmail: row.owner_email,
    ownerActive: row.owner_active,
    privileged: row.privileged,
    parentId: row.parent_id,
    source: row.source,
    accessRemovedAt: date(row.access_removed_at),
    createdAt: new Date(row.created_at),
    lastRotatedAt: date(row.last_rotated_at),
    rotationPeriodDays: row.rotation_period_days,
    expiresAt: date(row.expires_at),
    activeCredentials: Number(row.active_credentials),
  };
}
