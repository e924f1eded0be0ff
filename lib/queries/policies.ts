// Policy versions: the active one of a kind for an organisation, and every version with who proposed and
// activated it (the policies pages).
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client";
import { policyVersions, users } from "../db/schema";
import type { PolicyKind } from "../domain/policy-text";
import { slaPolicyDocument, type SlaPolicyDocument } from "../domain/sla/policy";

export async function activePolicy(tx: Tx, orgId: string, kind: PolicyKind) {
  const [row] = await tx
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.organisationId, orgId), eq(policyVersions.kind, kind), eq(policyVersions.status, "active")));
  return row ?? null;
}

/**
 * Validated SLA documents by policy version id. A version's document never changes once written (activating
 * one only changes statuses), so each is validated once per process rather than on every list of items; the
 * same object each time also keeps the calendars' day tables warm (lib/domain/sla/calendar.ts). Bounded.
 */
const validated = new Map<string, SlaPolicyDocument | null>();
const VALIDATED_LIMIT = 1_000;

/** The active SLA policy, validated; null when the organisation has none (or it no longer validates). */
export async function activeSlaPolicy(tx: Tx, orgId: string): Promise<{ version: number; doc: SlaPolicyDocument } | null> {
  const row = await activePolicy(tx, orgId, "sla");
  if (!row) return null;
  let doc = validated.get(row.id);
  if (doc === undefined) {
    const parsed = slaPolicyDocument.safeParse(row.document);
    doc = parsed.success ? parsed.data : null;
    if (validated.size >= VALIDATED_LIMIT) validated.clear();
    validated.set(row.id, doc);
  }
  return doc ? { version: row.version, doc } : null;
}

const proposer = alias(users, "proposer");
const activator = alias(users, "activator");
const versionColumns = {
  id: policyVersions.id,
  kind: policyVersions.kind,
  version: policyVersions.version,
  status: policyVersions.status,
  document: policyVersions.document,
  note: policyVersions.note,
  proposedAt: policyVersions.proposedAt,
  activatedAt: policyVersions.activatedAt,
  proposedByName: proposer.name,
  activatedByName: activator.name,
};

export type PolicyVersionView = Awaited<ReturnType<typeof listPolicyVersions>>[number];

/** Every version of one kind (or both), newest first, with who proposed and activated it. */
export async function listPolicyVersions(tx: Tx, orgId: string, kind?: PolicyKind) {
  return tx
    .select(versionColumns)
    .from(policyVersions)
    .leftJoin(proposer, eq(proposer.id, policyVersions.proposedById))
    .leftJoin(activator, eq(activator.id, policyVersions.activatedById))
    .where(and(eq(policyVersions.organisationId, orgId), kind ? eq(policyVersions.kind, kind) : undefined))
    .orderBy(policyVersions.kind, desc(policyVersions.version));
}

/**
 * The version a reader compares `v` with: for a draft, the active version; otherwise the one that was active
 * just before `v` was activated.
 */
export function previouslyActive(versions: PolicyVersionView[], v: PolicyVersionView): PolicyVersionView | null {
  if (v.status === "draft") return versions.find((x) => x.kind === v.kind && x.status === "active") ?? null;
  // Activation order, by time and then by number (versions loaded without an activation time).
  const order = (x: PolicyVersionView) => [x.activatedAt?.getTime() ?? 0, x.version] as const;
  const before = (a: PolicyVersionView, b: PolicyVersionView) => order(a)[0] < order(b)[0] || (order(a)[0] === order(b)[0] && order(a)[1] < order(b)[1]);
  let best: PolicyVersionView | null = null;
  for (const x of versions) if (x.kind === v.kind && x.status !== "draft" && before(x, v) && (!best || before(best, x))) best = x;
  return best;
}
