// The OpenAPI 3.1 document for /api/v1 (SPEC §10), generated from the zod schemas that validate the requests
// (lib/schemas), so the published contract and the checks cannot drift apart. Served at /api/v1/openapi.json.
//
// To document a new endpoint, add one `operation({...})` entry to OPERATIONS below: name its zod query /
// body / response schemas, its permission and the error statuses it can answer with. Schemas named with
// `.meta({ id })` become `components.schemas` entries and are referenced with `$ref`; unnamed ones are inlined.
// tests/unit/openapi.test.ts fails while a route under app/api/v1 is missing here.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { SCOPE_PERMISSIONS } from "../domain/actor";
import type { Permission } from "../domain/permissions";
import type { ApiScope } from "../domain/vocabulary";
import { createWorkItemInput, errorOut, listOut, listQuery, transitionInput, workItemDetailOut } from "../schemas/work-items";
import { evidenceBody, evidenceEnvelope, evidenceUpload } from "../schemas/evidence";
import { EVIDENCE_TYPES } from "../domain/evidence-file";
import { registerPageOut, registerQuery } from "../schemas/risk-acceptances-register";
import { evidencePackOut, evidencePackQuery } from "../schemas/evidence-pack";
import { INTAKE_FORMATS } from "../intake/types";
import { intakeOutcomeOut } from "../schemas/intake";
import { identitiesQuery, identityDetailOut, identityPageOut } from "../schemas/identities";
import { metricsSummaryOut } from "../schemas/metrics";
import { metricsQuery } from "./metrics";
import { acceptanceOut, acceptanceRequestBody, decisionBody, extensionBody } from "../schemas/risk-acceptances";

export type JsonSchema = { [key: string]: unknown };
type Io = "input" | "output";
type Method = "get" | "post" | "put" | "patch" | "delete";
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

const SCHEMA_REF = "#/components/schemas/";

/** One error response per status, shared by all operations as `components.responses`. */
const ERROR_RESPONSES: Record<ErrorStatus, { name: string; description: string }> = {
  400: {
    name: "BadRequest",
    description: "The request is malformed: the body is not JSON or not sent as application/json, or a browser session with several organisations did not say which one (`?org=SLUG`).",
  },
  401: { name: "Unauthorized", description: "No valid credentials: the bearer token is unknown, expired or revoked, or there is no signed-in session." },
  403: {
    name: "Forbidden",
    description: "Not allowed: the role or the token's scopes lack the permission, the token belongs to another organisation, the user is not a member of it, or a browser-session change came from another origin.",
  },
  404: { name: "NotFound", description: "No such resource in this organisation." },
  409: {
    name: "Conflict",
    description: "The resource changed since it was read (a stale `version`): read it again and retry. Or the change conflicts with its state, e.g. correcting evidence that was already corrected.",
  },
  413: { name: "PayloadTooLarge", description: "The request body is larger than the API accepts (64 KB of JSON; an evidence file up to 10 MB)." },
  422: { name: "Invalid", description: "The input failed validation; `error.fields` names the fields and what is wrong with each." },
  429: { name: "TooManyRequests", description: "Too many requests; slow down and retry later." },
};

/** Collects the named schemas (`.meta({ id })`) that the operations reach, for `components.schemas`. */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly usedAs = new Map<string, Io>();

  /**
   * The JSON Schema (2020-12, OpenAPI 3.1's dialect) of `schema` as a request (`input`: defaults make a field
   * optional, coercions show their target type) or a response (`output`). Named schemas inside it, and the
   * schema itself when named, become components referenced with `$ref`.
   */
  of(schema: z.ZodType, io: Io): JsonSchema {
    const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "throw", cycles: "ref", reused: "inline" }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = generated;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) this.add(id, rewriteRefs(def) as JsonSchema, io);
    return rewriteRefs(root) as JsonSchema;
  }

  private add(id: string, def: JsonSchema, io: Io) {
    if (id.startsWith("__")) throw new Error(`OpenAPI: a recursive schema needs a name; give it .meta({ id }) (got ${id}).`);
    const existing = this.schemas[id];
    if (!existing) {
      this.schemas[id] = def;
      this.usedAs.set(id, io);
    } else if (!isDeepStrictEqual(existing, def)) {
      throw new Error(
        `OpenAPI: schema "${id}" reads differently as ${this.usedAs.get(id)} and as ${io} (or two schemas share the id); give each its own .meta({ id }).`,
      );
    }
  }
}

/** zod refers to named parts as `#/$defs/X`; in the document they live at `#/components/schemas/X`. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string") {
      if (!v.startsWith("#/$defs/")) throw new Error(`OpenAPI: unexpected $ref ${v}; name recursive schemas with .meta({ id }).`);
      out[k] = SCHEMA_REF + v.slice("#/$defs/".length);
    } else {
      out[k] = rewriteRefs(v);
    }
  }
  return out;
}

/** A parameter's description belongs on the parameter, where viewers show it. */
function liftDescription(schema: JsonSchema): { description?: string; schema: JsonSchema } {
  const { description, ...rest } = schema;
  return typeof description === "string" ? { description, schema: rest } : { schema: rest };
}

export interface OperationSpec {
  method: Method;
  /** OpenAPI path template under the server root, e.g. `/api/v1/work-items/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** The permission the operation checks; the token scopes that grant it are listed from SCOPE_PERMISSIONS. */
  permission: Permission;
  /** Path parameters, one per `{name}` in the path. */
  pathParams?: Record<string, { schema: z.ZodType; description: string }>;
  /** The zod object that validates the query string: one parameter per key. */
  query?: z.ZodObject;
  /** The zod schema that validates the JSON body. */
  body?: z.ZodType;
  /** The zod schema that validates a multipart/form-data body (file uploads), documented beside any JSON body. */
  multipartBody?: z.ZodType;
  /** A body that is a file as its tool wrote it (any media type), with what it must be. */
  rawBody?: string;
  /** Request headers the operation reads, by name, with their description. */
  requestHeaders?: Record<string, string>;
  /**
   * A JSON answer (`schema`), or bytes of one of `mediaTypes` (downloads) with the response headers that matter.
   * A JSON answer may also come as other `mediaTypes` on request (e.g. `?format=csv`), described as text.
   */
  success:
    | { status: 200 | 201; description: string; schema: z.ZodType; mediaTypes?: readonly string[]; headers?: Record<string, string> }
    | { status: 200; description: string; mediaTypes: readonly string[]; headers: Record<string, string> };
  /** Error statuses this operation can answer with (all with the `Error` body). */
  errors: ErrorStatus[];
}

/** Identity helper so entries in OPERATIONS are type-checked where they are written. */
export const operation = (spec: OperationSpec): OperationSpec => spec;

const scopesGranting = (permission: Permission): ApiScope[] =>
  (Object.entries(SCOPE_PERMISSIONS) as [ApiScope, readonly Permission[]][]).filter(([, perms]) => perms.includes(permission)).map(([scope]) => scope);

function buildOperation(spec: OperationSpec, components: SchemaComponents): JsonSchema {
  const parameters: JsonSchema[] = [];
  const templated = [...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const declared = Object.keys(spec.pathParams ?? {});
  if (templated.join() !== declared.join()) throw new Error(`OpenAPI: ${spec.path} needs pathParams for exactly ${templated.join(", ") || "nothing"}.`);
  for (const [name, p] of Object.entries(spec.pathParams ?? {})) {
    parameters.push({ name, in: "path", required: true, description: p.description, schema: components.of(p.schema, "input") });
  }
  for (const [name, field] of Object.entries(spec.query?.shape ?? {}) as [string, z.ZodType][]) {
    // Required exactly when the validator refuses a missing value (optional and defaulted keys accept it).
    const required = !field.safeParse(undefined).success;
    parameters.push({ name, in: "query", required, ...liftDescription(components.of(field, "input")) });
  }
  for (const [name, description] of Object.entries(spec.requestHeaders ?? {})) parameters.push({ name, in: "header", required: false, description, schema: { type: "string" } });
  parameters.push({ $ref: "#/components/parameters/Org" });

  const scopes = scopesGranting(spec.permission);
  const access = `Needs the \`${spec.permission}\` permission; ${
    scopes.length ? `token scopes that grant it: ${scopes.map((s) => `\`${s}\``).join(", ")}.` : "API tokens never have it."
  }`;

  const ok = spec.success;
  const bytes = Object.fromEntries((ok.mediaTypes ?? []).map((t) => [t, { schema: { type: "string", contentMediaType: t } }]));
  const headers = ok.headers ? { headers: Object.fromEntries(Object.entries(ok.headers).map(([name, description]) => [name, { description, schema: { type: "string" } }])) } : {};
  const responses: JsonSchema = {
    [ok.status]:
      "schema" in ok
        ? { description: ok.description, ...headers, content: { "application/json": { schema: components.of(ok.schema, "output") }, ...bytes } }
        : { description: ok.description, ...headers, content: bytes },
  };
  const bodies: JsonSchema = {
    ...(spec.body ? { "application/json": { schema: components.of(spec.body, "input") } } : {}),
    ...(spec.multipartBody ? { "multipart/form-data": { schema: components.of(spec.multipartBody, "input") } } : {}),
    ...(spec.rawBody ? { "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream", description: spec.rawBody } } } : {}),
  };
  for (const status of [...spec.errors].sort((a, b) => a - b)) responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };

  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description ? `${spec.description}\n\n${access}` : access,
    tags: spec.tags,
    "x-permission": spec.permission,
    parameters,
    ...(Object.keys(bodies).length ? { requestBody: { required: true, content: bodies } } : {}),
    responses,
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
  };
}

const workItemId = { id: { schema: z.uuid(), description: "The work item's id." } };
const itemEnvelope = z.object({ item: workItemDetailOut });
const acceptanceId = { id: { schema: z.uuid(), description: "The risk acceptance's id." } };
const acceptanceEnvelope = z.object({ acceptance: acceptanceOut });
const decisionEnvelope = z.object({ acceptance: acceptanceOut, outcome: z.enum(["approved", "approval_recorded", "rejected"]) });

export const OPERATIONS: OperationSpec[] = [
  operation({
    method: "get",
    path: "/api/v1/work-items",
    operationId: "listWorkItems",
    summary: "List work items",
    description: "Filters combine with AND. Keyset pagination: pass the previous page's `nextCursor` as `cursor`; it is null on the last page.",
    tags: ["Work items"],
    permission: "read:work_item",
    query: listQuery,
    success: { status: 200, description: "One page of work items.", schema: listOut },
    errors: [400, 401, 403, 422],
  }),
  operation({
    method: "post",
    path: "/api/v1/work-items",
    operationId: "createWorkItem",
    summary: "Create a work item",
    tags: ["Work items"],
    permission: "create:work_item",
    body: createWorkItemInput,
    success: { status: 201, description: "The new work item.", schema: itemEnvelope },
    errors: [400, 401, 403, 413, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/work-items/{id}",
    operationId: "getWorkItem",
    summary: "Get one work item",
    tags: ["Work items"],
    permission: "read:work_item",
    pathParams: workItemId,
    success: { status: 200, description: "The work item.", schema: itemEnvelope },
    errors: [400, 401, 403, 404],
  }),
  operation({
    method: "post",
    path: "/api/v1/work-items/{id}/transitions",
    operationId: "transitionWorkItem",
    summary: "Move a work item to another stage",
    description:
      "Send the item's current `version`; a stale one is refused with 409. Some stages need more than moving (for example implementation and verification), and decisions are for people only.",
    tags: ["Work items"],
    permission: "move:work_item",
    pathParams: workItemId,
    body: transitionInput,
    success: { status: 200, description: "The work item after the move.", schema: itemEnvelope },
    errors: [400, 401, 403, 404, 409, 413, 422],
  }),
  operation({
    method: "post",
    path: "/api/v1/work-items/{id}/evidence",
    operationId: "addEvidence",
    summary: "Attach evidence to a work item",
    description:
      "A file as `multipart/form-data` (fields `file`, `summary`, optional `supersedes`; at most 10 MB, refused with 413 before anything is stored; its type is detected from the content — PDF, PNG, JPEG, UTF-8 text or JSON — and anything else, such as HTML or SVG under any name, is refused with 422 `invalid:evidence.file_type`; the SHA-256 is computed by the server), " +
      "or a note, link or system check as JSON. The item must be open and in implementation or later. Evidence is never changed: to correct a record, add a new one with `supersedes` naming it; a record is corrected once (409 `conflict:evidence.superseded`).",
    tags: ["Evidence"],
    permission: "attach:evidence",
    pathParams: workItemId,
    body: evidenceBody,
    multipartBody: evidenceUpload,
    success: { status: 201, description: "The new evidence record.", schema: evidenceEnvelope },
    errors: [400, 401, 403, 404, 409, 413, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/evidence/{id}/file",
    operationId: "downloadEvidenceFile",
    summary: "Download an evidence file",
    description: "The stored bytes, always as an attachment (never shown inline), with the type detected at upload. Evidence that is not a file answers 404 `not_found:evidence.file`.",
    tags: ["Evidence"],
    permission: "read:work_item",
    pathParams: { id: { schema: z.uuid(), description: "The evidence record's id." } },
    success: {
      status: 200,
      description: "The file's bytes.",
      mediaTypes: Object.keys(EVIDENCE_TYPES),
      headers: {
        "Content-Disposition": "`attachment` with the uploaded name (`filename*=UTF-8''…` and an ASCII `filename`).",
        "X-Content-SHA256": "SHA-256 of the bytes, lower-case hex, as recorded at upload.",
        "Repr-Digest": "The same hash as an RFC 9530 digest (`sha-256=:base64:`).",
      },
    },
    errors: [400, 401, 403, 404],
  }),
  operation({
    method: "post",
    path: "/api/v1/work-items/{id}/risk-acceptances",
    operationId: "requestRiskAcceptance",
    summary: "Ask for a risk acceptance of an open item",
    description:
      "The item then waits on the client and the decision clock runs until the organisation's programme owners decide. The expiry may be at most the policy's maximum for the item's priority " +
      "(`422 invalid:risk_acceptance.expiry_too_far` says the latest allowed date); the accountable owner must be a programme owner of the organisation. " +
      "An item with an acceptance waiting or in force is refused (`invalid:risk_acceptance.exists`); one whose acceptance expired is renewed with an extension instead (`invalid:risk_acceptance.renew`).",
    tags: ["Risk acceptances"],
    permission: "request:risk_acceptance",
    pathParams: workItemId,
    body: acceptanceRequestBody,
    success: { status: 201, description: "The acceptance, waiting for its decision.", schema: acceptanceEnvelope },
    errors: [400, 401, 403, 404, 409, 413, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/risk-acceptances/{id}",
    operationId: "getRiskAcceptance",
    summary: "Get one risk acceptance with its decisions",
    tags: ["Risk acceptances"],
    permission: "read:work_item",
    pathParams: acceptanceId,
    success: { status: 200, description: "The acceptance.", schema: acceptanceEnvelope },
    errors: [400, 401, 403, 404],
  }),
  operation({
    method: "post",
    path: "/api/v1/risk-acceptances/{id}/decision",
    operationId: "decideRiskAcceptance",
    summary: "Approve or reject a risk acceptance (programme owners only)",
    description:
      "Decisions are human: API tokens always get `403 forbidden:risk_acceptance.decide`, as do analysts, leads and executives, and the attempt is written to the audit trail. " +
      "Nobody decides a request they raised (`403 forbidden:risk_acceptance.own_request`). As many distinct owners as the policy asks for the item's priority must approve " +
      "(`outcome` is `approval_recorded` until then); approval closes the item as `risk_accepted` (or extends the expiry), rejection returns it to the provider in its stage.",
    tags: ["Risk acceptances"],
    permission: "decide:risk_acceptance",
    pathParams: acceptanceId,
    body: decisionBody,
    success: { status: 200, description: "The acceptance after the decision, and what the decision did.", schema: decisionEnvelope },
    errors: [400, 401, 403, 404, 413, 422],
  }),
  operation({
    method: "post",
    path: "/api/v1/risk-acceptances/{id}/extension",
    operationId: "extendRiskAcceptance",
    summary: "Ask to extend (or renew) a risk acceptance",
    description:
      "A new round of approval on the same acceptance: its original dates stay, and an approved extension counts as a renewal. An acceptance in force is extended beyond its current expiry; " +
      "one that expired on a still open item is renewed.",
    tags: ["Risk acceptances"],
    permission: "request:risk_acceptance",
    pathParams: acceptanceId,
    body: extensionBody,
    success: { status: 200, description: "The acceptance, its extension waiting for a decision.", schema: acceptanceEnvelope },
    errors: [400, 401, 403, 404, 413, 422],
  }),
  operation({
    method: "post",
    path: "/api/v1/intake/{format}",
    operationId: "runIntake",
    summary: "Import a scanner's or identity source's file",
    description:
      "The request body is the file itself, as the tool wrote it (any content type; at most 100 MB): `gitleaks` (JSON report), `trufflehog` (JSON lines), `github-secret-scanning` (alerts JSON), " +
      "`aws-credential-report` (IAM credential report CSV), `scim-users` (SCIM 2.0 Users, a ListResponse or an array) or `csv` (docs/intake-csv.md). Each finding is known by its fingerprint: a " +
      "re-import creates nothing, and a finding closed as remediated that comes back reopens its item as regressed. Identities are matched by system and external id. Valid records are written and " +
      "each bad one is reported in `rejected` (record number and field); a file with nothing readable is refused with 422 `invalid:intake.<format>`. Secrets are never stored in clear. " +
      "Send an `Idempotency-Key` header to make a retry safe: the same key and body replay the first answer (with `Idempotent-Replayed: true`), the same key with another body is 422, and a request " +
      "still running with that key is 409. With `?preview=true` nothing is written: the answer says what the import would do.",
    tags: ["Intake"],
    permission: "run:intake",
    pathParams: { format: { schema: z.enum(INTAKE_FORMATS), description: "The file's format." } },
    query: z.object({ preview: z.enum(["true", "false"]).optional().describe("`true`: say what the import would do, and write nothing.") }),
    requestHeaders: { "Idempotency-Key": "Optional, 1 to 200 visible ASCII characters: makes a retry safe." },
    rawBody: "The file, as the tool wrote it.",
    success: { status: 200, description: "What the import did.", schema: intakeOutcomeOut },
    errors: [400, 401, 403, 404, 409, 413, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/risk-acceptances",
    operationId: "listRiskAcceptanceRegister",
    summary: "The exception register",
    description:
      "Every risk acceptance of the organisation with its item, accountable owner, state, expiry, renewals and approvals, filtered by `filter` and `q`. " +
      "JSON answers one page (keyset pagination: pass `nextCursor` as `cursor`). `format=csv` answers every matching row as a CSV download (RFC 4180, a header row; " +
      "text cells that a spreadsheet would run as formulas — starting with = + - @, tab or CR — get a leading apostrophe); `cursor` and `limit` do not apply to it.",
    tags: ["Risk acceptances"],
    permission: "read:risk_acceptance",
    query: registerQuery,
    success: {
      status: 200,
      description: "One page of the register (JSON), or all of it (CSV).",
      schema: registerPageOut,
      mediaTypes: ["text/csv"],
      headers: { "Content-Disposition": 'With `format=csv`: `attachment; filename="<org>-exceptions-<date>.csv"`.' },
    },
    errors: [400, 401, 403, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/identities",
    operationId: "listIdentities",
    summary: "The identity inventory",
    description:
      "Human and non-human identities of the organisation (SPEC §7), by name, filtered by kind, tier, orphaned (no owner), privileged, rotation overdue and expiring " +
      "(expired or within 30 days). Keyset pagination: pass `nextCursor` as `cursor`.",
    tags: ["Identities"],
    permission: "read:identity",
    query: identitiesQuery,
    success: { status: 200, description: "One page of identities.", schema: identityPageOut },
    errors: [400, 401, 403, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/identities/{id}",
    operationId: "getIdentity",
    summary: "One identity with its consumers (the dependency map)",
    tags: ["Identities"],
    permission: "read:identity",
    pathParams: { id: { schema: z.uuid(), description: "The identity's id." } },
    success: { status: 200, description: "The identity.", schema: identityDetailOut },
    errors: [400, 401, 403, 404],
  }),
  operation({
    method: "get",
    path: "/api/v1/metrics/summary",
    operationId: "getMetricsSummary",
    summary: "The programme's figures for a period",
    description:
      "Backlog by stage, priority, type and age; SLA at risk and breached now, and compliance of what closed in [from, to); revocation and rotation time " +
      "(creation to verified closure: median, p90, weekly); exceptions; identity hygiene; time held by each party; verified and regressed remediation. " +
      "Also the weekly trend of items raised, closed and open. Each figure is defined in docs/metrics.md. " +
      "`format=csv` gives the dashboard's tables as one record per figure (section, row, label, column, value), optionally one `section`, as a download.",
    tags: ["Metrics"],
    permission: "read:dashboard",
    query: metricsQuery,
    success: {
      status: 200,
      description: "The figures (JSON), or the dashboard's figures one per record (CSV).",
      schema: metricsSummaryOut,
      mediaTypes: ["text/csv"],
      headers: { "Content-Disposition": 'With `format=csv`: `attachment; filename="<org>-metrics-<from>-to-<to>.csv"`.' },
    },
    errors: [400, 401, 403, 422],
  }),
  operation({
    method: "get",
    path: "/api/v1/evidence-pack",
    operationId: "getEvidencePack",
    summary: "The auditor's evidence pack for a period",
    description:
      "Every item closed in [from, to) (days in the organisation's time zone; the last full calendar month when no dates are given), oldest closure first, with its timeline " +
      "(audit events, each with its seq and hash in the organisation's chain), risk acceptances with every decision, and evidence records with SHA-256 hashes. " +
      "`format=json` (default) is the whole structure, headed by the audit chain head at export time; `format=csv` is one row per item " +
      "(key, title, type, priority, resolution, raised, closed, implementer, verifier, requester, approvers, evidence_count, evidence_sha256, regressed, framework_refs). Both are downloads. " +
      "Each item carries the framework controls it counts towards (`frameworkRefs`; `framework_refs` in the CSV, separated by \"; \") under the organisation's framework mapping in force at export. " +
      "`groupBy=framework` adds `frameworks` to the JSON: every control of the mapping with the keys of the pack's items done (remediated), open again now, and accepted (risk accepted).",
    tags: ["Audit"],
    permission: "export:evidence_pack",
    query: evidencePackQuery,
    success: {
      status: 200,
      description: "The pack (JSON), or one row per closed item (CSV).",
      schema: evidencePackOut,
      mediaTypes: ["text/csv"],
      headers: {
        "Content-Disposition": '`attachment; filename="<org>-evidence-pack-<from>-to-<to>.json"` (or `.csv`).',
        "X-Audit-Chain-Head": "`<seq>:<hash>` of the organisation's last audit event when the pack was generated.",
      },
    },
    errors: [400, 401, 403, 422],
  }),
];

/** The whole document. Pure and deterministic: safe to compute once. */
export function buildOpenApi(operations: OperationSpec[] = OPERATIONS): JsonSchema {
  const components = new SchemaComponents();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of operations) {
    const item = (paths[spec.path] ??= {});
    if (item[spec.method]) throw new Error(`OpenAPI: ${spec.method.toUpperCase()} ${spec.path} is described twice.`);
    item[spec.method] = buildOperation(spec, components);
  }
  const error = components.of(errorOut, "output");
  const responses = Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(({ name, description }) => [name, { description, content: { "application/json": { schema: error } } }]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Wrapper Ops Console API",
      version: "1",
      description:
        "The console's REST API. Integrations send `Authorization: Bearer <token>`; the console's own pages use the browser session. Errors are `{ \"error\": { \"code\", \"message\" } }`.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Work items", description: "The remediation queue." },
      { name: "Evidence", description: "Proof that work was done: files, links, notes and system checks; append-only." },
      { name: "Risk acceptances", description: "Accepted risks and control exceptions: the register, requests and owners' decisions." },
      { name: "Audit", description: "Exports for auditors." },
    ],
    paths,
    components: {
      schemas: components.schemas,
      parameters: {
        Org: {
          name: "org",
          in: "query",
          required: false,
          description: "Organisation slug; required for a browser session with several organisations, optional with a token.",
          schema: { type: "string" },
        },
      },
      responses,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token from `npm run token -- --org SLUG --scopes items:read,items:write`. Tokens belong to one organisation, expire, and carry scopes: `items:read`, `items:write`, `intake:write`.",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The console's browser session (named `__Secure-next-auth.session-token` when served over HTTPS). Same-origin only: requests that change something must carry an Origin header matching the console's host.",
        },
      },
    },
  };
}
