// next-auth configuration: credentials (argon2id, throttled) and an optional OIDC provider from the environment.
// The JWT carries only the user id and session version; everything else is read from the database per request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { verifyCredentials } from "./credentials";
import { authSecret } from "./secret";
import { findUserIdByEmail } from "./session-user";

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const first = (Array.isArray(raw) ? raw[0] : raw)?.split(",")[0]?.trim();
  return first || "unknown";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error("Enter your e-mail and password.");
          const address = clientAddress(req?.headers as Record<string, string> | undefined);
          const result = await verifyCredentials(await getDb(), { ...parsed.data, address }, {
            maxPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
            maxPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
            lockMinutes: env.LOGIN_LOCK_MINUTES,
          });
          if (!result.ok) {
            logger.warn({ event: "sign_in_refused", code: result.code, address }, "sign-in refused");
            throw new Error(result.message);
          }
          logger.info({ event: "sign_in", userId: result.user.id }, "signed in");
          return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
        },
      }),
      ...(env.oidc
        ? [
            {
              id: "oidc",
              name: env.oidc.name,
              type: "oauth" as const,
              wellKnown: `${env.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
              clientId: env.oidc.clientId,
              clientSecret: env.oidc.clientSecret,
              authorization: { params: { scope: "openid email profile" } },
              idToken: true,
              checks: ["pkce", "state"] as ("pkce" | "state")[],
              profile(p: { sub: string; email?: string; name?: string }) {
                return { id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? null };
              },
            },
          ]
        : []),
    ],
    callbacks: {
      // Single sign-on admits only people who already have an account (matched by e-mail).
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return "/signin?error=NoEmail";
        return (await findUserIdByEmail(await getDb(), user.email)) ? true : "/signin?error=NoAccount";
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "credentials") {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 1;
        } else if (user && account?.provider === "oidc" && user.email) {
          const found = await findUserIdByEmail(await getDb(), user.email);
          if (found) {
            token.uid = found.id;
            token.sv = found.sessionVersion;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
