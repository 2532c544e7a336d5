import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { assertTouched } from "./invariants.js";
import { createLedger, importLedger } from "./ledger.js";
import type { Ledger } from "./ledger.js";
import { createState } from "./state.js";
import type { AccountRec } from "./state.js";
import { codeOf, makeWorld, must, parentId, T0 } from "./test-helpers.js";
import type { World } from "./test-helpers.js";

// A short history touching every operation, driven only by the clock and the seed.
function history(w: World): void {
  const a = w.account("eur", 10_000);
  const b = w.account("eur", 500);
  const f = w.account("eur", 0, "fee");
  const u = w.account("usd", 2_000);
  w.clock.advance(60_000);
  must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 1_500 }));
  w.clock.advance(60_000);
  const p = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 700 }, { debtor: { id: a.id }, creditor: { id: f.id }, currency: "eur", amountMinor: 7 }] })).payment;
  w.clock.advance(60_000);
  must(w.ledger.pendPayments({ paymentIds: [p.id] }));
  const q = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "paymentRequest", legs: [{ debtor: { id: u.id }, creditor: { id: w.treasury.usd! }, currency: "usd", amountMinor: 300 }] })).payment;
  must(w.ledger.pendPayments({ paymentIds: [q.id] }));
  w.clock.advance(60_000);
  must(w.ledger.postPayments({ paymentIds: [p.id] }));
  must(w.ledger.cancelPayments({ paymentIds: [q.id] }));
  const acc = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "gbp" }));
  must(w.ledger.sendOtp({ accountId: acc.id, operation: "activate" }));
}

describe("determinism", () => {
  it("gives byte-identical exports for the same seed and calls", () => {
    const one = makeWorld(5);
    const two = makeWorld(5);
    history(one);
    history(two);
    expect(JSON.stringify(one.ledger.exportState())).toBe(JSON.stringify(two.ledger.exportState()));
    const other = makeWorld(6);
    history(other);
    expect(JSON.stringify(other.ledger.exportState())).not.toBe(JSON.stringify(one.ledger.exportState()));
  });
});

describe("snapshots", () => {
  it("export -> import -> export is identical, verifies, and goes on with fresh ids", () => {
    const w = makeWorld();
    history(w);
    const snapshot = w.ledger.exportState();
    const json = JSON.stringify(snapshot);
    const restored = importLedger(JSON.parse(json), { clock: createManualClock(w.clock.now()), ids: createSeededIds(1) });
    expect(JSON.stringify(restored.exportState())).toBe(json);
    expect(restored.verify()).toEqual({ ok: true, problems: [] });
    // Both go on identically: the id generator resumed from the snapshot, so no id is reused.
    const ids = new Set(JSON.stringify(snapshot).match(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g));
    const next = must(restored.createAccount({ currency: "eur", type: "fee" }));
    expect(ids.has(next.id)).toBe(false);
    expect(next.id).toBe(must(w.ledger.createAccount({ currency: "eur", type: "fee" })).id);
  });

  it("never reuses an id even when restored with a generator that cannot resume", () => {
    const w = makeWorld(9);
    const a = w.account("eur");
    const snapshot = w.ledger.exportState();
    const replaying = createSeededIds(9);
    const plain = { uuid: () => replaying.uuid(), accountNumber: () => replaying.accountNumber() };
    const restored = importLedger({ ...snapshot, ids: null }, { clock: createManualClock(T0), ids: plain });
    const next = must(restored.createAccount({ currency: "eur", type: "fee" }));
    expect(restored.listAccounts({}, { page: 1, pageSize: 100 }).items.filter((x) => x.id === next.id)).toHaveLength(1);
    expect(next.accountNumber).not.toBe(a.accountNumber);
  });

  it("refuses a tampered snapshot with LedgerInvariantError", () => {
    const w = makeWorld();
    history(w);
    const snapshot = w.ledger.exportState();
    const bad = JSON.parse(JSON.stringify(snapshot));
    bad.accounts[3].balanceMinor += 1;
    expect(() => importLedger(bad, { clock: createManualClock(T0), ids: createSeededIds(1) })).toThrow(LedgerInvariantError);
    const badChanges = JSON.parse(JSON.stringify(snapshot));
    badChanges.payments[3].transactions[0].stateChanges = [];
    expect(() => importLedger(badChanges, { clock: createManualClock(T0), ids: createSeededIds(1) })).toThrow(LedgerInvariantError);
    expect(() => importLedger({ ...snapshot, version: 2 as 1 }, { clock: createManualClock(T0), ids: createSeededIds(1) })).toThrow(LedgerInvariantError);
  });
});

describe("invariant assertions", () => {
  it("throw LedgerInvariantError when a touched account breaks a rule", () => {
    const state = createState(createManualClock(T0), createSeededIds(1));
    const broken = { id: "x", currency: "eur", allowNegativeBalance: false, balanceMinor: 5, heldMinor: 0, pendingIncomingMinor: 0, postedDebitMinor: 0, postedCreditMinor: 0 } as AccountRec;
    expect(() => assertTouched(state, [broken])).toThrow(LedgerInvariantError);
    state.totals.eur.postedDebitMinor = 1;
    expect(() => assertTouched(state, [])).toThrow(/currency eur/);
  });
});

describe("balances", () => {
  function timeline(): { w: World; a: string; b: string } {
    const w = makeWorld();
    const a = w.account("eur", 1_000).id; // funded at T0
    const b = w.account("eur").id;
    w.clock.set(T0 + 10);
    const p = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: a }, creditor: { id: b }, currency: "eur", amountMinor: 300 }] })).payment;
    w.clock.set(T0 + 20);
    must(w.ledger.pendPayments({ paymentIds: [p.id] }));
    w.clock.set(T0 + 30);
    must(w.ledger.postPayments({ paymentIds: [p.id] }));
    w.clock.set(T0 + 40);
    must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: b }, creditor: { id: a }, currency: "eur", amountMinor: 50 }));
    return { w, a, b };
  }

  it("calculates balances as of any moment from the legs' times", () => {
    const { w, a, b } = timeline();
    const at = (ms: number) => must(w.ledger.calculateBalances([a, b], ms)).map((v) => [v.balanceMinor, v.heldMinor, v.pendingIncomingMinor, v.availableMinor]);
    expect(at(T0 - 1)).toEqual([[0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(at(T0 + 10)).toEqual([[1000, 0, 0, 1000], [0, 0, 0, 0]]);
    expect(at(T0 + 20)).toEqual([[1000, 300, 0, 700], [0, 0, 300, 0]]);
    expect(at(T0 + 29)).toEqual([[1000, 300, 0, 700], [0, 0, 300, 0]]);
    expect(at(T0 + 30)).toEqual([[700, 0, 0, 700], [300, 0, 0, 300]]);
    expect(at(T0 + 40)).toEqual([[750, 0, 0, 750], [250, 0, 0, 250]]);
    const now = must(w.ledger.calculateBalances([a]));
    expect(now[0]).toEqual({ accountId: a, currency: "eur", balanceMinor: 750, heldMinor: 0, pendingIncomingMinor: 0, availableMinor: 750, asOf: T0 + 40 });
    expect(codeOf(w.ledger.calculateBalances([a, "7c1f0e2a-0000-4000-8000-000000000000"]))).toBe("accountNotFound");
  });

  it("reports opening and closing balances and the legs posted in between, oldest first", () => {
    const { w, a } = timeline();
    const r = must(w.ledger.transactionsReport(a, T0 + 5, T0 + 35));
    expect([r.openingBalanceMinor, r.closingBalanceMinor]).toEqual([1000, 700]);
    expect(r.transactions.map((t) => t.amountMinor)).toEqual([300]);
    const all = must(w.ledger.transactionsReport(a, undefined, undefined));
    expect([all.openingBalanceMinor, all.closingBalanceMinor]).toEqual([0, 750]);
    expect(all.transactions.map((t) => t.amountMinor)).toEqual([1000, 300, 50]);
    expect(all.account.id).toBe(a);
    expect(codeOf(w.ledger.transactionsReport(a, T0 + 50, T0))).toBe("validationError");
    expect(codeOf(w.ledger.transactionsReport("FL404", undefined, undefined))).toBe("accountNotFound");
  });

  it("recalculates stored balances to the same values and aggregates per currency and type", () => {
    const { w, a, b } = timeline();
    const before = [w.ledger.getAccount(a), w.ledger.getAccount(b)];
    expect(must(w.ledger.recalculate([a, b]))).toEqual(before);
    expect(must(w.ledger.recalculate()).length).toBe(5);
    expect(codeOf(w.ledger.recalculate(["7c1f0e2a-0000-4000-8000-000000000000"]))).toBe("accountNotFound");
    expect(w.ledger.aggregatedAmounts({ currency: "eur" })).toEqual([
      { currency: "eur", accountType: "client", accountsCount: 2, totalBalanceMinor: 1000, totalHeldMinor: 0, totalAvailableMinor: 1000 },
      { currency: "eur", accountType: "treasury", accountsCount: 1, totalBalanceMinor: -1000, totalHeldMinor: 0, totalAvailableMinor: -1000 },
    ]);
    expect(w.ledger.aggregatedAmounts({ clientId: w.clientId, type: "client" })).toHaveLength(1);
  });
});

describe("queryTransactions", () => {
  function world(): { w: World; ids: { a: string; b: string; u: string; parent: string; draft: string }; ledger: Ledger } {
    const w = makeWorld();
    const a = w.account("eur", 1000).id;
    const b = w.account("eur").id;
    const u = w.account("usd", 500).id;
    const parent = parentId();
    for (const amount of [30, 10, 20]) {
      w.clock.advance(1000);
      must(w.ledger.createPayment({ parentId: parent, parentType: "transfer", debtor: { id: a }, creditor: { id: b }, currency: "eur", amountMinor: amount }));
    }
    w.clock.advance(1000);
    const d = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "paymentRequest", legs: [{ debtor: { id: u }, creditor: { id: w.treasury.usd! }, currency: "usd", amountMinor: 5 }] })).payment;
    return { w, ledger: w.ledger, ids: { a, b, u, parent, draft: d.id } };
  }
  const all = { page: 1, pageSize: 100 };
  const newest = { by: "createdDate", direction: "desc" } as const;

  it("lists newest first by default and pages", () => {
    const { ledger } = world();
    const page = ledger.queryTransactions({}, newest, { page: 1, pageSize: 2 });
    expect(page.totalCount).toBe(6);
    expect(page.items.map((t) => t.amountMinor)).toEqual([5, 20]);
    // The two funding payments share a timestamp; the later-created one comes first.
    expect(ledger.queryTransactions({}, newest, { page: 3, pageSize: 2 }).items.map((t) => t.amountMinor)).toEqual([500, 1000]);
    expect(ledger.queryTransactions({}, { by: "createdDate", direction: "asc" }, { page: 1, pageSize: 1 }).items[0]!.amountMinor).toBe(1000);
  });

  it("filters by account, payment, parent, client, state, currency, type, time and amount", () => {
    const { ledger, ids, w } = world();
    const amounts = (f: object, sort: object = newest) => ledger.queryTransactions(f, sort as never, all).items.map((t) => t.amountMinor);
    expect(amounts({ accountIds: [ids.b] })).toEqual([20, 10, 30]);
    expect(amounts({ accountIds: [ids.b, ids.a] })).toEqual([20, 10, 30, 1000]);
    expect(amounts({ parentIds: [ids.parent] }, { by: "amount", direction: "asc" })).toEqual([10, 20, 30]);
    expect(amounts({ paymentIds: [ids.draft] })).toEqual([5]);
    expect(amounts({ states: ["draft"] })).toEqual([5]);
    expect(amounts({ currencies: ["usd"], parentTypes: ["adjustingPayment"] })).toEqual([500]);
    expect(amounts({ clientId: w.clientId, minAmountMinor: 20, maxAmountMinor: 500 })).toEqual([20, 30, 500]);
    expect(amounts({ fromAt: T0 + 2000, toAt: T0 + 3000 })).toEqual([20, 10]);
    expect(amounts({ accountIds: [ids.a], parentIds: [ids.parent], states: ["posted"] }, { by: "amount", direction: "desc" })).toEqual([30, 20, 10]);
    expect(amounts({ accountIds: ["7c1f0e2a-0000-4000-8000-000000000000"] })).toEqual([]);
  });

  it("reads single legs and payments back", () => {
    const { ledger, ids } = world();
    const payment = ledger.getPayment(ids.draft)!;
    expect(ledger.getTransaction(payment.transactions[0]!.id)).toEqual(payment.transactions[0]);
    expect(ledger.getTransaction("7c1f0e2a-0000-4000-8000-000000000000")).toBeUndefined();
    expect(ledger.getPayment("7c1f0e2a-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("sorts by creation time even after the clock was set back", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000).id;
    const b = w.account("eur").id;
    w.clock.set(T0 + 5000);
    must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a }, creditor: { id: b }, currency: "eur", amountMinor: 1 }));
    w.clock.set(T0 + 1000);
    must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a }, creditor: { id: b }, currency: "eur", amountMinor: 2 }));
    expect(w.ledger.queryTransactions({ accountIds: [b] }, newest, all).items.map((t) => t.amountMinor)).toEqual([1, 2]);
    expect(w.ledger.queryTransactions({}, newest, all).items.map((t) => t.amountMinor)).toEqual([1, 2, 1000]);
  });
});

describe("createLedger", () => {
  it("starts empty with all currencies enabled and verifies", () => {
    const ledger = createLedger({ clock: createManualClock(T0), ids: createSeededIds(1) });
    expect(ledger.listAccounts({}, { page: 1, pageSize: 20 }).totalCount).toBe(0);
    expect(ledger.verify()).toEqual({ ok: true, problems: [] });
    expect(ledger.clock.now()).toBe(T0);
  });
});
