// The demo data tells a consistent story: each item's audit trail leads to the stage and party it is in,
// its version counts its changes, and the audit chains verify.
import { asc, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessReviews, auditEvents, policyVersions, riskAcceptanceDecisions, riskAcceptances, workItems } from "@/lib/db/schema";
import { slaPolicyDocument } from "@/lib/domain/sla/policy";
import { escalationDocument } from "@/lib/domain/escalation/rules";
import { frameworksDocument } from "@/lib/domain/frameworks";
import { expectDbError } from "../helpers/errors";
import { seedDemo } from "@/lib/seed/demo";
import { HISTORY_ITEMS } from "@/lib/seed/history";
import { verifyAuditChains } from "@/lib/audit/verify";
import { historyFromEvents } from "@/lib/domain/sla/item-clocks";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
  await seedDemo(t.db, new Date("2026-11-23T12:00:00Z"));
}, 60_000);
afterAll(() => t?.close());

const CHANGES = [
  "work_item.create",
  "work_item.move",
  "work_item.verify",
  "work_item.regress",
  "work_item.close",
  "work_item.cancel",
  "work_item.hand_over",
  "work_item.acceptance_request",
  "work_item.acceptance_decide",
  "work_item.acceptance_extend",
  "work_item.acceptance_expire",
  "access_review.decide",
];

describe("demo data", () => {
  it("gives every item a trail that ends where the item stands, and a version that counts its changes", async () => {
    const items = await t.db.select().from(workItems);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.action, CHANGES))
      .orderBy(asc(auditEvents.organisationId), asc(auditEvents.seq));
    const byItem = new Map<string, typeof events>();
    for (const e of events) byItem.set(e.entityId!, [...(byItem.get(e.entityId!) ?? []), e]);
    // The generated items, the year of closed history, the inventory story's rotation item, and the campaign's
    // reviews and the revocation one raised.
    const reviews = await t.db.select().from(accessReviews);
    expect(reviews.length).toBeGreaterThan(5);
    expect(reviews.filter((r) => r.revocationItemId).length).toBe(1);
    const history = Object.values(HISTORY_ITEMS).reduce((a, b) => a + b, 0);
    expect(items.length).toBe(320 + history + 1 + reviews.length + 1);
    for (const it of items) {
      const trail = byItem.get(it.id) ?? [];
      const history = historyFromEvents(trail.map((e) => ({ action: e.action, occurredAt: e.occurredAt.getTime(), after: e.after as Record<string, unknown> })));
      const last = history.at(-1)!;
      expect({ n: it.number, stage: last.stage, waitingOn: it.stage === "closed" ? "provider" : last.waitingOn }).toEqual({ n: it.number, stage: it.stage, waitingOn: it.waitingOn });
      expect({ n: it.number, version: it.version }).toEqual({ n: it.number, version: trail.length });
      // An access review closes with its reviewer's decision (access_review.decide), not a verification.
      if (it.resolution === "remediated" && it.type !== "access_review") {
        const verify = trail.find((e) => e.action === "work_item.verify")!;
        expect(verify.actorId === null || verify.actorId !== it.implementedById).toBe(true);
      }
    }
  });

  it("gives each organisation an active SLA policy, escalation rules and framework mapping that validate, and refuses a second active one", async () => {
    const rows = await t.db.select().from(policyVersions);
    expect(rows).toHaveLength(9);
    for (const r of rows) {
      expect(r.status).toBe("active");
      const schema = r.kind === "sla" ? slaPolicyDocument : r.kind === "escalation" ? escalationDocument : frameworksDocument;
      expect(schema.safeParse(r.document).success, `${r.kind} of ${r.organisationId}`).toBe(true);
    }
    await expectDbError(
      t.db.insert(policyVersions).values({ organisationId: rows[0]!.organisationId, kind: rows[0]!.kind, version: 2, document: rows[0]!.document, status: "active" }),
      /policy_versions_one_active/,
    );
  });

  it("tells a risk acceptance story in every state, each made through the real rules", async () => {
    const rows = await t.db.select().from(riskAcceptances);
    const states = rows.map((r) => (r.extensionExpiresAt ? "extension waiting" : r.status));
    for (const s of ["approved", "expired", "pending", "rejected", "extension waiting"]) expect(states, s).toContain(s);
    // Decided only by owners who did not ask; every item closed under one is closed as risk accepted.
    const decisions = await t.db.select().from(riskAcceptanceDecisions);
    for (const d of decisions) {
      const a = rows.find((r) => r.id === d.acceptanceId)!;
      expect(d.deciderId).not.toBe(a.requestedById);
    }
    const items = await t.db.select().from(workItems).where(inArray(workItems.id, rows.filter((r) => r.status === "approved").map((r) => r.workItemId)));
    for (const i of items) expect({ stage: i.stage, resolution: i.resolution }).toEqual({ stage: "closed", resolution: "risk_accepted" });
  });

  it("keeps every audit chain intact", async () => {
    const report = await verifyAuditChains(t.db);
    expect(report.every((r) => r.ok)).toBe(true);
  });
});
