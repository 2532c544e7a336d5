/** What every measurement of the benchmark hands to bench/run.ts, and how its numbers are written. */

/** One measurement's results: a console line, rows of the report's table, its targets and its numbers. */
export interface BenchSection {
  summary: string;
  rows: string[];
  targets: [string, boolean][];
  /** The numbers behind the rows, printed as JSON for tools (the smoke test reads them). */
  data: unknown;
}

/** A count or rate with thousands separators, rounded. */
export const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

/** A ratio as `1.23×`. */
export const times = (r: number): string => `${r.toFixed(2)}×`;

/** A duration in milliseconds with two decimals (latencies are fractions of a millisecond). */
export const ms = (n: number): string => `${n.toFixed(2)} ms`;
