// Demo data: three client organisations, provider and client users, identities of every kind and a few
// hundred work items across every stage, type and priority. Runs as the migration owner (not tenant-scoped).
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { auditEvents, evidence, identities, policyVersions, memberships, organisations, users, workItems } from "../db/schema";
import { seedDemoInventory } from "./inventory";
import { seedDemoAcceptances } from "./acceptances";
import { seedDemoHistory } from "./history";
import { hashPassword } from "../auth/password";
import { defaultPriority } from "../domain/priority";
import type { Resolution, Role, Severity, Stage, WorkItemType } from "../domain/vocabulary";
import { WORK_ITEM_TYPES } from "../domain/vocabulary";
import { identityTemplates, LEAK_RULES, PEOPLE, REPOS } from "./catalogue";
import { rng, type Rng } from "./random";
import { trailEvents, trailFor, type TrailStep } from "./trail";
import { initialPolicies } from "./policies";
import { refreshOrganisationSla } from "../sla/store";

export const DEMO_PASSWORD = "wrapper-demo";

export const DEMO_ORGS = [
  { slug: "acme", name: "Acme Corporation", timeZone: "Europe/London", domain: "acme" },
  { slug: "globex", name: "Globex Industries", timeZone: "America/New_York", domain: "globex" },
  { slug: "initech", name: "Initech", timeZone: "America/Chicago", domain: "initech" },
] as const;

type Slug = (typeof DEMO_ORGS)[number]["slug"];

export const DEMO_USERS: { email: string; name: string; provider: boolean; roles: Partial<Record<Slug, Role>> }[] = [
  { email: "admin@provider.demo", name: "Ada Admin", provider: true, roles: { acme: "admin", globex: "admin", initech: "admin" } },
  { email: "lead@provider.demo", name: "Lena Lead", provider: true, roles: { acme: "lead", globex: "lead", initech: "lead" } },
  { email: "analyst@provider.demo", name: "Arun Analyst", provider: true, roles: { acme: "analyst", globex: "analyst" } },
  { email: "exec@provider.demo", name: "Evan Executive", provider: true, roles: { acme: "executive", globex: "executive", initech: "executive" } },
  { email: "owner@acme.demo", name: "Olivia Owner", provider: false, roles: { acme: "owner" } },
  // A second programme owner: P1 risk acceptances need two approvals (the default exception policy).
  { email: "owner2@acme.demo", name: "Omar Owner", provider: false, roles: { acme: "owner" } },
  { email: "exec@acme.demo", name: "Edgar Exec", provider: false, roles: { acme: "executive" } },
  { email: "owner@globex.demo", name: "Gwen Owner", provider: false, roles: { globex: "owner" } },
];

const DAY = 86_400_000;

export async function seedDemoIfEmpty(db: Db, now = new Date()): Promise<boolean> {
  const { rows } = await db.execute<{ n: string }>(sql`select count(*) as n from organisations`);
  if (Number(rows[0]?.n ?? 0) > 0) return false;
  await seedDemo(db, now);
  return true;
}

export async function seedDemo(db: Db, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgRows = await tx
      .insert(organisations)
      .values(DEMO_ORGS.map(({ slug, name, timeZone }) => ({ slug, name, timeZone })))
      .returning();
    const orgBySlug = new Map(orgRows.map((o) => [o.slug, o]));
    const userRows = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, isProviderStaff: u.provider })))
      .returning();
    const userByEmail = new Map(userRows.map((u) => [u.email, u]));
    await tx.insert(memberships).values(
      DEMO_USERS.flatMap((u) =>
        Object.entries(u.roles).map(([slug, role]) => ({
          organisationId: orgBySlug.get(slug)!.id,
          userId: userByEmail.get(u.email)!.id,
          role: role as Role,
        })),
      ),
    );
    const lead = userByEmail.get("lead@provider.demo")!.id;
    const analyst = userByEmail.get("analyst@provider.demo")!.id;
    for (const [i, spec] of DEMO_ORGS.entries()) {
      const org = orgBySlug.get(spec.slug)!;
      const assignees = spec.slug === "initech" ? [lead] : [analyst, lead];
      const owner = DEMO_USERS.find((u) => u.roles[spec.slug] === "owner");
      await seedOrganisation(tx, rng(1000 + i), {
        orgId: org.id,
        domain: spec.domain,
        assignees,
        raisers: [...assignees, ...(owner ? [userByEmail.get(owner.email)!.id] : [])],
        verifiers: [lead, ...(owner ? [userByEmail.get(owner.email)!.id] : [])],
        itemCount: spec.slug === "acme" ? 140 : spec.slug === "globex" ? 110 : 70,
        now,
      });
      // Version 1 of each policy, proposed by the lead and activated by the client's owner (or the lead's
      // proposal stands alone where the organisation has no owner yet).
      const activatedById = owner ? userByEmail.get(owner.email)!.id : null;
      await tx.insert(policyVersions).values(
        initialPolicies(org.id, spec.timeZone, { proposedById: lead, proposedAt: new Date(now.getTime() - 210 * DAY), activatedById, activatedAt: new Date(now.getTime() - 209 * DAY) }),
      );
      // Clocks from each item's trail under the policy; items already due are left for the first sweep.
      await refreshOrganisationSla(tx, org.id, now);
    }
  });
  await seedDemoAcceptances(db, now);
  await seedDemoInventory(db, now);
  await seedDemoHistory(db, now);
}

interface OrgSeed {
  orgId: string;
  domain: string;
  assignees: string[];
  raisers: string[];
  /** Leads and owners who sign off closure. */
  verifiers: string[];
  itemCount: number;
  now: Date;
}

async function seedOrganisation(tx: Tx, r: Rng, o: OrgSeed) {
  const templates = identityTemplates(o.domain);
  const idRows = await tx
    .insert(identities)
    .values(
      templates.map((t, i) => {
        const orphaned = r.chance(0.18) && t.kind !== "human";
        const picked = r.pick(PEOPLE);
        const owner = t.kind === "human" ? PEOPLE[i % PEOPLE.length]! : picked;
        const createdAt = new Date(o.now.getTime() - r.int(120, 1400) * DAY);
        const rotatedDaysAgo = t.rotationPeriodDays ? r.int(5, Math.round(t.rotationPeriodDays * 1.8)) : null;
        return {
          organisationId: o.orgId,
          kind: t.kind,
          name: t.name,
          system: t.system,
          externalId: `${t.system.toLowerCase().replace(/\W+/g, "-")}:${i + 1}`,
          ownerName: orphaned ? null : owner,
          ownerEmail: orphaned ? null : `${owner.toLowerCase().replace(/ /g, ".")}@${o.domain}.com`,
          ownerActive: !r.chance(0.08),
          purpose: t.purpose,
          tier: t.tier,
          privileged: t.privileged ?? false,
          status: t.name.startsWith("tom.") ? ("disabled" as const) : ("active" as const),
          source: r.pick(["manual", "scim-users", "aws-credential-report", "gitleaks", "csv"]),
          createdAt,
          lastUsedAt: new Date(o.now.getTime() - r.int(0, 60) * DAY),
          lastRotatedAt: rotatedDaysAgo === null ? null : new Date(o.now.getTime() - rotatedDaysAgo * DAY),
          rotationPeriodDays: t.rotationPeriodDays ?? null,
          expiresAt: t.kind === "certificate" ? new Date(o.now.getTime() + r.int(-10, 300) * DAY) : null,
        };
      }),
    )
    .returning();

  const trails = new Map<number, TrailStep[]>();
  const items = Array.from({ length: o.itemCount }, (_, n) => {
    const type = WORK_ITEM_TYPES[n % WORK_ITEM_TYPES.length]!;
    const identity = r.pick(idRows);
    const severity = r.weighted<Severity>([["critical", 1], ["high", 3], ["medium", 4], ["low", 2]]);
    const ageDays = r.weighted<[number, number]>([[[0, 6], 5], [[7, 29], 4], [[30, 89], 3], [[90, 200], 1]]);
    const createdAt = new Date(o.now.getTime() - r.int(ageDays[0], ageDays[1]) * DAY - r.int(0, DAY - 1));
    const stage = r.weighted<Stage>([
      ["intake", 2], ["prioritisation", 2], ["validation", 2], ["implementation", 3], ["evidence", 2], ["closure", 1], ["closed", 5],
    ]);
    const resolution: Resolution | null =
      stage === "closed" ? r.weighted<Resolution>([["remediated", 10], ["invalid", 1], ["duplicate", 1], ["cancelled", 1]]) : null;
    const closedAt = stage === "closed" ? new Date(Math.min(o.now.getTime(), createdAt.getTime() + r.int(1, 30) * DAY)) : null;
    const stageEnteredAt = closedAt ?? new Date(createdAt.getTime() + (o.now.getTime() - createdAt.getTime()) * r.next() * 0.6);
    const assigneeId = stage === "intake" || r.chance(0.15) ? null : r.pick(o.assignees);
    // Whoever marked implementation done may not verify it: evidence, closure and remediated items have one.
    const implemented = stage === "evidence" || stage === "closure" || resolution === "remediated";
    const waitingOn = stage === "closed" ? ("provider" as const) : r.weighted([["provider", 7], ["client", 2], ["third_party", 1]] as const);
    // The current party has held it since it entered its stage; earlier time is split provider/client.
    const before = Math.floor((stageEnteredAt.getTime() - createdAt.getTime()) / 1000);
    const clientSeconds = Math.floor(before * r.next() * 0.3);
    const implementedById = implemented ? (assigneeId ?? r.pick(o.assignees)) : null;
    const trail = trailFor({ stage, resolution, createdAt, stageEnteredAt, implementedById, assigneeId, waitingOn }, r, { provider: o.assignees, verifiers: o.verifiers });
    trails.set(n + 1, trail);
    return {
      organisationId: o.orgId,
      number: n + 1,
      type,
      stage,
      resolution,
      title: titleFor(r, type, identity.name, identity.system),
      description: `Raised for ${identity.name} (${identity.system}). ${identity.purpose ?? ""}`.trim(),
      priority: defaultPriority(identity.tier, severity),
      severity,
      identityId: identity.id,
      assigneeId,
      implementedById,
      version: 1 + trail.length,
      createdById: r.chance(0.6) ? r.pick(o.raisers) : null,
      waitingOn,
      waitingSince: stageEnteredAt,
      providerSeconds: before - clientSeconds,
      clientSeconds,
      escalationLevel: stage !== "closed" && r.chance(0.1) ? r.int(1, 2) : 0,
      regressed: resolution === "remediated" && r.chance(0.04),
      createdAt,
      updatedAt: closedAt ?? stageEnteredAt,
      stageEnteredAt,
      closedAt,
    };
  });
  const itemRows = await tx.insert(workItems).values(items).returning({
    id: workItems.id, number: workItems.number, createdAt: workItems.createdAt, createdById: workItems.createdById,
    title: workItems.title, type: workItems.type, stage: workItems.stage, resolution: workItems.resolution, closedAt: workItems.closedAt,
    implementedById: workItems.implementedById, stageEnteredAt: workItems.stageEnteredAt,
  });
  await tx.execute(sql`update organisations set item_seq = ${o.itemCount} where id = ${o.orgId}`);
  const proofs = itemRows
    .filter((it) => it.stage === "closure" || it.resolution === "remediated")
    .map((it) => ({
      organisationId: o.orgId,
      workItemId: it.id,
      kind: "note" as const,
      summary: r.pick(EVIDENCE_NOTES),
      createdById: it.implementedById,
      createdAt: new Date(Math.max(it.createdAt.getTime(), (it.closedAt ?? it.stageEnteredAt).getTime() - 3_600_000)),
    }));
  if (proofs.length) await tx.insert(evidence).values(proofs);

  // The audit trail records each item's creation and, for closed ones, its closure, in time order.
  const events = itemRows
    .flatMap((it) => trailEvents(o.orgId, it, trails.get(it.number) ?? [], "seed"))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  await tx.insert(auditEvents).values(events);
}

const EVIDENCE_NOTES = [
  "Old key deleted; new key issued and stored in the vault. CloudTrail shows no use of the old key since rotation.",
  "Account disabled in the directory and removed from all groups; screenshot of the empty group list attached to the ticket.",
  "Access revoked; the access report run afterwards no longer lists the user.",
  "Secret rotated and consumers redeployed; health checks green.",
];

function titleFor(r: Rng, type: WorkItemType, name: string, system: string): string {
  const person = r.pick(PEOPLE);
  switch (type) {
    case "secret_rotation":
      return `Rotate ${name} — past its ${system} rotation period`;
    case "finding_remediation":
      return `Leaked ${r.pick(LEAK_RULES)} in ${r.pick(REPOS)} (${r.pick(["config/prod.env", "scripts/deploy.sh", ".github/workflows/release.yml", "src/settings.py", "terraform/main.tf"])})`;
    case "revocation":
      return `Revoke access for leaver ${person} (${system}, GitHub, VPN)`;
    case "privileged_offboarding":
      return `Remove ${person} from production admin groups in ${system}`;
    case "privileged_onboarding":
      return `Grant just-in-time production access to ${person} via ${system}`;
    case "orphan_assignment":
      return `Assign an owner to orphaned ${name}`;
    case "access_review":
      return `Q4 privileged access review: ${name} in ${system}`;
    case "recertification":
      return `Recertify standing admin rights of ${name}`;
    case "exception_review":
      return `Review expiring exception for ${name}`;
    case "access_request":
      return `Access request: ${person} needs read-only access to ${system}`;
  }
}
