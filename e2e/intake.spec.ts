// Intake in the browser: an analyst uploads a real-format gitleaks report, reads the preview (nothing written
// yet), imports it and finds the new items in the queue; importing the same file again creates nothing.
import { test, expect } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

const REPORT = "tests/fixtures/intake/gitleaks-report.json";

test("an analyst previews and imports a gitleaks report, and the queue has its findings once", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: stateFile("analyst") });
  const page = await ctx.newPage();
  await open(page, "/o/acme/intake");
  await page.getByLabel("Format", { exact: true }).selectOption("gitleaks");
  await page.getByLabel(/^File/).setInputFiles(REPORT);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("nothing is written yet");
  await expect(preview.getByText("created").locator("..")).toContainText("6");

  // Nothing is in the queue until the import.
  await open(page, "/o/acme/queue?q=prod.tfvars");
  await expect(page.getByRole("row", { name: /aws-access-token in deploy\/terraform\/prod\.tfvars/ })).toHaveCount(0);

  await open(page, "/o/acme/intake");
  await page.getByLabel("Format", { exact: true }).selectOption("gitleaks");
  await page.getByLabel(/^File/).setInputFiles(REPORT);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
  await page.getByRole("button", { name: "Import" }).click();
  const done = page.getByRole("region", { name: "Imported" });
  await expect(done.getByText("created").locator("..")).toContainText("6");

  await open(page, "/o/acme/queue?q=prod.tfvars");
  await expect(page.getByRole("row", { name: /aws-access-token in deploy\/terraform\/prod\.tfvars:12/ })).toHaveCount(1);

  // The same file again: all unchanged.
  await open(page, "/o/acme/intake");
  await page.getByLabel("Format", { exact: true }).selectOption("gitleaks");
  await page.getByLabel(/^File/).setInputFiles(REPORT);
  await page.getByRole("button", { name: "Preview" }).click();
  const again = page.getByRole("region", { name: "Preview" });
  await expect(again.getByText("created").locator("..")).toContainText("0");
  await expect(again.getByText("unchanged").locator("..")).toContainText("6");
});
