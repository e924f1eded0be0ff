// The one way in for every mutation: authenticate, find the membership (or the token's organisation),
// check the declared permission (writing a denial to the audit trail), validate the input with zod, run
// inside the tenant-scoped transaction, and map every failure to a coded error a person can act on.
import crypto from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { withTenant } from "../db/tenant";
import { recordAudit, type AuditActor, type AuditInput } from "../audit/record";
import { AppError, toAppError } from "../errors";
import { logger } from "../logger";
import { actorCan, type Actor } from "../domain/actor";
import { denialCode, type Permission } from "../domain/permissions";
import { denied } from "../domain/workflow";
import type { Role } from "../domain/vocabulary";
import { principalInOrg, type OrgView, type Principal } from "../auth/principal";

export type ActionError = { code: string; message: string; fields?: Record<string, string[]>; details?: unknown };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export interface MutationContext {
  tx: Tx;
  actor: Actor;
  /** The acting person; null for an API token. */
  userId: string | null;
  org: OrgView;
  role: Role | null;
  requestId: string;
  now: Date;
  audit: (e: Omit<AuditInput, "organisationId" | "actor" | "requestId">) => Promise<void>;
}

export interface MutationDef<S extends z.ZodType, R> {
  permission: Permission;
  input: S;
  run: (ctx: MutationContext, input: z.infer<S>) => Promise<R>;
}

export function newRequestId(): string {
  return crypto.randomUUID();
}

export function auditActor(actor: Actor): AuditActor {
  return actor.kind === "user" ? { type: "user", id: actor.userId } : { type: "token", id: actor.tokenId };
}

/** zod's issues as field → messages, with "(root)" for errors about the whole body. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "(root)";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Finds the principal's standing in the organisation and checks `permission`; a refusal is written to the
 * audit trail. Returns `recordDenial` for refusals that come later from the rules (e.g. verifying one's own work).
 */
export async function authorize(db: Db, principal: Principal | null, orgSlug: string, permission: Permission, requestId: string) {
  if (!principal) throw new AppError("unauthorized:session", "Your session has ended. Sign in again.");
  const standing = principalInOrg(principal, orgSlug);
  if (!standing) throw new AppError("forbidden:organisation", "You do not have access to this organisation.");
  const { org, actor, role } = standing;
  const userId = actor.kind === "user" ? actor.userId : null;
  // Every denial is written to the audit trail, in its own transaction (the refused one rolls back).
  const recordDenial = (code: string, entityId: string | null) =>
    withTenant(db, org.orgId, userId, (tx) =>
      recordAudit(tx, {
        organisationId: org.orgId,
        actor: auditActor(actor),
        action: "access.denied",
        entityType: code.slice(code.indexOf(":") + 1).split(".")[0] ?? "unknown",
        entityId,
        after: { code, permission, role },
        requestId,
      }),
    );
  if (!actorCan(actor, permission)) {
    const refusal = denied(actor, permission);
    await recordDenial(denialCode(permission), null);
    throw new AppError(refusal.code, refusal.message);
  }
  return { org, actor, role, userId, recordDenial };
}

/** Reads go through the same door as changes: standing, permission, then the tenant transaction. */
export async function performRead<R>(
  db: Db,
  principal: Principal | null,
  orgSlug: string,
  permission: Permission,
  fn: (tx: Tx, ctx: { org: OrgView; actor: Actor; userId: string | null }) => Promise<R>,
  requestId: string = newRequestId(),
): Promise<ActionResult<R>> {
  try {
    const { org, actor, userId } = await authorize(db, principal, orgSlug, permission, requestId);
    return { ok: true, data: await withTenant(db, org.orgId, userId, (tx) => fn(tx, { org, actor, userId })) };
  } catch (e) {
    return { ok: false, error: failure(e, requestId, orgSlug, permission) };
  }
}

export function failure(e: unknown, requestId: string, orgSlug: string, permission: Permission): ActionError {
  const err = toAppError(e);
  if (err.status >= 500) logger.error({ err: e, requestId, orgSlug, permission }, "request failed");
  else logger.info({ code: err.code, requestId, orgSlug }, "request refused");
  const extra = err.code === "invalid:input" ? { fields: err.details as Record<string, string[]> } : err.details ? { details: err.details } : {};
  return { code: err.code, message: err.message, ...extra };
}

/** Framework-free core, so the same path is exercised by tests, server actions and route handlers. */
export async function performMutation<S extends z.ZodType, R>(
  db: Db,
  principal: Principal | null,
  orgSlug: string,
  def: MutationDef<S, R>,
  raw: unknown,
  requestId: string = newRequestId(),
  /** A controlled clock (tests, the demo seed): the change and its audit event happen at this instant. */
  at?: Date,
): Promise<ActionResult<R>> {
  try {
    const { org, actor, role, userId, recordDenial } = await authorize(db, principal, orgSlug, def.permission, requestId);
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) throw new AppError("invalid:input", "Some fields need attention.", fieldErrors(parsed.error));
    const target = (parsed.data as { id?: unknown }).id;
    const data = await withTenant(db, org.orgId, userId, (tx) =>
      def.run(
        {
          tx,
          actor,
          userId,
          org,
          role,
          requestId,
          now: at ?? new Date(),
          audit: (e) => recordAudit(tx, { ...e, organisationId: org.orgId, actor: auditActor(actor), requestId, ...(at ? { occurredAt: at } : {}) }),
        },
        parsed.data,
      ),
    ).catch(async (e: unknown) => {
      if (e instanceof AppError && e.status === 403) await recordDenial(e.code, typeof target === "string" ? target : null);
      throw e;
    });
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: failure(e, requestId, orgSlug, def.permission) };
  }
}
