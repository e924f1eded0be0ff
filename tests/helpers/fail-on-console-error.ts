// A stray console.error in a test run is a bug we have not looked at: fail the test that caused it.
import { afterEach, vi } from "vitest";

const spy = vi.spyOn(console, "error");
afterEach(() => {
  const calls = spy.mock.calls.slice();
  spy.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => c.join(" ")).join("\n")}`);
});
