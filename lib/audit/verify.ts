// Re-computes every organisation's hash chain in the database and names the first broken row of each.
// Runs as the migration owner (all organisations), not through the tenant scope.
import { sql } from "drizzle-orm";
import type { Executor } from "../db/client";

export interface ChainReport {
  organisationId: string;
  slug: string;
  events: number;
  ok: boolean;
  firstBroken: { id: number; seq: number; reason: string } | null;
}

export async function verifyAuditChains(db: Executor): Promise<ChainReport[]> {
  const result = await db.execute<{
    organisation_id: string;
    slug: string;
    events: string;
    broken_id: string | null;
    broken_seq: string | null;
    reason: string | null;
  }>(sql`
    with checked as (
      select e.id, e.organisation_id, e.seq,
        case
          when e.hash <> audit_event_digest(e) then 'hash does not match the row''s contents'
          when e.prev_hash <> coalesce(lag(e.hash) over w, repeat('0', 64)) then 'prev_hash does not match the previous event'
          when e.seq <> coalesce(lag(e.seq) over w, 0) + 1 then 'sequence gap: an event is missing before this one'
        end as reason
      from audit_events e
      window w as (partition by e.organisation_id order by e.seq)
    ),
    first_broken as (
      select distinct on (organisation_id) organisation_id, id, seq, reason
      from checked where reason is not null order by organisation_id, seq
    )
    select o.id as organisation_id, o.slug,
      (select count(*) from audit_events a where a.organisation_id = o.id) as events,
      fb.id as broken_id, fb.seq as broken_seq, fb.reason
    from organisations o left join first_broken fb on fb.organisation_id = o.id
    order by o.slug
  `);
  return result.rows.map((r) => ({
    organisationId: r.organisation_id,
    slug: r.slug,
    events: Number(r.events),
    ok: r.broken_id === null,
    firstBroken: r.broken_id === null ? null : { id: Number(r.broken_id), seq: Number(r.broken_seq), reason: r.reason ?? "" },
  }));
}
