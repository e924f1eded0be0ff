// Runs every cell of the authorization matrix (tests/authz): each route and server action × each role in its
// own organisation × a member of another organisation × anonymous × API tokens with and without the scope.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "@/lib/auth/session-user";
import type { Principal } from "@/lib/auth/principal";
import { openTestDb, type TestDb } from "../helpers/db";
import { createTeam, type Team } from "../helpers/team";
import { createOrg, createUser } from "../helpers/factories";
import { ENTRIES } from "../authz/all";
import { PUBLIC_PAGES, PUBLIC_ROUTES, ROLES_AND_MORE, type MatrixEntry, type Who } from "../authz/matrix";

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

/** Every route method and server action the app exports. */
function exportedEndpoints(): { file: string; export: string }[] {
  const out: { file: string; export: string }[] = [];
  for (const abs of walk(path.join(ROOT, "app"))) {
    const file = path.relative(ROOT, abs).split(path.sep).join("/");
    const src = fs.readFileSync(abs, "utf8");
    if (/\/route\.ts$/.test(file)) {
      for (const m of src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) out.push({ file, export: m[1]! });
      for (const m of src.matchAll(/export \{([^}]+)\}/g)) for (const name of m[1]!.split(",").map((s) => s.trim().split(/\s+as\s+/).pop()!)) out.push({ file, export: name });
    } else if (/\/page\.tsx$/.test(file)) {
      out.push({ file, export: "default" });
    } else if (/^["']use server["']/m.test(src)) {
      for (const m of src.matchAll(/export async function (\w+)/g)) out.push({ file, export: m[1]! });
    }
  }
  return out;
}

let t: TestDb;
let team: Team;
let principals: Record<Who, Principal | null>;
const tokens = new Map<string, Principal>();

beforeAll(async () => {
  t = await openTestDb();
  team = await createTeam(t.db);
  const other = await createOrg(t.db, "Elsewhere");
  const foreign = await createUser(t.db, { memberships: [[other.id, "lead"]] });
  principals = {
    analyst: team.as("analyst"),
    lead: team.as("lead"),
    owner: team.as("owner"),
    executive: team.as("executive"),
    admin: team.as("admin"),
    foreign: (await loadSessionUser(t.db, { userId: foreign.id, sessionVersion: 1 }))!,
    anonymous: null,
    token: null,
    "token-without-scope": null,
  };
  for (const scope of ["items:read", "items:write", "intake:write"] as const) tokens.set(scope, await team.token([scope]));
});
afterAll(() => t?.close());

function callers(e: MatrixEntry): Who[] {
  return ROLES_AND_MORE.filter((w) => e.kind === "route" || !w.startsWith("token"));
}

function principalFor(e: MatrixEntry, who: Who): Principal | null {
  if (who === "token") return tokens.get(e.scope!)!;
  if (who === "token-without-scope") return tokens.get(e.scope === "items:read" ? "intake:write" : "items:read")!;
  return principals[who];
}

describe("authorization matrix", () => {
  it("covers every route and server action of the app", () => {
    const listed = new Set(ENTRIES.map((e) => `${e.file}#${e.export}`));
    const missing = exportedEndpoints().filter((x) => !listed.has(`${x.file}#${x.export}`) && !PUBLIC_ROUTES[x.file] && !PUBLIC_PAGES[x.file]);
    expect(missing, "add these to an entries file under tests/authz").toEqual([]);
  });

  it("tests what the app really binds", () => {
    for (const e of ENTRIES) {
      const src = fs.readFileSync(path.join(ROOT, e.file), "utf8");
      expect(src, `${e.file} should contain ${e.binds}`).toContain(e.binds);
      if (e.kind === "page") expect(src).toMatch(/export default async function \w+/);
      else expect(src).toMatch(new RegExp(`export (?:const|async function) ${e.export}\\b`));
      if (e.kind === "route") expect(e.scope, `${e.file} ${e.export} needs a token scope`).toBeDefined();
    }
  });

  for (const e of ENTRIES) {
    describe(`${e.kind === "route" ? e.export + " " + e.file.replace(/^app|\/route\.ts$/g, "") : e.kind === "page" ? "page " + e.file.replace(/^app\/\(console\)|\/page\.tsx$/g, "") : e.export}`, () => {
      for (const who of ROLES_AND_MORE) {
        if (!callers(e).includes(who)) continue;
        const allowed = e.allowed.includes(who);
        const expected = allowed ? "allowed" : who === "anonymous" ? 401 : 403;
        it(`${who} → ${expected}`, async () => {
          const out = await e.call({ db: t.db, team, principal: principalFor(e, who) });
          if (allowed) expect(out, JSON.stringify(out)).toMatchObject({ status: expect.toSatisfy((s: number) => s >= 200 && s < 300) });
          else expect(out, JSON.stringify(out)).toMatchObject({ status: expected });
        });
      }
    });
  }

  it("answers a refused member with the organisation's own denial, and a stranger without revealing the item", async () => {
    const e = ENTRIES.find((x) => x.export === "moveAction")!;
    const owner = await e.call({ db: t.db, team, principal: principals.owner });
    const stranger = await e.call({ db: t.db, team, principal: principals.foreign });
    expect(owner.code).toBe("forbidden:work_item.triage");
    expect(stranger.code).toBe("forbidden:organisation");
  });
});
