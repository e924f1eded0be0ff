// Admin changes to an organisation's API tokens. Definitions only; app/ binds them to the request.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../db/schema";
import { AppError } from "../errors";
import { createApiToken, MAX_TOKEN_DAYS, revokeApiToken } from "../auth/api-tokens";
import { API_SCOPES } from "../domain/vocabulary";
import type { MutationDef } from "./mutation";

const issueInput = z.object({
  name: z.string().trim().min(3, "Name the integration (at least 3 characters).").max(80),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope."),
  days: z.coerce.number().int().min(1).max(MAX_TOKEN_DAYS, `A token lives at most ${MAX_TOKEN_DAYS} days.`),
});

export const issueApiToken: MutationDef<typeof issueInput, { secret: string; prefix: string; expiresAt: string }> = {
  permission: "manage:api_token",
  input: issueInput,
  async run(ctx, input) {
    const [issuer] = ctx.userId ? await ctx.tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.userId)) : [];
    const { secret, token } = await createApiToken(ctx.tx, { orgId: ctx.org.orgId, name: input.name, scopes: input.scopes, days: input.days, createdById: ctx.userId, owner: issuer, now: ctx.now });
    await ctx.audit({ action: "api_token.issue", entityType: "api_token", entityId: token.id, after: { name: token.name, prefix: token.prefix, scopes: token.scopes, expiresAt: token.expiresAt.toISOString() } });
    return { secret, prefix: token.prefix, expiresAt: token.expiresAt.toISOString() };
  },
};

const revokeInput = z.object({ id: z.uuid() });

export const revokeToken: MutationDef<typeof revokeInput, { ok: true }> = {
  permission: "manage:api_token",
  input: revokeInput,
  async run(ctx, input) {
    const row = await revokeApiToken(ctx.tx, ctx.org.orgId, input.id, ctx.now);
    if (!row) throw new AppError("not_found:api_token", "That token does not exist or is already revoked.");
    await ctx.audit({ action: "api_token.revoke", entityType: "api_token", entityId: row.id, before: { name: row.name, prefix: row.prefix } });
    return { ok: true };
  },
};
