// Shared by the command-line tools: open the configured database (joining a running console in embedded
// mode), run, report errors as one clear line, and close.
import { getDbHandle } from "../lib/db";
import type { DbHandle } from "../lib/db/client";

export async function runCli(name: string, fn: (h: DbHandle) => Promise<number | void>): Promise<void> {
  let handle: DbHandle | null = null;
  let code = 0;
  try {
    handle = await getDbHandle();
    code = (await fn(handle)) ?? 0;
  } catch (e) {
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    code = 1;
  } finally {
    await handle?.close().catch(() => {});
  }
  process.exit(code);
}
