// API tokens: `wop_` + 256 random bits. Only the SHA-256 is stored; each token is an `api_key` identity.
import crypto from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { apiTokens, identities } from "../db/schema";
import { scopedStatements, withScope } from "../db/tenant";
import { API_SCOPES, type ApiScope } from "../domain/vocabulary";
import type { TokenPrincipal } from "./principal";

export const MAX_TOKEN_DAYS = 90;
const TOKEN_SHAPE = /^wop_[A-Za-z0-9_-]{43}$/;

export function hashToken(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

export interface NewToken {
  orgId: string;
  name: string;
  scopes: ApiScope[];
  days: number;
  createdById: string | null;
  /** Who answers for the integration; the identity is never orphaned. Defaults to the platform's administrators. */
  owner?: { name: string; email: string | null };
  now?: Date;
}

/** Creates the token and its identity inside the caller's tenant transaction; the secret is shown once. */
export async function createApiToken(tx: Tx, t: NewToken) {
  if (!(t.days >= 1 && t.days <= MAX_TOKEN_DAYS)) throw new RangeError(`A token lives 1 to ${MAX_TOKEN_DAYS} days.`);
  const scopes = [...new Set(t.scopes)].filter((s) => API_SCOPES.includes(s));
  const secret = `wop_${crypto.randomBytes(32).toString("base64url")}`;
  const prefix = secret.slice(0, 12);
  const now = t.now ?? new Date();
  const expiresAt = new Date(now.getTime() + t.days * 86_400_000);
  const [identity] = await tx
    .insert(identities)
    .values({
      organisationId: t.orgId,
      kind: "api_key",
      name: `API token: ${t.name}`,
      system: "Wrapper Ops Console",
      externalId: prefix,
      purpose: `Integration token with scopes ${scopes.join(", ")}`,
      ownerName: t.owner?.name ?? "Platform administrators",
      ownerEmail: t.owner?.email ?? null,
      tier: scopes.includes("items:write") || scopes.includes("intake:write") ? "T2" : "T3",
      source: "api_token",
      expiresAt,
      createdAt: now,
    })
    .returning({ id: identities.id });
  const [row] = await tx
    .insert(apiTokens)
    .values({ organisationId: t.orgId, name: t.name, prefix, tokenHash: hashToken(secret), scopes, identityId: identity!.id, createdById: t.createdById, createdAt: now, expiresAt })
    .returning();
  return { secret, token: row! };
}

export async function revokeApiToken(tx: Tx, orgId: string, id: string, now = new Date()) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.organisationId, orgId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  if (row?.identityId) {
    await tx.update(identities).set({ status: "revoked", updatedAt: now }).where(and(eq(identities.organisationId, orgId), eq(identities.id, row.identityId)));
  }
  return row ?? null;
}

export function listApiTokens(tx: Tx, orgId: string) {
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.organisationId, orgId))
    .orderBy(desc(apiTokens.createdAt));
}

interface TokenRow {
  id: string;
  organisation_id: string;
  name: string;
  scopes: string[];
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  identity_id: string | null;
  slug: string;
  org_name: string;
}

/**
 * The principal for a presented bearer secret, or null when it is unknown, revoked or expired. Every API request
 * starts here, so the lookup is one round trip: with only the presented hash in scope, the runtime role may read
 * that one token and its organisation (policies api_tokens_tenant and organisations_tenant), in a message of fixed
 * statements whose one value is the hash, a SHA-256 in hex computed here.
 */
export async function resolveApiToken(db: Db, secret: string, now = new Date()): Promise<TokenPrincipal | null> {
  if (!TOKEN_SHAPE.test(secret)) return null;
  const tokenHash = hashToken(secret);
  const [rows] = await scopedStatements(db, { orgIds: [], tokenHash }, [
    `select t.id, t.organisation_id, t.name, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, t.identity_id, o.slug, o.name as org_name
       from api_tokens t join organisations o on o.id = t.organisation_id where t.token_hash = '${tokenHash}'`,
  ]);
  const t = rows?.[0] as TokenRow | undefined;
  if (!t || t.revoked_at || t.expires_at <= now) return null;
  // Last use is kept to the minute, so a busy integration does not write on every request.
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > 60_000) {
    await withScope(db, { orgIds: [t.organisation_id], tokenHash }, async (tx) => {
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
      if (t.identity_id) await tx.update(identities).set({ lastUsedAt: now }).where(sql`${identities.id} = ${t.identity_id}`);
    });
  }
  return { kind: "token", id: t.id, name: t.name, orgId: t.organisation_id, slug: t.slug, orgName: t.org_name, scopes: t.scopes.filter((s): s is ApiScope => API_SCOPES.includes(s as ApiScope)) };
}
