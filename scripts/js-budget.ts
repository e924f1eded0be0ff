// npm run check:js-budget [-- --page queue --budget 250]
// The first-load JavaScript of a console page in the production build (run `npm run build` first), gzipped: the
// polyfills, the root main files, and the chunks of the root layout, the organisation layout and the page, as the
// build's manifests list them. Prints each file and the total; exits 1 when the total is over the budget (SPEC §12:
// the queue within 250 kB). The `nomodule` polyfills are counted, though modern browsers skip them.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { page: { type: "string", default: "queue" }, budget: { type: "string", default: "250" } } });
const page = values.page!;
const budget = Number(values.budget) * 1000;
const next = path.resolve(".next");
const manifestFile = path.join(next, "server/app/(console)/o/[org]", page, "page_client-reference-manifest.js");
if (!fs.existsSync(manifestFile)) {
  console.error(`js-budget: no build of the ${page} page at ${manifestFile}; run npm run build first.`);
  process.exit(2);
}

const sandbox: { globalThis: { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } } = { globalThis: {} };
vm.runInNewContext(fs.readFileSync(manifestFile, "utf8"), sandbox);
const entries = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {})[0]?.entryJSFiles ?? {};
const build = JSON.parse(fs.readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { polyfillFiles: string[]; rootMainFiles: string[] };
const files = new Set([...build.polyfillFiles, ...build.rootMainFiles]);
const wanted = ["/app/layout", "/app/(console)/o/[org]/layout", `/app/(console)/o/[org]/${page}/page`];
for (const w of wanted) {
  const chunks = Object.entries(entries).find(([k]) => k.endsWith(w))?.[1];
  if (!chunks) {
    console.error(`js-budget: the build lists no chunks for ${w}.`);
    process.exit(2);
  }
  for (const c of chunks) files.add(c);
}

let total = 0;
const rows: [string, number, number][] = [];
for (const f of files) {
  const raw = fs.readFileSync(path.join(next, f));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push([f, raw.length, gz]);
}
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
for (const [f, raw, gz] of rows.sort((a, b) => b[2] - a[2])) console.log(`${kb(gz).padStart(9)} gzip  ${kb(raw).padStart(9)} raw  ${f}${build.polyfillFiles.includes(f) ? " (polyfills, nomodule)" : ""}`);
console.log(`First-load JavaScript of the ${page} page: ${kb(total)} gzip (budget ${kb(budget)}).`);
if (total > budget) {
  console.error(`js-budget: the ${page} page's first-load JavaScript is over budget by ${kb(total - budget)}.`);
  process.exit(1);
}
