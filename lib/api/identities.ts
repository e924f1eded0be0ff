// GET /api/v1/identities (the inventory, filtered, keyset-paginated by name) and GET /api/v1/identities/{id}
// (one identity with its consumers), for integrations and the console alike (SPEC §7, §10).
import { fieldErrors, performRead } from "../actions/mutation";
import { rotationDueAt } from "../domain/identity-rules";
import { isUuid } from "../domain/keys";
import { AppError } from "../errors";
import { identityWithConsumers, listIdentities } from "../queries/identities";
import { identitiesQuery, type IdentityOut } from "../schemas/identities";
import { json, respond, type ApiContext } from "./handler";

type Row = Awaited<ReturnType<typeof listIdentities>>["items"][number];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toIdentityOut(r: Row): IdentityOut {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    system: r.system,
    externalId: r.externalId,
    owner: r.ownerName === null && r.ownerEmail === null ? null : { name: r.ownerName, email: r.ownerEmail, active: r.ownerActive },
    purpose: r.purpose,
    tier: r.tier,
    privileged: r.privileged,
    status: r.status,
    source: r.source,
    heldBy: r.parentId,
    interactiveAccess: r.interactiveAccess,
    accessRemovedAt: iso(r.accessRemovedAt),
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: iso(r.lastUsedAt),
    lastRotatedAt: iso(r.lastRotatedAt),
    rotationPeriodDays: r.rotationPeriodDays,
    rotationDueAt: iso(rotationDueAt(r)),
    expiresAt: iso(r.expiresAt),
  };
}

export async function listIdentitiesOp(ctx: ApiContext): Promise<Response> {
  const parsed = identitiesQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new AppError("invalid:input", "Some query parameters are not valid.", fieldErrors(parsed.error));
  const q = parsed.data;
  const r = await performRead(
    ctx.db,
    ctx.principal,
    ctx.orgSlug,
    "read:identity",
    (tx, { org }) =>
      listIdentities(tx, { orgId: org.orgId, kind: q.kind, tier: q.tier, orphaned: q.orphaned, privileged: q.privileged, overdue: q.rotationOverdue, expiring: q.expiring, cursor: q.cursor, limit: q.limit }),
    ctx.requestId,
  );
  return respond(r, (page) => json({ items: page.items.map(toIdentityOut), nextCursor: page.nextCursor }, 200, ctx.requestId), ctx.requestId);
}

export async function getIdentityOp(ctx: ApiContext): Promise<Response> {
  const id = ctx.params.id ?? "";
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:identity", (tx, { org }) => (isUuid(id) ? identityWithConsumers(tx, org.orgId, id) : Promise.resolve(null)), ctx.requestId);
  return respond(
    r,
    (row) => {
      if (!row) throw new AppError("not_found:identity", "That identity does not exist in this organisation.");
      return json(
        { ...toIdentityOut(row), consumers: row.consumers.map((k) => ({ id: k.id, kind: k.kind, name: k.name, detail: k.detail, source: k.source, addedAt: k.createdAt.toISOString() })) },
        200,
        ctx.requestId,
      );
    },
    ctx.requestId,
  );
}
