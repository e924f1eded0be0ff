// Policy versions: the active one of a kind for an organisation.
import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/client";
import { policyVersions } from "../db/schema";
import { slaPolicyDocument, type SlaPolicyDocument } from "../domain/sla/policy";

export async function activePolicy(tx: Tx, orgId: string, kind: "sla" | "escalation") {
  const [row] = await tx
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.organisationId, orgId), eq(policyVersions.kind, kind), eq(policyVersions.status, "active")));
  return row ?? null;
}

/** The active SLA policy, validated; null when the organisation has none (or it no longer validates). */
export async function activeSlaPolicy(tx: Tx, orgId: string): Promise<{ version: number; doc: SlaPolicyDocument } | null> {
  const row = await activePolicy(tx, orgId, "sla");
  if (!row) return null;
  const parsed = slaPolicyDocument.safeParse(row.document);
  return parsed.success ? { version: row.version, doc: parsed.data } : null;
}
