// Identity inventory reads, keyset-paginated by name.
import { and, asc, count, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { identities, identityConsumers } from "../db/schema";
import type { IdentityKind, Tier } from "../domain/vocabulary";
import { ROTATED_KINDS } from "../domain/identity-rules";
import { decodeCursor, encodeCursor } from "./cursor";

export interface IdentityFilter {
  orgId: string;
  kind?: IdentityKind | null;
  orphaned?: boolean;
  tier?: Tier | null;
  privileged?: boolean;
  /** Past its rotation period, or expired (rotationOverdue). */
  overdue?: boolean;
  /** Expired, or expiring within 30 days of `now`. */
  expiring?: boolean;
  now?: Date;
  cursor?: string | null;
  limit?: number;
}

const rotated = sql.raw(ROTATED_KINDS.map((k) => `'${k}'`).join(", "));

// The inventory's hygiene figures, one definition each for the filters, the counts and the dashboard (docs/metrics.md).
/** Active, nobody owns it, and no other identity holds it (a held credential answers to its holder). */
export const orphanedIdentity = sql`(${identities.status} = 'active' and ${identities.parentId} is null and ${identities.ownerName} is null and ${identities.ownerEmail} is null)`;
/** Active and marked privileged. */
export const standingPrivileged = sql`(${identities.status} = 'active' and ${identities.privileged})`;
/** An active key, token, certificate or secret past its last rotation (or creation) plus its period, or past its expiry. */
export const rotationOverdue = (now: SQL) =>
  sql`(${identities.status} = 'active' and ${identities.kind} in (${rotated}) and ((${identities.rotationPeriodDays} is not null
       and coalesce(${identities.lastRotatedAt}, ${identities.createdAt}) + make_interval(days => ${identities.rotationPeriodDays}) <= ${now}) or ${identities.expiresAt} <= ${now}))`;

export async function listIdentities(tx: Tx, f: IdentityFilter) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const conds: SQL[] = [eq(identities.organisationId, f.orgId)];
  if (f.kind) conds.push(eq(identities.kind, f.kind));
  if (f.orphaned) conds.push(orphanedIdentity);
  if (f.tier) conds.push(eq(identities.tier, f.tier));
  if (f.privileged) conds.push(standingPrivileged);
  const now = (f.now ?? new Date()).toISOString();
  if (f.overdue) conds.push(rotationOverdue(sql`${now}::timestamptz`));
  if (f.expiring) conds.push(sql`${identities.expiresAt} < ${now}::timestamptz + interval '30 days'`);
  const c = decodeCursor(f.cursor);
  if (c) conds.push(or(gt(identities.name, c.key), and(eq(identities.name, c.key), gt(identities.id, c.id)))!);
  const rows = await tx
    .select()
    .from(identities)
    .where(and(...conds))
    .orderBy(asc(identities.name), asc(identities.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null };
}

export type IdentityRow = Awaited<ReturnType<typeof listIdentities>>["items"][number];

export async function identityCounts(tx: Tx, orgId: string) {
  const [r] = await tx
    .select({
      total: count(),
      orphaned: sql<number>`count(*) filter (where ${orphanedIdentity})`.mapWith(Number),
      privileged: sql<number>`count(*) filter (where ${standingPrivileged})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${rotationOverdue(sql`now()`)})`.mapWith(Number),
    })
    .from(identities)
    .where(eq(identities.organisationId, orgId));
  return { total: Number(r?.total ?? 0), orphaned: r?.orphaned ?? 0, privileged: r?.privileged ?? 0, overdue: r?.overdue ?? 0 };
}

/** One identity of the organisation, with its live consumers; null when it is not there. */
export async function identityWithConsumers(tx: Tx, orgId: string, id: string) {
  const [row] = await tx.select().from(identities).where(and(eq(identities.organisationId, orgId), eq(identities.id, id)));
  if (!row) return null;
  const consumers = await tx
    .select()
    .from(identityConsumers)
    .where(and(eq(identityConsumers.organisationId, orgId), eq(identityConsumers.identityId, id), isNull(identityConsumers.removedAt)))
    .orderBy(asc(identityConsumers.kind), asc(identityConsumers.name));
  return { ...row, consumers };
}

/** Identities to link a new work item to, by name. */
export function identityChoices(tx: Tx, orgId: string, limit = 1000) {
  return tx
    .select({ id: identities.id, name: identities.name, system: identities.system, tier: identities.tier })
    .from(identities)
    .where(eq(identities.organisationId, orgId))
    .orderBy(asc(identities.name))
    .limit(limit);
}
