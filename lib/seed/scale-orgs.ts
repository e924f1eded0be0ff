// The seven client organisations dataset L adds to the three demo ones (SPEC §12), each set up as the demo sets
// up its own: the provider's staff as members (with the roles they hold at acme), a programme owner of the
// client's, and version 1 of the SLA, escalation and framework policies, active. Idempotent: an organisation
// already there is left alone.
import { inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { memberships, organisations, policyVersions, users } from "../db/schema";
import { hashPassword } from "../auth/password";
import type { Role } from "../domain/vocabulary";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo";
import { initialPolicies } from "./policies";

export const SCALE_ORGS = [
  { slug: "umbrella", name: "Umbrella Health", timeZone: "Europe/Berlin" },
  { slug: "hooli", name: "Hooli", timeZone: "America/Los_Angeles" },
  { slug: "vandelay", name: "Vandelay Industries", timeZone: "America/New_York" },
  { slug: "wonka", name: "Wonka Confectionery", timeZone: "Europe/London" },
  { slug: "tyrell", name: "Tyrell Systems", timeZone: "Asia/Tokyo" },
  { slug: "cyberdyne", name: "Cyberdyne Logistics", timeZone: "America/Chicago" },
  { slug: "oscorp", name: "Oscorp Financial", timeZone: "Europe/Paris" },
] as const;

const DAY = 86_400_000;

/** Creates whichever of SCALE_ORGS are missing; returns how many it made. Needs the demo's provider staff. */
export async function ensureScaleOrgs(db: Db, now: Date): Promise<number> {
  const have = await db.select({ slug: organisations.slug }).from(organisations).where(inArray(organisations.slug, SCALE_ORGS.map((o) => o.slug)));
  const missing = SCALE_ORGS.filter((o) => !have.some((h) => h.slug === o.slug));
  if (missing.length === 0) return 0;
  const staff = DEMO_USERS.filter((u) => u.provider && u.roles.acme);
  const staffRows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, staff.map((u) => u.email)));
  if (staffRows.length !== staff.length) throw new Error("Dataset L sets up its organisations with the demo's provider staff: load the demo data first.");
  const staffId = (email: string) => staffRows.find((r) => r.email === email)!.id;
  const lead = staffId("lead@provider.demo");
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    for (const spec of missing) {
      const [org] = await tx.insert(organisations).values(spec).returning({ id: organisations.id });
      const [owner] = await tx
        .insert(users)
        .values({ email: `owner@${spec.slug}.demo`, name: `${spec.name.split(" ")[0]} Owner`, passwordHash, isProviderStaff: false })
        .returning({ id: users.id });
      await tx.insert(memberships).values([
        ...staff.map((u) => ({ organisationId: org!.id, userId: staffId(u.email), role: u.roles.acme as Role })),
        { organisationId: org!.id, userId: owner!.id, role: "owner" as const },
      ]);
      await tx.insert(policyVersions).values(
        initialPolicies(org!.id, spec.timeZone, { proposedById: lead, proposedAt: new Date(now.getTime() - 760 * DAY), activatedById: owner!.id, activatedAt: new Date(now.getTime() - 759 * DAY) }),
      );
    }
  });
  return missing.length;
}
