/**
 * Heap bytes per stored single-leg payment, in a process of its own (bench/heap.ts starts it with
 * --expose-gc): the heap after a full collection of a ledger holding `stored` posted payments, less the
 * heap of the same ledger empty, over `stored`. Everything the ledger keeps per payment counts: the
 * payment and its leg, ids, indexes, the accounts' posting lists. Prints one line: `HEAP <json>`.
 *
 * usage: heap-worker.ts <stored>
 */
import { createPayments, openBook } from "./books.js";

/** What one measurement found. */
export interface HeapSample {
  stored: number;
  bytesPerPayment: number;
  /** The heap used by the filled ledger, after a full collection. */
  heapBytes: number;
}

/** The heap in use after full collections (twice: the first may leave work for finalizers). */
function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the heap worker needs node --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const stored = Number(process.argv[2]);
if (!(Number.isSafeInteger(stored) && stored > 0)) {
  console.error("usage: heap-worker.ts <stored>");
  process.exit(2);
}
const book = openBook(0);
const before = settledHeap();
createPayments(book, stored);
const after = settledHeap();
// The book is read after the measurement, so the collector cannot have dropped it before.
const kept = book.ledger.queryTransactions({ accountIds: [book.treasury] }, { by: "createdDate", direction: "desc" }, { page: 1, pageSize: 1 }).totalCount;
if (kept !== stored) throw new Error(`the ledger holds ${kept} payments, not ${stored}`);
const sample: HeapSample = { stored, bytesPerPayment: (after - before) / stored, heapBytes: after };
console.log(`HEAP ${JSON.stringify(sample)}`);
