// npm run db:migrate — applies the SQL migrations in drizzle/ (PostgreSQL; the embedded database migrates itself).
import { runMigrations } from "../lib/db/client";
import { runCli } from "./cli";

await runCli("db:migrate", async ({ db }) => {
  const started = Date.now();
  const { applied, vacuumed } = await runMigrations(db);
  console.log(
    applied === 0
      ? "Migrations applied (none were new)."
      : `Migrations applied: ${applied} new${vacuumed ? `; then vacuumed and analysed the database (${((Date.now() - started) / 1000).toFixed(1)} s in all)` : ""}.`,
  );
});
