/**
 * One side of the scale measurement (bench/scale.ts), in a process of its own so that the heap it measures
 * holds only its own ledgers. It warms up, prints READY, then answers each `window` line on stdin with one
 * WINDOW line: how many operations of its kind it completed in a fixed stretch of wall-clock time, with
 * every collector pause inside that time.
 *
 * Every window starts on ledgers filled beforehand, outside the window, to exactly `stored` payments. The
 * large side runs the whole window on one; the small side moves to a fresh one every SMALL_SPAN operations,
 * so that it stays near its size while it takes hundreds of thousands of operations.
 *
 * usage: scale-worker.ts <create|lifecycle> <small|large> <stored> <windowMs>
 */
import { PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { createPayments, lifecycle, openBook, type Book } from "./books.js";

export type ScaleKind = "create" | "lifecycle";
export type ScaleSide = "small" | "large";

/** What one window measured. */
export interface WindowSample {
  /** Operations completed in the window. */
  ops: number;
  wallMs: number;
  /** CPU time of the whole process during the window: every thread, the collector's helpers too. */
  cpuMs: number;
  /** Main-thread time spent in collector pauses during the window (part of wallMs). */
  gcMs: number;
}

/** Operations between clock reads: a window overshoots its length by about a millisecond at most. */
const CHUNK = 1_000;
/** Operations a small ledger takes before a fresh one replaces it (so 1,000 stored grows to 11,000 at most). */
const SMALL_SPAN = 10_000;

/** Runs CHUNK operations of the kind on the book. */
function runChunk(kind: ScaleKind, book: Book): void {
  if (kind === "create") createPayments(book, CHUNK);
  else lifecycle(book, CHUNK / 4);
  book.taken += CHUNK;
}

/** Lets the collector finish the background work a burst left (a sandbox between bursts gets that time). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 500));

/** Collector pauses as the runtime reports them (delivered once the event loop turns). */
const gcPauses: PerformanceEntry[] = [];
new PerformanceObserver((list) => gcPauses.push(...list.getEntries())).observe({ entryTypes: ["gc"] });

/** Runs chunks until `windowMs` of wall-clock time has passed; every collector pause inside is paid for. */
async function measure(windowMs: number, chunk: () => void): Promise<WindowSample> {
  gcPauses.length = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < windowMs) {
    chunk();
    ops += CHUNK;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpuStart);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gcMs = gcPauses.filter((e) => e.startTime >= start && e.startTime < now).reduce((sum, e) => sum + e.duration, 0);
  return { ops, wallMs: now - start, cpuMs: (cpu.user + cpu.system) / 1000, gcMs };
}

/** The ledgers of one side: filled before each window, used up by it, dropped after it. */
class Side {
  private pool: Book[] = [];

  constructor(
    private readonly kind: ScaleKind,
    private readonly stored: number,
    /** Operations one ledger takes before the next replaces it. */
    private readonly span: number,
    private expectedOps: number,
  ) {}

  /** Fills, outside any window, the ledgers the next window needs (half again what the last one used). */
  prepare(): void {
    const needed = Number.isFinite(this.span) ? Math.ceil((this.expectedOps * 1.5) / this.span) + 1 : 1;
    while (this.pool.length < needed) this.pool.push(openBook(this.stored));
    collectGarbage();
  }

  async window(windowMs: number): Promise<WindowSample> {
    let book = this.pool.pop()!;
    const sample = await measure(windowMs, () => {
      // Only if the pool runs dry (it holds half again what the last window used) does a fill land in the window.
      if (book.taken >= this.span) book = this.pool.pop() ?? openBook(this.stored);
      runChunk(this.kind, book);
    });
    this.expectedOps = sample.ops;
    return sample;
  }
}

/**
 * A full collection (the worker runs with --expose-gc): the garbage of filling ledgers is not what a window
 * measures, so every window, on either side, starts from a collected heap instead of paying for the fill.
 */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the scale worker needs node --expose-gc");
  gc();
}

/** JIT warm-up on a scratch ledger, so that no window pays for compilation; returns operations per second. */
function warmUp(kind: ScaleKind): number {
  const book = openBook(1_000);
  const start = performance.now();
  for (let i = 0; i < 200; i++) runChunk(kind, book);
  return (200 * CHUNK) / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const [kind, side, storedArg, windowArg] = process.argv.slice(2);
  const stored = Number(storedArg);
  const windowMs = Number(windowArg);
  if ((kind !== "create" && kind !== "lifecycle") || (side !== "small" && side !== "large") || !(stored > 0) || !(windowMs > 0)) {
    console.error("usage: scale-worker.ts <create|lifecycle> <small|large> <stored> <windowMs>");
    process.exit(2);
  }
  const expectedOps = (warmUp(kind) * windowMs) / 1000;
  const worker = new Side(kind, stored, side === "small" ? SMALL_SPAN : Infinity, expectedOps);
  worker.prepare();
  await settle();
  console.log("READY");
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== "window") break;
    const sample = await worker.window(windowMs);
    // Fill the next window's ledgers and let the collector catch up before answering: the other side's
    // window starts only then, so it never shares the machine with this side's preparation.
    worker.prepare();
    await settle();
    console.log(`WINDOW ${JSON.stringify(sample)}`);
  }
}

await main();
