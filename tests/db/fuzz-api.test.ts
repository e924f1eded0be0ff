// Hostile input (SPEC §13, issue 8): every API body, query string and intake format fed generated garbage through
// the real door (lib/api/handler.ts). Invalid requests get a 4xx with `{ error: { code, message } }` and write
// nothing; well-formed requests with odd values never get a 5xx; and the server still answers afterwards.
// Random on every run (fast-check prints the seed and the shrunk counterexample on failure); FUZZ_SCALE=10 runs longer.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/client";
import { runApi, type ApiContext } from "@/lib/api/handler";
import { createItemOp, listItemsOp, transitionOp } from "@/lib/api/work-items";
import { decideAcceptanceOp, extendAcceptanceOp, requestAcceptanceOp } from "@/lib/api/acceptances";
import { addEvidenceOp } from "@/lib/api/evidence";
import { intakeOp } from "@/lib/api/intake";
import { listIdentitiesOp } from "@/lib/api/identities";
import { metricsSummaryOp } from "@/lib/api/metrics";
import { listRegisterOp } from "@/lib/api/risk-acceptances";
import { evidencePackOp } from "@/lib/api/evidence-pack";
import { PARSERS } from "@/lib/intake/parsers";
import { INTAKE_FORMATS, type IntakeFormat } from "@/lib/intake/types";
import { createWorkItemInput, transitionInput } from "@/lib/schemas/work-items";
import { acceptanceRequestBody, decisionBody, extensionBody } from "@/lib/schemas/risk-acceptances";
import { evidenceBody } from "@/lib/schemas/evidence";
import * as schema from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { openTestDb, type TestDb } from "../helpers/db";
import { createAcceptance, createWorkItem } from "../helpers/factories";
import { createTeamWithPolicies, type Team } from "../helpers/team";

// GET /api/health reads the process-wide handle; point it at this file's database.
const holder = vi.hoisted(() => ({ db: null as Db | null }));
vi.mock("@/lib/db", () => ({ getDb: () => Promise.resolve(holder.db) }));

const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE) });
const TIMEOUT = 120_000 * SCALE;

type Op = (ctx: ApiContext) => Promise<Response>;
type As = "token" | SessionUser;
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/intake");

let t: TestDb;
let tm: Team; // the organisation invalid requests must leave untouched
let sink: Team; // where well-formed odd requests and mutated intake files may write
const secrets = { main: "", sink: "", sinkIntake: "" };
const ids = { item: "", acceptance: "", sinkItem: "", sinkAcceptance: "" };

beforeAll(async () => {
  t = await openTestDb();
  holder.db = t.db;
  tm = await createTeamWithPolicies(t.db);
  sink = await createTeamWithPolicies(t.db);
  secrets.main = (await tm.token(["items:read", "items:write", "intake:write"])).secret;
  secrets.sink = (await sink.token(["items:read", "items:write", "intake:write"])).secret;
  secrets.sinkIntake = (await sink.token(["intake:write"])).secret;
  for (const [team, key, acc] of [[tm, "item", "acceptance"], [sink, "sinkItem", "sinkAcceptance"]] as const) {
    const item = await createWorkItem(t.db, team.org.id, { identityId: team.identity.id });
    await createWorkItem(t.db, team.org.id);
    ids[key] = item.id;
    ids[acc] = (await createAcceptance(t.db, team.org.id, item.id, { accountableOwnerId: team.as("owner").id })).id;
  }
});
afterAll(() => t?.close());

// ---------------------------------------------------------------------------------------------- the door

interface Call {
  method: "GET" | "POST";
  path: string;
  op: Op;
  params?: Record<string, string>;
  body?: string | Uint8Array;
  contentType?: string | null;
  headers?: Record<string, string>;
  as?: As;
  secret?: string;
}

async function call(c: Call) {
  const headers = new Headers({ host: "console.test" });
  const as = c.as ?? "token";
  if (as === "token") headers.set("authorization", `Bearer ${c.secret ?? secrets.main}`);
  else if (c.method === "POST") headers.set("origin", "http://console.test");
  if (c.contentType !== null && c.body !== undefined) headers.set("content-type", c.contentType ?? "application/json");
  for (const [k, v] of Object.entries(c.headers ?? {})) headers.set(k, v);
  const body = typeof c.body === "string" || c.body === undefined ? c.body : new Uint8Array(c.body);
  const req = new Request(`http://console.test${c.path}`, { method: c.method, headers, body });
  const res = await runApi(req, { db: t.db, session: async () => (as === "token" ? null : as) }, c.params ?? {}, c.op);
  // Read the whole body: a streamed download that fails half-way is a server error too.
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get("content-type") ?? "" };
}

type Answer = Awaited<ReturnType<typeof call>>;
const show = (r: Answer) => `${r.status} ${r.text.slice(0, 300)}`;

/** A 4xx with the documented error shape. */
function expectRefusal(r: Answer) {
  expect(r.status, show(r)).toBeGreaterThanOrEqual(400);
  expect(r.status, show(r)).toBeLessThan(500);
  const body = JSON.parse(r.text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, show(r)).toBe("string");
  expect(body.error?.code, show(r)).toMatch(/^[a-z_]+:[\w.-]+$/);
  expect(typeof body.error?.message, show(r)).toBe("string");
  expect((body.error!.message as string).length, show(r)).toBeGreaterThan(0);
}

/** Anything but a server error; a refusal keeps the error shape, JSON answers parse. */
function expectNoServerError(r: Answer) {
  expect(r.status, show(r)).toBeLessThan(500);
  if (r.status >= 400) expectRefusal(r);
  else if (/json/.test(r.type)) expect(() => JSON.parse(r.text) as unknown, show(r)).not.toThrow();
}

// ---------------------------------------------------------------------------------------------- what was written

const TENANT_TABLES = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable) && "organisationId" in v);

/** Rows of every tenant table for `orgId`, read as the owner; denials (and an export's own line) are meant to be recorded. */
async function snapshot(orgId: string): Promise<Record<string, string>> {
  const cols = TENANT_TABLES.map((tb) => {
    const name = getTableName(tb);
    const extra = name === "audit_events" ? sql.raw(` and action not in ('access.denied', 'evidence_pack.export')`) : sql.raw("");
    return sql`(select count(*) from ${sql.identifier(name)} where organisation_id = ${orgId}${extra})::text as ${sql.identifier(name)}`;
  });
  cols.push(sql`(select coalesce(sum(version), 0) from work_items where organisation_id = ${orgId})::text as item_versions`);
  cols.push(sql`(select coalesce(sum(version), 0) from risk_acceptances where organisation_id = ${orgId})::text as acceptance_versions`);
  cols.push(sql`(select max(updated_at) from identities where organisation_id = ${orgId})::text as identities_updated`);
  const { rows } = await t.db.execute<Record<string, string>>(sql`select ${sql.join(cols, sql`, `)}`);
  return rows[0]!;
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(",");
function expectPrototypeClean() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(",")).toBe(PROTO_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

// ---------------------------------------------------------------------------------------------- generators

const NASTY = [
  "\u0000", "a\u0000b", "\u202e\u202dgnp.exe", "\ud800", "x\udfffy", "\uffff\ufffe", "\ufeffBOM", "𝕏".repeat(300), "e\u0301".repeat(60), "\u0007\u001b[31mred",
  "'; drop table work_items; --", "%00%ff", "../../etc/passwd", "{{7*7}}${7*7}", "\r\n\r\n", "null", "__proto__", "constructor", " ", "\t\n", "٣٤", "ＡＣＭＥ-42",
];
const CONTROL = fc.constantFrom("\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u2028", "\u2029", "\u00a0", " ", "\t", "x", "é", "😀");
const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: CONTROL, maxLength: 30 }),
  fc.integer({ min: 150, max: 12_000 }).map((n) => "ж".repeat(n)),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);
const AWKWARD_DAYS = ["2026-02-30", "0000-01-01", "0001-01-01", "1969-12-31", "9999-12-31", "9999-99-99", "2026-1-1", "tomorrow", "1e999", "-001000-01-01", "2026-01-01T25:00:00Z", "+275760-09-13T00:00:00Z"];
const badDate = fc.oneof(
  fc.constantFrom(...AWKWARD_DAYS),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const hostileValue = fc.oneof(wrongType, hostileString, badDate, fc.uuid(), fc.constantFrom("ACME-42", "0", "-1", "1.5", "9".repeat(40)));
const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });

const deepJson = fc.tuple(fc.integer({ min: 50, max: 30_000 }), fc.boolean()).map(([n, arr]) => (arr ? "[".repeat(n) + "]".repeat(n) : '{"a":'.repeat(n) + "1" + "}".repeat(n)));
const stringify = (v: unknown) => {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return String(v);
  }
};
/** `{"__proto__": …, "constructor": …}` as own keys of the JSON text (a JS literal would set the prototype instead). */
const withProtoKeys = (text: string) => {
  const inner = text.startsWith("{") && text.length > 2 ? "," + text.slice(1) : "}";
  return `{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}${inner}`;
};

/** The valid body with one to three fields removed or replaced by hostile values. */
function mutated(valid: Record<string, unknown>) {
  const fields = [...Object.keys(valid), "id", "organisationId", "version", "__proto__"];
  return fc
    .array(fc.tuple(fc.constantFrom(...fields), fc.option(hostileValue, { nil: undefined, freq: 6 })), { minLength: 1, maxLength: 3 })
    .map((changes) => {
      const b: Record<string, unknown> = { ...valid };
      for (const [k, v] of changes) {
        if (v === undefined) delete b[k];
        else Object.defineProperty(b, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return b;
    });
}

type Body = { text: string | Uint8Array; contentType?: string };
/** Hostile bodies for a JSON operation whose valid body is `valid`. */
function hostileBody(valid: Record<string, unknown>): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withSparseArray: true }).map((v) => ({ text: stringify(v) })),
    fc.json().map((text) => ({ text })),
    fc.uint8Array({ maxLength: 2000 }).map((text) => ({ text })),
    fc.string({ unit: "binary", maxLength: 500 }).map((text) => ({ text })),
    deepJson.map((text) => ({ text })),
    fc.integer({ min: 65 * 1024, max: 200 * 1024 }).map((n) => ({ text: JSON.stringify({ ...valid, title: "A".repeat(n) }) })),
    { arbitrary: mutated(valid).map((b) => ({ text: stringify(b) })), weight: 4 },
    mutated(valid).map((b) => ({ text: withProtoKeys(stringify(b)) })),
    fc.tuple(mutated(valid), fc.integer({ min: 1, max: 40 })).map(([b, cut]) => ({ text: stringify(b).slice(0, -cut) })),
    fc.tuple(fc.json(), printable(60)).map(([text, contentType]) => ({ text, contentType })),
  );
}

/** What the server would see as the parsed body, if it parses at all. */
function parsedBody(b: Body): { ok: true; value: unknown } | { ok: false } {
  const text = typeof b.text === "string" ? b.text : new TextDecoder().decode(b.text);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
/** A path segment even for lone surrogates, which encodeURIComponent refuses. */
const segment = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const headerSafe = (v: string) => v.trim() === v && !/[\0\r\n]/.test(v);

// ---------------------------------------------------------------------------------------------- body operations

interface BodyOp {
  name: string;
  op: Op;
  path: (id: string) => string;
  id: (sinkOrg?: boolean) => string;
  schema: z.ZodType;
  valid: () => Record<string, unknown>;
  as: () => As;
  /** Tokens are refused this operation before the body is read. */
  forbidden?: boolean;
  /** Free-text fields, where odd characters must be accepted or refused, never fail. */
  text: string[];
  /** A new target in the sink organisation that a valid body can change. */
  fresh: () => Promise<string>;
}

const freshItem = async (stage: "intake" | "implementation" = "implementation") => (await createWorkItem(t.db, sink.org.id, { identityId: sink.identity.id, stage })).id;
const freshAcceptance = async (over: { status?: "approved" } = {}) =>
  (await createAcceptance(t.db, sink.org.id, await freshItem(), { accountableOwnerId: sink.as("owner").id, ...(over.status ? { status: over.status, approvedAt: new Date() } : {}) })).id;

const daysAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const BODY_OPS: BodyOp[] = [
  { name: "POST /work-items", op: createItemOp, path: () => "/api/v1/work-items", id: () => "", schema: createWorkItemInput, valid: () => ({ type: "secret_rotation", title: "Rotate the CI key", description: "From a scan", severity: "high", identityId: tm.identity.id, priority: "P2", priorityReason: "Customer asked" }), as: () => "token", text: ["title", "description", "priorityReason"], fresh: async () => "" },
  { name: "POST /work-items/{id}/transitions", op: transitionOp, path: (id) => `/api/v1/work-items/${id}/transitions`, id: (s) => (s ? ids.sinkItem : ids.item), schema: transitionInput, valid: () => ({ to: "prioritisation", reason: "Looked at it", version: 1 }), as: () => "token", text: ["reason"], fresh: () => freshItem("intake") },
  { name: "POST /work-items/{id}/risk-acceptances", op: requestAcceptanceOp, path: (id) => `/api/v1/work-items/${id}/risk-acceptances`, id: (s) => (s ? ids.sinkItem : ids.item), schema: acceptanceRequestBody, valid: () => ({ justification: "Legacy system, replacement scheduled", treatment: "accept", compensatingControls: "Monitored daily", accountableOwner: tm.as("owner").email, expiresAt: daysAhead(60).slice(0, 10) }), as: () => "token", text: ["justification", "compensatingControls"], fresh: () => freshItem() },
  { name: "POST /risk-acceptances/{id}/decision (token)", op: decideAcceptanceOp, path: (id) => `/api/v1/risk-acceptances/${id}/decision`, id: (s) => (s ? ids.sinkAcceptance : ids.acceptance), schema: decisionBody, valid: () => ({ decision: "approve", comment: "Agreed for now" }), as: () => "token", forbidden: true, text: ["comment"], fresh: () => freshAcceptance() },
  { name: "POST /risk-acceptances/{id}/decision (owner)", op: decideAcceptanceOp, path: (id) => `/api/v1/risk-acceptances/${id}/decision`, id: (s) => (s ? ids.sinkAcceptance : ids.acceptance), schema: decisionBody, valid: () => ({ decision: "reject", comment: "Not like this" }), as: () => tm.as("owner", 1), text: ["comment"], fresh: () => freshAcceptance() },
  { name: "POST /risk-acceptances/{id}/extension", op: extendAcceptanceOp, path: (id) => `/api/v1/risk-acceptances/${id}/extension`, id: (s) => (s ? ids.sinkAcceptance : ids.acceptance), schema: extensionBody, valid: () => ({ justification: "The vendor slipped a quarter", expiresAt: daysAhead(90).replace("Z", "+00:00") }), as: () => "token", text: ["justification"], fresh: () => freshAcceptance({ status: "approved" }) },
  { name: "POST /work-items/{id}/evidence (note)", op: addEvidenceOp, path: (id) => `/api/v1/work-items/${id}/evidence`, id: (s) => (s ? ids.sinkItem : ids.item), schema: evidenceBody, valid: () => ({ kind: "note", summary: "Rotated and verified" }), as: () => "token", text: ["summary"], fresh: () => freshItem() },
  { name: "POST /work-items/{id}/evidence (system check)", op: addEvidenceOp, path: (id) => `/api/v1/work-items/${id}/evidence`, id: (s) => (s ? ids.sinkItem : ids.item), schema: evidenceBody, valid: () => ({ kind: "system_check", summary: "Key inactive", result: { check: "aws.iam.access_key_status", target: "AKIA…7QX2", status: "pass", observedAt: "2026-01-01T09:00:00Z", details: { region: "eu-west-1" } } }), as: () => "token", text: ["summary"], fresh: () => freshItem() },
];

describe("hostile bodies on every JSON operation: 4xx, the error shape, nothing written", () => {
  for (const spec of BODY_OPS) {
    it(spec.name, async () => {
      const before = await snapshot(tm.org.id);
      expect(Number(before.work_items)).toBeGreaterThanOrEqual(2);
      expect(Object.keys(before).length).toBeGreaterThan(15);
      await fc.assert(
        fc.asyncProperty(hostileBody(spec.valid()), async (b) => {
          const parsed = parsedBody(b);
          const jsonType = b.contentType === undefined || JSON_TYPE.test(b.contentType);
          // Only bodies the endpoint must refuse: not JSON, not its shape, or not sent as JSON.
          fc.pre(spec.forbidden || !jsonType || !parsed.ok || !spec.schema.safeParse(parsed.value).success);
          if (b.contentType !== undefined) fc.pre(headerSafe(b.contentType));
          const id = spec.id();
          const r = await call({ method: "POST", path: spec.path(id), op: spec.op, params: { id }, body: b.text, contentType: b.contentType, as: spec.as() });
          expectRefusal(r);
          if (spec.forbidden) expect(r.status, show(r)).toBe(403);
          expectPrototypeClean();
          expect(await snapshot(tm.org.id)).toEqual(before);
        }),
        runs(80),
      );
    }, TIMEOUT);
  }
});

describe("well-formed bodies with odd text: never a server error", () => {
  const oddText = (valid: Record<string, unknown>, fields: string[]) =>
    fc.tuple(fc.subarray(fields, { minLength: 1 }), fc.array(hostileString, { minLength: 3, maxLength: 3 }), fc.boolean()).map(([keys, values, proto]) => {
      const b: Record<string, unknown> = { ...valid };
      keys.forEach((k, i) => (b[k] = `${String(valid[k])} ${values[i]!}`));
      return proto ? withProtoKeys(JSON.stringify(b)) : JSON.stringify(b);
    });
  for (const spec of BODY_OPS) {
    it(spec.name, async () => {
      const valid = { ...spec.valid(), ...(spec.op === requestAcceptanceOp ? { accountableOwner: sink.as("owner").email } : {}), ...(spec.op === createItemOp ? { identityId: sink.identity.id } : {}) };
      let written = 0;
      await fc.assert(
        fc.asyncProperty(oddText(valid, spec.text), async (text) => {
          const id = await spec.fresh();
          const as = spec.as() === "token" ? "token" : sink.as("owner", 1);
          const r = await call({ method: "POST", path: spec.path(id), op: spec.op, params: { id }, body: text, as, secret: secrets.sink });
          expectNoServerError(r);
          if (r.status < 300) written++;
          expectPrototypeClean();
        }),
        runs(40),
      );
      // The property must reach the database: some odd text is ordinary enough to be stored.
      if (!spec.forbidden) expect(written).toBeGreaterThan(0);
    }, TIMEOUT);
  }
});

describe("valid bodies at a hostile address, type or origin: 4xx, nothing written", () => {
  const badId = fc.oneof(fc.uuid(), hostileString.filter((s) => s.length < 2000), fc.constantFrom("", "00000000-0000-0000-0000-000000000000", "../work-items", "%2e%2e", "1 or 1=1"));
  for (const spec of BODY_OPS.filter((s) => s.name !== "POST /work-items" && !s.forbidden)) {
    it(`${spec.name}: unknown or malformed id`, async () => {
      const before = await snapshot(tm.org.id);
      await fc.assert(
        fc.asyncProperty(badId, async (id) => {
          fc.pre(id !== ids.item && id !== ids.acceptance);
          const r = await call({ method: "POST", path: spec.path(segment(id)), op: spec.op, params: { id }, body: JSON.stringify(spec.valid()), as: spec.as() });
          expectRefusal(r);
          expect(await snapshot(tm.org.id)).toEqual(before);
        }),
        runs(25),
      );
    }, TIMEOUT);
  }

  it("any JSON operation: a Content-Type that is not JSON, a forged Origin, or a bad token", async () => {
    const before = await snapshot(tm.org.id);
    const attack = fc.oneof(
      printable(80).filter((ct) => headerSafe(ct) && !JSON_TYPE.test(ct)).map((ct) => ({ kind: "type" as const, value: ct })),
      fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/jsonp", "json", "application/ json", "multipart/form-data; boundary=x", "").map((ct) => ({ kind: "type" as const, value: ct })),
      fc.oneof(printable(80), fc.webUrl()).filter(headerSafe).map((o) => ({ kind: "origin" as const, value: o })),
      fc.oneof(printable(120), printable(80).map((s) => `Bearer ${s}`)).filter(headerSafe).map((a) => ({ kind: "auth" as const, value: a })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BODY_OPS.filter((s) => !s.forbidden)), attack, async (spec, a) => {
        if (a.kind === "origin") {
          let host: string | null = null;
          try {
            host = new URL(a.value).host;
          } catch {
            /* not a URL */
          }
          fc.pre(host !== "console.test");
        }
        // The multipart branch of evidence reads the body as a form: a JSON body is not one.
        const id = spec.id();
        const headers: Record<string, string> = a.kind === "origin" ? { origin: a.value } : a.kind === "auth" ? { authorization: a.value } : {};
        const as: As = a.kind === "origin" ? tm.as("lead") : "token";
        if (a.kind === "auth") fc.pre(a.value.replace(/^Bearer\s+/i, "").trim() !== secrets.main);
        const r = await call({ method: "POST", path: spec.path(id), op: spec.op, params: { id }, body: JSON.stringify(spec.valid()), contentType: a.kind === "type" ? a.value : undefined, headers, as });
        expectRefusal(r);
        if (a.kind === "origin") expect(r.status).toBe(403);
        if (a.kind === "auth") expect(r.status).toBe(401);
        expect(await snapshot(tm.org.id)).toEqual(before);
      }),
      runs(100),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------- query strings

const LISTS: { name: string; path: string; op: Op; keys: string[] }[] = [
  { name: "GET /work-items", path: "/api/v1/work-items", op: listItemsOp, keys: ["stage", "type", "priority", "status", "resolution", "age", "createdFrom", "createdTo", "closedFrom", "closedTo", "slaOutcome", "regressedFrom", "regressedTo", "waitingOn", "assignee", "q", "sla", "sort", "cursor", "limit"] },
  { name: "GET /identities", path: "/api/v1/identities", op: listIdentitiesOp, keys: ["kind", "tier", "orphaned", "privileged", "rotationOverdue", "expiring", "cursor", "limit"] },
  { name: "GET /metrics/summary", path: "/api/v1/metrics/summary", op: metricsSummaryOp, keys: ["from", "to", "format", "section"] },
  { name: "GET /risk-acceptances", path: "/api/v1/risk-acceptances", op: listRegisterOp, keys: ["filter", "q", "cursor", "limit", "format"] },
  { name: "GET /evidence-pack", path: "/api/v1/evidence-pack", op: evidencePackOp, keys: ["from", "to", "format", "groupBy"] },
];

const cursorish = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? "").toString("base64url")),
  fc.tuple(hostileString, fc.oneof(fc.uuid(), hostileString)).map((pair) => Buffer.from(JSON.stringify(pair)).toString("base64url")),
  fc.record({ s: fc.constantFrom("newest", "sla", "priority", "x"), k: fc.array(fc.oneof(hostileString, badDate, fc.constant(null)), { maxLength: 4 }), id: fc.uuid() }).map((c) => Buffer.from(JSON.stringify(c)).toString("base64url")),
);
const queryValue = fc.oneof(
  fc.constantFrom("true", "false", "open", "closed", "json", "csv", "framework", "item", "me", "unassigned", "at_risk", "breached", "P1", "T1", "service_account", "intake", "secret_rotation,revocation", ",", "all", "pending", "sla", "0", "-1", "201", "1e309", "NaN", "0x10", "2026-01-01", "2026-13-01"),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  badDate,
  hostileString,
  cursorish,
  fc.uuid(),
);

describe("fuzzed query strings on every list and export: no server error, refusals have the error shape, nothing written", () => {
  for (const list of LISTS) {
    it(list.name, async () => {
      const before = await snapshot(tm.org.id);
      const query = fc.array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...list.keys), weight: 5 }, fc.constantFrom("org", "__proto__", "limit"), hostileString), queryValue), { maxLength: 5 });
      await fc.assert(
        fc.asyncProperty(query, fc.boolean(), async (pairs, asToken) => {
          const qs = new URLSearchParams(pairs).toString();
          const r = await call({ method: "GET", path: `${list.path}${qs ? `?${qs}` : ""}`, op: list.op, as: asToken ? "token" : tm.as("lead") });
          expectNoServerError(r);
          expect(await snapshot(tm.org.id)).toEqual(before);
        }),
        runs(70),
      );
    }, TIMEOUT);
  }
});

const otherEnd = (key: string) =>
  key.endsWith("From") ? `${key.slice(0, -4)}To` : key.endsWith("To") ? `${key.slice(0, -2)}From` : key === "from" ? "to" : "from";

describe("every day parameter, with each awkward day, alone and as either end of a period", () => {
  // The random runs above found year 0 (PostgreSQL has none) only by luck of the seed; these always run.
  for (const list of LISTS) {
    const dayKeys = list.keys.filter((k) => /^(from|to)$|(From|To)$/.test(k));
    if (!dayKeys.length) continue;
    it(list.name, async () => {
      const before = await snapshot(tm.org.id);
      for (const key of dayKeys) {
        for (const value of AWKWARD_DAYS) {
          for (const other of [null, "2026-01-01"]) {
            const qs = new URLSearchParams([[key, value], ...(other ? [[otherEnd(key), other]] : [])]).toString();
            const r = await call({ method: "GET", path: `${list.path}?${qs}`, op: list.op, as: tm.as("lead") });
            expectNoServerError(r);
          }
        }
      }
      expect(await snapshot(tm.org.id)).toEqual(before);
    }, TIMEOUT);
  }
});

describe("keyset cursors: a garbled cursor is never a server error", () => {
  // The queue's cursor is base64url JSON `{ s: sort, k: [key, …], id }`, its keys as PostgreSQL printed them.
  const KEYS = { newest: 1, oldest: 1, updated: 1, sla: 1, priority: 2 } as const;
  const keyValue = fc.oneof(hostileString, badDate, fc.constantFrom("infinity", "-infinity", "P1", "P9", "2026-11-24 10:03:20.592+00", "2026-02-30 00:00:00+00", "epoch"));
  const queueCursor = fc.constantFrom(...(Object.keys(KEYS) as (keyof typeof KEYS)[])).chain((sort) =>
    fc.record({ sort: fc.constant(sort), k: fc.array(keyValue, { minLength: KEYS[sort], maxLength: KEYS[sort] }), id: fc.uuid() }),
  );
  it("GET /work-items?sort=…&cursor=…", async () => {
    await fc.assert(
      fc.asyncProperty(queueCursor, async ({ sort, k, id }) => {
        const cursor = Buffer.from(JSON.stringify({ s: sort, k, id })).toString("base64url");
        const r = await call({ method: "GET", path: `/api/v1/work-items?sort=${sort}&cursor=${cursor}`, op: listItemsOp });
        expectNoServerError(r);
      }),
      runs(40),
    );
  }, TIMEOUT);

  it("GET /identities?cursor=…", async () => {
    const cursor = fc.tuple(hostileString, fc.oneof(fc.uuid(), hostileString)).map((pair) => Buffer.from(JSON.stringify(pair)).toString("base64url"));
    await fc.assert(
      fc.asyncProperty(cursor, async (c) => {
        const r = await call({ method: "GET", path: `/api/v1/identities?cursor=${c}`, op: listIdentitiesOp });
        expectNoServerError(r);
      }),
      runs(40),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------- intake

const FIXTURE_FORMAT: [RegExp, IntakeFormat][] = [
  [/^gitleaks/, "gitleaks"],
  [/^trufflehog/, "trufflehog"],
  [/^github-secret-scanning/, "github-secret-scanning"],
  [/^aws-credential-report/, "aws-credential-report"],
  [/^scim-users/, "scim-users"],
  [/^identities/, "csv"],
];
const FIXTURE_FILES = fs.readdirSync(FIXTURES).sort().map((name) => ({ name, format: FIXTURE_FORMAT.find(([re]) => re.test(name))![1], bytes: new Uint8Array(fs.readFileSync(path.join(FIXTURES, name))) }));

const postIntake = (format: string, body: Uint8Array, opts: { secret?: string; query?: string; key?: string } = {}) =>
  call({ method: "POST", path: `/api/v1/intake/${segment(format)}${opts.query ?? ""}`, op: intakeOp, params: { format }, body, contentType: "application/octet-stream", secret: opts.secret, headers: opts.key === undefined ? {} : { "idempotency-key": opts.key } });

const enc = (s: string) => new TextEncoder().encode(s);
const junk = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 4000 }),
  fc.string({ unit: "binary", maxLength: 2000 }).map(enc),
  hostileString.map(enc),
  fc.json().map(enc),
  deepJson.map(enc),
  fc.anything().map((v) => enc(stringify(v))),
  fc.tuple(fc.constantFrom("\ufeff", "\u0000", ""), printable(200), fc.constantFrom("\n", "\r\n", "\r")).map(([a, b, c]) => enc(`${a}${b}${c}${b}`)),
);

/** A real sample file, cut, flipped, spliced, doubled or prefixed. */
const garbled = fc.constantFrom(...FIXTURE_FILES).chain((f) =>
  fc
    .oneof(
      fc.nat({ max: f.bytes.length }).map((n) => f.bytes.slice(0, n)),
      fc.array(fc.tuple(fc.nat({ max: f.bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }).map((flips) => {
        const b = f.bytes.slice();
        for (const [i, v] of flips) b[i] = v;
        return b;
      }),
      fc.tuple(fc.nat({ max: f.bytes.length }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, ins]) => Buffer.concat([f.bytes.slice(0, at), ins, f.bytes.slice(at)])),
      fc.tuple(fc.nat({ max: f.bytes.length }), fc.nat({ max: 400 })).map(([at, n]) => Buffer.concat([f.bytes.slice(0, at), f.bytes.slice(at + n)])),
      fc.tuple(fc.nat({ max: f.bytes.length }), hostileString).map(([at, s]) => Buffer.concat([f.bytes.slice(0, at), enc(JSON.stringify(s).slice(1, -1)), f.bytes.slice(at)])),
      fc.constant(Buffer.concat([f.bytes, f.bytes])),
      fc.constantFrom("\ufeff", "\u0000", "\ufeff\ufeff", "\r\n").map((p) => Buffer.concat([enc(p), f.bytes])),
    )
    .chain((bytes) => fc.record({ name: fc.constant(f.name), bytes: fc.constant(new Uint8Array(bytes)), format: fc.oneof({ arbitrary: fc.constant(f.format), weight: 4 }, fc.constantFrom(...INTAKE_FORMATS)) })),
);

const total = (j: Record<string, unknown>) => ["created", "updated", "reopened"].reduce((a, k) => a + (j[k] as number), 0);

describe("intake: junk and garbled files", () => {
  for (const format of INTAKE_FORMATS) {
    it(`POST /intake/${format}: a file with nothing usable in it imports nothing and is never a server error`, async () => {
      await fc.assert(
        fc.asyncProperty(junk, async (bytes) => {
          const parsed = PARSERS[format](bytes);
          // Junk that happens to hold a usable record is not junk.
          fc.pre(parsed.records.length === 0);
          const before = await snapshot(tm.org.id);
          const r = await postIntake(format, bytes);
          const after = await snapshot(tm.org.id);
          if (parsed.errors.some((e) => e.record === 0)) {
            // Not this format at all: refused whole, nothing written.
            expectRefusal(r);
            expect(JSON.parse(r.text)).toMatchObject({ error: { code: `invalid:intake.${format}` } });
            expect(after).toEqual(before);
          } else {
            // A file of the format with no good record (`[]`, `[1, 2]`): each bad one reported, none imported. The
            // import still runs the inventory rules, which may raise work about identities already there.
            expect(r.status, show(r)).toBe(200);
            const j = JSON.parse(r.text) as Record<string, unknown>;
            expect(total(j), show(r)).toBe(0);
            expect((j.rejected as unknown[]).length, show(r)).toBe(parsed.errors.length);
            for (const k of ["identities", "identities_updated", "intake_findings", "evidence", "risk_acceptances"]) expect(after[k], k).toBe(before[k]);
          }
        }),
        runs(60),
      );
    }, TIMEOUT);
  }
});

describe("intake: bad addresses and garbled sample files", () => {
  it("POST /intake/{format}: an unknown format, or a bad Idempotency-Key, is refused and writes nothing", async () => {
    const before = await snapshot(tm.org.id);
    const KEY = /^[\x21-\x7e]{1,200}$/;
    const attack = fc.oneof(
      fc.tuple(hostileString, fc.constantFrom(...FIXTURE_FILES)).filter(([f]) => !(INTAKE_FORMATS as readonly string[]).includes(f)).map(([format, f]) => ({ format, bytes: f.bytes, key: undefined as string | undefined })),
      fc.tuple(fc.oneof(printable(250), fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 })), fc.constantFrom(...FIXTURE_FILES)).map(([key, f]) => ({ format: f.format as string, bytes: f.bytes, key })),
    );
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        if (a.key !== undefined) fc.pre(headerSafe(a.key) && !KEY.test(a.key));
        const r = await postIntake(a.format, a.bytes, { key: a.key });
        expectRefusal(r);
        expect(r.status).toBe(a.key === undefined ? 404 : 400);
        expect(await snapshot(tm.org.id)).toEqual(before);
      }),
      runs(70),
    );
  }, TIMEOUT);

  it("POST /intake/{format}?preview=true with a garbled sample file: never a server error, nothing written", async () => {
    const before = await snapshot(sink.org.id);
    await fc.assert(
      fc.asyncProperty(garbled, async (g) => {
        const r = await postIntake(g.format, g.bytes, { secret: secrets.sinkIntake, query: "?preview=true" });
        expectNoServerError(r);
        expect(await snapshot(sink.org.id)).toEqual(before);
      }),
      runs(60),
    );
  }, TIMEOUT);

  it("POST /intake/{format} with a garbled sample file: never a server error; an import counts only records that parse", async () => {
    await fc.assert(
      fc.asyncProperty(garbled, async (g) => {
        const parsed = PARSERS[g.format](g.bytes);
        const r = await postIntake(g.format, g.bytes, { secret: secrets.sinkIntake });
        expectNoServerError(r);
        if (r.status === 200) {
          const j = JSON.parse(r.text) as Record<string, unknown>;
          for (const k of ["created", "updated", "reopened", "unchanged"]) expect(Number.isInteger(j[k]), show(r)).toBe(true);
          expect((j.rejected as unknown[]).length, show(r)).toBe(parsed.errors.length);
          if (parsed.records.length === 0) expect(total(j), show(r)).toBe(0);
        } else {
          expect(parsed.records.length, show(r)).toBe(0);
        }
      }),
      runs(70),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------- still standing

describe("after all that", () => {
  it("the API and the health check still answer, and nothing was left in the prototype", async () => {
    const r = await call({ method: "GET", path: "/api/v1/work-items", op: listItemsOp });
    expect(r.status, show(r)).toBe(200);
    expect((JSON.parse(r.text) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(2);
    const { GET } = await import("@/app/api/health/route");
    const health = await GET();
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", db: "ok" });
    expectPrototypeClean();
  });
});
