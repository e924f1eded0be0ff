// An administrator's changes take effect on the affected person's very next request.
import { test, expect } from "@playwright/test";
import { personas, signInViaApi, stateFile } from "./personas";

test("disabling an account ends that person's open session at once; enabling restores sign-in", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: stateFile("admin") });
  const victim = await browser.newContext();
  await signInViaApi(victim.request, personas.globexOwner);
  const victimPage = await victim.newPage();
  await victimPage.goto("/o/globex/queue");
  await expect(victimPage.getByRole("heading", { name: "Work queue" })).toBeVisible();

  const adminPage = await admin.newPage();
  await adminPage.goto("/o/globex/settings/members");
  const row = adminPage.getByRole("row", { name: /owner@globex\.demo/ });
  await row.getByRole("button", { name: "Disable account" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();

  await victimPage.reload();
  await expect(victimPage).toHaveURL(/\/signin/);

  await row.getByRole("button", { name: "Enable account" }).click();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await signInViaApi(victim.request, personas.globexOwner);
  await victimPage.goto("/o/globex/queue");
  await expect(victimPage.getByRole("heading", { name: "Work queue" })).toBeVisible();
  await admin.close();
  await victim.close();
});

test("an administrator cannot change their own access", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: stateFile("admin") });
  const page = await admin.newPage();
  await page.goto("/o/initech/settings/members");
  const me = page.getByRole("row", { name: /admin@provider\.demo/ });
  await expect(me.getByRole("combobox")).toBeDisabled();
  await expect(me.getByRole("button")).toHaveCount(0);
  await admin.close();
});
