// The rows of the authorization matrix for the inventory API (issue 6): every reader and a token with
// items:read may list identities and read one with its consumers. tests/authz/all.ts joins every entries file.
import { getIdentityOp, listIdentitiesOp } from "@/lib/api/identities";
import { runApi } from "@/lib/api/handler";
import { isToken } from "@/lib/auth/principal";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";
import { get } from "./entries-register";

const READERS = ["analyst", "lead", "owner", "executive"] as const;

/** GET /api/v1/identities/{id} for the team's identity (the route's path parameter given as the router would). */
async function getOne(c: CallContext): Promise<Outcome> {
  const id = c.team.identity.id;
  const headers = new Headers({ host: "console.test" });
  if (c.principal && isToken(c.principal)) headers.set("authorization", `Bearer ${(c.principal as { secret?: string }).secret}`);
  const url = `http://console.test/api/v1/identities/${id}${c.principal && !isToken(c.principal) ? `?org=${c.team.org.slug}` : ""}`;
  const res = await runApi(new Request(url, { headers }), { db: c.db, session: async () => (c.principal && !isToken(c.principal) ? c.principal : null) }, { id }, getIdentityOp);
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "route", file: "app/api/v1/identities/route.ts", export: "GET", binds: "route(listIdentitiesOp)", allowed: [...READERS, "token"], scope: "items:read",
    call: (c) => get(c, "/api/v1/identities?privileged=false&limit=10", listIdentitiesOp),
  },
  {
    kind: "route", file: "app/api/v1/identities/[id]/route.ts", export: "GET", binds: "route(getIdentityOp)", allowed: [...READERS, "token"], scope: "items:read",
    call: getOne,
  },
];
