// A whole organisation for one test: two analysts, two leads, an owner, an executive and an admin (as the
// sessions the app would load for them), an identity, and a way to mint API-token principals.
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import { performMutation, type MutationDef } from "@/lib/actions/mutation";
import type { Principal } from "@/lib/auth/principal";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";
import type { TokenPrincipal } from "@/lib/auth/principal";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import type { ApiScope, Role } from "@/lib/domain/vocabulary";
import { DEFAULT_FRAMEWORKS } from "@/lib/domain/frameworks";
import { DEFAULT_ESCALATIONS, defaultSlaPolicy } from "@/lib/seed/policies";
import { createIdentity, createOrg, createPolicyVersion, createToken, createUser } from "./factories";

const SEATS: [Role, number][] = [["analyst", 2], ["lead", 2], ["owner", 2], ["executive", 1], ["admin", 1]];

export type Team = Awaited<ReturnType<typeof createTeam>>;

export async function createTeam(db: Db) {
  const org = await createOrg(db);
  const identity = await createIdentity(db, org.id);
  const people = {} as Record<Role, SessionUser[]>;
  for (const [role, n] of SEATS) {
    people[role] = [];
    for (let i = 0; i < n; i++) {
      const u = await createUser(db, { memberships: [[org.id, role]] });
      people[role].push((await loadSessionUser(db, { userId: u.id, sessionVersion: 1 }))!);
    }
  }
  return {
    org,
    identity,
    people,
    as: (role: Role, i = 0): SessionUser => people[role][i]!,
    token: async (scopes: ApiScope[]): Promise<TokenPrincipal & { secret: string }> => {
      const { secret } = await createToken(db, org.id, scopes);
      return { ...(await resolveApiToken(db, secret))!, secret };
    },
  };
}

/** A team whose organisation has the default SLA policy (UTC) and escalation rules active (and, asked for, the default framework mapping). */
export async function createTeamWithPolicies(db: Db, opts: { frameworks?: boolean } = {}) {
  const tm = await createTeam(db);
  await createPolicyVersion(db, tm.org.id, "sla", defaultSlaPolicy("UTC"));
  await createPolicyVersion(db, tm.org.id, "escalation", DEFAULT_ESCALATIONS);
  if (opts.frameworks) await createPolicyVersion(db, tm.org.id, "frameworks", DEFAULT_FRAMEWORKS);
  return tm;
}

/** `def` performed as `who` in the team's organisation (at `at`, a controlled clock, when given); a refusal throws with its code. */
export async function performOk<S extends z.ZodType, R>(db: Db, tm: Team, who: Principal, def: MutationDef<S, R>, input: z.infer<S>, at?: Date): Promise<R> {
  const r = await performMutation(db, who, tm.org.slug, def, input, undefined, at);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
