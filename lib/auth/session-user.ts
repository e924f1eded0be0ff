// Reads the signed-in user and their memberships from the database on every request, so a disabled
// account, a bumped session version or a removed membership takes effect at once.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { memberships, organisations, users } from "../db/schema";
import { withScope } from "../db/tenant";
import type { Role } from "../domain/vocabulary";

export interface MembershipView {
  orgId: string;
  slug: string;
  name: string;
  role: Role;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isProviderStaff: boolean;
  memberships: MembershipView[];
}

export async function loadSessionUser(db: Db, claims: { userId: string; sessionVersion: number }): Promise<SessionUser | null> {
  return withScope(db, { orgIds: [], userId: claims.userId }, async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, claims.userId), sql`${users.disabledAt} is null`))
      .limit(1);
    if (!user || user.sessionVersion !== claims.sessionVersion) return null;
    const rows = await tx
      .select({ orgId: organisations.id, slug: organisations.slug, name: organisations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, user.id))
      .orderBy(asc(organisations.name));
    return { id: user.id, email: user.email, name: user.name, isProviderStaff: user.isProviderStaff, memberships: rows };
  });
}

export async function findUserIdByEmail(db: Db, email: string): Promise<{ id: string; sessionVersion: number } | null> {
  return withScope(db, { orgIds: [] }, async (tx) => {
    const [u] = await tx
      .select({ id: users.id, sessionVersion: users.sessionVersion, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
      .limit(1);
    return u && !u.disabledAt ? { id: u.id, sessionVersion: u.sessionVersion } : null;
  });
}
