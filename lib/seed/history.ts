// A year of finished work behind each demo organisation, so the dashboard's trends and percentiles have
// something to show: items raised week by week over the past twelve months and closed after a time that
// depends on their type and priority and shortens as the service matures. Each one gets the audit trail it
// would have left (lib/seed/trail.ts), evidence when remediated, and SLA columns computed from that trail under
// the organisation's active policy, so compliance is what the console itself would compute. A few remediated
// findings and rotations came back (regressed) and were remediated again: a second cycle in the same trail.
// New items only, numbered after the demo's, all closed: the open queue the demo shows is unchanged.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { auditEvents, evidence, identities, memberships, organisations, users, workItems } from "../db/schema";
import { defaultPriority } from "../domain/priority";
import type { Priority, Resolution, Severity, Tier, WorkItemType } from "../domain/vocabulary";
import { refreshOrganisationSla } from "../sla/store";
import { rng, type Rng } from "./random";
import { trailEvents, trailFor, type TrailStep } from "./trail";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Closed items per demo organisation over the past year. */
export const HISTORY_ITEMS: Record<string, number> = { acme: 420, globex: 260, initech: 120 };

const TYPE_WEIGHTS: [WorkItemType, number][] = [
  ["revocation", 20],
  ["privileged_offboarding", 7],
  ["secret_rotation", 17],
  ["finding_remediation", 24],
  ["orphan_assignment", 8],
  ["access_request", 10],
  ["recertification", 5],
  ["privileged_onboarding", 4],
  ["exception_review", 3],
  ["access_review", 2],
];

/** Typical hours from raised to closed, by type, at the start of the year (the service gets faster after). */
const BASE_HOURS: Partial<Record<WorkItemType, number>> = {
  revocation: 70,
  privileged_offboarding: 40,
  secret_rotation: 110,
  finding_remediation: 90,
  orphan_assignment: 160,
  access_request: 30,
};
const PRIORITY_FACTOR: Record<Priority, number> = { P1: 0.18, P2: 0.4, P3: 1, P4: 1.4 };

const NOTES = [
  "Access removed at the source; the next access report no longer lists it.",
  "Key rotated, old key deleted; CloudTrail shows no use of the old key since.",
  "Secret revoked at the provider and purged from the repository history.",
  "Owner assigned and confirmed by the team lead.",
];

interface OrgPeople {
  provider: string[];
  verifiers: string[];
}

export async function seedDemoHistory(db: Db, now: Date): Promise<number> {
  let total = 0;
  for (const [i, [slug, count]] of Object.entries(HISTORY_ITEMS).entries()) {
    total += await db.transaction(async (tx) => {
      const [org] = await tx.select({ id: organisations.id, seq: organisations.itemSeq }).from(organisations).where(eq(organisations.slug, slug)).for("update");
      if (!org) return 0;
      const people = await orgPeople(tx, org.id);
      const ids = await tx
        .select({ id: identities.id, name: identities.name, system: identities.system, tier: identities.tier })
        .from(identities)
        .where(and(eq(identities.organisationId, org.id), sql`${identities.parentId} is null`))
        .orderBy(asc(identities.name));
      if (!ids.length || !people.provider.length) return 0;
      const written = await seedOrgHistory(tx, rng(9_100 + i), { orgId: org.id, firstNumber: org.seq + 1, count, people, identities: ids, now });
      await tx.update(organisations).set({ itemSeq: org.seq + written }).where(eq(organisations.id, org.id));
      await refreshOrganisationSla(tx, org.id, now);
      return written;
    });
  }
  return total;
}

async function orgPeople(tx: Tx, orgId: string): Promise<OrgPeople> {
  const rows = await tx
    .select({ id: users.id, role: memberships.role, provider: users.isProviderStaff })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, orgId), inArray(memberships.role, ["analyst", "lead", "owner"])))
    .orderBy(asc(users.email));
  return {
    provider: rows.filter((r) => r.role === "analyst" || r.role === "lead").map((r) => r.id),
    verifiers: rows.filter((r) => r.role === "lead" || r.role === "owner").map((r) => r.id),
  };
}

interface HistoryInput {
  orgId: string;
  firstNumber: number;
  count: number;
  people: OrgPeople;
  identities: { id: string; name: string; system: string; tier: Tier }[];
  now: Date;
}

async function seedOrgHistory(tx: Tx, r: Rng, h: HistoryInput): Promise<number> {
  const rows: (typeof workItems.$inferInsert)[] = [];
  const trails: TrailStep[][] = [];
  for (let n = 0; rows.length < h.count && n < h.count * 3; n++) {
    // Older weeks are quieter: volume grows by about half over the year.
    const sinceYearAgo = 365 * Math.sqrt(r.next());
    const createdAt = new Date(h.now.getTime() - (365 - sinceYearAgo) * DAY - r.int(0, DAY - 1));
    const type = r.weighted(TYPE_WEIGHTS);
    const identity = r.pick(h.identities);
    const severity = r.weighted<Severity>([["critical", 1], ["high", 3], ["medium", 5], ["low", 2]]);
    const priority = defaultPriority(identity.tier, severity);
    const maturity = 1.5 - sinceYearAgo / 365; // 1.5 a year ago → 0.5 now
    const hours = (BASE_HOURS[type] ?? 120) * PRIORITY_FACTOR[priority] * maturity * Math.exp((r.next() - 0.5) * 1.6);
    const closedAt = new Date(createdAt.getTime() + Math.max(0.5, hours) * HOUR);
    if (closedAt.getTime() > h.now.getTime() - 2 * HOUR) continue;
    const resolution = r.weighted<Resolution>([["remediated", 86], ["invalid", 5], ["duplicate", 4], ["cancelled", 5]]);
    const assigneeId = r.pick(h.people.provider);
    const implementedById = resolution === "remediated" ? assigneeId : null;
    // Came back after remediation, and remediated again: a second cycle.
    const regressed = resolution === "remediated" && (type === "finding_remediation" || type === "secret_rotation") && r.chance(0.06);
    const firstClose = regressed ? new Date(createdAt.getTime() + (closedAt.getTime() - createdAt.getTime()) * 0.4) : closedAt;
    const trail = trailFor({ stage: "closed", resolution, createdAt, stageEnteredAt: firstClose, implementedById, assigneeId, waitingOn: "provider" }, r, h.people);
    // Triage is quick: the response clock stops on reaching validation, within hours, not a share of the whole life.
    const triage = (priority === "P1" ? 0.7 : 3) * HOUR;
    for (const k of [1, 0]) {
      if (trail.length <= k + 1) continue;
      const early = createdAt.getTime() + triage * (k + 1) * (0.2 + 0.3 * r.next());
      trail[k]!.at = new Date(Math.min(trail[k + 1]!.at.getTime() - 1000, early));
    }
    if (regressed) {
      const back = new Date(firstClose.getTime() + (closedAt.getTime() - firstClose.getTime()) * 0.3);
      trail.push({
        action: "work_item.regress",
        at: back,
        actorId: null,
        before: { stage: "closed", resolution: "remediated" },
        after: { stage: "prioritisation", resolution: null, cycle: 2, waitingOn: "provider", regressed: true },
        reason: "The finding was detected again.",
      });
      // The second cycle's moves, from prioritisation on (its first step, out of intake, did not happen).
      const again = trailFor({ stage: "closed", resolution, createdAt: back, stageEnteredAt: closedAt, implementedById, assigneeId, waitingOn: "provider" }, r, h.people).slice(1);
      trail.push(...again);
    }
    trail.forEach((s, k) => (s.after = { ...s.after, version: k + 2 }));
    const life = Math.floor((closedAt.getTime() - createdAt.getTime()) / 1000);
    // Revocations and access work wait on the client's approvals more than technical fixes do.
    const clientShare = (type === "revocation" || type === "access_request" || type === "privileged_offboarding" ? 0.35 : 0.15) * r.next() * 2;
    const clientSeconds = Math.floor(life * Math.min(0.7, clientShare));
    const thirdPartySeconds = type === "finding_remediation" && r.chance(0.15) ? Math.floor((life - clientSeconds) * 0.3) : 0;
    rows.push({
      organisationId: h.orgId,
      number: h.firstNumber + rows.length,
      type,
      stage: "closed",
      resolution,
      title: historyTitle(type, identity.name, identity.system),
      description: `Raised for ${identity.name} (${identity.system}).`,
      priority,
      severity,
      identityId: identity.id,
      assigneeId,
      implementedById,
      version: 1 + trail.length,
      cycle: regressed ? 2 : 1,
      createdById: r.chance(0.5) ? assigneeId : null,
      waitingOn: "provider",
      waitingSince: closedAt,
      providerSeconds: life - clientSeconds - thirdPartySeconds,
      clientSeconds,
      thirdPartySeconds,
      regressed,
      createdAt,
      updatedAt: closedAt,
      stageEnteredAt: closedAt,
      closedAt,
    });
    trails.push(trail);
  }
  const inserted: { id: string; number: number; createdAt: Date; createdById: string | null; title: string; type: WorkItemType; closedAt: Date | null; resolution: Resolution | null; implementedById: string | null }[] = [];
  for (let k = 0; k < rows.length; k += 200) {
    inserted.push(
      ...(await tx.insert(workItems).values(rows.slice(k, k + 200)).returning({
        id: workItems.id,
        number: workItems.number,
        createdAt: workItems.createdAt,
        createdById: workItems.createdById,
        title: workItems.title,
        type: workItems.type,
        closedAt: workItems.closedAt,
        resolution: workItems.resolution,
        implementedById: workItems.implementedById,
      })),
    );
  }
  const proofs = inserted
    .filter((it) => it.resolution === "remediated")
    .map((it) => ({ organisationId: h.orgId, workItemId: it.id, kind: "note" as const, summary: r.pick(NOTES), createdById: it.implementedById, createdAt: new Date(it.closedAt!.getTime() - HOUR / 2) }));
  for (let k = 0; k < proofs.length; k += 500) await tx.insert(evidence).values(proofs.slice(k, k + 500));
  const events = inserted
    .flatMap((it, k) => trailEvents(h.orgId, it, trails[k]!, "seed-history"))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (let k = 0; k < events.length; k += 500) await tx.insert(auditEvents).values(events.slice(k, k + 500));
  return inserted.length;
}

function historyTitle(type: WorkItemType, name: string, system: string): string {
  switch (type) {
    case "revocation":
      return `Revoke ${name}'s access in ${system} (leaver)`;
    case "privileged_offboarding":
      return `Remove ${name} from privileged groups in ${system}`;
    case "secret_rotation":
      return `Rotate ${name} (${system})`;
    case "finding_remediation":
      return `Leaked credential for ${name} found in a repository`;
    case "orphan_assignment":
      return `Assign an owner to ${name}`;
    case "access_request":
      return `Access request for ${name} in ${system}`;
    case "recertification":
      return `Recertify ${name}'s standing rights in ${system}`;
    case "privileged_onboarding":
      return `Just-in-time privileged access for ${name} in ${system}`;
    case "exception_review":
      return `Review the exception on ${name}`;
    case "access_review":
      return `Access review: ${name} in ${system}`;
  }
}
