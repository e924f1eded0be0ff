// "Take next": an analyst claims the most urgent unassigned open item that waits on the provider. FOR UPDATE SKIP LOCKED lets many
// analysts take at once without waiting on each other and without two of them getting the same item.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { workItems } from "../db/schema";
import type { MutationDef } from "./mutation";

const input = z.object({}).strict();

/** Stages an analyst works; closure waits for a verifier, not for a taker. */
const TAKEABLE = ["intake", "prioritisation", "validation", "implementation", "evidence"] as const;

export const takeNext: MutationDef<typeof input, { id: string; number: number } | null> = {
  permission: "take:work_item",
  input,
  async run(ctx) {
    const [row] = await ctx.tx
      .select()
      .from(workItems)
      .where(and(eq(workItems.organisationId, ctx.org.orgId), isNull(workItems.assigneeId), isNull(workItems.closedAt), eq(workItems.waitingOn, "provider"), inArray(workItems.stage, [...TAKEABLE])))
      .orderBy(asc(workItems.priorityRank), asc(workItems.createdAt), asc(workItems.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return null;
    const [updated] = await ctx.tx
      .update(workItems)
      .set({ assigneeId: ctx.userId, version: row.version + 1, updatedAt: ctx.now })
      .where(and(eq(workItems.organisationId, row.organisationId), eq(workItems.id, row.id)))
      .returning({ version: workItems.version });
    await ctx.audit({
      action: "work_item.take",
      entityType: "work_item",
      entityId: row.id,
      before: { assigneeId: null },
      after: { assigneeId: ctx.userId, version: updated!.version },
    });
    return { id: row.id, number: row.number };
  },
};
