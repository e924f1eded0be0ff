// The one place that reads process.env. Defaults make the embedded mode run with no environment at all.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  DEMO_MODE: bool.optional(),
  SEED_ON_START: bool.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  // The in-process SLA and escalation sweeper: seconds between passes; 0 turns it off (cron runs npm run sweep).
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  APP_URL: z.url().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL").optional().or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default("Wrapper Ops Console <no-reply@localhost>"),
  WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "WEBHOOK_URL must be an http:// or https:// URL" }).optional().or(z.literal("").transform(() => undefined)),
  WEBHOOK_SECRET: z.string().min(16, "WEBHOOK_SECRET must be at least 16 characters").optional(),
}).refine((e) => !e.WEBHOOK_URL || e.WEBHOOK_SECRET, {
  path: ["WEBHOOK_SECRET"],
  message: "WEBHOOK_URL is set without WEBHOOK_SECRET; webhooks are always signed, so set WEBHOOK_SECRET (16+ characters) or unset WEBHOOK_URL",
});

export type Env = z.infer<typeof schema> & {
  embedded: boolean;
  demoMode: boolean;
  seedOnStart: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
};

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, name: e.OIDC_NAME }
      : null;
  return {
    ...e,
    embedded,
    demoMode: e.DEMO_MODE ?? embedded,
    seedOnStart: e.SEED_ON_START ?? embedded,
    oidc,
  };
}

export const env: Env = load();
