// npm run bench [-- --port 3200] [--name "L, PostgreSQL"] [--skip-intake] [--skip-sweep]
// One command for the project's figures (SPEC §12), against the database the environment names: PostgreSQL
// with DATABASE_URL (seed it first, e.g. npm run db:seed -- --scale L), else the embedded database in DATA_DIR
// (npm run db:seed -- --scale M). It starts the production build (building it if there is none) and drives it with
// 8 concurrent clients (bench:api: the work-item list's first, deep and filtered pages sorted by SLA due, an item's
// detail, the queue and item pages' server render, the metrics summary); stops the server and runs the same list
// queries directly (bench:list-sql), giving the API's overhead as a ratio; times the metrics summary without HTTP
// (bench:metrics), then the intake of 100,000 gitleaks findings and its re-import (bench:intake) and the sweeper
// (bench:sweep) on scratch databases. It prints each benchmark's table and writes them, with the machine, the date
// and the commands, into docs/benchmarks.md between the "full run" markers. Figures only: nothing is asserted.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatTable, type CaseFigures } from "./bench-stats";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3200" }, name: { type: "string" }, "skip-intake": { type: "boolean" }, "skip-sweep": { type: "boolean" } },
  strict: true,
});
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const target = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).host}${new URL(process.env.DATABASE_URL).pathname})` : `PGlite in ${process.env.DATA_DIR ?? ".data"}`;
// Each named run has its own section in docs/benchmarks.md, replaced when that run is made again.
const name = values.name?.trim() || (process.env.DATABASE_URL ? "PostgreSQL" : "PGlite");
const key = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const START = `<!-- bench:full-run:${key}:start -->`;
const END = `<!-- bench:full-run:${key}:end -->`;

function run(title: string, args: string[]): { title: string; command: string; output: string; ok: boolean } {
  const command = `npm run ${args[0]}${args.length > 1 ? ` -- ${args.slice(1).join(" ")}` : ""}`;
  console.log(`\n== ${title}: ${command}`);
  const r = spawnSync("npm", ["run", "-s", args[0]!, ...(args.length > 1 ? ["--", ...args.slice(1)] : [])], { encoding: "utf8", env: process.env, maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ""}${r.status === 0 ? "" : r.stderr ?? ""}`.trim();
  console.log(output);
  return { title, command, output, ok: r.status === 0 };
}

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`The console did not answer ${base}/api/health in time.`);
}

if (!fs.existsSync(".next/BUILD_ID")) {
  console.log("== no production build: npm run build");
  if (spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
}

const results: ReturnType<typeof run>[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-"));
const apiJson = path.join(scratch, "api.json");
const sqlJson = path.join(scratch, "sql.json");

/** The API's figures beside the same query's run directly: SPEC §12 wants the API within 2× (p95). */
function overhead(): ReturnType<typeof run> {
  const title = "API overhead: the list API against the same query run directly";
  const read = (file: string) => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { cases: CaseFigures[] }).cases : []);
  const api = read(apiJson);
  const direct = new Map(read(sqlJson).map((c) => [c.name, c]));
  const rows = api.flatMap((a) => {
    const d = direct.get(a.name);
    return d ? [[a.name, a.p50.toFixed(1), d.p50.toFixed(1), a.p95.toFixed(1), d.p95.toFixed(1), `${(a.p95 / d.p95).toFixed(1)}×`]] : [];
  });
  const output = rows.length ? formatTable(["case", "API p50", "SQL p50", "API p95", "SQL p95", "p95 ratio"], rows) : "(no figures: see the two benchmarks above)";
  console.log(`\n== ${title}\n${output}`);
  return { title, command: "from the two runs above", output, ok: rows.length > 0 };
}
const loadAtStart = os.loadavg().map((n) => n.toFixed(1)).join(", ");
console.log(`== starting the console on ${base} against ${target}`);
const server = spawn("npx", ["next", "start", "-p", String(port)], {
  // Against PostgreSQL a production server wants its own AUTH_SECRET; a throwaway one serves the run's sign-in.
  env: { ...process.env, LOG_LEVEL: "warn", SWEEP_INTERVAL_SECONDS: "0", AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url") },
  stdio: ["ignore", "inherit", "inherit"],
  detached: true,
});
try {
  await waitForHealth(Date.now() + 120_000);
  results.push(run("Work-item list API and item detail, 1 client", ["bench:api", "--base", base, "--clients", "1", "--requests", "200", "--warmup", "20"]));
  results.push(run("Work-item list API and item detail, 8 clients", ["bench:api", "--base", base, "--json", apiJson]));
  results.push(run("Queue and item pages, server render, 1 client", ["bench:api", "--base", base, "--pages", "--clients", "1", "--requests", "100", "--warmup", "10"]));
  results.push(run("Queue and item pages, server render, 8 clients", ["bench:api", "--base", base, "--pages"]));
  results.push(run("Metrics summary API, 8 clients", ["bench:api", "--base", base, "--metrics"]));
} finally {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
  await new Promise((res) => setTimeout(res, 1500));
}
results.push(run("The same list queries directly, 8 clients", ["bench:list-sql", "--json", sqlJson]));
results.push(overhead());
fs.rmSync(scratch, { recursive: true, force: true });
results.push(run("Metrics summary without HTTP, 8 clients", ["bench:metrics"]));
if (!values["skip-intake"]) results.push(run("Intake of 100,000 gitleaks findings and its re-import (scratch database)", ["bench:intake"]));
if (!values["skip-sweep"]) results.push(run("Sweeper: nothing due, then 10,000 items coming due (scratch database)", ["bench:sweep"]));

const cpus = os.cpus();
const section = [
  START,
  `## Full run: ${name} (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC)`,
  "",
  `Written by \`npm run bench\` against ${target}. Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.platform()} ${os.release()}, Node.js ${process.version}. Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${os.loadavg().map((n) => n.toFixed(1)).join(", ")} (figures taken while other work runs are not comparable).`,
  "",
  ...results.flatMap((r) => [`### ${r.title}${r.ok ? "" : " (failed)"}`, "", r.command.startsWith("npm") ? `\`${r.command}\`` : `(${r.command})`, "", "```text", r.output, "```", ""]),
  END,
].join("\n");
const doc = fs.existsSync("docs/benchmarks.md") ? fs.readFileSync("docs/benchmarks.md", "utf8") : "# Benchmarks\n";
const a = doc.indexOf(START);
const b = doc.indexOf(END);
fs.writeFileSync("docs/benchmarks.md", a >= 0 && b > a ? doc.slice(0, a) + section + doc.slice(b + END.length) : `${doc.trimEnd()}\n\n${section}\n`);
console.log(`\nWritten to docs/benchmarks.md (${results.filter((r) => !r.ok).length} benchmark(s) failed).`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
