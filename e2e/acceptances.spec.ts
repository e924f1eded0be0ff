// Decision rights in the browser: an analyst asks for a risk acceptance, a programme owner approves it from the
// decisions inbox, the item closes as risk accepted, and after its expiry (a sweep at a controlled instant) the
// item is back in the queue. An owner cannot approve what they asked for; an analyst's approval is refused.
// Runs after the other journeys (its sweep rehearses the future for the whole demo database).
import { execFileSync } from "node:child_process";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { stateFile, type Persona } from "./personas";
import { open } from "./open";

interface ItemRow {
  id: string;
  number: number;
  priority: string;
  waitingOn: string;
}

async function as(browser: Browser, persona: Persona): Promise<Page> {
  const ctx = await browser.newContext({ storageState: stateFile(persona) });
  return ctx.newPage();
}

/** Open items in the evidence stage, waiting on the provider, that one owner can accept alone (P2–P4). */
async function candidates(page: Page): Promise<ItemRow[]> {
  const res = await page.request.get("/api/v1/work-items?org=acme&status=open&stage=evidence&limit=100");
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: ItemRow[] };
  return items.filter((i) => i.priority !== "P1" && i.waitingOn === "provider");
}

async function requestFromItemPage(page: Page, number: number, owner: string) {
  await open(page, `/o/acme/items/${number}`);
  await page.getByRole("button", { name: "Request risk acceptance…" }).click();
  const form = page.getByRole("form", { name: "Request risk acceptance" });
  await form.getByLabel("Mitigate").check();
  await form.getByLabel("Justification").fill("The vendor ships the fix next month; removing the grant now breaks billing.");
  await form.getByLabel("Compensating controls").fill("Grant restricted to the billing subnet; alerts on any other use.");
  await form.getByLabel("Accountable owner").selectOption({ label: owner });
  const date = form.getByLabel("Expires on");
  await date.fill((await date.getAttribute("min"))!);
  await form.getByRole("button", { name: "Send for decision" }).click();
  const card = page.locator("article[data-acceptance]").first();
  await expect(card).toContainText("Waiting for decision");
  return (await card.getAttribute("data-acceptance"))!;
}

test("analyst requests, owner approves from the decisions inbox, the item closes and comes back after expiry", async ({ browser }) => {
  // The sweep below moves the whole demo forward by weeks (escalations, campaign deadlines, inventory rules).
  test.slow();
  const analyst = await as(browser, "analyst");
  const [target] = await candidates(analyst);
  expect(target, "an open P2–P4 item in evidence").toBeTruthy();
  const key = `ACME-${target!.number}`;
  const acceptanceId = await requestFromItemPage(analyst, target!.number, "Olivia Owner");
  await expect(analyst.getByText("Waiting on client")).toBeVisible();
  // The analyst sees no way to decide, and the API refuses them with the coded denial.
  await expect(analyst.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  const refused = await analyst.request.post(`/api/v1/risk-acceptances/${acceptanceId}/decision?org=acme`, {
    headers: { origin: new URL(analyst.url()).origin },
    data: { decision: "approve", comment: "Trying my luck." },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden:risk_acceptance.decide");

  const owner = await as(browser, "acmeOwner");
  await open(owner, "/o/acme/decisions");
  const mine = owner.getByRole("region", { name: /Waiting for you/ });
  const card = mine.locator(`article[data-acceptance="${acceptanceId}"]`);
  await expect(card).toContainText(key);
  await expect(card).toContainText("Decide within");
  await card.getByLabel(/comment/).fill("Accepted until the vendor's fix; review the alerts weekly.");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(mine.locator(`article[data-acceptance="${acceptanceId}"]`)).toHaveCount(0);

  await open(owner, `/o/acme/items/${target!.number}`);
  await expect(owner.getByText("Closed: risk accepted", { exact: true })).toBeVisible();
  await expect(owner.locator(`article[data-acceptance="${acceptanceId}"]`)).toContainText("Approved");
  await expect(owner.getByRole("list", { name: "Decisions" })).toContainText("Olivia Owner");

  // Expiry: the sweeper, run as the cron job would be, at an instant just after the acceptance's date.
  const res = await owner.request.get(`/api/v1/risk-acceptances/${acceptanceId}?org=acme`);
  const { acceptance } = (await res.json()) as { acceptance: { expiresAt: string } };
  const at = new Date(Date.parse(acceptance.expiresAt) + 60_000).toISOString();
  execFileSync("npx", ["tsx", "scripts/sweep.ts", "--quiet", "--at", at], { env: { ...process.env, DATA_DIR: ".data/e2e", LOG_LEVEL: "warn" }, stdio: "pipe" });

  await open(analyst, `/o/acme/items/${target!.number}`);
  await expect(analyst.getByRole("list", { name: "Service cycle" }).locator('[aria-current="step"]')).toContainText("Prioritisation");
  await expect(analyst.locator(`article[data-acceptance="${acceptanceId}"]`)).toContainText("Expired");
  await expect(analyst.getByText(/expired the risk acceptance and reopened the item/)).toBeVisible();
  await open(analyst, `/o/acme/queue?q=${key}`);
  await expect(analyst.getByRole("row", { name: new RegExp(`^${key} `) })).toContainText("Prioritisation");
});

test("an owner cannot approve a request they raised; it waits for another owner", async ({ browser }) => {
  const owner = await as(browser, "acmeOwner");
  const list = await candidates(owner);
  const target = list.at(-1)!;
  const acceptanceId = await requestFromItemPage(owner, target.number, "Omar Owner");
  await expect(owner.locator(`article[data-acceptance="${acceptanceId}"]`)).toContainText("You asked for this acceptance, so another programme owner must decide it.");
  await open(owner, "/o/acme/decisions");
  const others = owner.getByRole("region", { name: /Waiting for another owner/ });
  const card = others.locator(`article[data-acceptance="${acceptanceId}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
  await expect(owner.getByRole("region", { name: /Waiting for you/ }).locator(`article[data-acceptance="${acceptanceId}"]`)).toHaveCount(0);
});
