// npm run sweep — one pass of the SLA and escalation sweeper, for cron (the console also runs it in-process).
// Safe while the console or other sweepers run: each organisation is swept under an advisory lock and every
// escalation is single by a unique key. Prints what it did; exit code 1 on failure.
import { parseArgs } from "node:util";

const USAGE = `Usage: npm run sweep [-- --quiet] [--at ISO-INSTANT]
  --at  sweep as if it were that instant (a rehearsal on a copy or demo data: escalations fire and risk
        acceptances expire as they would then, and their audit events carry that instant)`;
let quiet = false;
let at: Date | undefined;
try {
  const { values } = parseArgs({ options: { quiet: { type: "boolean", short: "q" }, at: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  quiet = !!values.quiet;
  if (values.at !== undefined) {
    at = new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new Error(`--at: not an ISO 8601 instant: ${values.at}`);
  }
} catch (e) {
  console.error(`sweep: ${(e as Error).message}\n${USAGE}`);
  process.exit(1);
}
process.env.LOG_LEVEL ??= "warn";
const { runCli } = await import("./cli");
const { sweep } = await import("../lib/escalation/engine");

await runCli("sweep", async ({ db }) => {
  const r = await sweep(db, at);
  if (!quiet) {
    console.log(
      `sweep: ${r.organisations} organisations (${r.busy} busy elsewhere), ${r.checked} items checked, ${r.fired} escalations fired, ` +
        `${r.notifications} notifications, ${r.expired} risk acceptances expired; deliveries ${r.deliveries.sent} sent, ${r.deliveries.retrying} to retry, ${r.deliveries.failed} failed; ${r.ms} ms`,
    );
  }
});
