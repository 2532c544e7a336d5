/**
 * Per-operation cost as the ledger grows, garbage collection included. Two worker processes hold the two
 * sizes of ledger (bench/scale-worker.ts): about 1,000 payments and about 1,000,000. A window runs
 * operations for a fixed stretch of wall-clock time and counts them; the cost of an operation is the CPU
 * time the whole process spent in the window (the collector's pauses and its helper threads included)
 * divided by the operations, and the wall-clock time per operation is reported beside it. Windows alternate
 * between the sides (small, large, large, small, ...), so drift in the machine's load hits both alike, and
 * each side's cost is the median of its windows. Why so: docs/decisions/009-bench-scale-windows.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import type { ScaleKind, ScaleSide, WindowSample } from "./scale-worker.js";

export type { ScaleKind, WindowSample } from "./scale-worker.js";

/** How the scale measurement is run. */
export interface ScaleOptions {
  smallStored: number;
  largeStored: number;
  windowMs: number;
  /** Windows per side. */
  windows: number;
}

/** The full measurement: 11 windows of 1 s per side, 1,000 against 1,000,000 stored payments. */
export const FULL_SCALE: ScaleOptions = { smallStored: 1_000, largeStored: 1_000_000, windowMs: 1_000, windows: 11 };
/** A quick look (`npm run bench -- --quick`): fewer, shorter windows and a smaller large ledger. */
export const QUICK_SCALE: ScaleOptions = { smallStored: 1_000, largeStored: 200_000, windowMs: 300, windows: 3 };

/** One side's windows and their medians. */
export interface SideResult {
  samples: WindowSample[];
  /** Median over the windows of CPU nanoseconds per operation (every thread of the process): the cost. */
  cpuNsPerOp: number;
  /** Median over the windows of wall-clock nanoseconds per operation, collector pauses included. */
  wallNsPerOp: number;
  /** Median share of the window's wall-clock time the main thread spent in collector pauses. */
  gcShare: number;
  /** Operations per second of wall-clock time, at the median wall-clock cost. */
  opsPerSec: number;
}

/** Both sides of one kind of operation. */
export interface ScaleResult {
  kind: ScaleKind;
  options: ScaleOptions;
  small: SideResult;
  large: SideResult;
  /** Median CPU cost per operation, large over small: the number the target is checked against. */
  ratio: number;
  /** The same from wall-clock time, which the machine's other load moves more. */
  wallRatio: number;
  /** Each round's CPU cost of the large window over the small window's, to show the spread medians smooth out. */
  roundRatios: number[];
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const cpuNsPerOp = (s: WindowSample) => (s.cpuMs * 1e6) / s.ops;
const wallNsPerOp = (s: WindowSample) => (s.wallMs * 1e6) / s.ops;

/** Summarises one side's windows by their medians. */
export function summarise(samples: WindowSample[]): SideResult {
  const wall = median(samples.map(wallNsPerOp));
  return {
    samples,
    cpuNsPerOp: median(samples.map(cpuNsPerOp)),
    wallNsPerOp: wall,
    gcShare: median(samples.map((s) => s.gcMs / s.wallMs)),
    opsPerSec: 1e9 / wall,
  };
}

/** Compares the two sides' windows (paired by round). */
export function compare(kind: ScaleKind, options: ScaleOptions, smallSamples: WindowSample[], largeSamples: WindowSample[]): ScaleResult {
  const small = summarise(smallSamples);
  const large = summarise(largeSamples);
  return {
    kind,
    options,
    small,
    large,
    ratio: large.cpuNsPerOp / small.cpuNsPerOp,
    wallRatio: large.wallNsPerOp / small.wallNsPerOp,
    roundRatios: largeSamples.map((s, i) => cpuNsPerOp(s) / cpuNsPerOp(smallSamples[i]!)),
  };
}

/** A worker process and the lines it has printed, read one at a time. */
interface Worker {
  child: ChildProcess;
  lines: Interface;
  next(): Promise<string>;
}

function startWorker(kind: ScaleKind, side: ScaleSide, stored: number, windowMs: number): Worker {
  // The heap limit the sandbox's own commands use (docs/decisions/008-heap-limit.md).
  const args = ["--max-old-space-size=8192", "--expose-gc", "--import", "tsx", "bench/scale-worker.ts", kind, side, String(stored), String(windowMs)];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout! });
  const queued: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => (waiting.length > 0 ? waiting.shift()!(line) : queued.push(line)));
  child.once("exit", (code) => waiting.splice(0).forEach((resolve) => resolve(`EXIT ${code}`)));
  const next = () =>
    new Promise<string>((resolve) => {
      if (queued.length > 0) resolve(queued.shift()!);
      else if (child.exitCode !== null) resolve(`EXIT ${child.exitCode}`);
      else waiting.push(resolve);
    });
  return { child, lines, next };
}

async function expectLine(worker: Worker, prefix: string): Promise<string> {
  const line = await worker.next();
  if (!line.startsWith(prefix)) throw new Error(`scale worker: expected ${prefix.trim()}, got ${line}`);
  return line.slice(prefix.length);
}

async function runWindow(worker: Worker): Promise<WindowSample> {
  worker.child.stdin!.write("window\n");
  return JSON.parse(await expectLine(worker, "WINDOW ")) as WindowSample;
}

/** Measures one kind of operation at both sizes, windows interleaved (see the file comment). */
export async function measureScale(kind: ScaleKind, options: ScaleOptions): Promise<ScaleResult> {
  const small = startWorker(kind, "small", options.smallStored, options.windowMs);
  const large = startWorker(kind, "large", options.largeStored, options.windowMs);
  try {
    await Promise.all([expectLine(small, "READY"), expectLine(large, "READY")]);
    const smallSamples: WindowSample[] = [];
    const largeSamples: WindowSample[] = [];
    for (let round = 0; round < options.windows; round++) {
      // Small first in even rounds, large first in odd ones: neither side always follows the other.
      if (round % 2 === 0) {
        smallSamples.push(await runWindow(small));
        largeSamples.push(await runWindow(large));
      } else {
        largeSamples.push(await runWindow(large));
        smallSamples.push(await runWindow(small));
      }
    }
    return compare(kind, options, smallSamples, largeSamples);
  } finally {
    for (const worker of [small, large]) {
      worker.lines.close();
      worker.child.stdin!.end();
      if (worker.child.exitCode === null) worker.child.kill();
    }
  }
}
