// Failed sign-in counters per account and per client address, kept in the database so that every
// instance sees the same counts. A key locks once its failures within the window reach its limit.
import { eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { authThrottle } from "../db/schema";

export interface ThrottleRule {
  key: string;
  limit: number;
}

export async function lockedUntil(tx: Tx, keys: string[], now: Date): Promise<Date | null> {
  if (keys.length === 0) return null;
  const rows = await tx.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, keys));
  const until = rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => d !== null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

export async function recordFailure(tx: Tx, rules: ThrottleRule[], now: Date, lockMinutes: number): Promise<void> {
  const windowStart = new Date(now.getTime() - lockMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  for (const { key, limit } of rules) {
    await tx
      .insert(authThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockUntil : null })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then 1 else ${authThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then ${now} else ${authThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when (case when ${authThrottle.windowStartedAt} < ${windowStart} then 1 else ${authThrottle.failures} + 1 end) >= ${limit} then ${lockUntil}::timestamptz else ${authThrottle.lockedUntil} end`,
        },
      });
  }
}

export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.delete(authThrottle).where(eq(authThrottle.key, key));
}
