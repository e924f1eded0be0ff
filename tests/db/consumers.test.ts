// The consumer checklist (SPEC §7): a rotation or revocation reaches every consumer of the credential, each
// confirmed updated or cut off with evidence, before the item may leave implementation. Checked on the server.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, evidence, identityConsumers, workItems } from "@/lib/db/schema";
import { performMutation } from "@/lib/actions/mutation";
import { addEvidence } from "@/lib/actions/evidence";
import { moveWorkItem } from "@/lib/actions/work-items";
import { addConsumer, confirmConsumer, removeConsumer } from "@/lib/actions/inventory";
import { openTestDb, type TestDb } from "../helpers/db";
import { createIdentity, createWorkItem } from "../helpers/factories";
import { createTeam, type Team } from "../helpers/team";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

/** A rotation item in implementation for a key used by a workload and a pipeline. */
async function setup(type: "secret_rotation" | "revocation" = "secret_rotation") {
  const tm = await createTeam(t.db);
  const key = await createIdentity(t.db, tm.org.id, { kind: "api_key", name: "sk_live_…9fA1", ownerName: "Billing" });
  const ids: string[] = [];
  for (const [kind, name] of [["workload", "billing-service"], ["pipeline", "checkout-deploy"]] as const) {
    const r = await performMutation(t.db, tm.as("analyst"), tm.org.slug, addConsumer, { identityId: key.id, kind, name });
    if (!r.ok) throw new Error(r.error.message);
    ids.push(r.data.id);
  }
  const item = await createWorkItem(t.db, tm.org.id, { type, identityId: key.id, stage: "implementation", priority: "P2" });
  return { tm, key, item, consumers: ids };
}

const version = async (id: string) => (await t.db.select({ v: workItems.version }).from(workItems).where(eq(workItems.id, id)))[0]!.v;
const done = async (tm: Team, id: string) => performMutation(t.db, tm.as("analyst"), tm.org.slug, moveWorkItem, { id, to: "evidence", version: await version(id) });

describe("the consumer checklist", () => {
  it("keeps a rotation in implementation until every consumer is confirmed with evidence", async () => {
    const { tm, item, consumers } = await setup();
    const refused = await done(tm, item.id);
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid:work_item.consumers_unconfirmed" } });
    expect(!refused.ok && refused.error.message).toContain("2 consumers of this credential are not confirmed");

    // A note written with the confirmation becomes evidence on the item.
    const first = await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, { id: item.id, consumerId: consumers[0], outcome: "updated", summary: "New key deployed; old key shows no calls since 14:20." });
    expect(first.ok).toBe(true);
    const [note] = await t.db.select().from(evidence).where(eq(evidence.id, first.ok ? first.data.evidenceId : ""));
    expect(note).toMatchObject({ workItemId: item.id, kind: "note" });
    expect(note!.summary).toContain("billing-service");
    expect(await done(tm, item.id)).toMatchObject({ ok: false, error: { code: "invalid:work_item.consumers_unconfirmed" } });

    // Or a record already on the item; a pipeline deliberately cut off.
    const link = await performMutation(t.db, tm.as("lead"), tm.org.slug, addEvidence, { id: item.id, kind: "link", summary: "Pipeline run without the key", url: "https://ci.example.test/run/42" });
    expect(link.ok).toBe(true);
    expect(await performMutation(t.db, tm.as("lead"), tm.org.slug, confirmConsumer, { id: item.id, consumerId: consumers[1], outcome: "cut_off", evidenceId: link.ok ? link.data.id : "" })).toMatchObject({ ok: true });
    expect(await done(tm, item.id)).toMatchObject({ ok: true, data: { stage: "evidence" } });
    const trail = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.organisationId, tm.org.id), eq(auditEvents.entityId, item.id)));
    expect(trail.filter((e) => e.action === "work_item.consumer_confirm")).toHaveLength(2);
  });

  it("refuses a confirmation without evidence, twice, outside implementation, for another identity's consumer, or by a client", async () => {
    const { tm, item, consumers } = await setup("revocation");
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, { id: item.id, consumerId: consumers[0], outcome: "cut_off" })).toMatchObject({ ok: false, error: { code: "invalid:input" } });
    const ok = { id: item.id, consumerId: consumers[0], outcome: "cut_off", summary: "Service account disabled in the workload." };
    expect(await performMutation(t.db, tm.as("owner"), tm.org.slug, confirmConsumer, ok)).toMatchObject({ ok: false, error: { code: "forbidden:evidence.attach" } });
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, ok)).toMatchObject({ ok: true });
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, ok)).toMatchObject({ ok: false, error: { code: "conflict:consumer.confirmed" } });
    const other = await setup();
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, { ...ok, consumerId: other.consumers[0] })).toMatchObject({ ok: false, error: { code: "invalid:identity_consumer" } });
    // Past implementation (evidence may still be added there), the checklist is closed.
    const later = await createWorkItem(t.db, tm.org.id, { type: "revocation", identityId: item.identityId, stage: "evidence", priority: "P2" });
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, { ...ok, id: later.id, consumerId: consumers[1] })).toMatchObject({ ok: false, error: { code: "invalid:work_item.checklist_stage" } });
  });

  it("drops a removed consumer from the checklist, and asks again after a reopen", async () => {
    const { tm, item, consumers } = await setup();
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, confirmConsumer, { id: item.id, consumerId: consumers[0], outcome: "updated", summary: "Deployed." })).toMatchObject({ ok: true });
    expect(await performMutation(t.db, tm.as("analyst"), tm.org.slug, removeConsumer, { consumerId: consumers[1], reason: "The pipeline was retired last month." })).toMatchObject({ ok: true });
    const [removed] = await t.db.select().from(identityConsumers).where(eq(identityConsumers.id, consumers[1]!));
    expect(removed!.removedAt).not.toBeNull();
    expect(await done(tm, item.id)).toMatchObject({ ok: true });
    // A new cycle of the same item (reopened after closure) must reach the consumers again.
    await t.db.update(workItems).set({ stage: "implementation", cycle: 2 }).where(eq(workItems.id, item.id));
    expect(await done(tm, item.id)).toMatchObject({ ok: false, error: { code: "invalid:work_item.consumers_unconfirmed" } });
  });

  it("lets other kinds of work leave implementation without a checklist", async () => {
    const { tm, key } = await setup();
    const other = await createWorkItem(t.db, tm.org.id, { type: "finding_remediation", identityId: key.id, stage: "implementation", priority: "P2" });
    expect(await done(tm, other.id)).toMatchObject({ ok: true });
  });
});
