// Evidence on a work item (SPEC §6): notes, links, system checks and files. Append-only: a correction is a new
// record that supersedes the old one, once. Adding evidence does not change the item, so its version stays.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { evidence, evidenceFiles } from "../db/schema";
import { AppError } from "../errors";
import { actorUserId } from "../domain/actor";
import { cleanFileName, detectEvidenceType, EVIDENCE_MAX_BYTES, humanSize, refusalMessage } from "../domain/evidence-file";
import { planEvidence } from "../domain/work-item-rules";
import { evidenceInput, fileEvidenceInput } from "../schemas/evidence";
import type { MutationContext, MutationDef } from "./mutation";
import { lockItem, throwRefusal } from "./work-item-store";

export type EvidenceRow = typeof evidence.$inferSelect;

type NewRecord = Pick<EvidenceRow, "kind" | "summary"> &
  Partial<Pick<EvidenceRow, "url" | "fileName" | "contentType" | "sizeBytes" | "sha256" | "result">> & { supersedes?: string | null };

/**
 * Checks the item may take evidence now (provider roles, open, implementation onwards). The item's row lock also
 * serialises corrections, so two attempts to supersede the same record cannot both pass the check below.
 */
export async function openForEvidence(ctx: MutationContext, itemId: string) {
  const { row, state } = await lockItem(ctx.tx, ctx.org.orgId, itemId);
  const plan = planEvidence(state, ctx.actor);
  if (!plan.ok) throwRefusal(plan);
  return row;
}

async function checkSupersedes(ctx: MutationContext, itemId: string, targetId: string) {
  const [target] = await ctx.tx
    .select({ id: evidence.id, workItemId: evidence.workItemId })
    .from(evidence)
    .where(and(eq(evidence.organisationId, ctx.org.orgId), eq(evidence.id, targetId)));
  if (!target || target.workItemId !== itemId) {
    throw new AppError("invalid:evidence.supersedes", "The record to correct is not evidence on this item.");
  }
  const [later] = await ctx.tx
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.organisationId, ctx.org.orgId), eq(evidence.supersedesId, targetId)))
    .limit(1);
  if (later) {
    throw new AppError("conflict:evidence.superseded", "That record has already been corrected. Correct the newer record instead.", { supersededBy: later.id });
  }
}

/** Inserts the record (and the file's bytes), with one `evidence.add` audit event on the item. */
export async function insertEvidence(ctx: MutationContext, itemId: string, rec: NewRecord, bytes?: Uint8Array): Promise<EvidenceRow> {
  if (rec.supersedes) await checkSupersedes(ctx, itemId, rec.supersedes);
  const [row] = await ctx.tx
    .insert(evidence)
    .values({
      organisationId: ctx.org.orgId,
      workItemId: itemId,
      kind: rec.kind,
      summary: rec.summary,
      url: rec.url ?? null,
      fileName: rec.fileName ?? null,
      contentType: rec.contentType ?? null,
      sizeBytes: rec.sizeBytes ?? null,
      sha256: rec.sha256 ?? null,
      result: rec.result ?? null,
      supersedesId: rec.supersedes ?? null,
      createdById: actorUserId(ctx.actor),
      createdAt: ctx.now,
    })
    .returning();
  if (bytes) await ctx.tx.insert(evidenceFiles).values({ organisationId: ctx.org.orgId, evidenceId: row!.id, content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  await ctx.audit({
    action: "evidence.add",
    entityType: "work_item",
    entityId: itemId,
    after: {
      evidenceId: row!.id,
      kind: row!.kind,
      summary: row!.summary,
      url: row!.url,
      fileName: row!.fileName,
      contentType: row!.contentType,
      sizeBytes: row!.sizeBytes,
      sha256: row!.sha256,
      ...(row!.result ? { result: row!.result } : {}),
      supersedes: row!.supersedesId,
    },
  });
  return row!;
}

/** A note, a link or a system check (the server action and the API's JSON body). */
export const addEvidence: MutationDef<typeof evidenceInput, EvidenceRow> = {
  permission: "attach:evidence",
  input: evidenceInput,
  async run(ctx, input) {
    const item = await openForEvidence(ctx, input.id);
    const base = { kind: input.kind, summary: input.summary, supersedes: input.supersedes };
    if (input.kind === "link") return insertEvidence(ctx, item.id, { ...base, url: input.url });
    if (input.kind === "system_check") return insertEvidence(ctx, item.id, { ...base, result: input.result });
    return insertEvidence(ctx, item.id, base);
  },
};

/** A file, its type detected from its bytes and its SHA-256 computed here, over exactly the bytes stored. */
export const addFileEvidence: MutationDef<typeof fileEvidenceInput, EvidenceRow> = {
  permission: "attach:evidence",
  input: fileEvidenceInput,
  async run(ctx, input) {
    const item = await openForEvidence(ctx, input.id);
    if (input.bytes.byteLength > EVIDENCE_MAX_BYTES) {
      throw new AppError("too_large:evidence.file", `The file is larger than ${humanSize(EVIDENCE_MAX_BYTES)}.`);
    }
    const fileName = cleanFileName(input.fileName);
    const type = detectEvidenceType(input.bytes);
    if (!type.ok) throw new AppError("invalid:evidence.file_type", refusalMessage(type.looksLike, fileName), { looksLike: type.looksLike });
    const sha256 = crypto.createHash("sha256").update(input.bytes).digest("hex");
    return insertEvidence(
      ctx,
      item.id,
      { kind: "file", summary: input.summary, supersedes: input.supersedes, fileName, contentType: type.contentType, sizeBytes: input.bytes.byteLength, sha256 },
      input.bytes,
    );
  },
};
