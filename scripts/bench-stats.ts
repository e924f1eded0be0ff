// What the benchmarks share: concurrent loops, quantiles and a plain-text table of figures.

/** Runs `n` calls of `fn` from `clients` concurrent loops; returns each call's latency (ms) and the failures. */
export async function runConcurrent(clients: number, n: number, fn: () => Promise<void>): Promise<{ ms: number[]; errors: Error[] }> {
  const ms: number[] = [];
  const errors: Error[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, n) }, async () => {
      while (next < n) {
        next++;
        const started = performance.now();
        try {
          await fn();
          ms.push(performance.now() - started);
        } catch (e) {
          errors.push(e instanceof Error ? e : new Error(String(e)));
        }
      }
    }),
  );
  return { ms, errors };
}

/** The q-quantile of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** p50, p95 and max of `ms`, to one decimal. */
export function summary(ms: readonly number[]): [string, string, string] {
  const sorted = [...ms].sort((a, b) => a - b);
  return [quantile(sorted, 0.5).toFixed(1), quantile(sorted, 0.95).toFixed(1), (sorted.at(-1) ?? NaN).toFixed(1)];
}

/** Prints rows under a header; columns listed in `left` are left-aligned, the rest right-aligned. */
export function printTable(head: string[], rows: string[][], left: number[] = [0]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}

/** A benchmark CLI's way out on bad arguments, and its whole-number option reader. */
export function cliArgs(name: string, usage: string) {
  const fail = (message: string): never => {
    console.error(`${name}: ${message}\n${usage}`);
    process.exit(1);
  };
  const positiveInt = (option: string, raw: string | undefined, fallback: number, max = 100_000): number => {
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(n >= 1 && n <= max)) fail(`--${option} must be a whole number from 1 to ${max} (got "${raw}").`);
    return n;
  };
  return { fail, positiveInt };
}
