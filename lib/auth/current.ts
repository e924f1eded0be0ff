// The signed-in user for this request, read fresh from the database (cached for the request only).
import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db";
import type { Role } from "../domain/vocabulary";
import type { Permission } from "../domain/permissions";
import { pageAccess } from "./page-access";
import type { Tx } from "../db/client";
import { withTenant } from "../db/tenant";
import { authOptions } from "./options";
import { loadSessionUser, type MembershipView, type SessionUser } from "./session-user";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid || typeof session.sv !== "number") return null;
  return loadSessionUser(await getDb(), { userId: session.uid, sessionVersion: session.sv });
});

/** The signed-in user, or a redirect to sign-in that returns to the requested page afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get("x-request-path");
    redirect(path && path.startsWith("/") && !path.startsWith("//") ? `/signin?callbackUrl=${encodeURIComponent(path)}` : "/signin");
  }
  return user;
}

export interface OrgContext {
  user: SessionUser;
  membership: MembershipView;
  role: Role;
}

/** The user's membership in organisation `slug`, or the 403 page (we do not say whether the organisation exists). */
export async function requireOrg(slug: string): Promise<OrgContext> {
  const user = await requireUser();
  const access = pageAccess(user, slug, null);
  if (!access.ok) forbidden();
  return { user, membership: access.membership, role: access.role };
}

/** The 403 page unless the role holds `permission` (the UI hides what this refuses). */
export function requirePermission(ctx: OrgContext, permission: Permission): void {
  if (!pageAccess(ctx.user, ctx.membership.slug, permission).ok) forbidden();
}

/** Runs reads for a page in the organisation's tenant-scoped transaction. */
export async function inOrg<T>(ctx: OrgContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withTenant(await getDb(), ctx.membership.orgId, ctx.user.id, fn);
}
