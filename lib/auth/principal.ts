// Who a request acts for: a signed-in person (session) or an integration (API token).
import type { Actor } from "../domain/actor";
import type { ApiScope, Role } from "../domain/vocabulary";
import type { SessionUser } from "./session-user";

export interface TokenPrincipal {
  kind: "token";
  id: string;
  name: string;
  orgId: string;
  slug: string;
  orgName: string;
  scopes: ApiScope[];
}

export type Principal = SessionUser | TokenPrincipal;

export function isToken(p: Principal): p is TokenPrincipal {
  return (p as TokenPrincipal).kind === "token";
}

export interface OrgView {
  orgId: string;
  slug: string;
  name: string;
}

/** The principal's standing in organisation `slug`, or null when it has none there. */
export function principalInOrg(p: Principal, slug: string): { org: OrgView; actor: Actor; role: Role | null } | null {
  if (isToken(p)) {
    if (p.slug !== slug) return null;
    return { org: { orgId: p.orgId, slug: p.slug, name: p.orgName }, actor: { kind: "token", tokenId: p.id, scopes: p.scopes }, role: null };
  }
  const m = p.memberships.find((x) => x.slug === slug);
  if (!m) return null;
  return { org: { orgId: m.orgId, slug: m.slug, name: m.name }, actor: { kind: "user", userId: p.id, role: m.role }, role: m.role };
}
