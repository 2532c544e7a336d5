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
import { createLedger, createManualClock, createSeededIds, type Ledger } from "../sandbox/core/index.js";

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

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
/** Operations between clock reads: a window overshoots its length by about a millisecond at most. */
const CHUNK = 1_000;
/** Operations a small ledger takes before a fresh one replaces it (so 1,000 stored grows to 11,000 at most). */
const SMALL_SPAN = 10_000;

interface Book {
  ledger: Ledger;
  treasury: string;
  clients: string[];
  /** Operations this book has taken in a window. */
  taken: number;
}

/** A ledger with a treasury and eight client accounts in eur, holding `stored` payments that fund them. */
function openBook(stored: number): Book {
  const ledger = createLedger({ clock: createManualClock(Date.parse("2026-01-01T09:00:00Z")), ids: createSeededIds(7) });
  const treasury = must(ledger.createAccount({ currency: "eur", type: "treasury" })).id;
  const clients: string[] = [];
  for (let i = 0; i < 8; i++) {
    const client = must(ledger.addClient({ type: "individual", email: `bench${i}@example.com`, phone: null, firstName: "Bench", lastName: `${i}`, companyName: null, country: "DE" }));
    clients.push(must(ledger.createAccount({ clientId: client.id, currency: "eur", type: "client" })).id);
  }
  const book = { ledger, treasury, clients, taken: 0 };
  createPayments(book, stored);
  return book;
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Creates `count` posted payments treasury -> clients. */
function createPayments(book: Book, count: number): void {
  for (let i = 0; i < count; i++) {
    must(book.ledger.createPayment({ parentId: PARENT, parentType: "transfer", debtor: { id: book.treasury }, creditor: { id: book.clients[i & 7]! }, currency: "eur", amountMinor: 100 + (i % 50) }));
  }
}

/** Runs `cycles` draft -> pend -> post cycles client -> client, reading the leg back (4 operations each). */
function lifecycle(book: Book, cycles: number): void {
  for (let i = 0; i < cycles; i++) {
    const from = book.clients[i & 7]!;
    const to = book.clients[(i + 1) & 7]!;
    const { payment } = must(book.ledger.draftPayment({ parentId: PARENT, parentType: "transfer", legs: [{ debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor: 1 }] }));
    must(book.ledger.pendPayments({ paymentIds: [payment.id] }));
    must(book.ledger.postPayments({ paymentIds: [payment.id] }));
    if (!book.ledger.getTransaction(payment.transactions[0]!.id)) throw new Error("leg not found");
  }
}

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
