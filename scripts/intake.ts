// npm run intake -- --org SLUG --format FORMAT FILE
// Imports a scanner's or identity source's file into one organisation, exactly as POST /api/v1/intake/{format}
// does (same parser, same rules, idempotent by fingerprint); prints the outcome as JSON. Works against the
// embedded database while the console runs.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { INTAKE_FORMATS } from "../lib/intake/types";

const USAGE = `Usage: npm run intake -- --org SLUG --format ${INTAKE_FORMATS.join("|")} FILE`;

function fail(message: string): never {
  console.error(`intake: ${message}`);
  console.error(USAGE);
  process.exit(1);
}

let args: { org: string; format: (typeof INTAKE_FORMATS)[number]; file: string };
try {
  const { values, positionals } = parseArgs({ options: { org: { type: "string" }, format: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  if (!values.org) fail("Say which organisation with --org SLUG.");
  if (!values.format || !(INTAKE_FORMATS as readonly string[]).includes(values.format)) fail(`Say which format with --format (one of ${INTAKE_FORMATS.join(", ")}).`);
  if (positionals.length !== 1) fail("Name one file to import.");
  args = { org: values.org, format: values.format as (typeof INTAKE_FORMATS)[number], file: positionals[0]! };
} catch (e) {
  fail((e as Error).message);
}
if (!fs.existsSync(args.file)) fail(`There is no file ${args.file}.`);
process.env.LOG_LEVEL ??= "warn";
const { runCli } = await import("./cli");
const { runIntake } = await import("../lib/api/intake");
const { AppError } = await import("../lib/errors");

await runCli("intake", async ({ db }) => {
  const { rows } = await db.execute<{ id: string }>(sql`select id from organisations where slug = ${args.org}`);
  if (!rows[0]) {
    console.error(`intake: There is no organisation "${args.org}".`);
    return 1;
  }
  const started = performance.now();
  try {
    const out = await runIntake(db, { orgId: rows[0].id, userId: null, actor: { type: "system", id: null } }, args.format, fs.readFileSync(args.file), `cli:intake:${Date.now()}`);
    console.log(JSON.stringify({ ...out, ms: Math.round(performance.now() - started) }, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`intake: ${e.message}`);
      return 1;
    }
    throw e;
  }
});
