// The one way in for every mutation: authenticate, find the membership, check the declared permission
// (writing a denial to the audit trail), validate the input with zod, run inside the tenant-scoped
// transaction, and map every failure to a coded error with a sentence a person can act on.
import crypto from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { withTenant } from "../db/tenant";
import { recordAudit, type AuditInput } from "../audit/record";
import { AppError, toAppError } from "../errors";
import { logger } from "../logger";
import { can, denialCode, denialMessage, type Permission } from "../domain/permissions";
import type { Role } from "../domain/vocabulary";
import type { MembershipView, SessionUser } from "../auth/session-user";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string[]> } };

export interface MutationContext {
  tx: Tx;
  user: SessionUser;
  org: MembershipView;
  role: Role;
  requestId: string;
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

/** Framework-free core, so the same path is exercised by tests, server actions and route handlers. */
export async function performMutation<S extends z.ZodType, R>(
  db: Db,
  user: SessionUser | null,
  orgSlug: string,
  def: MutationDef<S, R>,
  raw: unknown,
  requestId: string = newRequestId(),
): Promise<ActionResult<R>> {
  try {
    if (!user) throw new AppError("unauthorized:session", "Your session has ended. Sign in again.");
    const org = user.memberships.find((m) => m.slug === orgSlug);
    if (!org) throw new AppError("forbidden:organisation", "You do not have access to this organisation.");
    if (!can(org.role, def.permission)) {
      const code = denialCode(def.permission);
      await withTenant(db, org.orgId, user.id, (tx) =>
        recordAudit(tx, {
          organisationId: org.orgId,
          actor: { type: "user", id: user.id },
          action: "access.denied",
          entityType: def.permission.split(":")[1] ?? "unknown",
          after: { code, permission: def.permission, role: org.role },
          requestId,
        }),
      );
      throw new AppError(code, denialMessage(def.permission, org.role));
    }
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      throw new AppError("invalid:input", "Some fields need attention.", fields);
    }
    const data = await withTenant(db, org.orgId, user.id, (tx) =>
      def.run(
        {
          tx,
          user,
          org,
          role: org.role,
          requestId,
          audit: (e) => recordAudit(tx, { ...e, organisationId: org.orgId, actor: { type: "user", id: user.id }, requestId }),
        },
        parsed.data,
      ),
    );
    return { ok: true, data };
  } catch (e) {
    const err = toAppError(e);
    if (err.status >= 500) logger.error({ err: e, requestId, orgSlug, permission: def.permission }, "mutation failed");
    else logger.info({ code: err.code, requestId, orgSlug }, "mutation refused");
    const fields = err.code === "invalid:input" ? (err.details as Record<string, string[]>) : undefined;
    return { ok: false, error: { code: err.code, message: err.message, ...(fields ? { fields } : {}) } };
  }
}
