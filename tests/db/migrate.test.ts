// Migrating: a new database takes every migration and needs no vacuum; a database that already had migrations and
// takes new ones is vacuumed and analysed afterwards, so a table a migration rewrote (0012 rewrites work_items) has
// its pages marked all-visible again and index-only scans work at once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@/lib/db/client";
import { openTestDb, type TestDb } from "../helpers/db";
import { createOrg, createWorkItem } from "../helpers/factories";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t?.close());

const allVisible = async () =>
  (await t.db.execute<{ pages: number; visible: number }>(sql`select relpages as pages, relallvisible as visible from pg_class where relname = 'work_items'`)).rows[0]!;

describe("runMigrations", () => {
  it("applies nothing twice, and vacuums an existing database that took new migrations", async () => {
    expect(await runMigrations(t.db)).toEqual({ applied: 0, vacuumed: false });

    const org = await createOrg(t.db);
    for (let i = 0; i < 200; i++) await createWorkItem(t.db, org.id, { title: `Item ${i} ${"x".repeat(200)}` });
    // Rewritten, as a migration that adds a stored column leaves it: no page known to be all-visible.
    await t.db.execute(sql`cluster work_items using work_items_pkey`);
    await t.db.execute(sql`analyze work_items`);
    expect((await allVisible()).visible).toBe(0);

    // Forget the newest migration (it can be applied again: it replaces a policy), so there is one to take.
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
    expect(await runMigrations(t.db)).toEqual({ applied: 1, vacuumed: true });
    const after = await allVisible();
    expect(after.pages).toBeGreaterThan(0);
    expect(after.visible).toBe(after.pages);
  });
});
