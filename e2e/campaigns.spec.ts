// Access reviews in the browser (SPEC §8): a lead starts a campaign over the privileged identities with a
// programme owner as fallback reviewer; the owner certifies several reviews in bulk and revokes one, completion
// goes up, and the revocation is raised as an item the provider finds in the queue; then the lead ends it.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { stateFile, type Persona } from "./personas";
import { open } from "./open";

async function as(browser: Browser, persona: Persona): Promise<Page> {
  const ctx = await browser.newContext({ storageState: stateFile(persona) });
  return ctx.newPage();
}

const completion = (page: Page) => page.getByRole("progressbar", { name: "Completion" });

test("a lead starts a privileged-access campaign; the owner certifies in bulk and revokes one", async ({ browser }) => {
  // Two personas and a dozen page loads against a cold server: more than the default 30 s.
  test.slow();
  const name = `Privileged recertification ${Date.now().toString(36)}`;
  const lead = await as(browser, "lead");
  await open(lead, "/o/acme/campaigns");
  await lead.getByRole("link", { name: "New campaign" }).click();
  await expect(lead.getByRole("heading", { name: "New access-review campaign" })).toBeVisible();
  await expect(lead.locator("body[data-hydrated]")).toBeAttached();
  const form = lead.getByRole("form", { name: "New campaign" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  const preview = form.getByRole("status");
  const everything = Number((await preview.locator(".font-semibold").textContent()) ?? "0");
  await form.getByLabel("Privileged identities only").check();
  await expect(preview).not.toContainText(`${everything} active`);
  const inScope = Number((await preview.locator(".font-semibold").textContent()) ?? "0");
  expect(inScope, "privileged identities in the demo inventory").toBeGreaterThanOrEqual(5);
  await form.getByLabel("Fallback reviewer").selectOption({ label: "Olivia Owner (owner@acme.demo)" });
  await form.getByRole("button", { name: "Start campaign" }).click();
  await lead.waitForURL(/\/o\/acme\/campaigns\/[0-9a-f-]{36}$/);
  const url = new URL(lead.url()).pathname;
  await expect(lead.getByRole("heading", { name })).toBeVisible();
  await expect(completion(lead)).toHaveAttribute("aria-valuetext", `0%, 0 of ${inScope} decided`);
  // A lead manages campaigns but does not decide reviews: no selection, no decision buttons.
  await expect(lead.getByTestId("review-row")).toHaveCount(inScope);
  await expect(lead.getByRole("button", { name: /^(Certify|Revoke)\b/ })).toHaveCount(0);
  await expect(lead.getByRole("button", { name: "End campaign…" })).toBeVisible();

  const owner = await as(browser, "acmeOwner");
  await open(owner, "/o/acme/campaigns");
  await expect(owner.getByRole("heading", { name: /^Waiting for you: \d+ reviews?$/ })).toBeVisible();
  await expect(owner.getByRole("link", { name: `${name} #1` })).toHaveAttribute("href", `${url}?who=mine&state=undecided`);
  await open(owner, url);
  // Identities whose owner is another programme owner go to them; the rest fall back to this owner.
  const mine = Number(await owner.getByRole("navigation", { name: "Reviewer" }).getByRole("link", { name: /^Mine/ }).locator("span").textContent());
  expect(mine).toBeGreaterThanOrEqual(4);
  await expect(owner.getByText(`Waiting for you: ${mine} reviews.`)).toBeVisible();

  // Bulk: three reviews certified with one justification; only the owner's own rows can be selected.
  const boxes = owner.getByRole("checkbox", { name: /^Select (?!all)/ });
  await expect(boxes).toHaveCount(mine);
  for (let i = 0; i < 3; i++) await boxes.nth(i).check();
  const bar = owner.getByRole("region", { name: "Decide selected reviews" });
  await expect(bar).toContainText("3 selected");
  await bar.getByLabel(/Justification/).fill("Still on the platform team; access matches the role.");
  await bar.getByRole("button", { name: "Certify 3" }).click();
  await expect(owner.getByRole("status").filter({ hasText: "Certified 3 reviews." })).toBeVisible();
  await expect(completion(owner)).toHaveAttribute("aria-valuetext", new RegExp(`, 3 of ${inScope} decided$`));
  await expect(owner.getByTestId("review-row").filter({ hasText: "Certified" })).toHaveCount(3);

  // One by one: revoke the next undecided review, which raises a revocation item.
  const undecided = owner.getByTestId("review-row").filter({ has: owner.getByRole("button", { name: /^Revoke / }) }).first();
  const identity = (await undecided.getByRole("link").first().textContent())!;
  await undecided.getByRole("button", { name: `Revoke ${identity}` }).click();
  const why = owner.getByRole("form", { name: `Revoke ${identity}` });
  await why.getByLabel("Revoke access because").fill("Left the company; the account should have gone at offboarding.");
  await why.getByRole("button", { name: "Revoke and raise item" }).click();
  const done = owner.getByRole("status").filter({ hasText: "Revoked 1 review." });
  await expect(done).toBeVisible();
  const key = (await done.getByRole("link").textContent())!;
  expect(key).toMatch(/^ACME-\d+$/);
  await expect(completion(owner)).toHaveAttribute("aria-valuetext", new RegExp(`, 4 of ${inScope} decided$`));
  await expect(owner.getByRole("progressbar", { name: "Closed loop" })).toHaveAttribute("aria-valuetext", "0%, 0 of 1 revocation verified closed");
  const revokedRow = owner.getByTestId("review-row").filter({ hasText: identity });
  await expect(revokedRow).toContainText("Revoked");
  await expect(revokedRow.getByRole("link", { name: key }).first()).toBeVisible();

  // The provider finds the revocation in the queue.
  await open(lead, `/o/acme/queue?q=${key}`);
  await expect(lead.getByRole("link", { name: `Revoke access: ${identity}`, exact: false })).toBeVisible();
  await open(lead, url);
  await expect(completion(lead)).toHaveAttribute("aria-valuetext", new RegExp(`, 4 of ${inScope} decided$`));

  // The lead ends it: no further runs, the open run keeps its dates and its remaining reviews.
  await lead.getByRole("button", { name: "End campaign…" }).click();
  const end = lead.getByRole("dialog", { name: `End “${name}”` });
  await end.getByLabel("Why does it end?").fill("Folded into the quarterly recertification.");
  await end.getByRole("button", { name: "End campaign" }).click();
  await expect(lead.getByText(/^Once · ended \d/)).toBeVisible();
  await expect(lead.getByRole("button", { name: "End campaign…" })).toHaveCount(0);
});
