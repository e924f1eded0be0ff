// Opens the database when the server starts (embedded mode: migrate and seed on first start), so the
// first request does not pay for it and a broken setup fails loudly at start-up.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./lib/db");
  const { env } = await import("./lib/env");
  if (env.embedded) await getDbHandle();
}
