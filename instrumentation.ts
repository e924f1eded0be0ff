// Opens the database when the server starts (embedded mode: migrate and seed on first start), so the
// first request does not pay for it and a broken setup fails loudly at start-up; then starts the SLA and
// escalation sweeper in-process (SWEEP_INTERVAL_SECONDS, 0 turns it off where cron runs `npm run sweep`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb, getDbHandle } = await import("./lib/db");
  const { env } = await import("./lib/env");
  if (env.embedded) await getDbHandle();
  if (env.SWEEP_INTERVAL_SECONDS > 0) {
    const { startSweeper } = await import("./lib/escalation/engine");
    startSweeper(getDb, env.SWEEP_INTERVAL_SECONDS * 1000);
  }
}
