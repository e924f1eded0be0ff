// Memberships of one organisation, and the admin's changes to them.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { memberships, users } from "../db/schema";
import type { Role } from "../domain/vocabulary";

export function listMembers(tx: Tx, orgId: string) {
  return tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      isProviderStaff: users.isProviderStaff,
      disabledAt: users.disabledAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, orgId))
    .orderBy(asc(users.name));
}

export async function getMembership(tx: Tx, orgId: string, userId: string) {
  const [m] = await tx
    .select({ role: memberships.role, email: users.email, disabledAt: users.disabledAt, isProviderStaff: users.isProviderStaff })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), eq(memberships.userId, userId)));
  return m ?? null;
}

export async function setMemberRole(tx: Tx, orgId: string, userId: string, role: Role) {
  await tx.update(memberships).set({ role }).where(and(eq(memberships.organisationId, orgId), eq(memberships.userId, userId)));
}

export async function deleteMembership(tx: Tx, orgId: string, userId: string) {
  await tx.delete(memberships).where(and(eq(memberships.organisationId, orgId), eq(memberships.userId, userId)));
}

/** Disabling also bumps the session version, so any open session ends on its next request. */
export async function setUserDisabled(tx: Tx, userId: string, disabled: boolean) {
  await tx
    .update(users)
    .set({ disabledAt: disabled ? new Date() : null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
