// What the benchmarks share: concurrent loops, quantiles, a plain-text table of figures and their JSON.
import fs from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";

type ParsedResults<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

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

/** p50, p95 and max of `ms`. */
export function figures(ms: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
}

/** Rows under a header as plain text; columns listed in `left` are left-aligned, the rest right-aligned. */
export function formatTable(head: string[], rows: string[][], left: number[] = [0]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function printTable(head: string[], rows: string[][], left: number[] = [0]): void {
  console.log(formatTable(head, rows, left));
}

/** A benchmark CLI's way out on bad arguments, its option parser (with --help) and its whole-number option reader. */
export function cliArgs(name: string, usage: string) {
  const fail = (message: string): never => {
    console.error(`${name}: ${message}\n${usage}`);
    process.exit(1);
  };
  /** The options given (strict: an unknown one is refused with the usage); --help prints the usage and exits. */
  const parse = <O extends Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>>(options: O) => {
    try {
      const { values } = parseArgs({ options: { ...options, help: { type: "boolean", short: "h" } }, strict: true });
      if ((values as { help?: boolean }).help) {
        console.log(usage);
        process.exit(0);
      }
      return values as ParsedResults<{ options: O; strict: true }>["values"];
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  const positiveInt = (option: string, raw: string | undefined, fallback: number, max = 100_000): number => {
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(n >= 1 && n <= max)) fail(`--${option} must be a whole number from 1 to ${max} (got "${raw}").`);
    return n;
  };
  return { fail, parse, positiveInt };
}

export interface Measured {
  name: string;
  /** Successful calls per second of wall time, across the clients. */
  perSecond: number;
  ms: number[];
  errors: Error[];
  figures: { p50: number; p95: number; max: number };
}

/** Each case in turn: `warmup` calls, then `runs` timed calls, from `clients` concurrent loops. */
export async function measureCases(
  cases: readonly { name: string; run: () => Promise<unknown> }[],
  o: { clients: number; warmup: number; runs: number },
): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const c of cases) {
    const call = () => c.run().then(() => {});
    await runConcurrent(o.clients, o.warmup, call);
    const started = performance.now();
    const { ms, errors } = await runConcurrent(o.clients, o.runs, call);
    out.push({ name: c.name, perSecond: ms.length / ((performance.now() - started) / 1000), ms, errors, figures: figures(ms) });
  }
  return out;
}

/** A measured case as a table row: name, count, per second, p50, p95, max. */
export const figureRow = (m: Measured): string[] => [m.name, String(m.ms.length), m.perSecond.toFixed(0), m.figures.p50.toFixed(1), m.figures.p95.toFixed(1), m.figures.max.toFixed(1)];

/** One measured case as the benchmarks write it with --json, for bench to combine. */
export interface CaseFigures {
  name: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function writeFiguresJson(file: string, meta: Record<string, unknown>, results: readonly Measured[]): void {
  const cases: CaseFigures[] = results.map((m) => ({ name: m.name, n: m.ms.length, ...m.figures }));
  fs.writeFileSync(file, JSON.stringify({ ...meta, cases }, null, 2));
}
