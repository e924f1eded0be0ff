// Admin changes to an organisation's members. Definitions only; app/ binds them to the request.
import { z } from "zod";
import { AppError } from "../errors";
import { ROLES } from "../domain/vocabulary";
import { deleteMembership, getMembership, setMemberRole, setUserDisabled } from "../queries/members";
import type { MutationContext, MutationDef } from "./mutation";

async function target(ctx: MutationContext, userId: string) {
  if (userId === ctx.userId) throw new AppError("invalid:membership.self", "You cannot change your own access.");
  const m = await getMembership(ctx.tx, ctx.org.orgId, userId);
  if (!m) throw new AppError("not_found:membership", "That person is not a member of this organisation.");
  return m;
}

const changeRoleInput = z.object({ userId: z.uuid(), role: z.enum(ROLES) });
export const changeMemberRole: MutationDef<typeof changeRoleInput, { role: string }> = {
  permission: "manage:membership",
  input: changeRoleInput,
  async run(ctx, { userId, role }) {
    const before = await target(ctx, userId);
    // Decision rights stay with the client and execution with the provider (SPEC §1).
    if (before.isProviderStaff && role === "owner") {
      throw new AppError("invalid:membership.side", "Programme owners are the client's people; provider staff cannot hold the owner role.");
    }
    if (!before.isProviderStaff && (role === "analyst" || role === "lead" || role === "admin")) {
      throw new AppError("invalid:membership.side", "Analysts, leads and administrators are provider staff; a client's person can be an owner or an executive.");
    }
    await setMemberRole(ctx.tx, ctx.org.orgId, userId, role);
    await ctx.audit({ action: "membership.role_change", entityType: "membership", entityId: userId, before: { role: before.role }, after: { role } });
    return { role };
  },
};

const removeInput = z.object({ userId: z.uuid() });
export const removeMember: MutationDef<typeof removeInput, null> = {
  permission: "manage:membership",
  input: removeInput,
  async run(ctx, { userId }) {
    const before = await target(ctx, userId);
    await deleteMembership(ctx.tx, ctx.org.orgId, userId);
    await ctx.audit({ action: "membership.remove", entityType: "membership", entityId: userId, before: { role: before.role, email: before.email } });
    return null;
  },
};

const disableInput = z.object({ userId: z.uuid(), disabled: z.boolean() });
export const setAccountDisabled: MutationDef<typeof disableInput, { disabled: boolean }> = {
  permission: "manage:user",
  input: disableInput,
  async run(ctx, { userId, disabled }) {
    const before = await target(ctx, userId);
    await setUserDisabled(ctx.tx, userId, disabled);
    await ctx.audit({
      action: disabled ? "user.disable" : "user.enable",
      entityType: "user",
      entityId: userId,
      before: { disabled: before.disabledAt !== null },
      after: { disabled },
    });
    return { disabled };
  },
};
