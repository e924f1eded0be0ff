// The service cycle in the browser: an analyst's day in the queue, the lead's four-eyes verification, the
// executive's read-only view, the queue's filters, paging, keys and bulk tools, and API tokens.
import { test, expect, request, type Page } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

const currentStage = (page: Page) => page.getByRole("list", { name: "Service cycle" }).locator('[aria-current="step"]');

async function itemId(page: Page, number: string) {
  const res = await page.request.get(`/api/v1/work-items/${number}?org=acme`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { item: { id: string; version: number } }).item;
}

test.describe("analyst and lead", () => {
  test.describe.configure({ mode: "serial" });
  let number = "";

  test("the analyst takes the next item and works it from intake to closure", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("analyst") });
    const page = await ctx.newPage();
    await open(page, "/o/acme/queue");
    await page.getByRole("button", { name: "Take next" }).click();
    await expect(page).toHaveURL(/\/o\/acme\/items\/\d+$/);
    number = page.url().split("/").pop()!;
    await expect(page.getByText("You", { exact: true })).toBeVisible(); // the assignee

    // Whatever stage it was in, the analyst carries out and marks the implementation done themselves.
    if ((await currentStage(page).textContent())?.includes("Evidence")) {
      await page.getByRole("button", { name: "Back to implementation" }).click();
      await page.getByLabel(/Reason for/).fill("Re-checking the change before capturing evidence");
      await page.locator("form").getByRole("button", { name: "Back to implementation" }).click();
      await expect(currentStage(page)).toContainText("Implementation");
    }
    for (const [button, next] of [
      ["Move to prioritisation", "Prioritisation"],
      ["Move to validation", "Validation"],
      ["Valid: start implementation", "Implementation"],
      ["Mark implementation done", "Evidence"],
    ] as const) {
      const b = page.getByRole("button", { name: button });
      if (await b.isVisible()) {
        await b.click();
        await expect(currentStage(page)).toContainText(next);
      }
    }
    await expect(currentStage(page)).toContainText("Evidence");
    await expect(page.getByText("Attach at least one piece of evidence before asking for verification.")).toBeVisible();
    await page.getByLabel("What does it show?").fill("Old credential deleted; access log shows no use since the change.");
    await page.getByRole("button", { name: "Attach evidence" }).click();
    await expect(page.getByText("Old credential deleted; access log shows no use since the change.").first()).toBeVisible();
    await page.getByRole("button", { name: "Move to closure" }).click();
    await expect(currentStage(page)).toContainText("Closure");

    // Four-eyes: the implementer sees why they cannot sign off, and the server refuses them anyway.
    await expect(page.getByRole("button", { name: "Verify and close as remediated" })).toBeDisabled();
    await expect(page.getByText("You implemented this item, so someone else — a lead or a programme owner — must verify it.")).toBeVisible();
    const item = await itemId(page, number);
    const res = await page.request.post(`/api/v1/work-items/${item.id}/transitions?org=acme`, {
      data: { to: "closed", resolution: "remediated", version: item.version },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: "forbidden:work_item.verify_own", message: "You implemented this item, so someone else — a lead or a programme owner — must verify it." },
    });
    await ctx.close();
  });

  test("the lead verifies the analyst's work and closes it as remediated", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("lead") });
    const page = await ctx.newPage();
    await open(page, `/o/acme/items/${number}`);
    await expect(currentStage(page)).toContainText("Closure");
    await page.getByRole("button", { name: "Verify and close as remediated" }).click();
    await expect(currentStage(page)).toContainText("Closed: remediated");
    await expect(page.getByText("verified the work and closed it as remediated")).toBeVisible();
    await expect(page.getByText("was refused (forbidden:work_item.verify_own)")).toBeVisible(); // the analyst's attempt, in the timeline
    await ctx.close();
  });
});

test("an executive sees an item read-only", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: stateFile("acmeExec") });
  const page = await ctx.newPage();
  await open(page, "/o/acme/queue");
  await expect(page.getByRole("button", { name: "Take next" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New item" })).toHaveCount(0);
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByText("You have no moves to make on this item. It is shown read-only.")).toBeVisible();
  // The SLA clocks of the active policy, by word as well as by colour.
  const sla = page.getByRole("region", { name: /SLA \(policy v1\)/ });
  await expect(sla.locator('[data-clock="resolution"]')).toContainText(/Resolution.*(On track|At risk|Breached|Paused|Met)/);
  await expect(page.getByLabel("Add a comment")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Attach evidence" })).toHaveCount(0);
  await ctx.close();
});

test.describe("the queue", () => {
  test.use({ storageState: stateFile("lead") });

  test("filters live in the URL and narrow the rows", async ({ page }) => {
    await open(page, "/o/acme/queue");
    await page.getByLabel("Priority").selectOption("P1");
    await expect(page).toHaveURL(/priority=P1/);
    const badges = page.getByRole("table").locator("tbody td:nth-child(6)");
    await expect(badges.first()).toHaveText("P1");
    expect(new Set(await badges.allTextContents())).toEqual(new Set(["P1"]));
    await page.getByRole("navigation", { name: "Stages" }).getByRole("link", { name: /Implementation/ }).click();
    await expect(page).toHaveURL(/stage=implementation/);
    await expect(page).toHaveURL(/priority=P1/);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).not.toHaveURL(/priority=/);
    await expect(page).toHaveURL(/stage=implementation/); // the stage is a tab, not a filter
    await page.getByRole("navigation", { name: "Stages" }).getByRole("link", { name: /All open/ }).click();
    await expect(page).not.toHaveURL(/stage=/);
    await page.getByLabel("Search").fill("ACME-5");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=ACME-5/);
    await expect(page.getByRole("cell", { name: "ACME-5", exact: true })).toBeVisible();
  });

  test("pages with a cursor, not page numbers", async ({ page }) => {
    await open(page, "/o/acme/queue");
    const first = await page.getByRole("table").locator("tbody tr td:nth-child(2)").allTextContents();
    expect(first).toHaveLength(50);
    await page.getByRole("link", { name: "Next page →" }).click();
    await expect(page).toHaveURL(/cursor=/);
    const second = await page.getByRole("table").locator("tbody tr td:nth-child(2)").allTextContents();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((k) => first.includes(k))).toEqual([]);
    await page.getByRole("link", { name: "First page" }).click();
    await expect(page).not.toHaveURL(/cursor=/);
  });

  test("works from the keyboard: j/k to move, Enter to open", async ({ page }) => {
    await open(page, "/o/acme/queue");
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows.first()).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await expect(rows.nth(1)).toHaveAttribute("aria-current", "true");
    const key = await rows.nth(1).locator("td:nth-child(2)").textContent();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/o/acme/items/${key!.split("-")[1]}$`));
  });

  test("lets a lead assign several items at once", async ({ page }) => {
    await open(page, "/o/acme/queue?assignee=unassigned&stage=intake");
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const keys = (await rows.locator("td:nth-child(2)").allTextContents()).slice(0, 2);
    for (const k of keys) await page.getByLabel(`Select ${k}`, { exact: true }).check();
    await page.getByLabel("Assign to").selectOption({ label: "Arun Analyst" });
    await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Assign" }).click();
    await expect(page.getByRole("status").filter({ hasText: "changed" })).toHaveText(`${keys.length} changed.`);
    await open(page, `/o/acme/queue?assignee=unassigned&stage=intake`);
    for (const k of keys) await expect(page.getByRole("cell", { name: k, exact: true })).toHaveCount(0);
  });
});

test("an admin issues an API token that works, shows up as an identity and stops working once revoked", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: stateFile("admin") });
  const page = await ctx.newPage();
  await open(page, "/o/acme/settings/tokens");
  await page.getByLabel("Integration name").fill("E2E pipeline");
  await page.getByRole("button", { name: "Issue token" }).click();
  const secret = (await page.getByTestId("new-token").textContent())!;
  expect(secret).toMatch(/^wop_/);
  const anon = await request.newContext({ baseURL: new URL(page.url()).origin });
  const ok = await anon.get("/api/v1/work-items?limit=1", { headers: { authorization: `Bearer ${secret}` } });
  expect(ok.status()).toBe(200);
  expect(((await ok.json()) as { items: unknown[] }).items).toHaveLength(1);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("row", { name: /E2E pipeline/ }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: /E2E pipeline/ })).toContainText("Revoked");
  const refused = await anon.get("/api/v1/work-items?limit=1", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized:token");
  await anon.dispose();
  await ctx.close();

  // The integration is an identity of the organisation, visible to those who read the inventory.
  const lead = await browser.newContext({ storageState: stateFile("lead") });
  const inventory = await lead.newPage();
  await open(inventory, "/o/acme/identities?kind=api_key");
  await expect(inventory.getByRole("table")).toContainText("API token: E2E pipeline");
  await lead.close();
});
