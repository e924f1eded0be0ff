// The rows of the authorization matrix for evidence (issue 5): uploading a file to a work item and downloading
// it. tests/authz/all.ts joins every entries file. (The server action for notes and links is in entries.ts.)
import { addEvidenceOp, downloadEvidenceOp } from "@/lib/api/evidence";
import { runApi, type ApiContext } from "@/lib/api/handler";
import { createWorkItem as makeItem } from "../helpers/factories";
import { apiRequest, createFileEvidence, sessionOf, uploadForm } from "../helpers/evidence";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const READERS = ["analyst", "lead", "owner", "executive"] as const;

async function call(c: CallContext, req: Request, params: Record<string, string>, op: (ctx: ApiContext) => Promise<Response>): Promise<Outcome> {
  const res = await runApi(req, { db: c.db, session: sessionOf(c.principal) }, params, op);
  const json = res.headers.get("content-type")?.startsWith("application/json") ? ((await res.json()) as { error?: { code: string } }) : null;
  return { status: res.status, code: json?.error?.code };
}

const itemInImplementation = (c: CallContext) => makeItem(c.db, c.team.org.id, { identityId: c.team.identity.id, stage: "implementation" });
const pdf = new TextEncoder().encode("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "route", file: "app/api/v1/work-items/[id]/evidence/route.ts", export: "POST", binds: "route(addEvidenceOp)", allowed: ["analyst", "lead", "token"], scope: "items:write",
    call: async (c) => {
      const item = await itemInImplementation(c);
      const form = uploadForm({ bytes: pdf, name: "rotation-report.pdf", type: "application/pdf" }, { summary: "Rotation report from the vault" });
      return call(c, apiRequest(c.principal, c.team.org.slug, "POST", `/api/v1/work-items/${item.id}/evidence`, form), { id: item.id }, addEvidenceOp);
    },
  },
  {
    kind: "route", file: "app/api/v1/evidence/[id]/file/route.ts", export: "GET", binds: "route(downloadEvidenceOp)", allowed: [...READERS, "token"], scope: "items:read",
    call: async (c) => {
      const ev = await createFileEvidence(c.db, c.team.org.id, (await itemInImplementation(c)).id);
      return call(c, apiRequest(c.principal, c.team.org.slug, "GET", `/api/v1/evidence/${ev.id}/file`), { id: ev.id }, downloadEvidenceOp);
    },
  },
];
