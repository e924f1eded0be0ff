// npm run db:migrate — applies the SQL migrations in drizzle/ (PostgreSQL; the embedded database migrates itself).
import { runMigrations } from "../lib/db/client";
import { runCli } from "./cli";

await runCli("db:migrate", async ({ db }) => {
  await runMigrations(db);
  console.log("Migrations applied.");
});
