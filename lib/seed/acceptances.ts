// Demo risk acceptances in every state, made through the real mutations at past instants (so the audit trail,
// the decision clock and the register tell one consistent story): in force, expiring soon, expired and back in
// the queue, waiting for a first or second owner, rejected, and an extension waiting.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/client";
import { withTenant } from "../db/tenant";
import { organisations, workItems } from "../db/schema";
import { performMutation, type MutationDef } from "../actions/mutation";
import { decideAcceptance, extendAcceptance, requestAcceptance } from "../actions/risk-acceptances";
import { must, principals } from "./act";
import { expireAcceptances } from "../escalation/expiry";
import { deliveryConfig } from "../notify/config";
import type { Priority, WorkItemType } from "../domain/vocabulary";

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Step =
  | { who: string; at: number; kind: "request"; expiresIn: number; treatment: "accept" | "mitigate" | "transfer" | "avoid"; why: string; controls: string }
  | { who: string; at: number; kind: "approve" | "reject"; comment: string }
  | { who: string; at: number; kind: "extend"; expiresIn: number; why: string }
  | { at: number; kind: "expire" };

interface Story {
  priority: Priority;
  /** The kinds of work the justification fits (the item is one of these when the demo data has one). */
  types: WorkItemType[];
  steps: Step[];
}

const ANALYST = "analyst@provider.demo";
const LEAD = "lead@provider.demo";
const OWNER = "owner@acme.demo";
const OWNER2 = "owner2@acme.demo";

const req = (who: string, at: number, expiresIn: number, treatment: "accept" | "mitigate" | "transfer" | "avoid", why: string, controls: string): Step => ({ who, at, kind: "request", expiresIn, treatment, why, controls });

const ACME: Story[] = [
  // In force for weeks.
  { priority: "P3", types: ["secret_rotation", "finding_remediation"], steps: [req(ANALYST, -12 * DAY, 150 * DAY, "mitigate", "The vendor's next release removes the shared key; rotating before then breaks the nightly settlement job.", "Key restricted to the settlement subnet; usage alerts on any other source."), { who: OWNER, at: -11 * DAY, kind: "approve", comment: "Accepted until the vendor release; review if the alerting fires." }] },
  // In force, expiring within the week (the heads-up rule fires).
  { priority: "P2", types: ["orphan_assignment", "recertification", "revocation"], steps: [req(LEAD, -25 * DAY, 30 * DAY, "accept", "Legacy reporting service account kept until the warehouse migration completes.", "Read-only grants; interactive login disabled."), { who: OWNER, at: -24 * DAY, kind: "approve", comment: "Approved for the migration window only." }] },
  // Expired and back in the queue, with nobody deciding again (the register's "expired awaiting decision").
  { priority: "P3", types: ["secret_rotation", "recertification"], steps: [req(ANALYST, -40 * DAY, 30 * DAY, "transfer", "The hosting provider owns the rotation of this certificate under the managed-service contract.", "Contractual SLA for rotation; monthly attestation."), { who: OWNER2, at: -39 * DAY, kind: "approve", comment: "Transferred to the hosting provider under contract." }, { at: -10 * DAY, kind: "expire" }] },
  // A P1 waiting for its second owner.
  { priority: "P1", types: ["privileged_offboarding", "revocation", "recertification"], steps: [req(ANALYST, -3 * HOUR, 20 * DAY, "mitigate", "Break-glass admin cannot be removed before the incident review closes.", "Credential vaulted; every checkout paged to the on-call lead."), { who: OWNER2, at: -1 * HOUR, kind: "approve", comment: "Approve for the review period; second owner please confirm." }] },
  // Waiting for a first decision (the decision clock runs; it may already be late).
  { priority: "P2", types: ["revocation", "orphan_assignment", "recertification"], steps: [req(LEAD, -26 * HOUR, 45 * DAY, "accept", "Service account used by the payroll export; the replacement integration ships next quarter.", "Scoped to the export bucket; key rotated monthly.")] },
  // Raised by an owner: that owner cannot decide it; the other can.
  { priority: "P3", types: ["finding_remediation", "access_review"], steps: [req(OWNER, -5 * HOUR, 90 * DAY, "avoid", "The test tenant will be decommissioned; remediation effort is better spent elsewhere.", "Tenant isolated from production networks.")] },
  // Rejected: back with the provider.
  { priority: "P2", types: ["finding_remediation", "secret_rotation"], steps: [req(ANALYST, -20 * DAY, 60 * DAY, "accept", "Shared deploy key across three pipelines; splitting it needs a release freeze.", "Branch protection on all three repositories."), { who: OWNER, at: -19 * DAY, kind: "reject", comment: "Not acceptable: split the key, the freeze can be scheduled." }] },
  // In force, with an extension waiting.
  { priority: "P4", types: ["orphan_assignment", "secret_rotation"], steps: [req(ANALYST, -30 * DAY, 60 * DAY, "mitigate", "Low-tier bot token for the internal wiki; owner on leave.", "Token scoped to read-only."), { who: OWNER, at: -29 * DAY, kind: "approve", comment: "Fine for now." }, { who: ANALYST, at: -2 * DAY, kind: "extend", expiresIn: 80 * DAY, why: "The owner returns next month; the replacement bot is not built yet." }] },
];

const GLOBEX: Story[] = [
  { priority: "P2", types: ["secret_rotation", "revocation", "finding_remediation"], steps: [req(ANALYST, -30 * HOUR, 30 * DAY, "mitigate", "Mainframe batch ID cannot rotate until the change freeze lifts.", "Batch ID restricted to the scheduler host.")] },
];

export async function seedDemoAcceptances(db: Db, now: Date): Promise<void> {
  const people = await principals(db);
  const orgs = await db.select({ id: organisations.id, slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, ["acme", "globex"]));
  for (const org of orgs) {
    const stories = org.slug === "acme" ? ACME : GLOBEX;
    // Open items past triage, one per story, by priority (stable: lowest numbers first).
    const candidates = await withTenant(db, org.id, null, (tx) =>
      tx
        .select({ id: workItems.id, priority: workItems.priority, type: workItems.type, since: workItems.stageEnteredAt })
        .from(workItems)
        .where(and(eq(workItems.organisationId, org.id), isNull(workItems.closedAt), inArray(workItems.stage, ["validation", "implementation"]), eq(workItems.waitingOn, "provider")))
        .orderBy(asc(workItems.number)),
    );
    const used = new Set<string>();
    for (const story of stories) {
      // The story starts after the item reached its stage, so its trail stays in time order.
      const start = now.getTime() + story.steps[0]!.at!;
      const fits = (c: (typeof candidates)[number]) => !used.has(c.id) && c.since.getTime() < start - HOUR;
      // The story's priority if there is one; otherwise another that one owner may accept alone (never a P1).
      const item =
        candidates.find((c) => fits(c) && c.priority === story.priority && story.types.includes(c.type)) ??
        candidates.find((c) => fits(c) && c.priority === story.priority) ??
        (story.priority === "P1" ? undefined : candidates.find((c) => fits(c) && c.priority !== "P1" && story.types.includes(c.type))) ??
        (story.priority === "P1" ? undefined : candidates.find((c) => fits(c) && c.priority !== "P1"));
      if (!item) continue;
      used.add(item.id);
      let acceptanceId = "";
      for (const step of story.steps) {
        const at = new Date(now.getTime() + step.at);
        if (step.kind === "expire") {
          await withTenant(db, org.id, null, (tx) => expireAcceptances(tx, org, at, deliveryConfig()));
          continue;
        }
        const run = <S extends z.ZodType, T>(def: MutationDef<S, T>, input: unknown) => must(performMutation(db, people.get(step.who)!, org.slug, def, input, `seed:${org.slug}`, at), `${step.kind} by ${step.who}`);
        if (step.kind === "request") {
          const owner = org.slug === "acme" ? (step.who === OWNER ? OWNER2 : OWNER) : "owner@globex.demo";
          const expiresAt = new Date(now.getTime() + step.at + step.expiresIn).toISOString();
          acceptanceId = (await run(requestAcceptance, { id: item.id, justification: step.why, treatment: step.treatment, compensatingControls: step.controls, accountableOwner: owner, expiresAt })).id;
        } else if (step.kind === "extend") {
          await run(extendAcceptance, { id: acceptanceId, justification: step.why, expiresAt: new Date(now.getTime() + step.at + step.expiresIn).toISOString() });
        } else {
          await run(decideAcceptance, { id: acceptanceId, decision: step.kind, comment: step.comment });
        }
      }
    }
  }
}
