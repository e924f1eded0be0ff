// Policy versions (SPEC §3, §4, §9: SLA policy, escalation rules, framework mapping): a lead or an owner
// proposes a draft, only an owner activates it, and the dry run shows what a draft of escalation rules would
// fire now. Definitions only; app/ binds them.
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { policyVersions, workItems } from "../db/schema";
import { AppError } from "../errors";
import { checkPolicyText, checkPolicyValue, POLICY_KINDS, policyTitle, type PolicyDocument, type PolicyKind, type PolicyProblem } from "../domain/policy-text";
import { dryRunEscalations, type DryRunHit } from "../escalation/engine";
import type { Principal } from "../auth/principal";
import { fieldErrors, newRequestId, performRead, type ActionResult, type MutationDef } from "./mutation";

const MAX_DOCUMENT = 200_000;
const documentInput = z.union([
  z.string().max(MAX_DOCUMENT, "Keep a policy document under 200 kB."),
  z.record(z.string(), z.unknown()),
]);

/** The document checked against its kind's schema; an `invalid:policy` error lists each problem with its line. */
export function validPolicy<K extends PolicyKind>(kind: K, document: unknown): PolicyDocument<K> {
  const check = typeof document === "string" ? checkPolicyText(kind, document) : checkPolicyValue(kind, document);
  if (check.ok) return check.doc;
  const n = check.problems.length;
  const first = check.problems.slice(0, 3).map((p) => p.message).join(" ");
  const title = policyTitle[kind];
  const message = check.syntax ? `${title}: the text is not valid JSON. ${first}` : `${title}: ${n === 1 ? "one problem" : `${n} problems`} to fix. ${first}${n > 3 ? " …" : ""}`;
  throw new AppError("invalid:policy", message, { problems: check.problems satisfies PolicyProblem[] });
}

/** One proposal or activation of a kind at a time per organisation: version numbers stay dense and unique. */
async function lockKind(tx: Tx, orgId: string, kind: PolicyKind) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`policy_versions:${orgId}:${kind}`}, 0))`);
}

const proposeInput = z.object({
  kind: z.enum(POLICY_KINDS),
  document: documentInput,
  note: z.string().trim().min(3, "Say in a few words what this version changes and why.").max(500, "Keep the note under 500 characters."),
  basedOnVersion: z.coerce.number().int().positive().nullish(),
});

export const proposePolicy: MutationDef<typeof proposeInput, { id: string; kind: PolicyKind; version: number }> = {
  permission: "propose:policy",
  input: proposeInput,
  async run(ctx, input) {
    const doc = validPolicy(input.kind, input.document);
    const orgId = ctx.org.orgId;
    await lockKind(ctx.tx, orgId, input.kind);
    const [{ next } = { next: 1 }] = await ctx.tx
      .select({ next: sql<number>`coalesce(max(${policyVersions.version}), 0)::int + 1` })
      .from(policyVersions)
      .where(and(eq(policyVersions.organisationId, orgId), eq(policyVersions.kind, input.kind)));
    const [row] = await ctx.tx
      .insert(policyVersions)
      .values({ organisationId: orgId, kind: input.kind, version: next, document: doc, status: "draft", note: input.note, proposedById: ctx.userId, proposedAt: ctx.now })
      .returning({ id: policyVersions.id, version: policyVersions.version });
    await ctx.audit({
      action: "policy.propose",
      entityType: "policy_version",
      entityId: row!.id,
      after: { kind: input.kind, version: row!.version, basedOnVersion: input.basedOnVersion ?? null, note: input.note },
    });
    return { id: row!.id, kind: input.kind, version: row!.version };
  },
};

const activateInput = z.object({ id: z.uuid() });

export const activatePolicy: MutationDef<typeof activateInput, { kind: PolicyKind; version: number; previousVersion: number | null; itemsToRecheck: number }> = {
  permission: "activate:policy",
  input: activateInput,
  async run(ctx, input) {
    const orgId = ctx.org.orgId;
    const where = and(eq(policyVersions.organisationId, orgId), eq(policyVersions.id, input.id));
    const [found] = await ctx.tx.select({ kind: policyVersions.kind }).from(policyVersions).where(where);
    if (!found) throw new AppError("not_found:policy", "That policy version does not exist.");
    await lockKind(ctx.tx, orgId, found.kind);
    const [target] = await ctx.tx.select().from(policyVersions).where(where).for("update");
    const title = policyTitle[target!.kind];
    if (target!.status !== "draft") {
      throw new AppError("conflict:policy.status", `${title} version ${target!.version} is ${target!.status === "active" ? "already active" : "retired"}; only a draft can be activated. Propose a new draft from it instead.`);
    }
    validPolicy(target!.kind, target!.document);
    // Retire first: a partial unique index allows one active version per kind.
    const [retired] = await ctx.tx
      .update(policyVersions)
      .set({ status: "retired" })
      .where(and(eq(policyVersions.organisationId, orgId), eq(policyVersions.kind, target!.kind), eq(policyVersions.status, "active")))
      .returning({ version: policyVersions.version });
    await ctx.tx.update(policyVersions).set({ status: "active", activatedById: ctx.userId, activatedAt: ctx.now }).where(where);
    // The sweeper recomputes clocks and escalations of every item whose next check has come: make that now.
    // A framework mapping changes no clock (reports read it when they are made), so nothing to re-check.
    const marked =
      target!.kind === "frameworks"
        ? null
        : await ctx.tx
            .update(workItems)
            .set({ nextCheckAt: ctx.now })
            .where(and(eq(workItems.organisationId, orgId), isNull(workItems.closedAt)));
    const itemsToRecheck = marked?.rowCount ?? 0;
    await ctx.audit({
      action: "policy.activate",
      entityType: "policy_version",
      entityId: target!.id,
      before: { kind: target!.kind, version: retired?.version ?? null },
      after: { kind: target!.kind, version: target!.version, itemsToRecheck },
    });
    return { kind: target!.kind, version: target!.version, previousVersion: retired?.version ?? null, itemsToRecheck };
  },
};

const dryRunInput = z.object({ document: documentInput });

/** What a draft of escalation rules would fire now. A read: nothing is written, not even an audit event. */
export function performDryRun(db: Db, principal: Principal | null, orgSlug: string, raw: unknown, requestId: string = newRequestId()): Promise<ActionResult<DryRunHit[]>> {
  return performRead(
    db,
    principal,
    orgSlug,
    "propose:policy",
    async (tx, { org }) => {
      const parsed = dryRunInput.safeParse(raw);
      if (!parsed.success) throw new AppError("invalid:input", "Some fields need attention.", fieldErrors(parsed.error));
      return dryRunEscalations(tx, org.orgId, validPolicy("escalation", parsed.data.document), new Date());
    },
    requestId,
  );
}
