// Journeys per persona: sign-in, navigation that fits each role, tenant boundaries, and sign-out.
import { test, expect, type Page } from "@playwright/test";
import { PASSWORD, personas, stateFile, type Persona } from "./personas";

async function navLabels(page: Page): Promise<string[]> {
  // The inbox's unread count is not part of its label.
  return (await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).map((t) => t.replace(/\d+\+? (?:unread|waiting)$/, ""));
}

async function orgChoices(page: Page) {
  await page.locator("summary", { hasText: "Organisation" }).click();
  const names = await page.locator("details ul a > span:first-child").allTextContents();
  await page.locator("summary", { hasText: "Organisation" }).click();
  return names;
}

test.describe("anonymous visitor", () => {
  test("is sent to sign-in and comes back to the page they asked for", async ({ page }) => {
    await page.goto("/o/acme/queue");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fo%2Facme%2Fqueue/);
    await expect(page.getByRole("heading", { name: "Demo logins" })).toBeVisible();
    await page.getByLabel("E-mail").fill(personas.analyst);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/o\/acme\/queue$/);
    await expect(page.getByRole("heading", { name: "Work queue" })).toBeVisible();
  });

  test("sees a clear message for a wrong password", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill("nobody@provider.demo");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That e-mail and password do not match an account.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("gets JSON health without signing in", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });
});

const expectations: { persona: Persona; landing: RegExp; nav: string[]; orgs: string[] }[] = [
  { persona: "lead", landing: /\/o\/acme\/queue$/, nav: ["Dashboard", "Work queue", "Inbox", "Exceptions", "Intake", "Identities", "Access reviews", "Policies", "Deliveries"], orgs: ["Acme Corporation", "Globex Industries", "Initech"] },
  { persona: "analyst", landing: /\/o\/acme\/queue$/, nav: ["Dashboard", "Work queue", "Inbox", "Exceptions", "Intake", "Identities", "Access reviews", "Policies"], orgs: ["Acme Corporation", "Globex Industries"] },
  { persona: "providerExec", landing: /\/o\/acme\/dashboard$/, nav: ["Dashboard", "Work queue", "Inbox", "Exceptions", "Identities", "Access reviews", "Policies"], orgs: ["Acme Corporation", "Globex Industries", "Initech"] },
  { persona: "acmeOwner", landing: /\/o\/acme\/queue$/, nav: ["Dashboard", "Work queue", "Inbox", "Decisions", "Exceptions", "Identities", "Access reviews", "Policies", "Deliveries"], orgs: ["Acme Corporation"] },
  { persona: "acmeExec", landing: /\/o\/acme\/dashboard$/, nav: ["Dashboard", "Work queue", "Inbox", "Exceptions", "Identities", "Access reviews", "Policies"], orgs: ["Acme Corporation"] },
  { persona: "globexOwner", landing: /\/o\/globex\/queue$/, nav: ["Dashboard", "Work queue", "Inbox", "Decisions", "Exceptions", "Identities", "Access reviews", "Policies", "Deliveries"], orgs: ["Globex Industries"] },
  { persona: "admin", landing: /\/o\/acme\/settings\/members$/, nav: ["Members", "API tokens", "Deliveries"], orgs: ["Acme Corporation", "Globex Industries", "Initech"] },
];

for (const e of expectations) {
  test.describe(`${e.persona} (${personas[e.persona]})`, () => {
    test.use({ storageState: stateFile(e.persona) });

    test("lands on their first page with the navigation their role allows", async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(e.landing);
      expect(await navLabels(page)).toEqual(e.nav);
      expect(await orgChoices(page)).toEqual(e.orgs);
      await expect(page.getByRole("banner")).toContainText(personas[e.persona]);
    });

    if (e.nav.includes("Work queue")) {
      test("reads the queue and the identity inventory", async ({ page }) => {
        const slug = e.landing.source.match(/o\\\/(\w+)/)![1]!;
        await page.goto(`/o/${slug}/queue`);
        const rows = page.getByRole("table", { name: "Work items" }).locator("tbody tr");
        await expect(rows).toHaveCount(50);
        await page.getByRole("link", { name: /^Implementation \d+$/ }).click();
        await expect(page).toHaveURL(/stage=implementation/);
        await expect(rows.first()).toContainText("Implementation");
        await page.goto(`/o/${slug}/identities`);
        await expect(page.getByRole("table", { name: "Identities" })).toBeVisible();
        await expect(page.getByText("Orphaned", { exact: true }).first()).toBeVisible();
        const res = await page.goto(`/o/${slug}/settings/members`);
        expect(res?.status()).toBe(403);
      });
    } else {
      test("cannot open the work queue, and manages members", async ({ page }) => {
        const res = await page.goto("/o/acme/queue");
        expect(res?.status()).toBe(403);
        await page.goto("/o/acme/settings/members");
        await expect(page.getByRole("table", { name: /Members of Acme/ })).toContainText("owner@acme.demo");
      });
    }
  });
}

test.describe("tenant boundary", () => {
  test.use({ storageState: stateFile("analyst") });

  test("an acme analyst opening an initech URL gets HTTP 403 and the 403 page", async ({ page }) => {
    const res = await page.goto("/o/initech/queue");
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByText("Acme", { exact: false })).toHaveCount(0);
  });

  test("an unknown page is a 404 with the 404 page", async ({ page }) => {
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "There is nothing at this address" })).toBeVisible();
  });
});

test.describe("sign-out", () => {
  test("ends the session", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill(personas.acmeExec);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/o\/acme\/dashboard$/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/o/acme/identities");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });
});
