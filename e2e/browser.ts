// The system Chromium from Debian (browser downloads do not work here), with flags for a closed network.
import fs from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumLaunchOptions = {
  executablePath: fs.existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
};
