// npm run db:seed — loads the demo organisations, users, identities and work items into an empty database.
import { sql } from "drizzle-orm";
import { seedDemo } from "../lib/seed/demo";
import { runCli } from "./cli";

await runCli("db:seed", async ({ db }) => {
  const { rows } = await db.execute<{ n: string }>(sql`select count(*) as n from organisations`);
  if (Number(rows[0]?.n ?? 0) > 0) {
    console.log("The database already has organisations; the demo data is loaded only into an empty database.");
    return 0;
  }
  const started = Date.now();
  await seedDemo(db);
  console.log(`Demo data loaded in ${Date.now() - started} ms. Sign in with any demo login and the password wrapper-demo.`);
});
