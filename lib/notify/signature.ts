// Webhook signatures (docs/decisions/007-notifications-outbox.md): HMAC-SHA256 over "<timestamp>.<raw body>",
// sent as `x-wrapper-signature: sha256=<hex>` with the timestamp in `x-wrapper-timestamp` (unix seconds).
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "x-wrapper-signature";
export const TIMESTAMP_HEADER = "x-wrapper-timestamp";

export function signWebhook(secret: string, timestamp: string | number, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * True when `header` is the signature of `body` at `timestamp` under `secret`, compared in constant time.
 * Receivers should also refuse an old timestamp (e.g. more than five minutes away from their clock).
 */
export function verifyWebhookSignature(secret: string, timestamp: string | number | null | undefined, body: string, header: string | null | undefined): boolean {
  if (!header || timestamp === null || timestamp === undefined || !/^\d+$/.test(String(timestamp))) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
