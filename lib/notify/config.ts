// Which delivery channels are configured (e-mail through SMTP, a signed webhook), read from the env module.
// Functions that send take the config as a parameter, so tests and CLIs pass their own.
import { env, type Env } from "../env";

export interface DeliveryConfig {
  /** Set when SMTP_URL is: e-mail goes out through that server. */
  email: { smtpUrl: string; from: string } | null;
  /** Set when WEBHOOK_URL and WEBHOOK_SECRET both are: every POST is signed with the secret. */
  webhook: { url: string; secret: string } | null;
  /** Public base URL for links in e-mails and webhooks; links stay relative paths without it. */
  appUrl: string | null;
}

type DeliveryEnv = Pick<Env, "SMTP_URL" | "MAIL_FROM" | "WEBHOOK_URL" | "WEBHOOK_SECRET" | "APP_URL" | "NEXTAUTH_URL">;

export function deliveryConfig(e: DeliveryEnv = env): DeliveryConfig {
  // lib/env.ts refuses this at start-up already; a hand-built env must not slip an unsigned webhook through.
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) {
    throw new Error("WEBHOOK_URL is set without WEBHOOK_SECRET; webhooks are always signed, so set WEBHOOK_SECRET or unset WEBHOOK_URL");
  }
  return {
    email: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET } : null,
    appUrl: (e.APP_URL ?? e.NEXTAUTH_URL ?? null)?.replace(/\/+$/, "") ?? null,
  };
}

/** `path` made absolute with the configured public URL, when there is one. */
export function absoluteLink(config: DeliveryConfig, path: string): string {
  return config.appUrl && path.startsWith("/") ? `${config.appUrl}${path}` : path;
}
