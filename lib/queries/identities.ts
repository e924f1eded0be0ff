// Identity inventory reads, keyset-paginated by name.
import { and, asc, count, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../db/client";
import { identities, identityConsumers } from "../db/schema";
import type { IdentityKind, Tier } from "../domain/vocabulary";
import { decodeCursor, encodeCursor } from "./cursor";

export interface IdentityFilter {
  orgId: string;
  kind?: IdentityKind | null;
  orphaned?: boolean;
  tier?: Tier | null;
  privileged?: boolean;
  /** Past its rotation period. */
  overdue?: boolean;
  /** Expired, or expiring within 30 days of `now`. */
  expiring?: boolean;
  now?: Date;
  cursor?: string | null;
  limit?: number;
}

export async function listIdentities(tx: Tx, f: IdentityFilter) {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const conds: SQL[] = [eq(identities.organisationId, f.orgId)];
  if (f.kind) conds.push(eq(identities.kind, f.kind));
  if (f.orphaned) conds.push(isNull(identities.ownerName));
  if (f.tier) conds.push(eq(identities.tier, f.tier));
  if (f.privileged) conds.push(eq(identities.privileged, true));
  const now = (f.now ?? new Date()).toISOString();
  if (f.overdue) conds.push(sql`${identities.rotationPeriodDays} is not null and ${identities.lastRotatedAt} < ${now}::timestamptz - make_interval(days => ${identities.rotationPeriodDays})`);
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
      orphaned: sql<number>`count(*) filter (where ${identities.ownerName} is null)`.mapWith(Number),
      privileged: sql<number>`count(*) filter (where ${identities.privileged})`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${identities.rotationPeriodDays} is not null and ${identities.lastRotatedAt} < now() - make_interval(days => ${identities.rotationPeriodDays}))`.mapWith(Number),
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
