// The identity inventory in the browser (SPEC §7): a lead opens an identity from the inventory, names its owner and
// adds a consumer to its dependency map, and finds both in the page and its history; an analyst on a rotation of that
// credential is refused "implementation done" until the consumer is confirmed with evidence, then moves it on.
import { test, expect, type Page } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

const currentStage = (page: Page) => page.getByRole("list", { name: "Service cycle" }).locator('[aria-current="step"]');
const TOKEN = "npm_…e5Fz (publish)";
const CONSUMER = "sdk-publish (GitHub Actions)";

test.describe("identity inventory", () => {
  test.describe.configure({ mode: "serial" });
  let identityId = "";

  test("a lead opens an identity, assigns its owner, adds a consumer and sees both in the page and its history", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("lead") });
    const page = await ctx.newPage();
    await open(page, "/o/acme/identities?kind=token");
    await page.getByRole("link", { name: TOKEN, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: TOKEN })).toBeVisible();
    identityId = page.url().split("/").pop()!;
    await expect(page.locator("body[data-hydrated]")).toBeAttached();

    const ownerCard = page.getByRole("region", { name: "Owner" });
    await ownerCard.getByRole("button", { name: /owner/i }).click();
    await ownerCard.getByLabel("Owner's e-mail").fill("dana.whitfield@acme.example");
    await ownerCard.getByLabel("Owner's name").fill("Dana Whitfield");
    await ownerCard.getByLabel(/^Reason/).fill("Platform lead: publishes the internal SDKs");
    await ownerCard.getByRole("button", { name: "Save owner" }).click();
    await expect(ownerCard).toContainText("Dana Whitfield");
    await expect(ownerCard).toContainText("dana.whitfield@acme.example");
    await expect(ownerCard.getByText("Active", { exact: true })).toBeVisible();

    const map = page.getByRole("region", { name: /^Dependency map/ });
    const add = map.getByRole("form", { name: "Add a consumer" });
    // The server's own validation comes back next to the field it concerns.
    await add.getByLabel("Kind").selectOption({ label: "Pipeline" });
    await add.getByLabel("Name").fill("x");
    await add.getByRole("button", { name: "Add consumer" }).click();
    await expect(add.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await expect(add.getByText("Name the system, workload or pipeline.")).toBeVisible();
    await expect(add.getByRole("alert")).toContainText("Some fields need attention.");

    await add.getByLabel("Name").fill(CONSUMER);
    await add.getByLabel(/^Detail/).fill("release.yml publishes @acme/sdk");
    await add.getByRole("button", { name: "Add consumer" }).click();
    const card = map.getByRole("region", { name: /^Pipelines/ }).getByRole("listitem").filter({ hasText: CONSUMER });
    await expect(card).toContainText("release.yml publishes @acme/sdk");
    await expect(card).toContainText("Entered by hand");
    await expect(add.getByLabel("Name")).toHaveValue("");

    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("listitem").filter({ hasText: "set the owner" }).first()).toContainText("Dana Whitfield <dana.whitfield@acme.example>");
    await expect(history.getByRole("listitem").filter({ hasText: "set the owner" }).first()).toContainText("Why: Platform lead: publishes the internal SDKs");
    await expect(history.getByRole("listitem").filter({ hasText: `added a consumer: pipeline “${CONSUMER}”` })).toBeVisible();
    await ctx.close();
  });

  test("an analyst cannot finish the rotation until the consumer is confirmed, then can", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("analyst") });
    const page = await ctx.newPage();
    await open(page, "/o/acme/queue");
    const origin = new URL(page.url()).origin;
    const post = async (path: string, data: unknown) => {
      const res = await page.request.post(`${path}?org=acme`, { data, headers: { origin } });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return ((await res.json()) as { item: { id: string; number: number; version: number } }).item;
    };
    let item = await post("/api/v1/work-items", { type: "secret_rotation", title: "Rotate the npm publish token", severity: "low", identityId });
    for (const to of ["prioritisation", "validation", "implementation"]) item = await post(`/api/v1/work-items/${item.id}/transitions`, { to, version: item.version });

    await open(page, `/o/acme/items/${item.number}`);
    await expect(currentStage(page)).toContainText("Implementation");
    const checklist = page.getByRole("region", { name: /^Consumers to confirm/ });
    await expect(checklist).toContainText("The item cannot leave implementation until every consumer is confirmed");
    await expect(checklist.getByRole("listitem").filter({ hasText: CONSUMER })).toContainText("Not confirmed");

    const next = page.getByRole("region", { name: "Next step" });
    // The page says what the server would: implementation cannot be marked done yet, and why.
    await expect(next.getByRole("button", { name: "Mark implementation done" })).toBeDisabled();
    await expect(next).toContainText(/not confirmed yet/);

    // Confirm ours with a note, and any other consumer the demo data gives this credential.
    const row = checklist.getByRole("listitem").filter({ hasText: CONSUMER });
    await row.getByRole("button", { name: /^Confirm/ }).click();
    await row.getByLabel("What shows it?").fill("Token replaced in the release workflow's secrets; the publish job ran green with it");
    await row.getByRole("button", { name: "Confirm updated" }).click();
    await expect(row.getByText("Updated", { exact: true })).toBeVisible();
    await expect(row).toContainText("Token replaced in the release workflow's secrets");
    const pending = checklist.getByRole("listitem").filter({ hasText: "Not confirmed" });
    for (let n = await pending.count(); n > 0; n = await pending.count()) {
      await pending.first().getByRole("button", { name: /^Confirm/ }).click();
      await pending.first().getByLabel("What shows it?").fill("Moved to the new token; checked in its deploy log");
      await pending.first().getByRole("button", { name: "Confirm updated" }).click();
      await expect(pending).toHaveCount(n - 1);
    }
    await expect(checklist).toContainText("Every consumer is confirmed for this cycle.");
    await expect(page.getByRole("region", { name: /^Evidence/ })).toContainText(`Pipeline ${CONSUMER}: updated to the new credential.`);

    await next.getByRole("button", { name: "Mark implementation done" }).click();
    await expect(currentStage(page)).toContainText("Evidence");

    // The identity's map shows the confirmation against the rotation, which stays open until it is verified.
    await open(page, `/o/acme/identities/${identityId}`);
    const card = page.getByRole("region", { name: /^Dependency map/ }).getByRole("listitem").filter({ hasText: CONSUMER }).first();
    await expect(card.getByRole("listitem").filter({ hasText: `ACME-${item.number}` })).toContainText("Updated");
    await ctx.close();
  });
});
