// The rows of the authorization matrix for intake (issue 6): provider staff and intake tokens may import.
import { intakeOp } from "@/lib/api/intake";
import { runApi } from "@/lib/api/handler";
import { isToken } from "@/lib/auth/principal";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const REPORT = (n: string) =>
  JSON.stringify([{ Description: "Generic API Key", StartLine: 3, EndLine: 3, StartColumn: 1, EndColumn: 40, Match: "api_key = ********", Secret: `matrix-secret-${n}-0123456789`, File: "config/app.env", SymlinkFile: "", Commit: "0123456789abcdef0123456789abcdef01234567", Entropy: 4.1, Author: "Dev", Email: "dev@example.com", Date: "2026-10-01T10:00:00Z", Message: "config", Tags: [], RuleID: "generic-api-key", Fingerprint: `0123456789abcdef0123456789abcdef01234567:config/app.env:generic-api-key:${n}` }]);

async function importReport(c: CallContext): Promise<Outcome> {
  const headers = new Headers({ host: "console.test", origin: "http://console.test", "content-type": "application/json" });
  if (c.principal && isToken(c.principal)) headers.set("authorization", `Bearer ${(c.principal as { secret?: string }).secret}`);
  const url = `http://console.test/api/v1/intake/gitleaks${c.principal && !isToken(c.principal) ? `?org=${c.team.org.slug}` : ""}`;
  const body = REPORT(String(Math.floor(Math.random() * 1e9)));
  const res = await runApi(new Request(url, { method: "POST", headers, body }), { db: c.db, session: async () => (c.principal && !isToken(c.principal) ? c.principal : null) }, { format: "gitleaks" }, intakeOp);
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: json.error?.code };
}

export const ENTRIES: MatrixEntry[] = [
  { kind: "route", file: "app/api/v1/intake/[format]/route.ts", export: "POST", binds: "route(intakeOp)", allowed: ["analyst", "lead", "token"], scope: "intake:write", call: importReport },
];
