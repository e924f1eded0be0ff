// drizzle wraps driver errors ("Failed query: …"); the database's own message is on `cause`.
import { expect } from "vitest";

export async function expectDbError(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(err, "expected the database to refuse").not.toBeNull();
  const text = `${err!.message} ${err!.cause?.message ?? ""}`;
  expect(text).toMatch(pattern);
}
