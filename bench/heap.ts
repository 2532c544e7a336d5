/**
 * Heap bytes per stored single-leg payment at each size, each measured in a fresh process
 * (bench/heap-worker.ts) so that no other ledger shares its heap.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { HeapSample } from "./heap-worker.js";
import { fmt, type BenchSection } from "./report.js";

/** The bound on the heap a stored single-leg payment may take. */
const MAX_BYTES_PER_PAYMENT = 1536;

/** The sizes `npm run bench` measures. */
export const FULL_HEAP_SIZES = [100_000, 1_000_000];
/** The sizes of `--quick` and `--smoke`. */
export const QUICK_HEAP_SIZES = [10_000];

const run = promisify(execFile);

/** Measures each size in its own worker process. */
export async function measureHeap(sizes: number[]): Promise<BenchSection> {
  const samples: HeapSample[] = [];
  for (const stored of sizes) {
    // The heap limit of the sandbox's commands (docs/decisions/008-heap-limit.md); --expose-gc for the full collections.
    const { stdout } = await run(process.execPath, ["--max-old-space-size=8192", "--expose-gc", "--import", "tsx", "bench/heap-worker.ts", String(stored)]);
    const line = /^HEAP (.+)$/m.exec(stdout)?.[1];
    if (!line) throw new Error(`the heap worker printed no HEAP line: ${stdout}`);
    samples.push(JSON.parse(line) as HeapSample);
  }
  const line = (s: HeapSample) => `${fmt(s.bytesPerPayment)} bytes per payment at ${fmt(s.stored)} stored`;
  return {
    summary: `heap: ${samples.map(line).join(", ")}`,
    rows: samples.map((s) => `| V8 heap per stored single-leg payment, ${fmt(s.stored)} stored (after a full collection, less the empty ledger's heap) | ${fmt(s.bytesPerPayment)} bytes (heap ${fmt(s.heapBytes / 1024 / 1024)} MiB) |`),
    targets: [[`heap per stored single-leg payment <= ${MAX_BYTES_PER_PAYMENT} bytes (1.5 KB)`, samples.every((s) => s.bytesPerPayment <= MAX_BYTES_PER_PAYMENT)]],
    data: { samples },
  };
}
