// The inventory's filters (SPEC §7): kind, orphaned, tier, privileged, rotation overdue, expired or expiring.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { listIdentities, type IdentityFilter } from "@/lib/queries/identities";
import { openTestDb, type TestDb } from "../helpers/db";
import { createOrg } from "../helpers/factories";

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
    expect(await names({ overdue: true })).toEqual(["c-overdue"]);
    expect(await names({ expiring: true })).toEqual(["e-expiring", "f-expired"]);
    expect(await names({ kind: "certificate", expiring: true })).toEqual(["e-expiring", "f-expired"]);
    expect(await names({ kind: "api_key", expiring: true })).toEqual([]);
  });
});
