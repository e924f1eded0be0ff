// Many rows in few statements: each batch travels as one JSON document that the database turns into rows
// (json_populate_recordset), so the statement's size, not its parameter count, bounds a batch.
import { sql } from "drizzle-orm";
import type { Executor } from "./client";

/** Inserts `rows` (keys are column names) into `table`, `batch` rows to a statement. */
export async function insertRows(db: Executor, table: string, rows: readonly object[], batch = 5_000): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cols = sql.raw(columns.map((c) => `"${c}"`).join(", "));
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = JSON.stringify(rows.slice(i, i + batch));
    await db.execute(sql`insert into ${sql.identifier(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.identifier(table)}, ${chunk}::json)`);
  }
}
