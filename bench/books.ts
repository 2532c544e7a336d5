/**
 * Ledgers the in-process measurements fill and work on (bench/scale-worker.ts, bench/heap-worker.ts): a
 * treasury and eight client accounts in eur on a manual clock, payments from the treasury to the clients,
 * and the draft, pend, post, read cycle between clients.
 */
import { createLedger, createManualClock, createSeededIds, type Ledger } from "../sandbox/core/index.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

/** A ledger and the accounts the benchmark's operations use. */
export interface Book {
  ledger: Ledger;
  treasury: string;
  clients: string[];
  /** Operations this book has taken in a window. */
  taken: number;
}

/** A ledger with a treasury and eight client accounts in eur, holding `stored` payments that fund them. */
export function openBook(stored: number): Book {
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

/** The value of a result the benchmark expects to succeed. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Creates `count` posted single-leg payments treasury -> clients. */
export function createPayments(book: Book, count: number): void {
  for (let i = 0; i < count; i++) {
    must(book.ledger.createPayment({ parentId: PARENT, parentType: "transfer", debtor: { id: book.treasury }, creditor: { id: book.clients[i & 7]! }, currency: "eur", amountMinor: 100 + (i % 50) }));
  }
}

/** Runs `cycles` draft -> pend -> post cycles client -> client, reading the leg back (4 operations each). */
export function lifecycle(book: Book, cycles: number): void {
  for (let i = 0; i < cycles; i++) {
    const from = book.clients[i & 7]!;
    const to = book.clients[(i + 1) & 7]!;
    const { payment } = must(book.ledger.draftPayment({ parentId: PARENT, parentType: "transfer", legs: [{ debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor: 1 }] }));
    must(book.ledger.pendPayments({ paymentIds: [payment.id] }));
    must(book.ledger.postPayments({ paymentIds: [payment.id] }));
    if (!book.ledger.getTransaction(payment.transactions[0]!.id)) throw new Error("leg not found");
  }
}
