import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/browser";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.(spec|setup)\.ts/,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "personas", testMatch: /personas\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, testIgnore: /(admin|acceptances)\.spec\.ts/, dependencies: ["personas"] },
    // Its sweep rehearses a later instant for the whole demo database: run after the other journeys.
    { name: "time-travel", testMatch: /acceptances\.spec\.ts/, dependencies: ["chromium"] },
    // Disabling an account invalidates that persona's stored session: run after the other journeys.
    { name: "admin-changes", testMatch: /admin\.spec\.ts/, dependencies: ["chromium"] },
  ],
  webServer: {
    // A fresh embedded database for every run, seeded with the demo data on start.
    command: `rm -rf .data/e2e && exec npx next start -p ${port}`,
    env: { DATA_DIR: ".data/e2e", LOG_LEVEL: "warn" },
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
