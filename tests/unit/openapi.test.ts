// The OpenAPI document (SPEC §10): valid OpenAPI 3.1, covering every route under app/api/v1 (and nothing
// that does not exist), and generated from the very validators the routes use. No database needed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApi, type JsonSchema } from "@/lib/api/openapi";
import { createWorkItemInput, listQuery, transitionInput } from "@/lib/schemas/work-items";

const doc = buildOpenApi() as {
  openapi: string;
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, JsonSchema>; responses: Record<string, JsonSchema> };
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const API_ROOT = path.resolve(__dirname, "../../app/api/v1");

/** Every route.ts under app/api/v1 as `METHOD /api/v1/...{param}`, read from its source (no imports: no database). */
function routesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const rel = path.relative(API_ROOT, dir).split(path.sep).filter(Boolean);
        if (rel.join("/") === "openapi.json") continue;
        const urlPath =
          "/api/v1" +
          rel
            .filter((seg) => !/^\(.*\)$/.test(seg)) // route groups do not appear in the URL
            .map((seg) => "/" + seg.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}"))
            .join("");
        const src = readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of src.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) methods.add(m[1]!);
        for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const part of m[1]!.split(",")) methods.add(part.trim().split(/\s+as\s+/).pop()!.trim());
        }
        const handlers = [...methods].filter((m) => (METHODS as readonly string[]).includes(m));
        expect(handlers, `${full} exports no HTTP method handler`).not.toEqual([]);
        for (const method of handlers) found.push(`${method} ${urlPath}`);
      }
    }
  };
  walk(API_ROOT);
  return found.sort();
}

const documented = () =>
  Object.entries(doc.paths)
    .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();

/** Resolves a local `$ref` in the document. */
function deref(node: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  let target: unknown = doc;
  for (const key of ref.replace(/^#\//, "").split("/")) target = (target as Record<string, unknown>)[key];
  return deref(target as JsonSchema);
}

function requestSchema(p: string, method: string): JsonSchema {
  const op = doc.paths[p]![method]! as { requestBody: { content: { "application/json": { schema: JsonSchema } } } };
  return deref(op.requestBody.content["application/json"].schema);
}

/** Enum values of a property, looking through `anyOf` (nullable) branches. */
function enumValues(schema: JsonSchema): unknown[] | null {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema.anyOf)) for (const branch of schema.anyOf as JsonSchema[]) if (enumValues(branch)) return enumValues(branch);
  return null;
}

/**
 * The documented body schema and the zod validator agree: a key is documented as required exactly when the
 * validator refuses a body without it, and every documented enum value is accepted while others are not.
 */
function expectSameContract(schema: JsonSchema, validator: z.ZodType, validBody: Record<string, unknown>) {
  expect(validator.safeParse(validBody).success).toBe(true);
  const props = schema.properties as Record<string, JsonSchema>;
  expect(Object.keys(props).sort()).toEqual(Object.keys(validBody).sort()); // the sample covers every documented key
  const required = new Set(schema.required as string[]);
  for (const key of Object.keys(props)) {
    const { [key]: _dropped, ...without } = validBody;
    expect(validator.safeParse(without).success, `without "${key}"`).toBe(!required.has(key));
    const values = enumValues(props[key]!);
    if (values) {
      for (const v of values) expect(validator.safeParse({ ...validBody, [key]: v }).success, `${key}=${String(v)}`).toBe(true);
      expect(validator.safeParse({ ...validBody, [key]: "not-a-documented-value" }).success, `${key}=other`).toBe(false);
    }
  }
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document whose $refs all resolve", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(doc.openapi).toBe("3.1.0");
    // Every $ref points at something that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(deref({ $ref: JSON.parse(`{${r}}`).$ref as string }), r).toBeTruthy();
  });

  it("declares each path template parameter and names each operation once (beyond what the schema checks)", () => {
    const ids: string[] = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        ids.push(op.operationId as string);
        const pathParams = (op.parameters as JsonSchema[]).map(deref).filter((x) => x.in === "path");
        const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(pathParams.map((x) => x.name), `${method} ${p}`).toEqual(templated);
        expect(pathParams.every((x) => x.required === true)).toBe(true);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is served as JSON by GET /api/v1/openapi.json", async () => {
    const route = await import("@/app/api/v1/openapi.json/route");
    const res = route.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual(doc);
  });

  it("documents every route and method under app/api/v1, and nothing else", () => {
    const onDisk = routesOnDisk();
    expect(onDisk.length).toBeGreaterThan(0);
    const docs = documented();
    expect(onDisk.filter((r) => !docs.includes(r)), "routes without documentation").toEqual([]);
    expect(docs.filter((r) => !onDisk.includes(r)), "documented operations without a route").toEqual([]);
  });

  it("covers the work-item endpoints of SPEC §10 with their auth and error responses", () => {
    expect(documented()).toEqual(
      expect.arrayContaining([
        "GET /api/v1/work-items",
        "POST /api/v1/work-items",
        "GET /api/v1/work-items/{id}",
        "POST /api/v1/work-items/{id}/transitions",
      ]),
    );
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.security, `${method} ${p}`).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
        const responses = op.responses as Record<string, JsonSchema>;
        for (const status of ["401", "403"]) expect(responses[status], `${method} ${p} ${status}`).toBeDefined();
        for (const [status, r] of Object.entries(responses)) {
          if (Number(status) >= 400) expect(deref(r).content).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/Error" } } });
        }
      }
    }
    const transition = doc.paths["/api/v1/work-items/{id}/transitions"]!.post!.responses as Record<string, JsonSchema>;
    expect(transition["409"]).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it("lists one query parameter per key of the list validator, with its description", () => {
    const params = (doc.paths["/api/v1/work-items"]!.get!.parameters as JsonSchema[]).map(deref);
    const query = params.filter((p) => p.in === "query");
    expect(query.map((p) => p.name).sort()).toEqual([...Object.keys(listQuery.shape), "org"].sort());
    const byName = Object.fromEntries(query.map((p) => [p.name as string, p]));
    expect(byName.q!.description).toMatch(/Free text/);
    expect(byName.org!.description).toMatch(/Organisation slug/);
    expect(query.every((p) => p.required === false)).toBe(true);
    // Documented bounds are the validator's bounds (query values arrive as strings).
    const limit = byName.limit!.schema as JsonSchema;
    expect(limit).toMatchObject({ type: "integer", minimum: 1, maximum: 200, default: 50 });
    expect(listQuery.safeParse({ limit: String(limit.maximum) }).success).toBe(true);
    expect(listQuery.safeParse({ limit: String((limit.maximum as number) + 1) }).success).toBe(false);
    for (const v of enumValues(byName.stage!.schema as JsonSchema)!) expect(listQuery.safeParse({ stage: v }).success).toBe(true);
    expect(listQuery.safeParse({ stage: "nowhere" }).success).toBe(false);
  });

  it("documents the create body as exactly what createWorkItemInput accepts", () => {
    const schema = requestSchema("/api/v1/work-items", "post");
    expect(schema.required).toEqual(expect.arrayContaining(["type", "title"]));
    expectSameContract(schema, createWorkItemInput, {
      type: "revocation",
      title: "Revoke a stale admin grant",
      description: "",
      severity: "high",
      identityId: null,
      priority: null,
      priorityReason: null,
    });
    // A documented bound holds in the validator too.
    const title = (schema.properties as Record<string, JsonSchema>).title!;
    expect(createWorkItemInput.safeParse({ type: "revocation", title: "x".repeat(title.maxLength as number) }).success).toBe(true);
    expect(createWorkItemInput.safeParse({ type: "revocation", title: "x".repeat((title.maxLength as number) + 1) }).success).toBe(false);
  });

  it("documents the transition body as exactly what transitionInput accepts", () => {
    const schema = requestSchema("/api/v1/work-items/{id}/transitions", "post");
    expect(schema.required).toEqual(expect.arrayContaining(["to", "version"]));
    expectSameContract(schema, transitionInput, { to: "validation", reason: null, version: 3, resolution: null, duplicateOf: null, regressed: false });
    expect(transitionInput.safeParse({ to: "validation" }).success).toBe(false); // the document requires `version`
  });

  it("documents the register and the evidence pack as JSON with a CSV download beside it", () => {
    for (const p of ["/api/v1/risk-acceptances", "/api/v1/evidence-pack"]) {
      const op = doc.paths[p]!.get! as { parameters: JsonSchema[]; responses: Record<string, { content: Record<string, unknown>; headers: Record<string, unknown> }> };
      expect(Object.keys(op.responses["200"]!.content).sort(), p).toEqual(["application/json", "text/csv"]);
      expect(op.responses["200"]!.headers["Content-Disposition"], p).toBeDefined();
      const format = op.parameters.map(deref).find((x) => x.name === "format")!;
      expect(enumValues(format.schema as JsonSchema)).toEqual(["json", "csv"]);
    }
    const pack = doc.paths["/api/v1/evidence-pack"]!.get! as { "x-permission": string };
    expect(pack["x-permission"]).toBe("export:evidence_pack");
  });

  it("uses $ref components for the named schemas and is deterministic", () => {
    expect(Object.keys(doc.components.schemas).sort()).toEqual(
      [
        ...["CreateWorkItem", "Error", "Evidence", "EvidenceJson", "EvidenceUpload", "Sla", "SlaClock", "SystemCheckResult", "Transition", "WorkItem", "WorkItemDetail", "WorkItemPage"],
        ...["RiskAcceptanceRegisterEntry", "RiskAcceptanceRegisterPage", "EvidencePack", "EvidencePackItem", "EvidencePackEvent"],
        ...["RiskAcceptance", "RiskAcceptanceRequest", "RiskAcceptanceDecision", "RiskAcceptanceExtension", "IntakeOutcome"],
        ...["Identity", "IdentityPage", "IdentityDetail", "IdentityConsumerOut", "MetricsSummary"],
      ].sort(),
    );
    const page = doc.components.schemas.WorkItemPage as { properties: { items: { items: JsonSchema } } };
    expect(page.properties.items.items).toEqual({ $ref: "#/components/schemas/WorkItem" });
    expect(JSON.stringify(buildOpenApi())).toBe(JSON.stringify(doc));
    expect(JSON.stringify(doc)).not.toContain("$defs");
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });
});
