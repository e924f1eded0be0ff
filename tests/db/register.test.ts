// The exception register (SPEC §5) against a real database: which acceptances each tab holds — written out by
// hand for a fixture set with the boundaries that matter — its order and keyset pages, the API's JSON and CSV
// (quoting, formula neutralisation, same rows), and that another organisation's acceptances never show.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runApi } from "@/lib/api/handler";
import { listRegisterOp } from "@/lib/api/risk-acceptances";
import type { Principal } from "@/lib/auth/principal";
import { withTenant } from "@/lib/db/tenant";
import { itemKey } from "@/lib/domain/keys";
import { countRegister, listRegister, type RegisterFilter } from "@/lib/queries/risk-acceptances";
import type { RegisterEntry } from "@/lib/schemas/risk-acceptances-register";
import { parseCsv } from "../helpers/csv";
import { openTestDb, type TestDb } from "../helpers/db";
import { createAcceptance, createDecision, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

const DAY = 86_400_000;
let t: TestDb;
let team: Team;
let other: Team;
const now = new Date();
const at = (days: number) => new Date(now.getTime() + days * DAY);
/** Fixture name → acceptance id. */
const ids: Record<string, string> = {};
const numbers: Record<string, number> = {};

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
  other = await createTeam(t.db);
  const org = team.org.id;
  const ownerA = team.as("owner").id;
  const ownerB = team.as("owner", 1).id;
  const analyst = team.as("analyst").id;
  let n = 100;
  const item = async (name: string, over: Parameters<typeof createWorkItem>[2] = {}) => {
    const row = await createWorkItem(t.db, org, { number: ++n, title: `Item ${name}`, identityId: team.identity.id, ...over });
    numbers[name] = row.number;
    return row;
  };
  const accept = async (name: string, itemId: string, over: Omit<Parameters<typeof createAcceptance>[3], "accountableOwnerId"> & { accountableOwnerId?: string }) => {
    ids[name] = (await createAcceptance(t.db, org, itemId, { accountableOwnerId: ownerA, requestedById: analyst, ...over })).id;
  };
  const closed = { stage: "closed" as const, resolution: "risk_accepted" as const, closedAt: at(-20) };

  // A: waiting for its first decision.
  await accept("A", (await item("A")).id, { status: "pending", requestedAt: at(-3), expiresAt: at(20), approvalsRequired: 2 });
  // B, C, D: in force, expiring in 10 days, exactly at now + 30 days, and one second later.
  await accept("B", (await item("B", closed)).id, { status: "approved", requestedAt: at(-30), expiresAt: at(10) });
  await accept("C", (await item("C", closed)).id, { status: "approved", requestedAt: at(-29), expiresAt: at(30) });
  await accept("D", (await item("D", closed)).id, { status: "approved", requestedAt: at(-28), expiresAt: new Date(at(30).getTime() + 1000) });
  // E: in force with an extension waiting (round 2; one approval of two so far; renewed twice before).
  const e = await item("E", closed);
  await accept("E", e.id, {
    status: "approved", requestedAt: at(-200), originalExpiresAt: at(-100), expiresAt: at(60), round: 2, extensionExpiresAt: at(120),
    roundRequestedAt: at(-2), renewals: 2, approvalsRequired: 2, accountableOwnerId: ownerB,
  });
  await createDecision(t.db, org, ids.E!, { round: 1, deciderId: ownerA, decidedAt: at(-190) });
  await createDecision(t.db, org, ids.E!, { round: 1, deciderId: ownerB, decidedAt: at(-189) });
  await createDecision(t.db, org, ids.E!, { round: 2, deciderId: ownerA, decidedAt: at(-1) });
  // F: expired, the item reopened and still open, nothing since: outside formal review.
  await accept("F", (await item("F")).id, { status: "expired", requestedAt: at(-60), expiresAt: at(-5), endedAt: at(-5) });
  // G: expired, but a newer acceptance (G2, rejected) was asked for the same item afterwards.
  const g = await item("G");
  await accept("G", g.id, { status: "expired", requestedAt: at(-90), expiresAt: at(-40), endedAt: at(-40) });
  await accept("G2", g.id, { status: "rejected", requestedAt: at(-25), expiresAt: at(30), endedAt: at(-24), decidedAt: at(-24) });
  // H: expired, and the item has since been closed another way.
  await accept("H", (await item("H", { stage: "closed", resolution: "remediated", closedAt: at(-1) })).id, { status: "expired", requestedAt: at(-50), expiresAt: at(-10), endedAt: at(-10) });
  // I: expired with a renewal round waiting: under review.
  await accept("I", (await item("I")).id, { status: "expired", requestedAt: at(-70), expiresAt: at(-8), endedAt: at(-8), round: 2, extensionExpiresAt: at(20), roundRequestedAt: at(-4) });
  // J: expired, renewal asked and rejected by an owner after expiry: re-decided.
  await accept("J", (await item("J")).id, { status: "expired", requestedAt: at(-80), expiresAt: at(-12), endedAt: at(-12), round: 2, roundRequestedAt: at(-11) });
  await createDecision(t.db, org, ids.J!, { round: 2, deciderId: ownerB, decision: "reject", comment: "Fix it instead", decidedAt: at(-10) });
  // K: withdrawn.
  await accept("K", (await item("K")).id, { status: "withdrawn", requestedAt: at(-15), expiresAt: at(15), endedAt: at(-14) });
  // L: approved, its date passed, the sweeper has not got to it yet: still in force, not "expiring".
  await accept("L", (await item("L", closed)).id, { status: "approved", requestedAt: at(-40), expiresAt: at(-0.01) });

  // Another organisation's acceptance, pending and expiring soon: never in this register.
  const foreign = await createWorkItem(t.db, other.org.id, { title: "Item foreign", identityId: other.identity.id });
  ids.foreign = (await createAcceptance(t.db, other.org.id, foreign.id, { accountableOwnerId: other.as("owner").id, status: "approved", expiresAt: at(5) })).id;
});
afterAll(() => t?.close());

const EXPECTED: Record<RegisterFilter, string[]> = {
  all: ["A", "B", "C", "D", "E", "F", "G", "G2", "H", "I", "J", "K", "L"],
  pending: ["A", "E", "I"],
  active: ["B", "C", "D", "E", "L"],
  expiring: ["B", "C"],
  expired_awaiting: ["F"],
  closed: ["G", "G2", "H", "J", "K"],
};

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
const list = (filter: RegisterFilter, over: { q?: string; cursor?: string | null; limit?: number } = {}) =>
  withTenant(t.db, team.org.id, null, (tx) => listRegister(tx, { orgId: team.org.id, filter, now, limit: 200, ...over }));

describe("register filters", () => {
  for (const [filter, expected] of Object.entries(EXPECTED) as [RegisterFilter, string[]][]) {
    it(`${filter}: ${expected.join(", ")}`, async () => {
      const page = await list(filter);
      expect(page.items.map((r) => nameOf(r.id)).sort()).toEqual([...expected].sort());
      expect(page.nextCursor).toBeNull();
    });
  }

  it("counts each tab as its list does", async () => {
    const counts = await withTenant(t.db, team.org.id, null, (tx) => countRegister(tx, { orgId: team.org.id, now }));
    expect(counts).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([f, xs]) => [f, xs.length])));
  });

  it("orders each tab: soonest expiry first when in force, longest waiting first, newest first for all", async () => {
    expect((await list("active")).items.map((r) => nameOf(r.id))).toEqual(["L", "B", "C", "D", "E"]);
    expect((await list("expiring")).items.map((r) => nameOf(r.id))).toEqual(["B", "C"]);
    expect((await list("pending")).items.map((r) => nameOf(r.id))).toEqual(["I", "A", "E"]); // rounds asked 4, 3 and 2 days ago
    expect((await list("all")).items.map((r) => nameOf(r.id))).toEqual(["A", "K", "G2", "D", "C", "B", "L", "H", "F", "I", "J", "G", "E"]);
    expect((await list("closed")).items.map((r) => nameOf(r.id))).toEqual(["H", "J", "K", "G2", "G"]); // ended 10, 12, 14, 24, 40 days ago
  });

  it("pages by keyset without repeating or skipping a row", async () => {
    for (const filter of ["all", "active", "closed"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof list>> = await list(filter, { cursor, limit: 2 });
        seen.push(...page.items.map((r) => nameOf(r.id)));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual((await list(filter)).items.map((r) => nameOf(r.id)));
    }
  });

  it("shows the people, the waiting decision, the approvals of the current round and the renewals", async () => {
    const e = (await list("pending")).items.find((r) => r.id === ids.E)!;
    expect(e).toMatchObject({
      accountableOwnerName: team.as("owner", 1).name,
      requestedByName: team.as("analyst").name,
      status: "approved",
      decisionWaiting: true,
      expiredAwaitingDecision: false,
      round: 2,
      renewals: 2,
      approvals: 1, // round 2 only: the two approvals of round 1 do not count
      approvalsRequired: 2,
    });
    expect(e.originalExpiresAt.getTime()).toBeLessThan(e.expiresAt.getTime());
    const f = (await list("all")).items.find((r) => r.id === ids.F)!;
    expect(f).toMatchObject({ status: "expired", decisionWaiting: false, expiredAwaitingDecision: true });
  });

  it("searches by item number, title and accountable owner", async () => {
    expect((await list("all", { q: `${team.org.slug}-${numbers.F}` })).items.map((r) => nameOf(r.id))).toEqual(["F"]);
    expect((await list("all", { q: "item g" })).items.map((r) => nameOf(r.id)).sort()).toEqual(["G", "G2"]);
    expect((await list("all", { q: team.as("owner", 1).name })).items.map((r) => nameOf(r.id))).toEqual(["E"]);
  });

  it("never shows another organisation's acceptances, even asked for by id", async () => {
    for (const filter of Object.keys(EXPECTED) as RegisterFilter[]) expect((await list(filter)).items.map((r) => r.id)).not.toContain(ids.foreign);
    // Inside this organisation's scope, naming the other organisation finds nothing (row-level security).
    const leaked = await withTenant(t.db, team.org.id, null, (tx) => listRegister(tx, { orgId: other.org.id, filter: "all", now, limit: 200 }));
    expect(leaked.items).toEqual([]);
  });
});

// --- the API ----------------------------------------------------------------------------------------------

async function get(principal: Principal, query: string, orgSlug = team.org.slug) {
  const headers = new Headers({ host: "console.test" });
  const token = (principal as { secret?: string }).secret;
  if (token) headers.set("authorization", `Bearer ${token}`);
  const req = new Request(`http://console.test/api/v1/risk-acceptances?${token ? "" : `org=${orgSlug}&`}${query}`, { headers });
  return runApi(req, { db: t.db, session: async () => (token ? null : (principal as Exclude<Principal, { kind: "token" }>)) }, {}, listRegisterOp);
}

describe("GET /api/v1/risk-acceptances", () => {
  it("answers pages of the same rows as the query, with item keys", async () => {
    const res = await get(team.as("executive"), "filter=active&limit=2");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: RegisterEntry[]; nextCursor: string | null };
    expect(body.items.map((r) => r.id)).toEqual([ids.L, ids.B]);
    expect(body.items[1]!.itemKey).toBe(itemKey(team.org.slug, numbers.B!));
    const next = (await (await get(team.as("executive"), `filter=active&limit=2&cursor=${body.nextCursor}`)).json()) as { items: RegisterEntry[] };
    expect(next.items.map((r) => r.id)).toEqual([ids.C, ids.D]);
  });

  it("refuses an unknown filter with the field named", async () => {
    const res = await get(team.as("lead"), "filter=everything");
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: Record<string, unknown> } }).error.fields.filter).toBeDefined();
  });

  it("downloads every matching row as CSV: header, RFC 4180 quoting, formulas neutralised, the JSON's rows", async () => {
    const org = team.org.id;
    const tricky = await createWorkItem(t.db, org, { number: 900, title: 'Rotate "prod", then\nverify', identityId: team.identity.id });
    const formula = await createWorkItem(t.db, org, { number: 901, title: "=cmd|' /C calc'!A0", identityId: team.identity.id });
    const plus = await createWorkItem(t.db, org, { number: 902, title: "+1 tab\tinside", identityId: team.identity.id });
    for (const it of [tricky, formula, plus]) await createAcceptance(t.db, org, it.id, { accountableOwnerId: team.as("owner").id, requestedById: team.as("lead").id });

    const res = await get(team.as("owner"), "format=csv&limit=1&filter=all");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${team.org.slug}-exceptions-${new Date().toISOString().slice(0, 10)}.csv"`);
    const text = await res.text();
    expect(text.startsWith("key,title,priority,accountable_owner,requested_by,treatment,status,decision_waiting,")).toBe(true);
    expect(text).toContain(`,"Rotate ""prod"", then\nverify",`);
    expect(text).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(text).toContain(`,'+1 tab\tinside,`);
    expect(text).not.toMatch(/,=cmd/);

    const [header, ...rows] = parseCsv(text);
    const json = (await (await get(team.as("owner"), "filter=all&limit=200")).json()) as { items: RegisterEntry[] };
    expect(rows.length).toBe(json.items.length); // every row, although limit=1 was asked
    expect(rows.length).toBe(EXPECTED.all.length + 3);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((r, i) => {
      const e = json.items[i]!;
      expect(r[col("key")]).toBe(e.itemKey);
      expect(r[col("title")]).toBe(/^[=+\-@\t\r]/.test(e.itemTitle) ? `'${e.itemTitle}` : e.itemTitle);
      expect(r[col("accountable_owner")]).toBe(e.accountableOwner);
      expect(r[col("status")]).toBe(e.status);
      expect(r[col("expires_at")]).toBe(e.expiresAt);
      expect(r[col("renewals")]).toBe(String(e.renewals));
      expect(r[col("approvals")]).toBe(String(e.approvals));
      expect(r[col("decision_waiting")]).toBe(e.decisionWaiting ? "yes" : "no");
    });
  });

  it("gives a token with items:read its own organisation's register only", async () => {
    const token = await other.token(["items:read"]);
    const body = (await (await get(token, "filter=all")).json()) as { items: RegisterEntry[] };
    expect(body.items.map((r) => r.id)).toEqual([ids.foreign]);
    const refused = await get(token, "filter=all&org=" + team.org.slug);
    expect(refused.status).toBe(403);
  });
});
