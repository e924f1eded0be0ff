// The inventory's filters (SPEC §7): kind, orphaned, tier, privileged, rotation overdue, expired or expiring.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, identityConsumers } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { listIdentities, type IdentityFilter } from "@/lib/queries/identities";
import { openTestDb, type TestDb } from "../helpers/db";
import { createIdentity, createOrg } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";
import { getIdentityOp, listIdentitiesOp } from "@/lib/api/identities";
import { runApi } from "@/lib/api/handler";

const DAY = 86_400_000;
const NOW = new Date("2026-11-24T12:00:00Z");
let t: TestDb;
let orgId = "";

beforeAll(async () => {
  t = await openTestDb();
  orgId = (await createOrg(t.db, "Inventory")).id;
  const base = { organisationId: orgId, system: "AWS IAM", ownerName: "Ops", ownerEmail: "ops@example.com" };
  await t.db.insert(identities).values([
    { ...base, externalId: "a", name: "a-orphan", kind: "service_account", ownerName: null, ownerEmail: null },
    { ...base, externalId: "b", name: "b-t1-privileged", kind: "human", tier: "T1", privileged: true },
    { ...base, externalId: "c", name: "c-overdue", kind: "api_key", rotationPeriodDays: 90, lastRotatedAt: new Date(NOW.getTime() - 91 * DAY) },
    { ...base, externalId: "d", name: "d-rotated", kind: "api_key", rotationPeriodDays: 90, lastRotatedAt: new Date(NOW.getTime() - 89 * DAY) },
    { ...base, externalId: "e", name: "e-expiring", kind: "certificate", expiresAt: new Date(NOW.getTime() + 29 * DAY) },
    { ...base, externalId: "f", name: "f-expired", kind: "certificate", expiresAt: new Date(NOW.getTime() - DAY) },
    { ...base, externalId: "g", name: "g-later", kind: "certificate", expiresAt: new Date(NOW.getTime() + 31 * DAY) },
  ]);
});
afterAll(() => t?.close());

const names = async (f: Omit<IdentityFilter, "orgId">) =>
  (await withTenant(t.db, orgId, null, (tx) => listIdentities(tx, { orgId, now: NOW, ...f }))).items.map((i) => i.name);

describe("identity inventory filters", () => {
  it("narrows by each filter and combines them", async () => {
    expect(await names({})).toHaveLength(7);
    expect(await names({ orphaned: true })).toEqual(["a-orphan"]);
    expect(await names({ tier: "T1" })).toEqual(["b-t1-privileged"]);
    expect(await names({ privileged: true })).toEqual(["b-t1-privileged"]);
    // Overdue for rotation: past its period since the last rotation, or expired and still active (the rotation_due rule).
    expect(await names({ overdue: true })).toEqual(["c-overdue", "f-expired"]);
    expect(await names({ expiring: true })).toEqual(["e-expiring", "f-expired"]);
    expect(await names({ kind: "certificate", expiring: true })).toEqual(["e-expiring", "f-expired"]);
    expect(await names({ kind: "api_key", expiring: true })).toEqual([]);
  });
});

describe("GET /api/v1/identities", () => {
  async function call(path: string, params: Record<string, string> = {}, op = listIdentitiesOp, team?: Team) {
    const tm = team ?? inventoryTeam!;
    const token = await tm.token(["items:read"]);
    const res = await runApi(new Request(`http://console.test${path}`, { headers: { authorization: `Bearer ${token.secret}` } }), { db: t.db, session: async () => null }, params, op);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  let inventoryTeam: Team | null = null;

  it("lists the organisation's identities with the filters of the inventory page, page by page", async () => {
    inventoryTeam = await createTeam(t.db);
    const orgId2 = inventoryTeam.org.id;
    await createIdentity(t.db, orgId2, { name: "aa-orphan", ownerName: null, ownerEmail: null });
    await createIdentity(t.db, orgId2, { name: "bb-key", kind: "api_key", ownerName: "Ops", rotationPeriodDays: 30, lastRotatedAt: new Date(Date.now() - 40 * DAY) });
    const orphans = await call("/api/v1/identities?orphaned=true");
    expect(orphans.status).toBe(200);
    // The team's own identity has no owner either.
    expect((orphans.body.items as { name: string; owner: unknown }[]).map((i) => [i.name, i.owner])).toEqual([["aa-orphan", null], [inventoryTeam.identity.name, null]].sort());
    const overdue = await call("/api/v1/identities?rotationOverdue=true");
    const [key] = overdue.body.items as { name: string; rotationDueAt: string; owner: { name: string } }[];
    expect(key).toMatchObject({ name: "bb-key", owner: { name: "Ops", email: null, active: true } });
    expect(new Date(key!.rotationDueAt).getTime()).toBeLessThan(Date.now());
    const first = await call("/api/v1/identities?limit=1");
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(`/api/v1/identities?limit=1&cursor=${encodeURIComponent(first.body.nextCursor as string)}`);
    expect((second.body.items as { name: string }[])[0]!.name).not.toBe((first.body.items as { name: string }[])[0]!.name);
    expect((await call("/api/v1/identities?limit=500")).status).toBe(422);
  });

  it("shows one identity with its consumers, and nothing of another organisation", async () => {
    const tm = await createTeam(t.db);
    await t.db.insert(identityConsumers).values({ organisationId: tm.org.id, identityId: tm.identity.id, kind: "pipeline", name: "deploy.yml" });
    const one = await call(`/api/v1/identities/${tm.identity.id}`, { id: tm.identity.id }, getIdentityOp, tm);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: tm.identity.id, consumers: [{ kind: "pipeline", name: "deploy.yml", source: "manual" }] });
    const other = await createTeam(t.db);
    expect((await call(`/api/v1/identities/${tm.identity.id}`, { id: tm.identity.id }, getIdentityOp, other)).status).toBe(404);
  });
});
