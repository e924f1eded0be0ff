// Reading evidence: one record with its file's bytes, for the download. Listing an item's evidence is in
// work-item-detail.ts and never reads the bytes.
import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/client";
import { evidence, evidenceFiles } from "../db/schema";

/** The record and, for a file, its bytes; null when there is no such record in this organisation. */
export async function evidenceWithFile(tx: Tx, orgId: string, id: string) {
  const [row] = await tx
    .select({
      id: evidence.id,
      kind: evidence.kind,
      fileName: evidence.fileName,
      contentType: evidence.contentType,
      sizeBytes: evidence.sizeBytes,
      sha256: evidence.sha256,
      content: evidenceFiles.content,
    })
    .from(evidence)
    .leftJoin(evidenceFiles, and(eq(evidenceFiles.organisationId, evidence.organisationId), eq(evidenceFiles.evidenceId, evidence.id)))
    .where(and(eq(evidence.organisationId, orgId), eq(evidence.id, id)));
  return row ?? null;
}
