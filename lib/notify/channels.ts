// Sends one delivery over its channel: e-mail through SMTP (nodemailer) or a signed webhook POST. Each
// function throws on failure with a short message that is safe to store and show (no secrets).
import nodemailer, { type Transporter } from "nodemailer";
import type { DeliveryConfig } from "./config";
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";

export const WEBHOOK_TIMEOUT_MS = 5_000;

export interface OutgoingDelivery {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  payload: unknown;
}

// One transport per SMTP URL for the life of the process (nodemailer keeps no connection open between sends).
const transports = new Map<string, Transporter>();

function transport(smtpUrl: string): Transporter {
  let t = transports.get(smtpUrl);
  if (!t) {
    t = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(smtpUrl, t);
  }
  return t;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function emailContent(d: OutgoingDelivery): { text: string; html: string } {
  const link = typeof (d.payload as { link?: unknown })?.link === "string" ? (d.payload as { link: string }).link : null;
  const absolute = link !== null && /^https?:\/\//.test(link);
  const text = `${d.body}${link ? `\n\nOpen: ${link}` : ""}\n\n— Wrapper Ops Console`;
  const html =
    `<p style="font-family:sans-serif;font-size:14px;color:#0f172a">${escapeHtml(d.body).replace(/\n/g, "<br>")}</p>` +
    (link ? `<p style="font-family:sans-serif;font-size:14px">${absolute ? `<a href="${escapeHtml(link)}">Open in Wrapper Ops Console</a>` : `Open ${escapeHtml(link)} in Wrapper Ops Console`}</p>` : "");
  return { text, html };
}

export async function sendEmail(email: NonNullable<DeliveryConfig["email"]>, d: OutgoingDelivery): Promise<void> {
  const { text, html } = emailContent(d);
  try {
    await transport(email.smtpUrl).sendMail({ from: email.from, to: d.recipient, subject: d.subject, text, html, headers: { "X-Wrapper-Delivery": d.id } });
  } catch (e) {
    throw new Error(describe(e, [email.smtpUrl, passwordOf(email.smtpUrl)]));
  }
}

export async function sendWebhook(webhook: NonNullable<DeliveryConfig["webhook"]>, d: OutgoingDelivery, fetchFn: typeof fetch = fetch): Promise<void> {
  const body = JSON.stringify(d.payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const event = (d.payload as { type?: unknown })?.type;
  let res: Response;
  try {
    res = await fetchFn(webhook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "wrapper-ops-console",
        "x-wrapper-event": typeof event === "string" ? event : "notification",
        "x-wrapper-delivery": d.id,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
      },
      body,
      // A redirect is an answer we did not ask for: it counts as a failure rather than being followed.
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (e) {
    throw new Error(describe(e, [webhook.url, webhook.secret]));
  }
  await res.body?.cancel().catch(() => {});
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`.slice(0, 120));
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return "";
  }
}

/** A short, secret-free sentence for an error: the network cause when there is one (ECONNREFUSED, timeouts). */
export function describe(e: unknown, secrets: string[] = []): string {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  let msg: string;
  if (err?.name === "TimeoutError") msg = `Timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  else if (err?.cause?.message) msg = err.cause.message;
  else msg = err?.message || String(e);
  for (const s of secrets) if (s && s.length >= 4) msg = msg.split(s).join("[redacted]");
  return msg.replace(/\s+/g, " ").trim().slice(0, 300);
}
