// Policies as code in the browser (globex, so the acme journeys are undisturbed): an owner edits the escalation
// rules with live syntax feedback, runs a dry run, proposes and activates the draft; a lead proposes but
// cannot activate; an executive only reads.
import { test, expect } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

const NEW_RULE = `    {
      "id": "any-breach-to-owner",
      "when": { "clock": "resolution", "breached": true },
      "then": { "notify": ["owner"] }
    },`;

test.describe("escalation rules", () => {
  test.describe.configure({ mode: "serial" });

  test("an owner edits the rules, runs a dry run, proposes and activates them", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("globexOwner") });
    const page = await ctx.newPage();
    await open(page, "/o/globex/settings/policies");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policies" }).waitFor();
    const rules = page.getByRole("region", { name: "Escalation rules" });
    await expect(rules.getByRole("row", { name: /v1 of the escalation rules.*Active/ })).toBeVisible();
    await rules.getByRole("link", { name: "Propose a change" }).click();
    await expect(page.getByRole("heading", { name: "New draft: escalation rules" })).toBeVisible();
    await expect(page.locator("body[data-hydrated]")).toBeAttached();

    const editor = page.getByLabel("Document (JSON)");
    const original = await editor.inputValue();
    expect(original).toContain('"id": "p1-at-risk"');
    await expect(page.getByText("Valid: 8 rules.")).toBeVisible();

    // Broken JSON: a syntax error with its line and column appears, and goes once the text is fixed.
    await editor.fill(original.replace('"rules": [', '"rules": [\n    { "id": "half-written", },'));
    await expect(page.getByText("JSON syntax error at line 3, column 27.")).toBeVisible();
    await expect(page.getByText("A comma before } : JSON allows no trailing comma.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Propose draft" })).toBeDisabled();
    // Valid JSON that breaks the schema: the message names the rule and the field.
    await editor.fill(original.replace('"rules": [', `"rules": [\n${NEW_RULE.replace('"resolution"', '"sla"')}`));
    await expect(page.getByText("JSON syntax error")).toHaveCount(0);
    await expect(page.getByText(/Rule "any-breach-to-owner", when\.clock: /)).toBeVisible();
    // Fixed.
    await editor.fill(original.replace('"rules": [', `"rules": [\n${NEW_RULE}`));
    await expect(page.getByText("Valid: 9 rules.")).toBeVisible();
    await expect(page.getByText(/Rule "any-breach-to-owner"/)).toHaveCount(0);

    await page.getByRole("button", { name: "Dry run" }).click();
    await expect(page.getByRole("heading", { name: "Dry run" })).toBeVisible();
    // The demo data has breached items; the new rule has never fired, so each of its rows would fire on activation.
    const table = page.getByRole("table", { name: "What the draft would fire now" });
    const row = table.getByRole("row").filter({ hasText: "any-breach-to-owner" }).first();
    await expect(row).toContainText("Would fire");
    await expect(row.getByRole("link", { name: /^GLOBEX-\d+$/ })).toBeVisible();

    await page.getByLabel("Note for the reviewer").fill("Tell the owner about every resolution breach.");
    await page.getByRole("button", { name: "Propose draft" }).click();
    await expect(page).toHaveURL(/\/o\/globex\/settings\/policies\/escalation\/\d+$/);
    const version = Number(page.url().split("/").pop());
    await expect(page.getByRole("heading", { name: `Escalation rules v${version}` })).toContainText("Draft");
    await expect(page.getByRole("heading", { name: "Changes from the active version 1" })).toBeVisible();
    const diff = page.getByRole("table", { name: `Changes from version 1 to version ${version}` });
    await expect(diff.getByRole("row").filter({ hasText: '"id": "any-breach-to-owner"' })).toContainText("Added");
    await expect(diff.getByRole("row").filter({ hasText: '"id": "any-breach-to-owner"' })).toContainText("+");

    await page.getByRole("button", { name: "Activate" }).click();
    const confirm = page.getByRole("group", { name: "Confirm activation" });
    await expect(confirm).toContainText("Version 1 retires at once");
    await confirm.getByRole("button", { name: `Activate version ${version}` }).click();
    await expect(page.getByRole("heading", { name: `Escalation rules v${version}` })).toContainText("Active");
    await expect(page.getByRole("button", { name: "Activate" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Changes from version 1, active before it" })).toBeVisible();
    await expect(page.locator("dt", { hasText: "Activated" }).locator("+ dd")).toContainText("Gwen Owner");

    await open(page, "/o/globex/settings/policies");
    await expect(rules.getByRole("row", { name: new RegExp(`v${version} of the escalation rules.*Active`) })).toBeVisible();
    await expect(rules.getByRole("row", { name: /v1 of the escalation rules.*Retired/ })).toBeVisible();
    await ctx.close();
  });

  test("a lead proposes a draft but cannot activate it", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("lead") });
    const page = await ctx.newPage();
    await open(page, "/o/globex/settings/policies/escalation/new");
    await page.getByLabel("Note for the reviewer").fill("Same rules, proposed by the lead.");
    const editor = page.getByLabel("Document (JSON)");
    await editor.fill((await editor.inputValue()).replace('"level": 3', '"level": 4'));
    await expect(page.getByText("Valid: 9 rules.")).toBeVisible();
    await page.getByRole("button", { name: "Propose draft" }).click();
    await expect(page).toHaveURL(/\/o\/globex\/settings\/policies\/escalation\/\d+$/);
    await expect(page.getByRole("heading", { name: /^Escalation rules v\d+/ })).toContainText("Draft");
    await expect(page.getByText("This draft is not in force. A programme owner of Globex Industries reviews and activates it.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Activate" })).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: '"level": 4' }).first()).toContainText("Added");

    await open(page, "/o/globex/settings/policies");
    await expect(page.getByText("One draft awaits activation by a programme owner.")).toBeVisible();
    await ctx.close();
  });
});

test("an executive reads the policies and cannot propose", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: stateFile("acmeExec") });
  const page = await ctx.newPage();
  await open(page, "/o/acme/settings/policies");
  await expect(page.getByRole("heading", { name: "Policies", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "SLA policy" }).getByRole("row", { name: /v1 of the SLA policy.*Active/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Propose a change" })).toHaveCount(0);
  const res = await page.goto("/o/acme/settings/policies/sla/new");
  expect(res?.status()).toBe(403);
  await ctx.close();
});
