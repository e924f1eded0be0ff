// /api/v1/work-items through the real door (lib/api/handler.ts) with plain Requests: happy paths, keyset
// paging, the session's Origin check, tokens, and bad input that must get a clear 4xx and write nothing.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runApi, MAX_BODY_BYTES, type ApiContext } from "@/lib/api/handler";
import { createItemOp, getItemOp, listItemsOp, transitionOp } from "@/lib/api/work-items";
import { auditEvents, workItems } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import type { SessionUser } from "@/lib/auth/session-user";
import { openTestDb, type TestDb } from "../helpers/db";
import { createToken, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
let team: Team;
let writer: string;

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
  writer = (await createToken(t.db, team.org.id, ["items:read", "items:write"])).secret;
});
afterAll(() => t?.close());

interface Call {
  method?: string;
  path: string;
  op: (ctx: ApiContext) => Promise<Response>;
  params?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
  token?: string | null;
  session?: SessionUser | null;
}

async function call(c: Call) {
  const headers = new Headers({ host: "console.test", ...(c.headers ?? {}) });
  const token = c.token === undefined ? writer : c.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (c.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const req = new Request(`http://console.test${c.path}`, { method: c.method ?? "GET", headers, body: c.body });
  const res = await runApi(req, { db: t.db, session: async () => c.session ?? null }, c.params ?? {}, c.op);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string[]> } } };
}

async function counts() {
  return withTenant(t.db, team.org.id, null, async (tx) => {
    const [items] = await tx.select({ n: sql<number>`count(*)::int` }).from(workItems).where(eq(workItems.organisationId, team.org.id));
    const [events] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.organisationId, team.org.id), sql`${auditEvents.action} <> 'access.denied'`));
    const [versions] = await tx.select({ n: sql<number>`coalesce(sum(${workItems.version}), 0)::int` }).from(workItems).where(eq(workItems.organisationId, team.org.id));
    return { items: items!.n, events: events!.n, versions: versions!.n };
  });
}

describe("work items API", () => {
  it("creates, reads and moves an item, with its version guard", async () => {
    const created = await call({ method: "POST", path: "/api/v1/work-items", op: createItemOp, body: JSON.stringify({ type: "secret_rotation", title: "Rotate the CI key", identityId: team.identity.id, severity: "high" }) });
    expect(created.status).toBe(201);
    const item = created.body.item as { id: string; key: string; stage: string; version: number; priority: string };
    expect(item).toMatchObject({ stage: "intake", version: 1, priority: "P3" });
    expect(item.key).toBe(`${team.org.slug.toUpperCase()}-${(created.body.item as { number: number }).number}`);

    const got = await call({ path: `/api/v1/work-items/${item.id}`, op: getItemOp, params: { id: item.id } });
    expect(got).toMatchObject({ status: 200, body: { item: { id: item.id, timeWaiting: { provider: expect.any(Number), client: 0, third_party: 0 } } } });

    const moved = await call({ method: "POST", path: "/x", op: transitionOp, params: { id: item.id }, body: JSON.stringify({ to: "prioritisation", version: 1 }) });
    expect(moved).toMatchObject({ status: 200, body: { item: { stage: "prioritisation", version: 2 } } });
    const stale = await call({ method: "POST", path: "/x", op: transitionOp, params: { id: item.id }, body: JSON.stringify({ to: "validation", version: 1 }) });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: "conflict:work_item.version" } } });
    expect(stale.body.error!.message).toMatch(/changed this item/);
  });

  it("pages through every item exactly once, in every sort order", async () => {
    const own = await createTeam(t.db);
    const token = (await createToken(t.db, own.org.id, ["items:read"])).secret;
    const base = Date.now() - 10 * 86_400_000;
    for (let i = 0; i < 37; i++) {
      // Equal timestamps in pairs, so the id has to break ties.
      await createWorkItem(t.db, own.org.id, { number: i + 1, priority: (["P1", "P2", "P3", "P4"] as const)[i % 4], createdAt: new Date(base + Math.floor(i / 2) * 1000), updatedAt: new Date(base + (i % 5) * 1000) });
    }
    for (const sort of ["newest", "oldest", "priority", "updated"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const r = await call({ path: `/api/v1/work-items?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ""}`, op: listItemsOp, token });
        expect(r.status).toBe(200);
        seen.push(...(r.body.items as { id: string }[]).map((x) => x.id));
        cursor = r.body.nextCursor as string | null;
        if (!cursor) break;
      }
      expect(seen, sort).toHaveLength(37);
      expect(new Set(seen).size, sort).toBe(37);
    }
  });

  it("filters by stage, priority, status, assignee and text", async () => {
    const own = await createTeam(t.db);
    const token = (await createToken(t.db, own.org.id, ["items:read"])).secret;
    await createWorkItem(t.db, own.org.id, { number: 1, title: "Rotate the billing key", priority: "P1", stage: "implementation", assigneeId: own.as("analyst").id });
    await createWorkItem(t.db, own.org.id, { number: 2, title: "Revoke a leaver", priority: "P2", stage: "closed", resolution: "remediated", closedAt: new Date() });
    await createWorkItem(t.db, own.org.id, { number: 3, title: "Orphaned service account", priority: "P1" });
    const keys = async (q: string) => ((await call({ path: `/api/v1/work-items?${q}`, op: listItemsOp, token })).body.items as { number: number }[]).map((x) => x.number).sort();
    expect(await keys("priority=P1")).toEqual([1, 3]);
    expect(await keys("status=closed")).toEqual([2]);
    expect(await keys("status=open")).toEqual([1, 3]);
    expect(await keys("stage=implementation")).toEqual([1]);
    expect(await keys(`assignee=${own.as("analyst").id}`)).toEqual([1]);
    expect(await keys("assignee=unassigned")).toEqual([2, 3]);
    expect(await keys("q=billing")).toEqual([1]);
    expect(await keys(`q=${own.org.slug.toUpperCase()}-3`)).toEqual([3]);
    expect(await keys("q=100%25")).toEqual([]); // LIKE wildcards are matched literally
  });
});

describe("who may call", () => {
  it("refuses unknown, revoked-looking and expired tokens with 401", async () => {
    expect(await call({ path: "/api/v1/work-items", op: listItemsOp, token: "wop_nope" })).toMatchObject({ status: 401, body: { error: { code: "unauthorized:token" } } });
    const expired = await createToken(t.db, team.org.id, ["items:read"], { days: 1, now: new Date(Date.now() - 2 * 86_400_000) });
    expect(await call({ path: "/api/v1/work-items", op: listItemsOp, token: expired.secret })).toMatchObject({ status: 401 });
    expect(await call({ path: "/api/v1/work-items", op: listItemsOp, token: null })).toMatchObject({ status: 401, body: { error: { code: "unauthorized:session" } } });
  });

  it("keeps a token to its own organisation", async () => {
    const r = await call({ path: "/api/v1/work-items?org=someone-else", op: listItemsOp });
    expect(r).toMatchObject({ status: 403, body: { error: { code: "forbidden:organisation" } } });
  });

  it("accepts the browser session for same-origin changes only, and asks which organisation when it is ambiguous", async () => {
    const session = team.as("analyst");
    const body = JSON.stringify({ type: "access_request", title: "Read access to billing" });
    const noOrigin = await call({ method: "POST", path: `/api/v1/work-items?org=${team.org.slug}`, op: createItemOp, body, token: null, session });
    expect(noOrigin).toMatchObject({ status: 403, body: { error: { code: "forbidden:origin" } } });
    const crossSite = await call({ method: "POST", path: `/api/v1/work-items?org=${team.org.slug}`, op: createItemOp, body, token: null, session, headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    const sameSite = await call({ method: "POST", path: `/api/v1/work-items?org=${team.org.slug}`, op: createItemOp, body, token: null, session, headers: { origin: "http://console.test" } });
    expect(sameSite.status).toBe(201);
    const twoOrgs = { ...session, memberships: [...session.memberships, { ...session.memberships[0]!, slug: "other", orgId: crypto.randomUUID() }] };
    expect(await call({ path: "/api/v1/work-items", op: listItemsOp, token: null, session: twoOrgs })).toMatchObject({ status: 400, body: { error: { code: "bad_request:organisation" } } });
  });
});

describe("bad input", () => {
  const id = () => createWorkItem(t.db, team.org.id, { identityId: team.identity.id }).then((r) => r.id);
  const cases: { name: string; status: number; code: string; body: string; headers?: Record<string, string>; message?: RegExp }[] = [
    { name: "malformed JSON", status: 400, code: "bad_request:json", body: '{"to": "prioritisation", ', message: /not valid JSON/ },
    { name: "an empty body", status: 400, code: "bad_request:json", body: "" },
    { name: "a body that is not JSON", status: 400, code: "bad_request:content_type", body: "to=prioritisation", headers: { "content-type": "application/x-www-form-urlencoded" } },
    { name: "an unknown stage", status: 422, code: "invalid:input", body: JSON.stringify({ to: "done", version: 1 }), message: /fields/ },
    { name: "a version of the wrong type", status: 422, code: "invalid:input", body: JSON.stringify({ to: "prioritisation", version: "1" }) },
    { name: "a missing version", status: 422, code: "invalid:input", body: JSON.stringify({ to: "prioritisation" }) },
    { name: "an array instead of an object", status: 422, code: "invalid:input", body: "[]" },
    { name: "odd Unicode in the stage", status: 422, code: "invalid:input", body: JSON.stringify({ to: "pri\u0301oritisation\u0000", version: 1 }) },
    { name: "a reason that is too long", status: 422, code: "invalid:input", body: JSON.stringify({ to: "prioritisation", version: 1, reason: "\uD83D\uDD11".repeat(2001) }) },
    { name: "an oversized body", status: 413, code: "too_large:body", body: JSON.stringify({ to: "prioritisation", version: 1, reason: "x".repeat(MAX_BODY_BYTES) }) },
  ];

  for (const c of cases) {
    it(`answers ${c.name} with ${c.status} and writes nothing`, async () => {
      const target = await id();
      const before = await counts();
      const r = await call({ method: "POST", path: "/x", op: transitionOp, params: { id: target }, body: c.body, headers: c.headers });
      expect(r.status).toBe(c.status);
      expect(r.body.error!.code).toBe(c.code);
      expect(r.body.error!.message.length).toBeGreaterThan(10);
      if (c.message) expect(JSON.stringify(r.body.error)).toMatch(c.message);
      expect(await counts()).toEqual(before);
    });
  }

  it("names the fields that are wrong when creating", async () => {
    const before = await counts();
    const r = await call({ method: "POST", path: "/api/v1/work-items", op: createItemOp, body: JSON.stringify({ type: "nope", title: "" }) });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error!.fields!).sort()).toEqual(["title", "type"]);
    expect(await counts()).toEqual(before);
  });

  it("answers an unknown item or a foreign item with 404", async () => {
    const other = await createTeam(t.db);
    const foreign = await createWorkItem(t.db, other.org.id);
    for (const target of [crypto.randomUUID(), foreign.id, "not-an-id"]) {
      const r = await call({ method: "POST", path: "/x", op: transitionOp, params: { id: target }, body: JSON.stringify({ to: "prioritisation", version: 1 }) });
      expect(r).toMatchObject({ status: 404, body: { error: { code: "not_found:work_item" } } });
      expect((await call({ path: "/x", op: getItemOp, params: { id: target } })).status).toBe(404);
    }
  });

  it("refuses bad query parameters with 422", async () => {
    for (const q of ["limit=500", "limit=0", "stage=done", "sort=random", "assignee=bob"]) {
      const r = await call({ path: `/api/v1/work-items?${q}`, op: listItemsOp });
      expect(r.status, q).toBe(422);
    }
    // A cursor that is not ours is ignored rather than trusted.
    expect((await call({ path: "/api/v1/work-items?cursor=garbage", op: listItemsOp })).status).toBe(200);
  });
});
