// POST /api/v1/intake/{format} with real sample files: the queue fills once, a re-import creates nothing,
// Idempotency-Key semantics hold, a broken file writes nothing, and no raw secret from a file ends up in any
// response or table.
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeRequests, workItems } from "@/lib/db/schema";
import { intakeOp } from "@/lib/api/intake";
import { runApi } from "@/lib/api/handler";
import { openTestDb, type TestDb } from "../helpers/db";
import { createTeamWithPolicies, type Team } from "../helpers/team";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/intake");
const file = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

async function team() {
  const tm = await createTeamWithPolicies(t.db);
  return { tm, token: await tm.token(["intake:write"]) };
}

async function post(token: { secret: string }, format: string, body: Uint8Array | string, key?: string, query = "") {
  const headers = new Headers({ authorization: `Bearer ${token.secret}`, "content-type": "application/octet-stream" });
  if (key) headers.set("idempotency-key", key);
  const res = await runApi(new Request(`http://console.test/api/v1/intake/${format}${query}`, { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) }), { db: t.db, session: async () => null }, { format }, intakeOp);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown>, replayed: res.headers.get("idempotent-replayed") };
}

/** Items the inventory rules raised after an import. */
const raised = (j: Record<string, unknown>) => Object.values(j.raised as Record<string, number>).reduce((a, b) => a + b, 0);
const items = async (tm: Team) => (await t.db.select().from(workItems).where(eq(workItems.organisationId, tm.org.id))).length;

describe("intake through the API", () => {
  it("previews an import without writing anything", async () => {
    const { tm, token } = await team();
    const preview = await post(token, "gitleaks", file("gitleaks-report.json"), undefined, "?preview=true");
    expect(preview.status).toBe(200);
    expect(preview.json.created as number).toBeGreaterThan(0);
    expect(await items(tm)).toBe(0);
    const { rows } = await t.db.execute<{ n: string }>(sql`select count(*) as n from identities where organisation_id = ${tm.org.id} and source = 'gitleaks'`);
    expect(Number(rows[0]!.n)).toBe(0);
    expect((await post(token, "gitleaks", file("gitleaks-report.json"))).json).toEqual(preview.json);
  });

  it("fills the queue from a gitleaks report once: a re-import creates nothing", async () => {
    const { tm, token } = await team();
    const first = await post(token, "gitleaks", file("gitleaks-report.json"));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ reopened: 0, rejected: [] });
    expect(first.json.created as number).toBeGreaterThan(0);
    const n = await items(tm);
    // The team's own identity has no owner: the inventory rules raise its orphan assignment with the import.
    expect(raised(first.json)).toBe(1);
    expect(n).toBe((first.json.created as number) + raised(first.json));
    const again = await post(token, "gitleaks", file("gitleaks-report.json"));
    expect(again.json).toMatchObject({ created: 0, reopened: 0, unchanged: first.json.created, raised: { rotation_due: 0, orphaned: 0, deactivated_access: 0 } });
    expect(await items(tm)).toBe(n);
  });

  it("brings identities in from an AWS credential report and a SCIM export once, keeping owners assigned here", async () => {
    const { tm, token } = await team();
    const aws = await post(token, "aws-credential-report", file("aws-credential-report.csv"));
    expect(aws.status).toBe(200);
    expect(aws.json.created as number).toBeGreaterThan(2);
    const crlf = await post(token, "aws-credential-report", file("aws-credential-report-bom-crlf.csv"));
    expect(crlf.json).toMatchObject({ created: 0, updated: 0 });
    // An owner assigned in the console survives the next report (which names no owners).
    await t.db.execute(sql`update identities set owner_name = 'Priya Platform' where organisation_id = ${tm.org.id} and system = 'AWS IAM'`);
    expect((await post(token, "aws-credential-report", file("aws-credential-report.csv"))).json).toMatchObject({ created: 0, updated: 0 });
    const { rows } = await t.db.execute<{ n: string }>(sql`select count(*) as n from identities where organisation_id = ${tm.org.id} and source = 'aws-credential-report' and owner_name = 'Priya Platform'`);
    expect(Number(rows[0]!.n)).toBe(aws.json.created);
    const scim = await post(token, "scim-users", file("scim-users-list.json"));
    expect(scim.status).toBe(200);
    expect(scim.json.created as number).toBeGreaterThan(0);
    expect((await post(token, "scim-users", file("scim-users-list.json"))).json).toMatchObject({ created: 0, updated: 0 });
  });

  it("reports each bad record and writes the good ones; refuses a broken file whole and writes nothing", async () => {
    const { tm, token } = await team();
    const partly = await post(token, "gitleaks", file("gitleaks-report-partly-bad.json"));
    expect(partly.status).toBe(200);
    const rejected = partly.json.rejected as { record: number; field: string | null; error: string }[];
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) expect(r.record).toBeGreaterThan(0);
    expect(await items(tm)).toBe((partly.json.created as number) + raised(partly.json));

    const { tm: other, token: t2 } = await team();
    const broken = await post(t2, "gitleaks", file("gitleaks-report-truncated.json"));
    expect(broken.status).toBe(422);
    expect((broken.json.error as { code: string }).code).toBe("invalid:intake.gitleaks");
    expect(await items(other)).toBe(0);
    const junk = await post(t2, "trufflehog", new Uint8Array([0, 159, 146, 150, 0, 1, 2]));
    expect(junk.status).toBe(422);
    expect((await post(t2, "not-a-format", "[]")).status).toBe(404);
  });

  it("replays the first answer for the same key, refuses the same key with another body, and says 409 while one runs", async () => {
    const { tm, token } = await team();
    const first = await post(token, "trufflehog", file("trufflehog.jsonl"), "import-2026-11-24");
    expect(first.status).toBe(200);
    const replay = await post(token, "trufflehog", file("trufflehog.jsonl"), "import-2026-11-24");
    expect(replay.status).toBe(200);
    expect(replay.replayed).toBe("true");
    expect(replay.json).toEqual(first.json);
    const other = await post(token, "trufflehog", file("trufflehog-partly-bad.jsonl"), "import-2026-11-24");
    expect(other.status).toBe(422);
    expect((other.json.error as { code: string }).code).toBe("invalid:intake.idempotency_key");
    // A request that is still running holds its key.
    await t.db.insert(intakeRequests).values({ organisationId: tm.org.id, idempotencyKey: "running", format: "trufflehog", bodySha256: "0".repeat(64) });
    const body = file("trufflehog.jsonl");
    await t.db.execute(sql`update intake_requests set body_sha256 = encode(sha256(${body}::bytea), 'hex') where idempotency_key = 'running' and organisation_id = ${tm.org.id}`);
    expect((await post(token, "trufflehog", body, "running")).status).toBe(409);
  });

  it("never keeps a raw secret from an imported file in a response or a table", async () => {
    const { tm, token } = await team();
    const responses = [
      await post(token, "gitleaks", file("gitleaks-report.json")),
      await post(token, "trufflehog", file("trufflehog.jsonl")),
      await post(token, "github-secret-scanning", file("github-secret-scanning-alerts.json")),
    ];
    // The secrets as the files hold them (an AWS access key id alone is an identifier, not a secret).
    const secrets = new Set<string>();
    for (const f of JSON.parse(file("gitleaks-report.json").toString("utf8")) as { Secret: string }[]) secrets.add(f.Secret);
    for (const line of file("trufflehog.jsonl").toString("utf8").split("\n")) {
      if (!line.trim().startsWith("{")) continue;
      const o = JSON.parse(line) as { Raw?: string; RawV2?: string };
      if (o.Raw) secrets.add(o.Raw);
      if (o.RawV2) secrets.add(o.RawV2);
    }
    for (const a of JSON.parse(file("github-secret-scanning-alerts.json").toString("utf8")) as { secret?: string }[]) if (a.secret) secrets.add(a.secret);
    const real = [...secrets].filter((s) => s.length >= 8 && !/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(s));
    expect(real.length).toBeGreaterThan(3);

    const { rows: tables } = await t.db.execute<{ table_name: string }>(sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organisation_id'`);
    let dump = responses.map((r) => r.text).join("\n");
    for (const { table_name } of tables) {
      const { rows } = await t.db.execute<{ j: string }>(sql`select row_to_json(x)::text as j from ${sql.identifier(table_name)} x where x.organisation_id = ${tm.org.id}`);
      dump += rows.map((r) => r.j).join("\n");
    }
    // JSON escapes a newline inside a private key; look for its first line too.
    for (const s of real) {
      expect(dump.includes(s), `raw secret found: ${s.slice(0, 6)}…`).toBe(false);
      expect(dump.includes(JSON.stringify(s).slice(1, -1)), `raw secret found (escaped): ${s.slice(0, 6)}…`).toBe(false);
    }
  });
});
