// Security headers (SPEC §13) on the production build: every page, API answer and error carries a nonce-based
// CSP with no inline scripts allowed, HSTS, nosniff and frame-ancestors 'none'; each response has its own nonce,
// and the page's scripts carry it. (Hashed static chunks under /_next/static are files, not documents: no CSP.)
import { test, expect, type APIResponse } from "@playwright/test";
import { stateFile } from "./personas";

function checkHeaders(res: APIResponse, what: string): string {
  const h = res.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).not.toBe("");
  const directives: Record<string, string[]> = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  const script = directives["script-src"] ?? directives["default-src"] ?? [];
  expect(script, `${what}: script-src`).not.toContain("'unsafe-inline'");
  expect(directives["frame-ancestors"], `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(h["strict-transport-security"], `${what}: HSTS`).toMatch(/max-age=\d{7,}/);
  expect(h["x-content-type-options"], `${what}: nosniff`).toBe("nosniff");
  return script.find((s) => s.startsWith("'nonce-")) ?? "";
}

test.use({ storageState: stateFile("acmeExec") });

test("every kind of response carries the security headers, with a fresh nonce each time", async ({ request, page }) => {
  const urls = ["/signin", "/o/acme/dashboard", "/o/acme/queue?sla=breached", "/api/health", "/api/v1/openapi.json", "/api/v1/metrics/summary?org=acme", "/api/v1/metrics/summary?org=acme&format=csv", "/no/such/page", "/api/v1/work-items?org=globex"];
  const nonces: string[] = [];
  for (const url of urls) {
    const res = await request.get(url);
    expect([200, 403, 404], url).toContain(res.status());
    const nonce = checkHeaders(res, url);
    if (res.headers()["content-type"]?.startsWith("text/html")) {
      expect(nonce, `${url}: a nonce in script-src`).toMatch(/^'nonce-[A-Za-z0-9+/=]{16,}'$/);
      nonces.push(nonce);
    }
  }
  // Two loads of the same page: two nonces.
  const again = checkHeaders(await request.get("/signin"), "/signin again");
  expect(again).not.toBe(nonces[0]);
  expect(new Set(nonces).size).toBe(nonces.length);

  // The page's scripts carry the response's nonce, and the page runs under the policy (the dashboard's charts draw).
  const res = await page.goto("/o/acme/dashboard");
  const nonce = /'nonce-([^']+)'/.exec(res!.headers()["content-security-policy"] ?? "")![1];
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  await expect(page.locator('[data-chart="backlog-trend"] .recharts-line').first()).toBeVisible();
});
