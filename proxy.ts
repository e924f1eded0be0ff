// Security headers on every response, with a fresh CSP nonce per request (Next.js adds it to its scripts),
// and a request id that the server logs and the audit trail carry.
import { NextResponse, type NextRequest } from "next/server";
import { EVIDENCE_FILE_CSP } from "./lib/domain/evidence-file";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  // Evidence downloads are people's files: nothing in them may run, load or be framed (lib/api/evidence.ts).
  const download = /^\/api\/v1\/evidence\/[^/]+\/file$/.test(request.nextUrl.pathname);
  const csp = download ? EVIDENCE_FILE_CSP : [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestId = request.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID();

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  // Lets server components send a signed-out visitor back to exactly this page after sign-in.
  requestHeaders.set("x-request-path", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  response.headers.set("X-Request-Id", requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
