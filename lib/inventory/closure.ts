// What verified closure of inventory work says about the identity (SPEC §6, §7): a rotation verified done is a
// rotation (the clock of the rotation rule starts again), a revocation verified done leaves the identity and the
// credentials it holds revoked. Without this the rules would raise the same work again at once.
import { and, eq, or, sql } from "drizzle-orm";
import { identities } from "../db/schema";
import type { MutationContext } from "../actions/mutation";
import type { WorkItemRow } from "../actions/work-item-store";

export async function applyVerifiedClosure(ctx: Pick<MutationContext, "tx" | "now" | "audit">, row: WorkItemRow): Promise<void> {
  if (!row.identityId) return;
  const orgId = row.organisationId;
  if (row.type === "secret_rotation") {
    await ctx.tx
      .update(identities)
      .set({ lastRotatedAt: ctx.now, expiresAt: sql`case when ${identities.expiresAt} <= ${ctx.now.toISOString()}::timestamptz then null else ${identities.expiresAt} end`, updatedAt: ctx.now })
      .where(and(eq(identities.organisationId, orgId), eq(identities.id, row.identityId)));
    await ctx.audit({ action: "identity.rotated", entityType: "identity", entityId: row.identityId, after: { lastRotatedAt: ctx.now.toISOString(), workItemId: row.id, number: row.number } });
  } else if (row.type === "revocation" || row.type === "privileged_offboarding") {
    const revoked = await ctx.tx
      .update(identities)
      .set({ status: "revoked", privileged: false, updatedAt: ctx.now })
      .where(and(eq(identities.organisationId, orgId), or(eq(identities.id, row.identityId), eq(identities.parentId, row.identityId))))
      .returning({ id: identities.id });
    await ctx.audit({ action: "identity.revoked", entityType: "identity", entityId: row.identityId, after: { status: "revoked", privileged: false, credentials: revoked.length - 1, workItemId: row.id, number: row.number } });
  }
}
