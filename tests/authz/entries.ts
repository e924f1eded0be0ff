// The rows of the authorization matrix for the service cycle (issue 3).
import { performMutation } from "@/lib/actions/mutation";
import { addComment, addEvidence, assignWorkItem, createWorkItem, handOver, moveWorkItem, setPriority } from "@/lib/actions/work-items";
import { takeNext } from "@/lib/actions/take-next";
import { performBulkAssign, performBulkMove } from "@/lib/actions/bulk";
import { issueApiToken, revokeToken } from "@/lib/actions/api-token-actions";
import { changeMemberRole, removeMember, setAccountDisabled } from "@/lib/actions/members";
import { createItemOp, getItemOp, listItemsOp, transitionOp } from "@/lib/api/work-items";
import { runApi, type ApiContext } from "@/lib/api/handler";
import { isToken } from "@/lib/auth/principal";
import { statusOf } from "@/lib/errors";
import type { ActionResult } from "@/lib/actions/mutation";
import { createToken, createUser, createWorkItem as makeItem } from "../helpers/factories";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const PROVIDER = ["analyst", "lead"] as const;
const READERS = ["analyst", "lead", "owner", "executive"] as const;

function actionOutcome(r: ActionResult<unknown>): Outcome {
  return r.ok ? { status: 200 } : { status: statusOf(r.error.code), code: r.error.code };
}

async function api(c: CallContext, method: string, path: string, op: (ctx: ApiContext) => Promise<Response>, params: Record<string, string> = {}, body?: unknown): Promise<Outcome> {
  const headers = new Headers({ host: "console.test", origin: "http://console.test" });
  if (c.principal && isToken(c.principal)) headers.set("authorization", `Bearer ${(c.principal as { secret?: string }).secret}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  const sep = path.includes("?") ? "&" : "?";
  const url = `http://console.test${path}${c.principal && !isToken(c.principal) ? `${sep}org=${c.team.org.slug}` : ""}`;
  const req = new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const session = async () => (c.principal && !isToken(c.principal) ? c.principal : null);
  const res = await runApi(req, { db: c.db, session }, params, op);
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: json.error?.code };
}

const freshItem = (c: CallContext, over: Parameters<typeof makeItem>[2] = {}) => makeItem(c.db, c.team.org.id, { identityId: c.team.identity.id, ...over });
const mutate = async (c: CallContext, def: Parameters<typeof performMutation>[3], input: unknown) => actionOutcome(await performMutation(c.db, c.principal, c.team.org.slug, def, input));
const ITEMS = "app/(console)/o/[org]/items/actions.ts";
const TOKENS = "app/(console)/o/[org]/settings/tokens/actions.ts";
const MEMBERS = "app/(console)/o/[org]/settings/members/actions.ts";

export const ENTRIES: MatrixEntry[] = [
  // REST API (SPEC §10)
  { kind: "route", file: "app/api/v1/work-items/route.ts", export: "GET", binds: "route(listItemsOp)", allowed: [...READERS, "token"], scope: "items:read", call: (c) => api(c, "GET", "/api/v1/work-items", listItemsOp) },
  {
    kind: "route", file: "app/api/v1/work-items/route.ts", export: "POST", binds: "route(createItemOp)", allowed: ["analyst", "lead", "owner", "token"], scope: "items:write",
    call: (c) => api(c, "POST", "/api/v1/work-items", createItemOp, {}, { type: "access_request", title: "Read access to billing" }),
  },
  {
    kind: "route", file: "app/api/v1/work-items/[id]/route.ts", export: "GET", binds: "route(getItemOp)", allowed: [...READERS, "token"], scope: "items:read",
    call: async (c) => api(c, "GET", "/api/v1/work-items/x", getItemOp, { id: (await freshItem(c)).id }),
  },
  {
    kind: "route", file: "app/api/v1/work-items/[id]/transitions/route.ts", export: "POST", binds: "route(transitionOp)", allowed: [...PROVIDER, "token"], scope: "items:write",
    call: async (c) => api(c, "POST", "/api/v1/work-items/x/transitions", transitionOp, { id: (await freshItem(c)).id }, { to: "prioritisation", version: 1 }),
  },
  // Server actions: work items
  { kind: "action", file: ITEMS, export: "moveAction", binds: "refreshingMutation(moveWorkItem)", allowed: PROVIDER, call: async (c) => mutate(c, moveWorkItem, { id: (await freshItem(c)).id, to: "prioritisation", version: 1 }) },
  {
    kind: "action", file: ITEMS, export: "priorityAction", binds: "refreshingMutation(setPriority)", allowed: PROVIDER,
    call: async (c) => mutate(c, setPriority, { id: (await freshItem(c)).id, version: 1, priority: "P1", reason: "Customer-facing" }),
  },
  {
    kind: "action", file: ITEMS, export: "assignAction", binds: "refreshingMutation(assignWorkItem)", allowed: ["lead"],
    call: async (c) => mutate(c, assignWorkItem, { id: (await freshItem(c)).id, version: 1, assigneeId: c.team.as("analyst", 1).id }),
  },
  {
    kind: "action", file: ITEMS, export: "handOverAction", binds: "refreshingMutation(handOver)", allowed: ["analyst", "lead", "owner"],
    call: async (c) => mutate(c, handOver, { id: (await freshItem(c)).id, version: 1, waitingOn: "client", reason: "Waiting for the owner's answer" }),
  },
  { kind: "action", file: ITEMS, export: "commentAction", binds: "refreshingMutation(addComment)", allowed: ["analyst", "lead", "owner"], call: async (c) => mutate(c, addComment, { id: (await freshItem(c)).id, body: "Looks real." }) },
  {
    kind: "action", file: ITEMS, export: "evidenceAction", binds: "refreshingMutation(addEvidence)", allowed: PROVIDER,
    call: async (c) => mutate(c, addEvidence, { id: (await freshItem(c, { stage: "implementation" })).id, kind: "note", summary: "Key rotated" }),
  },
  { kind: "action", file: ITEMS, export: "createItemAction", binds: "refreshingMutation(createWorkItem)", allowed: ["analyst", "lead", "owner"], call: (c) => mutate(c, createWorkItem, { type: "access_request", title: "Read access to billing" }) },
  {
    kind: "action", file: ITEMS, export: "takeNextAction", binds: "refreshingMutation(takeNext)", allowed: PROVIDER,
    call: async (c) => {
      await freshItem(c);
      return mutate(c, takeNext, {});
    },
  },
  {
    kind: "action", file: ITEMS, export: "bulkAssignAction", binds: "performBulkAssign(", allowed: ["lead"],
    call: async (c) => actionOutcome(await performBulkAssign(c.db, c.principal, c.team.org.slug, { items: [{ id: (await freshItem(c)).id, version: 1 }], assigneeId: c.team.as("analyst").id }, "m")),
  },
  {
    kind: "action", file: ITEMS, export: "bulkMoveAction", binds: "performBulkMove(", allowed: ["lead"],
    call: async (c) => actionOutcome(await performBulkMove(c.db, c.principal, c.team.org.slug, { items: [{ id: (await freshItem(c)).id, version: 1 }], to: "prioritisation" }, "m")),
  },
  // Server actions: administration
  { kind: "action", file: TOKENS, export: "issueTokenAction", binds: "mutation(issueApiToken)", allowed: ["admin"], call: (c) => mutate(c, issueApiToken, { name: "CI pipeline", scopes: ["items:read"], days: 30 }) },
  {
    kind: "action", file: TOKENS, export: "revokeTokenAction", binds: "mutation(revokeToken)", allowed: ["admin"],
    call: async (c) => mutate(c, revokeToken, { id: (await createToken(c.db, c.team.org.id, ["items:read"])).token.id }),
  },
  {
    kind: "action", file: MEMBERS, export: "changeRoleAction", binds: "mutation(changeMemberRole)", allowed: ["admin"],
    call: async (c) => mutate(c, changeMemberRole, { userId: (await createUser(c.db, { memberships: [[c.team.org.id, "analyst"]] })).id, role: "lead" }),
  },
  {
    kind: "action", file: MEMBERS, export: "removeMemberAction", binds: "mutation(removeMember)", allowed: ["admin"],
    call: async (c) => mutate(c, removeMember, { userId: (await createUser(c.db, { memberships: [[c.team.org.id, "analyst"]] })).id }),
  },
  {
    kind: "action", file: MEMBERS, export: "setDisabledAction", binds: "mutation(setAccountDisabled)", allowed: ["admin"],
    call: async (c) => mutate(c, setAccountDisabled, { userId: (await createUser(c.db, { memberships: [[c.team.org.id, "analyst"]] })).id, disabled: true }),
  },
];
