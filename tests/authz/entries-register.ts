// The rows of the authorization matrix for the exception register and the evidence pack (issue 5).
// tests/authz/all.ts joins every entries file.
import { evidencePackOp } from "@/lib/api/evidence-pack";
import { runApi, type ApiContext } from "@/lib/api/handler";
import { listRegisterOp } from "@/lib/api/risk-acceptances";
import { isToken } from "@/lib/auth/principal";
import { createAcceptance, createWorkItem } from "../helpers/factories";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const READERS = ["analyst", "lead", "owner", "executive"] as const;

/** A GET through the API's door as the caller (a token as bearer, a person by session with ?org=). */
export async function get(c: CallContext, path: string, op: (ctx: ApiContext) => Promise<Response>): Promise<Outcome> {
  const headers = new Headers({ host: "console.test" });
  if (c.principal && isToken(c.principal)) headers.set("authorization", `Bearer ${(c.principal as { secret?: string }).secret}`);
  const url = `http://console.test${path}${c.principal && !isToken(c.principal) ? `${path.includes("?") ? "&" : "?"}org=${c.team.org.slug}` : ""}`;
  const session = async () => (c.principal && !isToken(c.principal) ? c.principal : null);
  const res = await runApi(new Request(url, { headers }), { db: c.db, session }, {}, op);
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

/** An acceptance in the team's organisation, so the register has a row to show. */
async function someAcceptance(c: CallContext) {
  const item = await createWorkItem(c.db, c.team.org.id, { identityId: c.team.identity.id });
  await createAcceptance(c.db, c.team.org.id, item.id, { accountableOwnerId: c.team.as("owner").id });
}

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "route", file: "app/api/v1/risk-acceptances/route.ts", export: "GET", binds: "route(listRegisterOp)", allowed: [...READERS, "token"], scope: "items:read",
    call: async (c) => {
      await someAcceptance(c);
      return get(c, "/api/v1/risk-acceptances?filter=all", listRegisterOp);
    },
  },
  {
    kind: "route", file: "app/api/v1/evidence-pack/route.ts", export: "GET", binds: "route(evidencePackOp)", allowed: ["lead", "owner", "executive", "token"], scope: "items:read",
    call: (c) => get(c, "/api/v1/evidence-pack?from=2026-01-01&to=2026-02-01", evidencePackOp),
  },
];
