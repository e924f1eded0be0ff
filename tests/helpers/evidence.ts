// Evidence test data and requests: a stored file record (written as the migration owner, like the other
// factories), and plain Requests for the evidence API, multipart or JSON, as a bearer token or a session.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { evidence, evidenceFiles } from "@/lib/db/schema";
import { isToken, type Principal } from "@/lib/auth/principal";

export const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

/** A file evidence record with its bytes, as the upload would have stored it. */
export async function createFileEvidence(db: Db, orgId: string, workItemId: string, opts: { bytes?: Uint8Array; fileName?: string; createdById?: string | null } = {}) {
  const bytes = opts.bytes ?? new TextEncoder().encode("key AKIAEXAMPLE7QX2 deactivated 2025-03-01\n");
  const [row] = await db
    .insert(evidence)
    .values({ organisationId: orgId, workItemId, kind: "file", summary: "Console export", fileName: opts.fileName ?? "export.txt", contentType: "text/plain", sizeBytes: bytes.byteLength, sha256: sha256(bytes), createdById: opts.createdById ?? null })
    .returning();
  await db.insert(evidenceFiles).values({ organisationId: orgId, evidenceId: row!.id, content: Buffer.from(bytes) });
  return row!;
}

/** A multipart body the way a browser's FormData sends it. */
export function uploadForm(file: { bytes: Uint8Array; name: string; type?: string }, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

/**
 * A Request to the API as `principal`: a token sends its bearer secret, a person is a same-origin session
 * (with `?org=`). Bodies: FormData (multipart), a ReadableStream (sent as is) or an object (JSON).
 */
export function apiRequest(principal: Principal | null, orgSlug: string, method: string, path: string, body?: FormData | ReadableStream<Uint8Array> | object, headers: Record<string, string> = {}): Request {
  const h = new Headers({ host: "console.test", origin: "http://console.test", ...headers });
  if (principal && isToken(principal)) h.set("authorization", `Bearer ${(principal as { secret?: string }).secret}`);
  const sep = path.includes("?") ? "&" : "?";
  const url = `http://console.test${path}${principal && !isToken(principal) ? `${sep}org=${orgSlug}` : ""}`;
  if (body === undefined || body instanceof FormData) return new Request(url, { method, headers: h, body });
  if (body instanceof ReadableStream) return new Request(url, { method, headers: h, body, duplex: "half" } as RequestInit);
  if (!h.has("content-type")) h.set("content-type", "application/json");
  return new Request(url, { method, headers: h, body: JSON.stringify(body) });
}

export const sessionOf = (principal: Principal | null) => async () => (principal && !isToken(principal) ? principal : null);
