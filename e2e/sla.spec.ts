// SLA in the queue: an analyst sees breached work flagged by colour and word, filters to it, and sorts by
// what falls due first; the state agrees with the item page's clocks.
import { test, expect } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

test.use({ storageState: stateFile("analyst") });

test("an analyst sees breached items flagged, filters to them and sorts by SLA due", async ({ page }) => {
  await open(page, "/o/acme/queue");
  const sla = page.getByRole("table").locator("tbody [data-sla]");
  await expect(sla.first()).toBeVisible();
  // The demo data has work past its target: flagged in words, not only in red.
  await expect(page.getByRole("table").locator('tbody [data-sla="breached"]').first()).toContainText("Breached");

  await page.getByLabel("SLA", { exact: true }).selectOption("breached");
  await expect(page).toHaveURL(/sla=breached/);
  await expect(sla.first()).toContainText("Breached");
  const states = await sla.evaluateAll((els) => els.map((e) => e.getAttribute("data-sla")));
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(["breached"]));
  await expect(sla.first()).toContainText(/\d+[mhd] over/);

  // The first breached item's page says the same.
  const first = page.getByRole("table").locator("tbody tr").first().getByRole("link").first();
  await first.click();
  await expect(page.getByRole("heading", { name: /SLA/ })).toBeVisible();
  await expect(page.locator("[data-clock]").filter({ hasText: "Breached" }).first()).toBeVisible();

  await open(page, "/o/acme/queue?sla=at_risk");
  const risky = await page.getByRole("table").locator("tbody [data-sla]").evaluateAll((els) => els.map((e) => e.getAttribute("data-sla")));
  expect(risky.every((s) => s === "at_risk")).toBe(true);

  await open(page, "/o/acme/queue");
  await page.getByLabel("Sort").selectOption("sla");
  await expect(page).toHaveURL(/sort=sla/);
  // Soonest due first: every breached item comes before every item still on track.
  const sorted = await sla.evaluateAll((els) => els.map((e) => e.getAttribute("data-sla")));
  const lastBreached = sorted.lastIndexOf("breached");
  const firstOk = sorted.indexOf("ok");
  expect(lastBreached).toBeGreaterThanOrEqual(0);
  if (firstOk >= 0) expect(lastBreached).toBeLessThan(firstOk);
});
