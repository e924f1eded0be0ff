// Many rows in few statements: each batch travels as one JSON document that the database turns into rows
// (json_populate_recordset), so the statement's size, not its parameter count, bounds a batch. Batches are
// pipelined: the next one is built and queued while the database writes the one before.
import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "./client";

/**
 * Runs `statement` for each batch, in order, and returns all their rows. The statement for the next batch is sent
 * before the one before it has finished (the connection queues it), so building batches in JavaScript and
 * writing them in the database overlap; at most two are outstanding, so memory stays bounded.
 */
export async function executeEach<T, R extends Record<string, unknown> = Record<string, unknown>>(db: Executor, batches: readonly T[], statement: (batch: T) => SQL): Promise<R[]> {
  const sent: Promise<R[]>[] = [];
  for (const batch of batches) {
    // then() exactly once: a drizzle query is lazy until then() and runs again on every further call.
    const running = db.execute<R>(statement(batch)).then((r) => r.rows as R[]);
    // A failure is thrown by the await that reaches it; one already behind it in the queue must not go unhandled.
    running.catch(() => {});
    sent.push(running);
    if (sent.length > 1) await sent[sent.length - 2];
  }
  return (await Promise.all(sent)).flat();
}

/** Splits `xs` into batches of `n`. */
export function batchesOf<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Inserts `rows` (keys are column names) into `table`, `batch` rows to a statement. */
export async function insertRows(db: Executor, table: string, rows: readonly object[], batch = 5_000): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cols = sql.raw(columns.map((c) => `"${c}"`).join(", "));
  await executeEach(db, batchesOf(rows, batch), (part) => sql`insert into ${sql.identifier(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(part)}::json)`);
}

/**
 * `n` UUIDs that sort in the order given (version 7, RFC 9562: the time in milliseconds, a 26-bit counter, 48
 * random bits). Rows inserted in that order add to one end of each index on their id rather than to random pages
 * all over it, which is much of the cost of inserting many rows into a table with several such indexes.
 */
export function sequentialUuids(n: number, at: Date): string[] {
  const time = at.getTime().toString(16).padStart(12, "0");
  const prefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
  const random = randomBytes(6 * n).toString("hex");
  return Array.from({ length: n }, (_, i) => {
    const high = ((i >>> 14) & 0xfff).toString(16).padStart(3, "0");
    const low = (0x8000 | (i & 0x3fff)).toString(16);
    return `${prefix}${high}-${low}-${random.slice(12 * i, 12 * i + 12)}`;
  });
}
