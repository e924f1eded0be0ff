// /api/v1 evidence operations (SPEC §6, §10): attach evidence to a work item (a file as multipart/form-data, or a
// note, link or system check as JSON) and download a file's bytes as an attachment, never rendered inline.
import crypto from "node:crypto";
import { addEvidence, addFileEvidence, type EvidenceRow } from "../actions/evidence";
import { authorize, fieldErrors, performMutation, performRead } from "../actions/mutation";
import { notFound } from "../actions/work-item-store";
import { attachmentDisposition, downloadName, EVIDENCE_FILE_CSP, EVIDENCE_MAX_BYTES, humanSize } from "../domain/evidence-file";
import { isUuid } from "../domain/keys";
import { labels } from "../domain/vocabulary";
import { AppError } from "../errors";
import { logger } from "../logger";
import { evidenceWithFile } from "../queries/evidence";
import { evidenceBody, evidenceUpload, type ApiEvidence, type SystemCheckResult } from "../schemas/evidence";
import { errorResponse, json, MAX_BODY_BYTES, readBounded, readJson, respond, type ApiContext } from "./handler";

/** Room for the summary and the multipart boundaries around the file itself. */
const UPLOAD_LIMIT = EVIDENCE_MAX_BYTES + MAX_BODY_BYTES;

export const downloadPath = (id: string) => `/api/v1/evidence/${id}/file`;

export function toApiEvidence(r: EvidenceRow): ApiEvidence {
  return {
    id: r.id,
    workItemId: r.workItemId,
    kind: r.kind,
    summary: r.summary,
    url: r.url,
    fileName: r.fileName,
    contentType: r.contentType as ApiEvidence["contentType"],
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    result: (r.result as SystemCheckResult | null) ?? null,
    supersedesId: r.supersedesId,
    createdById: r.createdById,
    createdAt: r.createdAt.toISOString(),
    downloadUrl: r.kind === "file" ? downloadPath(r.id) : null,
  };
}

const tooLarge = () => new AppError("too_large:evidence.file", `The file is larger than ${humanSize(EVIDENCE_MAX_BYTES)}, the most evidence may be.`);

/**
 * The multipart body, read with a running count: a declared or actual size over the limit stops the reading
 * there and is refused, so nothing past the limit is read or kept, and nothing is stored.
 */
export async function readUpload(req: Request): Promise<FormData> {
  const body = await readBounded(req, UPLOAD_LIMIT, tooLarge);
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("bad_request:multipart", "The upload is not valid multipart/form-data: send the file in a field named `file`, with a `summary`.");
  }
}

const created = (ctx: ApiContext) => (row: EvidenceRow) => json({ evidence: toApiEvidence(row) }, 201, ctx.requestId);

async function uploadFile(ctx: ApiContext, id: string): Promise<Response> {
  // Refuse before reading up to ten megabytes from someone who may not attach evidence here (writes the denial).
  await authorize(ctx.db, ctx.principal, ctx.orgSlug, "attach:evidence", ctx.requestId);
  const form = await readUpload(ctx.req);
  // A form posts an empty field as "": the same as leaving it out.
  const field = (name: string) => {
    const v = form.get(name);
    return v === null || v === "" ? undefined : v;
  };
  const parsed = evidenceUpload.safeParse({ file: field("file"), summary: field("summary"), supersedes: field("supersedes") });
  if (!parsed.success) throw new AppError("invalid:input", "Some fields need attention.", fieldErrors(parsed.error));
  const { file, summary, supersedes } = parsed.data;
  if (file.size > EVIDENCE_MAX_BYTES) throw tooLarge();
  if (!isUuid(id)) return errorResponse(notFound(), ctx.requestId);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, addFileEvidence, { id, summary, supersedes, fileName: file.name, bytes }, ctx.requestId);
  return respond(r, created(ctx), ctx.requestId);
}

/** POST /api/v1/work-items/{id}/evidence */
export async function addEvidenceOp(ctx: ApiContext): Promise<Response> {
  const id = ctx.params.id ?? "";
  const type = ctx.req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data\b/i.test(type)) return uploadFile(ctx, id);
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("bad_request:content_type", "Upload a file as multipart/form-data, or send a note, link or system check as application/json.");
  }
  const parsed = evidenceBody.safeParse(await readJson(ctx.req));
  if (!parsed.success) throw new AppError("invalid:input", "Some fields need attention.", fieldErrors(parsed.error));
  if (!isUuid(id)) return errorResponse(notFound(), ctx.requestId);
  const r = await performMutation(ctx.db, ctx.principal, ctx.orgSlug, addEvidence, { ...parsed.data, id }, ctx.requestId);
  return respond(r, created(ctx), ctx.requestId);
}

const SERVED_AS: Record<string, string> = { "text/plain": "text/plain; charset=utf-8" };

/** GET /api/v1/evidence/{id}/file: the stored bytes, as an attachment only, with their SHA-256. */
export async function downloadEvidenceOp(ctx: ApiContext): Promise<Response> {
  const id = ctx.params.id ?? "";
  const r = await performRead(ctx.db, ctx.principal, ctx.orgSlug, "read:work_item", (tx, { org }) => (isUuid(id) ? evidenceWithFile(tx, org.orgId, id) : Promise.resolve(null)), ctx.requestId);
  if (!r.ok) return errorResponse(r.error, ctx.requestId);
  const ev = r.data;
  if (!ev) return errorResponse({ code: "not_found:evidence", message: "That evidence record does not exist in this organisation." }, ctx.requestId);
  if (ev.kind !== "file" || !ev.content || !ev.sha256 || !ev.contentType) {
    const what = labels.evidenceKind[ev.kind].toLowerCase();
    return errorResponse({ code: "not_found:evidence.file", message: `This evidence record is a ${what}, not a file: there is nothing to download.` }, ctx.requestId);
  }
  const bytes = new Uint8Array(ev.content);
  const digest = crypto.createHash("sha256").update(bytes).digest();
  if (digest.toString("hex") !== ev.sha256) {
    // Insert-only storage makes this unlikely; if it happens, say so rather than hand out other bytes as proof.
    logger.error({ evidenceId: ev.id, requestId: ctx.requestId }, "evidence file does not match its stored SHA-256");
    return errorResponse({ code: "internal:evidence.integrity", message: "The stored file does not match its recorded SHA-256, so it is not served. The error has been logged." }, ctx.requestId);
  }
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": SERVED_AS[ev.contentType] ?? ev.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": attachmentDisposition(downloadName(ev.fileName, ev.contentType)),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": EVIDENCE_FILE_CSP,
      "Cross-Origin-Resource-Policy": "same-origin",
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": ev.sha256,
      "Repr-Digest": `sha-256=:${digest.toString("base64")}:`,
      "X-Request-Id": ctx.requestId,
    },
  });
}
