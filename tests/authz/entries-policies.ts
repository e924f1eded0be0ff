// The rows of the authorization matrix for policies (issue 4). tests/authz/all.ts joins every entries file.
import { and, eq, sql } from "drizzle-orm";
import { performMutation, type ActionResult } from "@/lib/actions/mutation";
import { activatePolicy, performDryRun, proposePolicy } from "@/lib/actions/policies";
import { policyVersions } from "@/lib/db/schema";
import { statusOf } from "@/lib/errors";
import { DEFAULT_FRAMEWORKS } from "@/lib/domain/frameworks";
import { DEFAULT_ESCALATIONS } from "@/lib/seed/policies";
import { createPolicyVersion } from "../helpers/factories";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const POLICIES = "app/(console)/o/[org]/settings/policies/actions.ts";
const RULES = JSON.stringify(DEFAULT_ESCALATIONS);

function outcome(r: ActionResult<unknown>): Outcome {
  return r.ok ? { status: 200 } : { status: statusOf(r.error.code), code: r.error.code };
}

/** A new draft of `kind` for each call, so every permitted caller has one to activate. */
async function freshDraft(c: CallContext, kind: "escalation" | "frameworks" = "escalation") {
  const [row] = await c.db
    .select({ n: sql<number>`coalesce(max(${policyVersions.version}), 0)::int` })
    .from(policyVersions)
    .where(and(eq(policyVersions.organisationId, c.team.org.id), eq(policyVersions.kind, kind)));
  return createPolicyVersion(c.db, c.team.org.id, kind, kind === "escalation" ? DEFAULT_ESCALATIONS : DEFAULT_FRAMEWORKS, "draft", row!.n + 1);
}

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "action", file: POLICIES, export: "proposePolicyAction", binds: "mutation(proposePolicy)", allowed: ["lead", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, proposePolicy, { kind: "sla", document: JSON.stringify({ calendars: { "24x7": { kind: "24x7", timeZone: "UTC" } }, goals: [{ name: "All", response: { within: "PT4H", calendar: "24x7" } }] }), note: "Matrix" })),
  },
  {
    kind: "action", file: POLICIES, export: "activatePolicyAction", binds: "mutation(activatePolicy)", allowed: ["owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, activatePolicy, { id: (await freshDraft(c)).id })),
  },
  // The framework mapping (SPEC §9) is the same policy machinery: "editable by owners" (leads may propose too).
  {
    kind: "action", file: POLICIES, export: "proposePolicyAction", binds: "mutation(proposePolicy)", allowed: ["lead", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, proposePolicy, { kind: "frameworks", document: DEFAULT_FRAMEWORKS, note: "Matrix" })),
  },
  {
    kind: "action", file: POLICIES, export: "activatePolicyAction", binds: "mutation(activatePolicy)", allowed: ["owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, activatePolicy, { id: (await freshDraft(c, "frameworks")).id })),
  },
  {
    kind: "action", file: POLICIES, export: "dryRunAction", binds: "performDryRun(", allowed: ["lead", "owner"],
    call: async (c) => outcome(await performDryRun(c.db, c.principal, c.team.org.slug, { document: RULES })),
  },
];
