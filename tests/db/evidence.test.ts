// Evidence through the real API door with plain Requests (SPEC §6, §13): files typed by content and hashed by the
// server, size refused before anything is stored, downloads as attachments only, tenant scoping, corrections that
// supersede once, and storage the application cannot change.
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEvidenceOp, downloadEvidenceOp } from "@/lib/api/evidence";
import { runApi } from "@/lib/api/handler";
import { addEvidence } from "@/lib/actions/evidence";
import { performMutation } from "@/lib/actions/mutation";
import { loadSessionUser } from "@/lib/auth/session-user";
import type { Principal } from "@/lib/auth/principal";
import { auditEvents, evidence, evidenceFiles, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import type { Tx } from "@/lib/db/client";
import { EVIDENCE_MAX_BYTES } from "@/lib/domain/evidence-file";
import { openTestDb, type TestDb } from "../helpers/db";
import { expectDbError } from "../helpers/errors";
import { createOrg, createUser, createWorkItem } from "../helpers/factories";
import { apiRequest, createFileEvidence, sessionOf, sha256, uploadForm } from "../helpers/evidence";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
let team: Team;

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
});
afterAll(() => t?.close());

type ErrorBody = { error?: { code: string; message: string; fields?: Record<string, string[]> } };
type EvidenceBody = { evidence: { id: string; kind: string; contentType: string | null; sha256: string | null; sizeBytes: number | null; supersedesId: string | null; downloadUrl: string | null; result: unknown } };

const utf8 = (s: string) => new TextEncoder().encode(s);
const PDF = new Uint8Array([...utf8("%PDF-1.7\n%"), 0xe2, 0xe3, 0xcf, 0xd3, ...utf8("\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")]);
const HTML = utf8("<!DOCTYPE html><html><body><script>fetch('/api/v1/work-items').then(r => r.text()).then(navigator.sendBeacon)</script></body></html>");
const SVG = utf8('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>');

const item = (stage: "validation" | "implementation" | "evidence" | "closed" = "evidence", orgId = team.org.id) => createWorkItem(t.db, orgId, { stage, ...(stage === "closed" ? { resolution: "remediated" as const, closedAt: new Date() } : {}) });

async function post(principal: Principal | null, itemId: string, body: FormData | ReadableStream<Uint8Array> | object, headers: Record<string, string> = {}, orgSlug = team.org.slug) {
  const req = apiRequest(principal, orgSlug, "POST", `/api/v1/work-items/${itemId}/evidence`, body, headers);
  const res = await runApi(req, { db: t.db, session: sessionOf(principal) }, { id: itemId }, addEvidenceOp);
  return { status: res.status, body: (await res.json()) as ErrorBody & EvidenceBody };
}

async function download(principal: Principal | null, id: string, orgSlug = team.org.slug) {
  return runApi(apiRequest(principal, orgSlug, "GET", `/api/v1/evidence/${id}/file`), { db: t.db, session: sessionOf(principal) }, { id }, downloadEvidenceOp);
}

/** What evidence left behind for an item: records, stored files and `evidence.add` events. */
async function written(itemId: string) {
  return withTenant(t.db, team.org.id, null, async (tx) => {
    const rows = await tx.select({ id: evidence.id }).from(evidence).where(and(eq(evidence.organisationId, team.org.id), eq(evidence.workItemId, itemId)));
    const [files] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(evidenceFiles)
      .innerJoin(evidence, and(eq(evidence.organisationId, evidenceFiles.organisationId), eq(evidence.id, evidenceFiles.evidenceId)))
      .where(eq(evidence.workItemId, itemId));
    const events = await tx.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.organisationId, team.org.id), eq(auditEvents.entityId, itemId)));
    return { evidence: rows.length, files: files!.n, events: events.map((e) => e.action) };
  });
}

/** A body that counts how often it is pulled and whether the reader gave up on it. */
function countingStream(totalBytes: number, chunk = 64 * 1024) {
  const state = { pulls: 0, sent: 0, cancelled: false };
  const piece = new Uint8Array(chunk).fill(0x61);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        state.pulls++;
        if (state.sent >= totalBytes) return c.close();
        state.sent += chunk;
        c.enqueue(piece);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe("file evidence", () => {
  it("stores a file with its detected type and a server-computed SHA-256, and serves it back as an attachment", async () => {
    const it0 = await item("evidence");
    const analyst = team.as("analyst");
    // The browser's claimed type says HTML: the content decides, and it is a PDF.
    const up = await post(analyst, it0.id, uploadForm({ bytes: PDF, name: "Rotation report – März.pdf", type: "text/html" }, { summary: "Vault rotation report" }));
    expect(up.status).toBe(201);
    expect(up.body.evidence).toMatchObject({ kind: "file", contentType: "application/pdf", sizeBytes: PDF.byteLength, sha256: sha256(PDF), supersedesId: null });
    const id = up.body.evidence.id;
    expect(up.body.evidence.downloadUrl).toBe(`/api/v1/evidence/${id}/file`);

    const [stored] = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(evidence).where(eq(evidence.id, id)));
    expect(stored).toMatchObject({ fileName: "Rotation report – März.pdf", contentType: "application/pdf", sha256: sha256(PDF), createdById: analyst.id });
    const [audit] = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.entityId, it0.id), eq(auditEvents.action, "evidence.add"))));
    expect(audit).toMatchObject({ entityType: "work_item", actorId: analyst.id });
    expect(audit!.after).toMatchObject({ evidenceId: id, kind: "file", summary: "Vault rotation report", fileName: "Rotation report – März.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength, sha256: sha256(PDF), supersedes: null });
    const [after] = await withTenant(t.db, team.org.id, null, (tx) => tx.select({ version: workItems.version }).from(workItems).where(eq(workItems.id, it0.id)));
    expect(after!.version).toBe(it0.version); // evidence does not change the item

    for (const reader of [team.as("executive"), team.as("owner"), await team.token(["items:read"])]) {
      const res = await download(reader, id);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="Rotation report _ Marz.pdf"; filename*=UTF-8''Rotation%20report%20%E2%80%93%20M%C3%A4rz.pdf`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(res.headers.get("x-content-sha256")).toBe(stored!.sha256);
      expect(res.headers.get("repr-digest")).toBe(`sha-256=:${crypto.createHash("sha256").update(PDF).digest("base64")}:`);
      const got = new Uint8Array(await res.arrayBuffer());
      expect(sha256(got)).toBe(stored!.sha256);
      expect(Buffer.from(got).equals(Buffer.from(PDF))).toBe(true);
    }
  });

  it("serves text as UTF-8 text, still as an attachment", async () => {
    const it0 = await item("implementation");
    const csv = utf8("key_id,status\nAKIAIOSFODNN7EXAMPLE,Inactive\n");
    const up = await post(await team.token(["items:write"]), it0.id, uploadForm({ bytes: csv, name: "keys.csv", type: "text/csv" }, { summary: "IAM key report" }));
    expect(up).toMatchObject({ status: 201, body: { evidence: { contentType: "text/plain", sha256: sha256(csv) } } });
    const res = await download(team.as("lead"), up.body.evidence.id);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  it.each([
    ["an HTML page", HTML, /HTML page whatever its name says \(\.pdf\)/],
    ["an SVG image", SVG, /SVG image whatever its name says \(\.pdf\)/],
  ])("refuses %s renamed .pdf with 422 and writes nothing", async (_, bytes, sentence) => {
    const it0 = await item("evidence");
    const before = await written(it0.id);
    const up = await post(team.as("analyst"), it0.id, uploadForm({ bytes, name: "rotation-report.pdf", type: "application/pdf" }, { summary: "Rotation report" }));
    expect(up.status).toBe(422);
    expect(up.body.error!.code).toBe("invalid:evidence.file_type");
    expect(up.body.error!.message).toMatch(sentence);
    expect(await written(it0.id)).toEqual(before);
    expect(before).toEqual({ evidence: 0, files: 0, events: [] });
  });

  it("refuses an upload over the limit with 413 before storing anything, and stops reading the body there", async () => {
    const it0 = await item("evidence");
    const { stream, state } = countingStream(3 * EVIDENCE_MAX_BYTES);
    const up = await post(team.as("analyst"), it0.id, stream, { "content-type": "multipart/form-data; boundary=----x" });
    expect(up.status).toBe(413);
    expect(up.body.error!.code).toBe("too_large:evidence.file");
    expect(up.body.error!.message).toMatch(/larger than 10 MB/);
    // It read a little past the limit (the form's own fields have room), then cancelled: not the other 20 MB.
    expect(state.cancelled).toBe(true);
    expect(state.sent).toBeLessThan(EVIDENCE_MAX_BYTES + 256 * 1024);
    expect(await written(it0.id)).toEqual({ evidence: 0, files: 0, events: [] });
  });

  it("refuses a declared Content-Length over the limit without reading the body at all", async () => {
    const it0 = await item("evidence");
    const { stream, state } = countingStream(2 * EVIDENCE_MAX_BYTES);
    const up = await post(team.as("analyst"), it0.id, stream, { "content-type": "multipart/form-data; boundary=----x", "content-length": String(2 * EVIDENCE_MAX_BYTES) });
    expect(up).toMatchObject({ status: 413, body: { error: { code: "too_large:evidence.file" } } });
    expect(state.sent).toBe(0);
    expect(await written(it0.id)).toEqual({ evidence: 0, files: 0, events: [] });
  });

  it("takes a file of exactly the limit, and refuses one byte more", async () => {
    const it0 = await item("evidence");
    const big = new Uint8Array(EVIDENCE_MAX_BYTES).fill(0x61);
    const over = await post(team.as("analyst"), it0.id, uploadForm({ bytes: new Uint8Array(EVIDENCE_MAX_BYTES + 1).fill(0x61), name: "big.txt" }, { summary: "Full export" }));
    expect(over).toMatchObject({ status: 413, body: { error: { code: "too_large:evidence.file" } } });
    const ok = await post(team.as("analyst"), it0.id, uploadForm({ bytes: big, name: "big.txt" }, { summary: "Full export" }));
    expect(ok).toMatchObject({ status: 201, body: { evidence: { sizeBytes: EVIDENCE_MAX_BYTES, sha256: sha256(big) } } });
  });

  it("refuses a person without the permission before reading their upload, and records the denial", async () => {
    const it0 = await item("evidence");
    const { stream, state } = countingStream(1024 * 1024);
    const up = await post(team.as("owner"), it0.id, stream, { "content-type": "multipart/form-data; boundary=----x" });
    expect(up).toMatchObject({ status: 403, body: { error: { code: "forbidden:evidence.attach" } } });
    expect(state.sent).toBe(0);
    const [denial] = await withTenant(t.db, team.org.id, null, (tx) =>
      tx.select().from(auditEvents).where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.actorId, team.as("owner").id))).orderBy(sql`${auditEvents.seq} desc`).limit(1),
    );
    expect(denial!.after).toMatchObject({ code: "forbidden:evidence.attach", permission: "attach:evidence" });
  });

  it("applies the item's rules: open, and from implementation onwards", async () => {
    const early = await post(team.as("analyst"), (await item("validation")).id, uploadForm({ bytes: PDF, name: "r.pdf" }, { summary: "Too early" }));
    expect(early).toMatchObject({ status: 422, body: { error: { code: "invalid:evidence.stage" } } });
    const closed = await post(team.as("analyst"), (await item("closed")).id, uploadForm({ bytes: PDF, name: "r.pdf" }, { summary: "Too late" }));
    expect(closed).toMatchObject({ status: 422, body: { error: { code: "invalid:work_item.closed" } } });
    const missing = await post(team.as("analyst"), crypto.randomUUID(), uploadForm({ bytes: PDF, name: "r.pdf" }, { summary: "Nowhere" }));
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "not_found:work_item" } } });
  });

  it("explains a malformed upload: no file, a short summary, a broken form", async () => {
    const it0 = await item("evidence");
    const noFile = new FormData();
    noFile.set("summary", "ok");
    const r1 = await post(team.as("analyst"), it0.id, noFile);
    expect(r1.status).toBe(422);
    expect(Object.keys(r1.body.error!.fields!).sort()).toEqual(["file", "summary"]);
    const broken = new Blob(["--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated"]).stream();
    const r3 = await post(team.as("analyst"), it0.id, broken, { "content-type": "multipart/form-data; boundary=zz" });
    expect(r3).toMatchObject({ status: 400, body: { error: { code: "bad_request:multipart" } } });
    expect(await written(it0.id)).toEqual({ evidence: 0, files: 0, events: [] });
  });

  it("refuses a session upload from another site (no matching Origin)", async () => {
    const it0 = await item("evidence");
    const up = await post(team.as("analyst"), it0.id, uploadForm({ bytes: PDF, name: "r.pdf" }, { summary: "Cross-site" }), { origin: "https://evil.example" });
    expect(up).toMatchObject({ status: 403, body: { error: { code: "forbidden:origin" } } });
  });
});

describe("downloads", () => {
  it("keep to the organisation: another organisation's people and tokens get 403 or 404, never the bytes", async () => {
    const ev = await createFileEvidence(t.db, team.org.id, (await item("evidence")).id);
    const other = await createOrg(t.db, "Elsewhere");
    const stranger = (await loadSessionUser(t.db, { userId: (await createUser(t.db, { memberships: [[other.id, "lead"]] })).id, sessionVersion: 1 }))!;
    const asOwnOrg = await download(stranger, ev.id, other.slug);
    expect(asOwnOrg.status).toBe(404);
    expect(((await asOwnOrg.json()) as ErrorBody).error!.code).toBe("not_found:evidence");
    const asOurs = await download(stranger, ev.id, team.org.slug);
    expect(asOurs.status).toBe(403);
    expect(((await asOurs.json()) as ErrorBody).error!.code).toBe("forbidden:organisation");
    const otherTeam = await createTeam(t.db);
    const foreignToken = await download(await otherTeam.token(["items:read"]), ev.id, otherTeam.org.slug);
    expect(foreignToken.status).toBe(404);
    // And their upload cannot land on our item.
    const up = await post(otherTeam.as("analyst"), (await item("evidence")).id, uploadForm({ bytes: PDF, name: "r.pdf" }, { summary: "Smuggled" }), {}, otherTeam.org.slug);
    expect(up).toMatchObject({ status: 404, body: { error: { code: "not_found:work_item" } } });
  });

  it("answer 404 with a clear code for evidence that is not a file, or does not exist", async () => {
    const it0 = await item("evidence");
    const note = await performMutation(t.db, team.as("analyst"), team.org.slug, addEvidence, { id: it0.id, kind: "note", summary: "Checked in the console" });
    expect(note.ok).toBe(true);
    const res = await download(team.as("lead"), note.ok ? note.data.id : "");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found:evidence.file", message: "This evidence record is a note, not a file: there is nothing to download." } });
    for (const id of [crypto.randomUUID(), "not-a-uuid"]) expect((await download(team.as("lead"), id)).status).toBe(404);
  });

  it("refuse to hand out bytes that no longer match their recorded SHA-256", async () => {
    const ev = await createFileEvidence(t.db, team.org.id, (await item("evidence")).id);
    // Only the database owner could do this (the app role cannot, see below); the download notices.
    await t.db.update(evidenceFiles).set({ content: Buffer.from("forged") }).where(eq(evidenceFiles.evidenceId, ev.id));
    const res = await download(team.as("lead"), ev.id);
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorBody).error!.code).toBe("internal:evidence.integrity");
  });
});

describe("corrections", () => {
  it("supersede a record once; a second correction of the same record is a 409", async () => {
    const it0 = await item("evidence");
    const first = await post(team.as("analyst"), it0.id, { kind: "note", summary: "Key rotated on Monday" });
    expect(first.status).toBe(201);
    const a = first.body.evidence.id;
    const fix = await post(team.as("lead"), it0.id, uploadForm({ bytes: PDF, name: "rotation.pdf" }, { summary: "Rotation report (it was Tuesday)", supersedes: a }));
    expect(fix).toMatchObject({ status: 201, body: { evidence: { kind: "file", supersedesId: a } } });
    const again = await post(team.as("analyst"), it0.id, { kind: "link", summary: "Change ticket", url: "https://tickets.example/CHG-1", supersedes: a });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "conflict:evidence.superseded" } } });
    // The correction itself can be corrected.
    const fixOfFix = await post(team.as("analyst"), it0.id, { kind: "note", summary: "Report re-exported", supersedes: fix.body.evidence.id });
    expect(fixOfFix.status).toBe(201);
    const events = (await written(it0.id)).events;
    expect(events.filter((e) => e === "evidence.add")).toHaveLength(3);
  });

  it("let exactly one of two simultaneous corrections of the same record through", async () => {
    const it0 = await item("evidence");
    const a = (await post(team.as("analyst"), it0.id, { kind: "note", summary: "Original" })).body.evidence.id;
    const results = await Promise.all([
      post(team.as("analyst"), it0.id, { kind: "note", summary: "Correction one", supersedes: a }),
      post(team.as("lead"), it0.id, { kind: "note", summary: "Correction two", supersedes: a }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("only supersede evidence of the same item", async () => {
    const mine = await item("evidence");
    const elsewhere = await createFileEvidence(t.db, team.org.id, (await item("evidence")).id);
    const r = await post(team.as("analyst"), mine.id, { kind: "note", summary: "Wrong item", supersedes: elsewhere.id });
    expect(r).toMatchObject({ status: 422, body: { error: { code: "invalid:evidence.supersedes" } } });
    expect(await written(mine.id)).toEqual({ evidence: 0, files: 0, events: [] });
  });
});

describe("notes, links and system checks as JSON", () => {
  it("records a system check's structured result", async () => {
    const it0 = await item("evidence");
    const result = { check: "aws.iam.access_key_status", target: "AKIA…7QX2", status: "pass", observedAt: "2025-03-01T09:30:00Z", details: { status: "Inactive", region: "eu-west-1" } };
    const r = await post(await team.token(["items:write"]), it0.id, { kind: "system_check", summary: "Key AKIA…7QX2 is inactive", result });
    expect(r).toMatchObject({ status: 201, body: { evidence: { kind: "system_check", result, downloadUrl: null } } });
    const [audit] = await withTenant(t.db, team.org.id, null, (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.entityId, it0.id), eq(auditEvents.action, "evidence.add"))));
    expect(audit).toMatchObject({ actorType: "token" });
    expect(audit!.after).toMatchObject({ kind: "system_check", result });
  });

  it.each([
    [{ kind: "system_check", summary: "Key inactive", result: { check: "AWS key", target: "", status: "ok", observedAt: "yesterday" } }, ["result.check", "result.observedAt", "result.status", "result.target"]],
    [{ kind: "system_check", summary: "Key inactive", result: { check: "aws.iam.key", target: "x", status: "pass", observedAt: "2025-03-01T09:30:00Z", extra: 1 } }, ["result"]],
    [{ kind: "link", summary: "Change ticket" }, ["url"]],
    [{ kind: "link", summary: "Change ticket", url: "javascript:alert(1)" }, ["url"]],
    [{ kind: "file", summary: "A file as JSON" }, ["kind"]],
    [{ summary: "No kind" }, ["kind"]],
    [{ kind: "note", summary: "x" }, ["summary"]],
  ])("refuses %j with 422 naming the fields", async (body, fields) => {
    const it0 = await item("evidence");
    const r = await post(team.as("analyst"), it0.id, body);
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error!.fields!).sort()).toEqual(fields);
    expect(await written(it0.id)).toEqual({ evidence: 0, files: 0, events: [] });
  });

  it("says how to send a file when the body is neither a form nor JSON", async () => {
    const it0 = await item("evidence");
    const r = await post(team.as("analyst"), it0.id, { kind: "note", summary: "Plain" }, { "content-type": "text/plain" });
    expect(r).toMatchObject({ status: 400, body: { error: { code: "bad_request:content_type" } } });
    expect(r.body.error!.message).toMatch(/multipart\/form-data/);
  });

  it("keeps the server action's path working for notes", async () => {
    const it0 = await item("implementation");
    const r = await performMutation(t.db, team.as("lead"), team.org.slug, addEvidence, { id: it0.id, kind: "note", summary: "Rotated; old key deleted", url: null });
    expect(r.ok).toBe(true);
  });
});

describe("storage", () => {
  it("cannot be changed or removed by the application's database role", async () => {
    const ev = await createFileEvidence(t.db, team.org.id, (await item("evidence")).id);
    const asApp = <T,>(fn: (tx: Tx) => Promise<T>) => withTenant(t.db, team.org.id, null, fn);
    await expectDbError(asApp((tx) => tx.update(evidence).set({ summary: "rewritten" }).where(eq(evidence.id, ev.id))), /append-only|permission denied/);
    await expectDbError(asApp((tx) => tx.delete(evidence).where(eq(evidence.id, ev.id))), /append-only|permission denied/);
    await expectDbError(asApp((tx) => tx.update(evidenceFiles).set({ content: Buffer.from("forged") }).where(eq(evidenceFiles.evidenceId, ev.id))), /permission denied/);
    await expectDbError(asApp((tx) => tx.delete(evidenceFiles).where(eq(evidenceFiles.evidenceId, ev.id))), /permission denied/);
    const [still] = await asApp((tx) => tx.select().from(evidenceFiles).where(eq(evidenceFiles.evidenceId, ev.id)));
    expect(sha256(still!.content)).toBe(ev.sha256);
  });
});
