// The inbox (a person marks their own notifications read) and the operators' "retry now" on a delivery.
// Definitions only; app/ binds them to the request.
import { z } from "zod";
import { AppError } from "../errors";
import { markAllRead, markRead, retryDelivery as requeue } from "../queries/notifications";
import type { MutationContext, MutationDef } from "./mutation";

/** Notifications belong to a person: an API token has no inbox. */
function person(ctx: MutationContext): string {
  if (!ctx.userId) throw new AppError("forbidden:notification.read", "Notifications belong to a person; an API token has no inbox.");
  return ctx.userId;
}

const markInput = z.object({ ids: z.array(z.uuid()).min(1, "Choose a notification.").max(200) });

// Reading is the person's own state, not a change to the organisation's record: no audit event.
export const markNotificationsRead: MutationDef<typeof markInput, { read: number }> = {
  permission: "read:notification",
  input: markInput,
  async run(ctx, input) {
    const ids = [...new Set(input.ids)];
    const mine = await markRead(ctx.tx, ctx.org.orgId, person(ctx), ids, ctx.now);
    if (mine < ids.length) throw new AppError("not_found:notification", "That notification does not exist or is not yours.");
    return { read: mine };
  },
};

const allInput = z.object({}).strict();

export const markAllNotificationsRead: MutationDef<typeof allInput, { read: number }> = {
  permission: "read:notification",
  input: allInput,
  async run(ctx) {
    return { read: await markAllRead(ctx.tx, ctx.org.orgId, person(ctx), ctx.now) };
  },
};

const retryInput = z.object({ id: z.uuid() });

export const retryDelivery: MutationDef<typeof retryInput, { ok: true }> = {
  permission: "retry:delivery",
  input: retryInput,
  async run(ctx, input) {
    const row = await requeue(ctx.tx, ctx.org.orgId, input.id, ctx.now);
    if (!row) throw new AppError("not_found:delivery", "That delivery does not exist or was already sent.");
    await ctx.audit({ action: "delivery.retry", entityType: "delivery", entityId: row.id, after: { channel: row.channel, subject: row.subject } });
    return { ok: true };
  },
};
