// One audit event per change. seq, prev_hash and hash are filled in by the database's chaining trigger.
import type { Tx } from "../db/client";
import { auditEvents } from "../db/schema";

export interface AuditActor {
  type: "user" | "token" | "system";
  id: string | null;
}

export interface AuditInput {
  organisationId: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
  occurredAt?: Date;
}

export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    organisationId: e.organisationId,
    actorType: e.actor.type,
    actorId: e.actor.id,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    reason: e.reason ?? null,
    requestId: e.requestId ?? null,
    ...(e.occurredAt ? { occurredAt: e.occurredAt } : {}),
  });
}
