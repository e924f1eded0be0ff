// npm run db:seed [-- --scale S|M|L] [--no-audit]
//   S (default): loads the demo organisations, users, identities and work items into an empty database.
//   M: also grows the demo organisations to 100,000 work items in total (lib/seed/scale.ts), loading the demo
//      first when the database is empty. Does nothing when the database already holds that many items.
//   L: SPEC §12's dataset: seven more client organisations, and the ten grown to 1,000,000 work items, 100,000
//      identities and about 6,000,000 audit events (7–8 minutes on PostgreSQL on 2 cores; meant for PostgreSQL).
//   --no-audit: leave out the generated items' audit events (much faster; the audit trail is then thin).
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { seedDemo } from "../lib/seed/demo";
import { isScaleName, seedScale, SCALES } from "../lib/seed/scale";
import { runCli } from "./cli";

const SIZES = ["S", ...Object.keys(SCALES)];
const USAGE = `Usage: npm run db:seed [-- --scale ${SIZES.join("|")}] [--no-audit]`;

let scale = "S";
let audit = true;
try {
  const { values } = parseArgs({
    options: { scale: { type: "string" }, "no-audit": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  scale = (values.scale ?? "S").trim().toUpperCase();
  audit = !values["no-audit"];
} catch (e) {
  console.error(`db:seed: ${(e as Error).message}\n${USAGE}`);
  process.exit(1);
}
if (scale !== "S" && !isScaleName(scale)) {
  console.error(`db:seed: Unknown scale "${scale}". Choose one of: ${SIZES.join(", ")}.\n${USAGE}`);
  process.exit(1);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

await runCli("db:seed", async ({ db }) => {
  const started = Date.now();
  const { rows } = await db.execute<{ n: string }>(sql`select count(*) as n from organisations`);
  const empty = Number(rows[0]?.n ?? 0) === 0;
  if (empty) {
    await seedDemo(db);
    console.log(`Demo data loaded in ${Date.now() - started} ms. Sign in with any demo login and the password wrapper-demo.`);
  } else if (scale === "S") {
    console.log("The database already has organisations; the demo data is loaded only into an empty database.");
    return 0;
  }
  if (!isScaleName(scale)) return 0;

  const target = SCALES[scale].workItems.toLocaleString("en-GB");
  const scaleStarted = Date.now();
  const report = await seedScale(db, scale, { audit, log: (line) => console.log(`  ${line}`) });
  if (report.alreadyThere) {
    console.log(`The database already holds ${report.itemsBefore.toLocaleString("en-GB")} work items (scale ${scale} is ${target}); nothing to add.`);
    return 0;
  }
  const a = report.added;
  console.log(
    `Scale ${scale}: ${report.itemsBefore.toLocaleString("en-GB")} → ${report.itemsAfter.toLocaleString("en-GB")} work items ` +
      `(+${a.identities.toLocaleString("en-GB")} identities, +${a.evidence.toLocaleString("en-GB")} evidence, +${a.riskAcceptances.toLocaleString("en-GB")} risk acceptances, ` +
      `+${a.auditEvents.toLocaleString("en-GB")} audit events) ` +
      `in ${seconds(scaleStarted)}${empty ? ` (${seconds(started)} with the demo data)` : ""}.`,
  );
});
