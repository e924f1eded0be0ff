// Evidence in the browser (SPEC §6): an analyst notes what was done, corrects the note with the PDF report, sees
// its SHA-256 and downloads it (the bytes hash to what the page shows), a disguised HTML file is refused, and a
// lead verifies and closes the item as remediated.
import crypto from "node:crypto";
import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { stateFile } from "./personas";
import { open } from "./open";

const currentStage = (page: Page) => page.getByRole("list", { name: "Service cycle" }).locator('[aria-current="step"]');
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

const PDF = Buffer.concat([
  Buffer.from("%PDF-1.7\n%"),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
  Buffer.from("\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
]);
const HTML = Buffer.from("<!DOCTYPE html><html><body><script>fetch('/api/v1/work-items')</script></body></html>");

/** An item of the analyst's own, brought to the evidence stage through the API with their session. */
async function itemInEvidenceStage(page: Page) {
  const origin = new URL(page.url()).origin;
  const post = async (path: string, data: unknown) => {
    const res = await page.request.post(`${path}?org=acme`, { data, headers: { origin } });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return ((await res.json()) as { item: { id: string; number: number; version: number } }).item;
  };
  // Leaving intake needs a linked identity: borrow one from the demo queue.
  const listed = (await (await page.request.get("/api/v1/work-items?org=acme&limit=20")).json()) as { items: { identityId: string | null }[] };
  const identityId = listed.items.find((i) => i.identityId)!.identityId;
  let item = await post("/api/v1/work-items", { type: "secret_rotation", title: "Rotate the deploy key of the billing pipeline", severity: "low", identityId });
  for (const to of ["prioritisation", "validation", "implementation", "evidence"]) item = await post(`/api/v1/work-items/${item.id}/transitions`, { to, version: item.version });
  return item;
}

test.describe("evidence", () => {
  test.describe.configure({ mode: "serial" });
  let number = 0;

  test("the analyst attaches a note, corrects it with a PDF, checks its SHA-256 and download, and a disguised HTML file is refused", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("analyst"), acceptDownloads: true });
    const page = await ctx.newPage();
    await open(page, "/o/acme/queue");
    number = (await itemInEvidenceStage(page)).number;
    await open(page, `/o/acme/items/${number}`);
    await expect(currentStage(page)).toContainText("Evidence");
    const evidence = page.getByRole("region", { name: /^Evidence/ });

    // A note first.
    await evidence.getByLabel("What does it show?").fill("Deploy key rotated in the vault");
    await evidence.getByRole("button", { name: "Attach evidence" }).click();
    await expect(evidence.getByRole("listitem").filter({ hasText: "Deploy key rotated in the vault" })).toBeVisible();
    // The correction will quote the note too: hold on to the note's own row.
    const note = evidence.locator(`#${await evidence.getByRole("listitem").filter({ hasText: "Deploy key rotated in the vault" }).getAttribute("id")}`);

    // Then a correction of it: the vault's PDF report.
    await note.getByRole("button", { name: /Correct/ }).click();
    await expect(evidence.getByText(/Correcting “Deploy key rotated in the vault”/)).toBeVisible();
    await evidence.getByRole("radio", { name: "File" }).check();
    await expect(evidence.getByText(/up to 10 MB/)).toBeVisible();
    await evidence.getByLabel("File to attach").setInputFiles({ name: "vault-rotation-report.pdf", mimeType: "application/pdf", buffer: PDF });
    await evidence.getByLabel("What does it show?").fill("Vault rotation report: old key revoked");
    await evidence.getByRole("button", { name: "Attach correction" }).click();

    const file = evidence.getByRole("listitem").filter({ hasText: "vault-rotation-report.pdf" });
    await expect(file).toContainText("PDF");
    await expect(file).toContainText(`${PDF.byteLength} B`);
    const shown = await file.locator("[data-sha256]").getAttribute("data-sha256");
    expect(shown).toBe(sha256(PDF));
    await expect(file.locator("code[title]")).toHaveText(`${shown!.slice(0, 12)}…${shown!.slice(-6)}`);
    await expect(note).toContainText("Superseded by");
    await expect(note.getByRole("button", { name: /Correct/ })).toHaveCount(0);

    // The download: an attachment under the uploaded name, whose bytes hash to the SHA-256 shown.
    const [download] = await Promise.all([page.waitForEvent("download"), file.getByRole("link", { name: /Download/ }).click()]);
    expect(download.suggestedFilename()).toBe("vault-rotation-report.pdf");
    const bytes = fs.readFileSync((await download.path())!);
    expect(sha256(bytes)).toBe(shown);
    const href = (await file.getByRole("link", { name: /Download/ }).getAttribute("href"))!;
    const res = await page.request.get(href);
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="vault-rotation-report.pdf"/);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(res.headers()["x-content-sha256"]).toBe(shown);

    // An HTML page named .pdf is refused, with a sentence that says why.
    await evidence.getByRole("radio", { name: "File" }).check();
    await evidence.getByLabel("File to attach").setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: HTML });
    await evidence.getByLabel("What does it show?").fill("Another report");
    await evidence.getByRole("button", { name: "Attach evidence" }).click();
    await expect(evidence.getByRole("alert")).toContainText("This file looks like an HTML page whatever its name says (.pdf), which is not accepted as evidence.");
    await expect(evidence.getByRole("listitem").filter({ hasText: "report.pdf" }).filter({ hasNotText: "vault" })).toHaveCount(0);

    await page.getByRole("button", { name: "Move to closure" }).click();
    await expect(currentStage(page)).toContainText("Closure");
    await ctx.close();
  });

  test("the lead sees the proof and verifies and closes the item as remediated", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile("lead") });
    const page = await ctx.newPage();
    await open(page, `/o/acme/items/${number}`);
    const evidence = page.getByRole("region", { name: /^Evidence/ });
    await expect(evidence.locator("[data-sha256]")).toHaveAttribute("data-sha256", sha256(PDF));
    await page.getByRole("button", { name: "Verify and close as remediated" }).click();
    await expect(currentStage(page)).toContainText("Closed: remediated");
    await expect(evidence.getByRole("button", { name: "Attach evidence" })).toHaveCount(0);
    await ctx.close();
  });
});

test("the server takes a file of exactly 10 MB and refuses a larger one with 413, through the proxy", async ({ browser }) => {
  test.setTimeout(90_000); // 30 MB through the proxy and into the embedded database on a small machine
  const ctx = await browser.newContext({ storageState: stateFile("analyst") });
  const page = await ctx.newPage();
  await open(page, "/o/acme/queue");
  const item = await itemInEvidenceStage(page);
  const origin = new URL(page.url()).origin;
  const upload = (size: number) =>
    page.request.post(`/api/v1/work-items/${item.id}/evidence?org=acme`, {
      headers: { origin },
      multipart: { summary: "Full credential report", file: { name: "report.csv", mimeType: "text/csv", buffer: Buffer.alloc(size, "a") } },
    });
  const over = await upload(10 * 1024 * 1024 + 1);
  expect(over.status()).toBe(413);
  expect(((await over.json()) as { error: { code: string } }).error.code).toBe("too_large:evidence.file");
  const way = await upload(12 * 1024 * 1024);
  expect(way.status()).toBe(413);
  const at = await upload(10 * 1024 * 1024);
  expect(at.status(), await at.text()).toBe(201);
  expect(((await at.json()) as { evidence: { sizeBytes: number } }).evidence.sizeBytes).toBe(10 * 1024 * 1024);
  await ctx.close();
});
