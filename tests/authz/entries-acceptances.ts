// The rows of the authorization matrix for risk acceptances (issue 5): requests, decisions, extensions and
// withdrawal, through the API and the server actions. Decisions belong to owners alone: no provider role and
// no token, whatever its scopes.
import { performMutation, type ActionResult } from "@/lib/actions/mutation";
import { decideAcceptance, extendAcceptance, requestAcceptance, withdrawAcceptance } from "@/lib/actions/risk-acceptances";
import { decideAcceptanceOp, extendAcceptanceOp, getAcceptanceOp, requestAcceptanceOp } from "@/lib/api/acceptances";
import { runApi, type ApiContext } from "@/lib/api/handler";
import { isToken } from "@/lib/auth/principal";
import { statusOf } from "@/lib/errors";
import { createAcceptance, createWorkItem } from "../helpers/factories";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const DECISIONS = "app/(console)/o/[org]/decisions/actions.ts";
const DAY = 86_400_000;

function outcome(r: ActionResult<unknown>): Outcome {
  return r.ok ? { status: 200 } : { status: statusOf(r.error.code), code: r.error.code };
}

async function api(c: CallContext, method: string, path: string, op: (ctx: ApiContext) => Promise<Response>, params: Record<string, string>, body?: unknown): Promise<Outcome> {
  const headers = new Headers({ host: "console.test", origin: "http://console.test" });
  if (c.principal && isToken(c.principal)) headers.set("authorization", `Bearer ${(c.principal as { secret?: string }).secret}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  const url = `http://console.test${path}${c.principal && !isToken(c.principal) ? `?org=${c.team.org.slug}` : ""}`;
  const res = await runApi(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { db: c.db, session: async () => (c.principal && !isToken(c.principal) ? c.principal : null) }, params, op);
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: json.error?.code };
}

const openItem = (c: CallContext) => createWorkItem(c.db, c.team.org.id, { identityId: c.team.identity.id, stage: "validation", priority: "P3" });

/** A request raised by the first analyst, waiting for its decision. */
async function pending(c: CallContext) {
  const item = await openItem(c);
  return createAcceptance(c.db, c.team.org.id, item.id, { accountableOwnerId: c.team.as("owner").id, requestedById: c.team.as("analyst").id, roundRequestedById: c.team.as("analyst").id, status: "pending", expiresAt: new Date(Date.now() + 20 * DAY) });
}

/** An acceptance in force on a closed item, expiring in ten days. */
async function inForce(c: CallContext) {
  const item = await createWorkItem(c.db, c.team.org.id, { stage: "closed", resolution: "risk_accepted", closedAt: new Date(), priority: "P3" });
  return createAcceptance(c.db, c.team.org.id, item.id, { accountableOwnerId: c.team.as("owner").id, requestedById: c.team.as("lead").id, roundRequestedById: c.team.as("lead").id, status: "approved", approvedAt: new Date(), expiresAt: new Date(Date.now() + 10 * DAY) });
}

const requestBody = (c: CallContext) => ({
  justification: "Replacement ships next quarter; removal now breaks billing.",
  treatment: "mitigate",
  compensatingControls: "Restricted to the billing subnet.",
  accountableOwner: c.team.as("owner").email,
  expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
});
const decisionBody = { decision: "approve", comment: "Accepted for the window." };
const extensionBody = () => ({ justification: "The vendor's fix slipped by a month.", expiresAt: new Date(Date.now() + 40 * DAY).toISOString() });

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "route", file: "app/api/v1/work-items/[id]/risk-acceptances/route.ts", export: "POST", binds: "route(requestAcceptanceOp)", allowed: ["analyst", "lead", "owner", "token"], scope: "items:write",
    call: async (c) => {
      const item = await openItem(c);
      return api(c, "POST", `/api/v1/work-items/${item.id}/risk-acceptances`, requestAcceptanceOp, { id: item.id }, requestBody(c));
    },
  },
  {
    kind: "route", file: "app/api/v1/risk-acceptances/[id]/route.ts", export: "GET", binds: "route(getAcceptanceOp)", allowed: ["analyst", "lead", "owner", "executive", "token"], scope: "items:read",
    call: async (c) => {
      const a = await pending(c);
      return api(c, "GET", `/api/v1/risk-acceptances/${a.id}`, getAcceptanceOp, { id: a.id });
    },
  },
  {
    // Tokens are refused even with the write scope: decisions are human.
    kind: "route", file: "app/api/v1/risk-acceptances/[id]/decision/route.ts", export: "POST", binds: "route(decideAcceptanceOp)", allowed: ["owner"], scope: "items:write",
    call: async (c) => {
      const a = await pending(c);
      return api(c, "POST", `/api/v1/risk-acceptances/${a.id}/decision`, decideAcceptanceOp, { id: a.id }, decisionBody);
    },
  },
  {
    kind: "route", file: "app/api/v1/risk-acceptances/[id]/extension/route.ts", export: "POST", binds: "route(extendAcceptanceOp)", allowed: ["analyst", "lead", "owner", "token"], scope: "items:write",
    call: async (c) => {
      const a = await inForce(c);
      return api(c, "POST", `/api/v1/risk-acceptances/${a.id}/extension`, extendAcceptanceOp, { id: a.id }, extensionBody());
    },
  },
  {
    kind: "action", file: DECISIONS, export: "requestAcceptanceAction", binds: "refreshingMutation(requestAcceptance)", allowed: ["analyst", "lead", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, requestAcceptance, { ...requestBody(c), id: (await openItem(c)).id })),
  },
  {
    kind: "action", file: DECISIONS, export: "decideAcceptanceAction", binds: "refreshingMutation(decideAcceptance)", allowed: ["owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, decideAcceptance, { ...decisionBody, id: (await pending(c)).id })),
  },
  {
    kind: "action", file: DECISIONS, export: "extendAcceptanceAction", binds: "refreshingMutation(extendAcceptance)", allowed: ["analyst", "lead", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, extendAcceptance, { ...extensionBody(), id: (await inForce(c)).id })),
  },
  {
    // The requester (the first analyst) or a programme owner may withdraw; a lead cannot end a request undecided.
    kind: "action", file: DECISIONS, export: "withdrawAcceptanceAction", binds: "refreshingMutation(withdrawAcceptance)", allowed: ["analyst", "owner"],
    call: async (c) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, withdrawAcceptance, { id: (await pending(c)).id, reason: "Remediated after all." })),
  },
];
