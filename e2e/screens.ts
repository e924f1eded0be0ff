// Takes screenshots of every console page for each demo role at desktop and narrow widths, for a person to look at.
// Usage: BASE_URL=http://localhost:3000 npx tsx e2e/screens.ts  (the console must be running). Output: e2e/.screens/
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./browser";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const out = "e2e/.screens";
fs.mkdirSync(out, { recursive: true });

const shots: { email: string; paths: string[] }[] = [
  { email: "lead@provider.demo", paths: ["/o/acme/queue", "/o/acme/identities", "/o/acme/queue?stage=closure", "/o/acme/items/12", "/o/acme/inbox", "/o/acme/settings/deliveries", "/o/acme/settings/policies"] },
  { email: "analyst@provider.demo", paths: ["/o/globex/queue?assignee=me", "/o/acme/queue?sla=breached&sort=sla", "/o/acme/items/new", "/o/acme/items/5"] },
  { email: "owner@acme.demo", paths: ["/o/acme/queue", "/o/acme/items/12", "/o/acme/inbox", "/o/acme/settings/policies/escalation/new"] },
  { email: "exec@acme.demo", paths: ["/o/acme/dashboard", "/o/acme/dashboard?period=30d", "/o/acme/portfolio", "/o/acme/reports/monthly", "/o/acme/items/12", "/o/acme/queue?sla=at_risk"] },
  { email: "exec@provider.demo", paths: ["/o/acme/portfolio", "/o/globex/dashboard"] },
  { email: "admin@provider.demo", paths: ["/o/acme/settings/members", "/o/acme/settings/tokens", "/o/acme/settings/deliveries"] },
];

const browser = await chromium.launch(chromiumLaunchOptions);
for (const width of [1366, 390]) {
  const page0 = await browser.newPage({ viewport: { width, height: width > 500 ? 900 : 844 } });
  await page0.goto(`${base}/signin`);
  await page0.screenshot({ path: `${out}/signin-${width}.png`, fullPage: true });
  await page0.close();
  for (const s of shots) {
    const ctx = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/signin`);
    await page.getByLabel("E-mail").fill(s.email);
    await page.getByLabel("Password").fill("wrapper-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    for (const p of s.paths) {
      await page.goto(`${base}${p}`);
      const name = `${s.email.split("@")[0]}-${s.email.split("@")[1]!.split(".")[0]}${p.replace(/[/?=]/g, "_")}-${width}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: width > 500 });
    }
    await ctx.close();
  }
}
await browser.close();
console.log(`screenshots in ${out}`);
