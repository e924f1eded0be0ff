// The inbox: a programme owner sees the unread count the first sweep left them, marks one read and then all,
// and the count in the navigation follows; a lead reads the delivery outbox.
import { test, expect, type Page } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

const unread = async (page: Page) => Number.parseInt((await page.getByTestId("unread-count").textContent()) ?? "", 10);

test("an owner marks notifications read and the unread count drops", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: stateFile("globexOwner") });
  const page = await ctx.newPage();
  const badge = page.getByRole("navigation", { name: "Main" }).getByTestId("unread-count");
  // The in-process sweeper escalates the demo's overdue items right after start; wait for its notifications.
  await expect(async () => {
    await open(page, "/o/globex/inbox");
    await expect(badge).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const before = await unread(page);
  expect(before).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();

  const first = page.getByTestId("notification").filter({ has: page.getByText("Unread", { exact: true }) }).first();
  const subject = (await first.getByRole("link").first().textContent())!;
  await first.getByRole("button", { name: /^Mark read/ }).click();
  if (before > 1) await expect(badge).toHaveText(`${before - 1} unread`);
  else await expect(badge).toBeHidden();
  await expect(page.getByTestId("notification").filter({ hasText: subject }).first().getByText("Read", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(badge).toBeHidden();
  await expect(page.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  await open(page, "/o/globex/inbox?show=unread");
  await expect(page.getByText("Nothing unread.")).toBeVisible();
  await ctx.close();
});

test("a lead reads the delivery outbox; an analyst may not", async ({ browser }) => {
  const lead = await browser.newContext({ storageState: stateFile("lead") });
  const page = await lead.newPage();
  await open(page, "/o/acme/settings/deliveries");
  await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
  await expect(page.getByText(/E-mail: not configured/)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deliveries" })).toHaveAttribute("aria-current", "page");
  await lead.close();

  const analyst = await browser.newContext({ storageState: stateFile("analyst") });
  const other = await analyst.newPage();
  await other.goto("/o/acme/settings/deliveries");
  await expect(other.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await open(other, "/o/acme/queue");
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deliveries" })).toHaveCount(0);
  await analyst.close();
});
