// Framework alignment (SPEC §9): the mapping in force for an organisation, and per control what was done, what
// is open and what is accepted. The database counts items per (type, rule); the mapping folds those counts onto
// controls here, so no item is ever loaded.
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { DEFAULT_FRAMEWORKS, declaredControls, frameworksDocument, refsFor, type FrameworksDocument } from "../domain/frameworks";
import type { WorkItemType } from "../domain/vocabulary";
import { activePolicy } from "./policies";

/** The active framework mapping; the built-in default (version null) when none is active or it no longer validates. */
export async function activeFrameworks(tx: Tx, orgId: string): Promise<{ version: number | null; doc: FrameworksDocument }> {
  const row = await activePolicy(tx, orgId, "frameworks");
  const parsed = row ? frameworksDocument.safeParse(row.document) : null;
  return parsed?.success ? { version: row!.version, doc: parsed.data } : { version: null, doc: DEFAULT_FRAMEWORKS };
}

export interface ControlCoverage {
  /** The framework's id, e.g. "nist-csf-2.0". */
  framework: string;
  frameworkName: string;
  /** The control's own reference within its framework, e.g. "PR.AA-05". */
  ref: string;
  title: string;
  /** Items mapped to the control closed as remediated in [from, to). */
  done: number;
  /** Items mapped to the control open at `now`. */
  open: number;
  /** Items mapped to the control closed as risk accepted in [from, to), or closed under an approved acceptance still in force at `now`. */
  accepted: number;
}

/**
 * Per declared control of the active mapping (in its order, those with no work included with zeros): done,
 * open and accepted, as defined on ControlCoverage. An item counts once per control however many of the
 * mapping's entries bring it there; an item under several controls counts under each.
 */
export async function frameworkCoverage(tx: Tx, p: { orgId: string; from: Date; to: Date; now: Date }): Promise<{ version: number | null; controls: ControlCoverage[] }> {
  const { version, doc } = await activeFrameworks(tx, p.orgId);
  const [from, to, now] = [p.from.toISOString(), p.to.toISOString(), p.now.toISOString()];
  const { rows } = await tx.execute<{ type: WorkItemType; rule: string | null; bucket: "done" | "open" | "accepted"; n: number }>(sql`
    select type::text as type, rule, 'done' as bucket, count(*)::int as n
      from work_items
     where organisation_id = ${p.orgId} and closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz and resolution = 'remediated'
     group by type, rule
    union all
    select type::text, rule, 'open', count(*)::int
      from work_items
     where organisation_id = ${p.orgId} and closed_at is null
     group by type, rule
    union all
    select w.type::text, w.rule, 'accepted', count(*)::int
      from work_items w
     where w.organisation_id = ${p.orgId} and w.closed_at is not null and w.resolution = 'risk_accepted'
       and w.id in (
         select id from work_items
          where organisation_id = ${p.orgId} and closed_at >= ${from}::timestamptz and closed_at < ${to}::timestamptz and resolution = 'risk_accepted'
         union
         select work_item_id from risk_acceptances
          where organisation_id = ${p.orgId} and status = 'approved' and expires_at > ${now}::timestamptz)
     group by w.type, w.rule`);

  const controls = declaredControls(doc).map((c) => ({ ...c, done: 0, open: 0, accepted: 0 }));
  const byRef = new Map(controls.map((c) => [`${c.framework}:${c.ref}`, c]));
  for (const r of rows) {
    for (const ref of refsFor(doc, { type: r.type, rule: r.rule })) byRef.get(ref)![r.bucket] += Number(r.n);
  }
  return { version, controls };
}
