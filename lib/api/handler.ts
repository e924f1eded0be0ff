// The REST API's door, framework-free so tests drive it with plain Requests: authenticate (bearer token,
// or the browser session with an Origin check), pick the organisation, read a bounded JSON body, and turn
// every failure into `{ "error": { "code", "message" } }` with the status its code implies.
import type { Db } from "../db/client";
import { AppError, statusOf, toAppError } from "../errors";
import { logger } from "../logger";
import { resolveApiToken } from "../auth/api-tokens";
import { isToken, type Principal } from "../auth/principal";
import type { SessionUser } from "../auth/session-user";
import { newRequestId, type ActionError, type ActionResult } from "../actions/mutation";

export const MAX_BODY_BYTES = 64 * 1024;

export interface ApiDeps {
  db: Db;
  /** The browser session's user, if any (next-auth in the app; injected in tests). */
  session: () => Promise<SessionUser | null>;
}

export interface ApiContext {
  req: Request;
  url: URL;
  db: Db;
  principal: Principal;
  orgSlug: string;
  requestId: string;
  params: Record<string, string>;
}

export async function authenticate(req: Request, deps: ApiDeps): Promise<Principal> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    const token = m ? await resolveApiToken(deps.db, m[1]!) : null;
    if (!token) throw new AppError("unauthorized:token", "The API token is unknown, expired or revoked.");
    return token;
  }
  const user = await deps.session();
  if (!user) throw new AppError("unauthorized:session", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  if (req.method !== "GET" && req.method !== "HEAD") {
    // The session cookie rides along on cross-site requests; only same-origin pages may change things with it.
    const origin = req.headers.get("origin");
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    let ok = false;
    try {
      ok = !!origin && !!host && new URL(origin).host === host;
    } catch {
      ok = false;
    }
    if (!ok) throw new AppError("forbidden:origin", "Changes with a browser session must come from this console's own pages.");
  }
  return user;
}

/** A token works in its own organisation; a person names one with `?org=SLUG` unless they have only one. */
export function organisationFor(principal: Principal, url: URL): string {
  const asked = url.searchParams.get("org");
  if (isToken(principal)) {
    if (asked && asked !== principal.slug) throw new AppError("forbidden:organisation", "This token belongs to another organisation.");
    return principal.slug;
  }
  if (asked) return asked;
  if (principal.memberships.length === 1) return principal.memberships[0]!.slug;
  throw new AppError("bad_request:organisation", "Say which organisation: add ?org=SLUG to the URL.");
}

/** The JSON body, refusing bodies over MAX_BODY_BYTES without reading them whole. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("bad_request:content_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(await readBounded(req, MAX_BODY_BYTES, tooLarge));
  if (!text.trim()) throw new AppError("bad_request:json", "The request needs a JSON body.");
  try {
    return JSON.parse(text, refuseUnstorable) as unknown;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request:json", `The body is not valid JSON (${(e as Error).message}).`);
  }
}

// PostgreSQL text cannot hold U+0000, nor its JSON a lone UTF-16 surrogate: refuse them here rather than fail in a query.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function refuseUnstorable(key: string, value: unknown): unknown {
  if (UNSTORABLE.test(key) || (typeof value === "string" && UNSTORABLE.test(value))) {
    const problem = "Contains a NUL character (\\u0000) or an unpaired surrogate (such as \\ud800), which no field accepts.";
    throw new AppError("invalid:input", "Some fields need attention.", { [key === "" ? "(root)" : key]: [problem] });
  }
  return value;
}

const tooLarge = () => new AppError("too_large:body", `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`);

/**
 * The request body, read with a running count: a declared or actual size over `limit` stops the reading there
 * and throws `refuse()`, so nothing past the limit is read or kept.
 */
export async function readBounded(req: Request, limit: number, refuse: () => Error): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw refuse();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw refuse();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

export function json(data: unknown, status = 200, requestId?: string): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "no-store", ...(requestId ? { "X-Request-Id": requestId } : {}) } });
}

export function errorResponse(e: ActionError, requestId?: string): Response {
  const body = { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}), ...(e.details ? { details: e.details } : {}) } };
  return json(body, statusOf(e.code), requestId);
}

/** `ActionResult` → Response: the data through `ok`, or the coded error. */
export function respond<T>(r: ActionResult<T>, ok: (data: T) => Response | Promise<Response>, requestId?: string): Response | Promise<Response> {
  return r.ok ? ok(r.data) : errorResponse(r.error, requestId);
}

export async function runApi(
  req: Request,
  deps: ApiDeps,
  params: Record<string, string>,
  op: (ctx: ApiContext) => Promise<Response>,
): Promise<Response> {
  const requestId = req.headers.get("x-request-id") ?? newRequestId();
  try {
    const url = new URL(req.url);
    const principal = await authenticate(req, deps);
    // No parameter accepts U+0000 (PostgreSQL text cannot hold it): refuse it here rather than fail in a query.
    for (const [k, v] of url.searchParams) {
      if (k.includes("\0") || v.includes("\0")) throw new AppError("bad_request:query", "The query string contains a NUL character (%00), which no parameter accepts.");
    }
    return await op({ req, url, db: deps.db, principal, orgSlug: organisationFor(principal, url), requestId, params });
  } catch (e) {
    const err = toAppError(e);
    if (err.status >= 500) logger.error({ err: e, requestId, path: req.url }, "api request failed");
    return errorResponse({ code: err.code, message: err.message, ...(err.code === "invalid:input" ? { fields: err.details as Record<string, string[]> } : {}) }, requestId);
  }
}
