// The authorization matrix as data (SPEC §13): every route handler and server action, who may call it,
// and how to call it in a scenario where the permitted callers succeed. tests/db/authz-matrix.test.ts runs
// every cell and fails on any route or action missing from here. Later issues add their rows.
import type { Db } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import type { Team } from "../helpers/team";

export const ROLES_AND_MORE = ["analyst", "lead", "owner", "executive", "admin", "foreign", "anonymous", "token", "token-without-scope"] as const;
export type Who = (typeof ROLES_AND_MORE)[number];

export interface CallContext {
  db: Db;
  team: Team;
  /** The caller: a session user, a token principal, or null for anonymous. */
  principal: Principal | null;
}

export interface Outcome {
  status: number;
  code?: string;
}

export interface MatrixEntry {
  /** Route file under app/ and its exported method, action file and exported function, or page file and "default". */
  file: string;
  export: string;
  kind: "route" | "action" | "page";
  /** The binding that must appear in the file, so the matrix tests what the app really calls. */
  binds: string;
  /** Who succeeds (2xx); every other caller must be refused: 401 anonymous, 403 everyone else. */
  allowed: readonly Who[];
  /** Scope a token needs (routes only); "token" has it, "token-without-scope" has another one. */
  scope?: "items:read" | "items:write" | "intake:write";
  call: (c: CallContext) => Promise<Outcome>;
}

/** Pages anyone may open (they decide where a visitor goes), each with its reason. */
export const PUBLIC_PAGES: Record<string, string> = {
  "app/page.tsx": "the front door: sends a visitor to sign-in or to their first organisation's landing page",
  "app/signin/page.tsx": "the sign-in form itself",
};

/** Routes the matrix deliberately does not run, each with its reason. */
export const PUBLIC_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "sign-in itself (next-auth); covered by tests/db/auth.test.ts and the e2e sign-in",
  "app/api/health/route.ts": "public by SPEC §10 (status only, no data)",
  "app/api/v1/openapi.json/route.ts": "the public API description",
};
