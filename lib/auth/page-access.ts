// Who may open a console page, as a pure decision: the signed-in user's membership in the organisation named by
// the URL and the permission the page declares. lib/auth/current.ts turns it into the sign-in redirect or the
// 403 page; the authorization matrix (tests/authz) runs it for every page and every kind of caller.
import { can, type Permission } from "../domain/permissions";
import type { Role } from "../domain/vocabulary";
import type { MembershipView, SessionUser } from "./session-user";

export type PageAccess = { ok: true; membership: MembershipView; role: Role } | { ok: false; status: 401 | 403 };

export function pageAccess(user: SessionUser | null, slug: string, permission: Permission | null): PageAccess {
  if (!user) return { ok: false, status: 401 };
  // We do not say whether an organisation the user is not in exists.
  const membership = user.memberships.find((m) => m.slug === slug);
  if (!membership) return { ok: false, status: 403 };
  if (permission && !can(membership.role, permission)) return { ok: false, status: 403 };
  return { ok: true, membership, role: membership.role };
}
