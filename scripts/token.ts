// npm run token -- --org SLUG --scopes intake:write,items:read [--days N] [--name NAME]
// Creates an API token for one organisation. The secret goes to stdout on its own line (so
// `TOKEN=$(npm run -s token -- …)` captures it); a human summary goes to stderr. The secret is shown once.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createApiToken, MAX_TOKEN_DAYS } from "../lib/auth/api-tokens";
import { recordAudit } from "../lib/audit/record";
import { withTenant } from "../lib/db/tenant";
import { API_SCOPES, type ApiScope } from "../lib/domain/vocabulary";

const USAGE = `Usage: npm run token -- --org SLUG --scopes ${API_SCOPES.join(",")} [--days 1..${MAX_TOKEN_DAYS}] [--name NAME]`;
const DEFAULT_DAYS = 30;

function fail(message: string): never {
  console.error(`token: ${message}`);
  console.error(USAGE);
  process.exit(1);
}

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        org: { type: "string" },
        scopes: { type: "string" },
        days: { type: "string" },
        name: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    console.error(USAGE);
    process.exit(0);
  }
  const org = values.org?.trim();
  if (!org) fail("Say which organisation the token is for with --org SLUG.");
  const raw = (values.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (raw.length === 0) fail(`Give at least one scope with --scopes. Valid scopes: ${API_SCOPES.join(", ")}.`);
  const unknown = raw.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length) fail(`Unknown scope${unknown.length > 1 ? "s" : ""} ${unknown.map((s) => `"${s}"`).join(", ")}. Valid scopes: ${API_SCOPES.join(", ")}.`);
  const scopes = [...new Set(raw)] as ApiScope[];
  const daysText = values.days?.trim() ?? String(DEFAULT_DAYS);
  const days = /^\d+$/.test(daysText) ? Number(daysText) : NaN;
  if (!(days >= 1 && days <= MAX_TOKEN_DAYS)) fail(`--days must be a whole number from 1 to ${MAX_TOKEN_DAYS} (got "${daysText}").`);
  const name = values.name?.trim() || `cli ${new Date().toISOString().slice(0, 10)}`;
  if (name.length > 100) fail("Keep --name under 100 characters.");
  return { org, scopes, days, name };
}

const args = parse();
// The JSON logs go to stdout too (e.g. "database ready" in embedded mode), where they would end up in
// `TOKEN=$(…)`: keep them quiet unless LOG_LEVEL asks otherwise. The logger reads it when ./cli is loaded.
process.env.LOG_LEVEL ??= "silent";
const { runCli } = await import("./cli");

await runCli("token", async ({ db }) => {
  // As the migration owner: the slug is looked up before any tenant scope exists.
  const { rows } = await db.execute<{ id: string; name: string }>(sql`select id, name from organisations where slug = ${args.org}`);
  const org = rows[0];
  if (!org) {
    const { rows: all } = await db.execute<{ slug: string }>(sql`select slug from organisations order by slug`);
    const known = all.map((r) => r.slug);
    console.error(
      `token: There is no organisation "${args.org}"` +
        (known.length ? `; the organisations are: ${known.join(", ")}.` : "; the database has no organisations yet (run npm run db:seed)."),
    );
    return 1;
  }
  const { secret, token } = await withTenant(db, org.id, null, async (tx) => {
    const created = await createApiToken(tx, { orgId: org.id, name: args.name, scopes: args.scopes, days: args.days, createdById: null });
    await recordAudit(tx, {
      organisationId: org.id,
      actor: { type: "system", id: null },
      action: "api_token.create",
      entityType: "api_token",
      entityId: created.token.id,
      after: { name: created.token.name, prefix: created.token.prefix, scopes: created.token.scopes, expiresAt: created.token.expiresAt.toISOString() },
      reason: "Created with npm run token",
      requestId: "cli",
    });
    return created;
  });
  process.stdout.write(`${secret}\n`);
  console.error(
    `token: created "${token.name}" for ${org.name} (${args.org}): prefix ${token.prefix}, scopes ${token.scopes.join(", ")}, ` +
      `expires ${token.expiresAt.toISOString()} (${args.days} days). The secret above is shown only once.`,
  );
});
