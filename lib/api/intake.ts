// POST /api/v1/intake/{format} (SPEC §7, §10): a real scanner's or identity source's file, parsed by the pure
// parser for its format and applied in one tenant transaction. With an `Idempotency-Key` the first answer is
// kept: the same key and body replay it, the same key with another body is 422, a request still running 409.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { withTenant } from "../db/tenant";
import { intakeRequests } from "../db/schema";
import { AppError, toAppError } from "../errors";
import { logger } from "../logger";
import { authorize, auditActor } from "../actions/mutation";
import type { AuditActor } from "../audit/record";
import { applyIntake, type IntakeOutcome } from "../intake/apply";
import { PARSERS } from "../intake/parsers";
import { applyInventoryPass } from "../intake/inventory-pass";
import type { IdentityRule } from "../domain/identity-rules";
import { INTAKE_FORMATS, type IntakeFormat } from "../intake/types";
import { errorResponse, json, readBounded, type ApiContext } from "./handler";

/** The largest file one request may carry (a report of a hundred thousand findings is well under it). */
export const INTAKE_MAX_BYTES = 100 * 1024 * 1024;
const KEY = /^[\x21-\x7e]{1,200}$/;

const tooLarge = () => new AppError("too_large:intake.file", `The file is larger than ${INTAKE_MAX_BYTES / 1024 / 1024} MB; split it into several imports.`);

export function isIntakeFormat(f: string): f is IntakeFormat {
  return (INTAKE_FORMATS as readonly string[]).includes(f);
}

/** Thrown to roll a preview's transaction back, carrying what the import would have done. */
class PreviewDone extends Error {
  constructor(readonly outcome: IntakeResult) {
    super("preview");
  }
}

/** What an import did, and the work the inventory rules raised after it. */
export type IntakeResult = IntakeOutcome & { raised: Record<IdentityRule, number> };

/**
 * Parses and applies `bytes`; a file with nothing usable in it is refused as a whole (422). With `preview`, the
 * same work runs and is rolled back: the answer says what an import would create, update, reopen and reject.
 */
export async function runIntake(
  db: Db,
  scope: { orgId: string; userId: string | null; actor: AuditActor },
  format: IntakeFormat,
  bytes: Uint8Array,
  requestId: string,
  now = new Date(),
  preview = false,
): Promise<IntakeResult> {
  const parsed = PARSERS[format](bytes);
  const fileError = parsed.errors.find((e) => e.record === 0);
  if (fileError && parsed.records.length === 0) {
    throw new AppError(`invalid:intake.${format}`, `This is not a ${format} file we can read: ${fileError.reason}`, { rejected: parsed.errors });
  }
  const apply = async (tx: Tx): Promise<IntakeResult> => {
    const c = { orgId: scope.orgId, format, actor: scope.actor, requestId, now };
    const outcome = await applyIntake(tx, c, parsed);
    const raised = await applyInventoryPass(tx, c, parsed, outcome);
    return { ...outcome, raised };
  };
  if (!preview) return withTenant(db, scope.orgId, scope.userId, apply);
  try {
    await withTenant(db, scope.orgId, scope.userId, async (tx) => {
      throw new PreviewDone(await apply(tx));
    });
  } catch (e) {
    if (e instanceof PreviewDone) return e.outcome;
    throw e;
  }
  throw new Error("unreachable: a preview always rolls back");
}

type Claim = { replay: { status: number; body: unknown } } | { claimed: true } | null;

/** Takes the key for this request, or says what the first request with it answered. */
async function claim(db: Db, orgId: string, userId: string | null, key: string, format: string, bodySha256: string): Promise<Claim> {
  return withTenant(db, orgId, userId, async (tx) => {
    const inserted = await tx.insert(intakeRequests).values({ organisationId: orgId, idempotencyKey: key, format, bodySha256 }).onConflictDoNothing().returning({ key: intakeRequests.idempotencyKey });
    if (inserted.length) return { claimed: true as const };
    const [row] = await tx.select().from(intakeRequests).where(and(eq(intakeRequests.organisationId, orgId), eq(intakeRequests.idempotencyKey, key)));
    if (!row) return null;
    if (row.bodySha256 !== bodySha256 || row.format !== format) {
      throw new AppError("invalid:intake.idempotency_key", "This Idempotency-Key was used for a different request; use a new key for a new file.");
    }
    if (row.status === null) throw new AppError("conflict:intake.in_flight", "A request with this Idempotency-Key is still being processed; retry in a moment.");
    return { replay: { status: row.status, body: row.response } };
  });
}

export async function intakeOp(ctx: ApiContext): Promise<Response> {
  const format = ctx.params.format ?? "";
  if (!isIntakeFormat(format)) {
    return errorResponse({ code: "not_found:intake.format", message: `Unknown format "${format.slice(0, 60)}". Use one of: ${INTAKE_FORMATS.join(", ")}.` }, ctx.requestId);
  }
  // The caller's right first (a refusal is audited), then up to a hundred megabytes of body.
  const { org, actor, userId } = await authorize(ctx.db, ctx.principal, ctx.orgSlug, "run:intake", ctx.requestId);
  const bytes = await readBounded(ctx.req, INTAKE_MAX_BYTES, tooLarge);
  // `?preview=true`: what the import would do, with nothing written (no key is taken for a preview).
  if (ctx.url.searchParams.get("preview") === "true") {
    return json(await runIntake(ctx.db, { orgId: org.orgId, userId, actor: auditActor(actor) }, format, bytes, ctx.requestId, new Date(), true), 200, ctx.requestId);
  }
  const key = ctx.req.headers.get("idempotency-key");
  if (key !== null && !KEY.test(key)) throw new AppError("bad_request:idempotency_key", "An Idempotency-Key is 1 to 200 visible ASCII characters.");
  const sha = crypto.createHash("sha256").update(bytes).digest("hex");
  if (key) {
    const c = await claim(ctx.db, org.orgId, userId, key, format, sha);
    if (c && "replay" in c) return Response.json(c.replay.body, { status: c.replay.status, headers: { "Cache-Control": "no-store", "Idempotent-Replayed": "true", "X-Request-Id": ctx.requestId } });
  }
  const finish = async (status: number, body: unknown) => {
    if (!key) return;
    await withTenant(ctx.db, org.orgId, userId, (tx) =>
      tx.update(intakeRequests).set({ status, response: body, completedAt: new Date() }).where(and(eq(intakeRequests.organisationId, org.orgId), eq(intakeRequests.idempotencyKey, key))),
    );
  };
  try {
    const outcome = await runIntake(ctx.db, { orgId: org.orgId, userId, actor: auditActor(actor) }, format, bytes, ctx.requestId);
    await finish(200, outcome);
    return json(outcome, 200, ctx.requestId);
  } catch (e) {
    const err = toAppError(e);
    if (err.status < 500) {
      // A refusal of the file is the answer to this key too.
      const body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      await finish(err.status, body);
      return json(body, err.status, ctx.requestId);
    }
    // Nothing was written: free the key so a retry can run.
    if (key) {
      await withTenant(ctx.db, org.orgId, userId, (tx) => tx.delete(intakeRequests).where(and(eq(intakeRequests.organisationId, org.orgId), eq(intakeRequests.idempotencyKey, key)))).catch((x: unknown) => logger.error({ err: x }, "could not release an idempotency key"));
    }
    throw e;
  }
}
