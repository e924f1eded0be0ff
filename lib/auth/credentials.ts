// Checks an e-mail and password against the database, with throttling of failed attempts.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { withScope } from "../db/tenant";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedUntil, recordFailure } from "./throttle";

export interface ThrottlePolicy {
  maxPerAccount: number;
  maxPerAddress: number;
  lockMinutes: number;
}

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "invalid_credentials" | "throttled" | "disabled"; message: string };

export const INVALID_MESSAGE = "That e-mail and password do not match an account.";

export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; address: string },
  policy: ThrottlePolicy,
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `account:${email}`;
  const addressKey = `address:${input.address}`;

  return withScope(db, { orgIds: [] }, async (tx) => {
    const until = await lockedUntil(tx, [accountKey, addressKey], now);
    if (until) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      return {
        ok: false,
        code: "throttled",
        message: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      } as const;
    }

    const [user] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
    const valid = user?.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : (await verifyPassword(await dummyPasswordHash(), input.password), false);

    if (!user || !valid) {
      await recordFailure(
        tx,
        [
          { key: accountKey, limit: policy.maxPerAccount },
          { key: addressKey, limit: policy.maxPerAddress },
        ],
        now,
        policy.lockMinutes,
      );
      return { ok: false, code: "invalid_credentials", message: INVALID_MESSAGE } as const;
    }
    if (user.disabledAt) {
      return { ok: false, code: "disabled", message: "This account is disabled. Ask your administrator." } as const;
    }
    await clearFailures(tx, accountKey);
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } } as const;
  });
}
