// Acting as the demo people through the real mutations (so the demo's audit trail, clocks and notifications are
// what the console itself would have written).
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { loadSessionUser } from "../auth/session-user";

/** Each demo person's session principal, by e-mail. */
export async function principals(db: Db) {
  const rows = await db.select({ id: users.id, email: users.email, sv: users.sessionVersion }).from(users);
  const out = new Map<string, NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>>();
  for (const r of rows) {
    const p = await loadSessionUser(db, { userId: r.id, sessionVersion: r.sv });
    if (p) out.set(r.email, p);
  }
  return out;
}

/** The data of a mutation that must succeed; a refusal is a broken demo, said loudly. */
export async function must<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>, what: string): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`demo data: ${what}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
