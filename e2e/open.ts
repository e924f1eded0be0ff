import { expect, type Page } from "@playwright/test";

/** Navigates and waits until React has hydrated, so clicks and keys reach live handlers. */
export async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("body[data-hydrated]")).toBeAttached();
}
