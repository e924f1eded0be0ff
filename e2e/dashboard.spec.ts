// The executive's minute (SPEC §9): the dashboard for a chosen period, its numbers agreeing with the API and the
// CSV, a drill-down from "breached" to the very items in the queue, and a portfolio that shows an executive of
// one client nothing of another.
import fs from "node:fs";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { stateFile, type Persona } from "./personas";
import { open } from "./open";

async function as(browser: Browser, persona: Persona): Promise<Page> {
  const ctx = await browser.newContext({ storageState: stateFile(persona), acceptDownloads: true });
  return ctx.newPage();
}

/** The CSV's figures by section/row/column (the export is section, row, label, column, value). */
function csvFigures(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.trimEnd().split("\r\n").slice(1)) {
    const cells = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    out.set(`${cells[0]}/${cells[1]}/${cells[3]}`, cells[4]!);
  }
  return out;
}

test("an executive reads the dashboard for a period, checks its numbers and drills down from breached to the queue", async ({ browser }, testInfo) => {
  test.slow();
  const page = await as(browser, "acmeExec");
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, "/o/acme");
  // Executives land on the dashboard.
  await expect(page).toHaveURL(/\/o\/acme\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Programme dashboard" })).toBeVisible();
  // The desktop view, kept with the run's results for a person to look at (the charts drawn first).
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await testInfo.attach("dashboard at 1440 px", { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  const periods = page.getByRole("navigation", { name: "Period" });
  await expect(periods.getByRole("link", { name: "90 days" })).toHaveAttribute("aria-current", "page");

  // A shorter period.
  await periods.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/period=30d/);
  await expect(periods.getByRole("link", { name: "30 days" })).toHaveAttribute("aria-current", "page");
  const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const period = new URL(csvHref!, "http://x").searchParams;
  const days = (Date.parse(period.get("to")!) - Date.parse(period.get("from")!)) / 86_400_000;
  expect(days).toBe(30);

  // The same figures from the API, the dashboard's table and the CSV.
  const api = await page.request.get(`/api/v1/metrics/summary?org=acme&from=${period.get("from")}&to=${period.get("to")}`);
  expect(api.status()).toBe(200);
  const summary = (await api.json()) as { sla: { breached: number; closedWithinTarget: number; closedInPeriod: number }; backlog: { total: number; byAge: Record<string, number> } };
  expect(summary.sla.breached, "the demo has breached work").toBeGreaterThan(0);
  await expect(page.locator('[data-kpi="breached"]')).toHaveText(String(summary.sla.breached));
  const slaCard = page.locator('[data-chart="sla"]');
  await slaCard.getByText("Numbers").click();
  await expect(slaCard.locator('tr[data-row="breached"] td[data-column="items"]')).toHaveAttribute("data-value", String(summary.sla.breached));
  await expect(slaCard.locator('tr[data-row="met"] td[data-column="items"]')).toHaveAttribute("data-value", String(summary.sla.closedWithinTarget));
  const ageCard = page.locator('[data-chart="backlog-age"]');
  await ageCard.getByText("Numbers").click();
  await expect(ageCard.locator('tr[data-row="90d+"] td')).toHaveAttribute("data-value", String(summary.backlog.byAge["90d+"] ?? 0));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^acme-metrics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = csvFigures(fs.readFileSync((await download.path())!, "utf8"));
  expect(csv.get("headline/breached/value")).toBe(String(summary.sla.breached));
  expect(csv.get("sla/met/items")).toBe(String(summary.sla.closedWithinTarget));
  expect(csv.get("headline/open/value")).toBe(String(summary.backlog.total));
  expect(csv.get("backlog-age/90d+/items")).toBe(String(summary.backlog.byAge["90d+"] ?? 0));

  // Drill down: the breached figure opens the queue on exactly those items.
  await page.locator('[data-kpi="breached"]').click();
  await expect(page).toHaveURL(/\/o\/acme\/queue\?sla=breached$/);
  await expect(page.getByRole("heading", { name: "Work queue" })).toBeVisible();
  await expect(page.getByText(`${summary.sla.breached} open item${summary.sla.breached === 1 ? "" : "s"} in Acme Corporation matching these filters.`)).toBeVisible();

  // Back on the dashboard, a closed-in-period figure opens a drill-down that says what it shows.
  await open(page, "/o/acme/dashboard?period=30d");
  const slaCard2 = page.locator('[data-chart="sla"]');
  await slaCard2.getByText("Numbers").click();
  await slaCard2.locator('tr[data-row="met"] a').click();
  await expect(page).toHaveURL(/slaOutcome=met/);
  await expect(page.getByText("From the dashboard:")).toBeVisible();
  await expect(page.getByTestId("matching")).toHaveText(`${summary.sla.closedWithinTarget} item${summary.sla.closedWithinTarget === 1 ? "" : "s"} in Acme Corporation match this view.`);
});

test("the portfolio shows each person the organisations they may see, and an executive of one client nothing of another", async ({ browser }) => {
  const exec = await as(browser, "acmeExec");
  await open(exec, "/o/acme/portfolio");
  await expect(exec.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await expect(exec.getByTestId("portfolio").locator("tbody tr")).toHaveCount(1);
  await expect(exec.getByTestId("portfolio")).toContainText("Acme Corporation");
  await expect(exec.getByTestId("portfolio")).not.toContainText("Globex");
  // And no other organisation's dashboard or metrics either.
  expect((await exec.request.get("/api/v1/metrics/summary?org=globex")).status()).toBe(403);

  const provider = await as(browser, "providerExec");
  await open(provider, "/o/acme/portfolio");
  await expect(provider.getByTestId("portfolio").locator("tbody tr")).toHaveCount(3);
  const breached = await provider.locator('tr[data-org="globex"] td[data-column="breached"]').getAttribute("data-value");
  const globex = (await (await provider.request.get("/api/v1/metrics/summary?org=globex")).json()) as { sla: { breached: number } };
  expect(breached).toBe(String(globex.sla.breached));
});

test("the monthly report prints with its headline, trends, breached items, expiring exceptions, frameworks and definitions", async ({ browser }) => {
  const owner = await as(browser, "acmeOwner");
  await open(owner, "/o/acme/reports/monthly?month=2026-10");
  await expect(owner.getByRole("heading", { name: "Acme Corporation · October 2026" })).toBeVisible();
  for (const h of ["Headline", "Trends, six months to the end of October 2026", "Top breached items, open now", "Exceptions expiring within 30 days", "By framework"]) {
    await expect(owner.getByRole("heading", { name: h })).toBeVisible();
  }
  await expect(owner.locator('[data-framework="owasp-nhi-2025"]')).toContainText("Improper Offboarding");
  await expect(owner.getByText("How these figures are counted")).toBeVisible();
  // Printing drops the console around the report.
  await owner.emulateMedia({ media: "print" });
  await expect(owner.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(owner.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
});
