// The audit trail is append-only and hash-chained per organisation; audit:verify names the first broken row.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChains } from "@/lib/audit/verify";
import { withTenant } from "@/lib/db/tenant";
import { openTestDb, type TestDb } from "../helpers/db";
import { expectDbError } from "../helpers/errors";
import { createAuditEvents, createOrg } from "../helpers/factories";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe("audit trail", () => {
  it("chains each organisation's events with consecutive sequence numbers", async () => {
    const org = await createOrg(t.db);
    await createAuditEvents(t.db, org.id, 5);
    const { rows } = await t.db.execute<{ seq: string; prev_hash: string; hash: string }>(
      sql`select seq, prev_hash, hash from audit_events where organisation_id = ${org.id} order by seq`,
    );
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const report = (await verifyAuditChains(t.db)).find((r) => r.organisationId === org.id);
    expect(report).toMatchObject({ ok: true, events: 5, firstBroken: null });
  });

  for (const statement of ["update", "delete", "truncate"] as const) {
    it(`rejects ${statement.toUpperCase()} as the runtime role and as the owner`, async () => {
      const org = await createOrg(t.db);
      await createAuditEvents(t.db, org.id, 2);
      const q =
        statement === "update"
          ? sql`update audit_events set reason = 'rewritten' where organisation_id = ${org.id}`
          : statement === "delete"
            ? sql`delete from audit_events where organisation_id = ${org.id}`
            : sql`truncate audit_events`;
      await expectDbError(withTenant(t.db, org.id, null, (tx) => tx.execute(q)), /permission denied|append-only/);
      await expectDbError(t.db.execute(q), /append-only/);
      const { rows } = await t.db.execute<{ n: string }>(sql`select count(*) as n from audit_events where organisation_id = ${org.id}`);
      expect(Number(rows[0]!.n)).toBe(2);
    });
  }

  it("reports a row altered behind the triggers' back, at that row", async () => {
    const org = await createOrg(t.db);
    await createAuditEvents(t.db, org.id, 6);
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from audit_events where organisation_id = ${org.id} and seq = 4`);
    const tamperedId = Number(rows[0]!.id);
    // The table owner can switch the guard off: exactly what the hash chain exists to catch.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
      await tx.execute(sql`update audit_events set after = '{"i": 999}'::jsonb where id = ${tamperedId}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    });
    const report = (await verifyAuditChains(t.db)).find((r) => r.organisationId === org.id)!;
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ id: tamperedId, seq: 4, reason: "hash does not match the row's contents" });

    // The command-line tool says the same, names the row and exits non-zero.
    const run = promisify(execFile)("npx", ["tsx", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "production", LOG_LEVEL: "silent" },
    });
    const failure = (await run.then(() => null, (e: { code: number; stdout: string }) => e))!;
    expect(failure).not.toBeNull();
    expect(failure.code).toBe(2);
    expect(failure.stdout).toContain(`BROKEN  ${org.slug}`);
    expect(failure.stdout).toContain(`first broken row: id ${tamperedId} (seq 4)`);
  });
});
