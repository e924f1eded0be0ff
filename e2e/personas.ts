import { expect, type APIRequestContext } from "@playwright/test";

// Demo personas for the journeys. Each signs in once through next-auth's API (no typing) and keeps its cookies.
export const PASSWORD = "wrapper-demo";

export const personas = {
  admin: "admin@provider.demo",
  lead: "lead@provider.demo",
  analyst: "analyst@provider.demo",
  providerExec: "exec@provider.demo",
  acmeOwner: "owner@acme.demo",
  acmeExec: "exec@acme.demo",
  globexOwner: "owner@globex.demo",
} as const;

export type Persona = keyof typeof personas;

export const stateFile = (p: Persona) => `e2e/.auth/${p}.json`;

export async function signInViaApi(request: APIRequestContext, email: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: PASSWORD, json: "true" },
  });
  expect(res.ok(), `sign-in for ${email}`).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as { uid?: string };
  expect(session.uid, `session for ${email}`).toBeTruthy();
}
