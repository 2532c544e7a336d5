import { describe, expect, it } from "vitest";
import { makeWorld, must, T0 } from "./test-helpers.js";
import type { World } from "./test-helpers.js";
import type { Result, Transaction, TransactionFilter, TransactionSort } from "./types.js";

const MINUTE = 60_000;
const NEWEST_FIRST: TransactionSort = { by: "createdDate", direction: "desc" };
const ALL = { page: 1, pageSize: 100 };

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

/**
 * A ledger with two client accounts a and b (eur) and a usd account, and five payments a minute apart:
 * posted a→b 300, pending b→a 100, draft a→b 500 due at T0+10 min, canceled a→b 200, posted usd 50.
 * Funding payments of the world come before them.
 */
function scene() {
  const w = makeWorld();
  const a = w.account("eur", 10_000);
  const b = w.account("eur", 10_000);
  const u = w.account("usd", 1_000);
  const funding = w.ledger.queryTransactions({}, NEWEST_FIRST, ALL).items.map((t) => t.id);
  const parents = [w.parentId(), w.parentId(), w.parentId()];
  const at = (minutes: number) => w.clock.set(T0 + minutes * MINUTE);
  at(1);
  const posted = must(w.ledger.createPayment({ parentId: parents[0]!, parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 300 })).payment;
  at(2);
  const pending = must(w.ledger.draftPayment({ parentId: parents[1]!, parentType: "paymentRequest", legs: [{ debtor: { id: b.id }, creditor: { id: a.id }, currency: "eur", amountMinor: 100 }] })).payment;
  must(w.ledger.pendPayments({ paymentIds: [pending.id] }));
  at(3);
  const draft = must(w.ledger.draftPayment({ parentId: parents[1]!, parentType: "paymentRequest", obligatoryAt: T0 + 10 * MINUTE, legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 500 }] })).payment;
  at(4);
  const canceled = must(w.ledger.draftPayment({ parentId: parents[2]!, parentType: "adjustingPayment", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 200 }] })).payment;
  must(w.ledger.cancelPayments({ paymentIds: [canceled.id] }));
  at(5);
  const usd = must(w.ledger.createPayment({ parentId: parents[2]!, parentType: "adjustingPayment", debtor: { id: u.id }, creditor: { id: w.treasury.usd! }, currency: "usd", amountMinor: 50 })).payment;
  const legOf = (p: { transactions: Transaction[] }) => p.transactions[0]!.id;
  const ids = { posted: legOf(posted), pending: legOf(pending), draft: legOf(draft), canceled: legOf(canceled), usd: legOf(usd) };
  const query = (filter: TransactionFilter, sort: TransactionSort = { by: "createdDate", direction: "asc" }) =>
    w.ledger.queryTransactions(filter, sort, ALL).items.map((t) => t.id);
  return { w, a, b, u, ids, parents, funding, payments: { posted, pending, draft, canceled, usd }, query };
}

describe("queryTransactions", () => {
  it("lists every leg, newest first by default order, oldest first on asc", () => {
    const { w, ids, funding, query } = scene();
    const mine = [ids.posted, ids.pending, ids.draft, ids.canceled, ids.usd];
    expect(query({})).toEqual([...[...funding].reverse(), ...mine]);
    expect(w.ledger.queryTransactions({}, NEWEST_FIRST, ALL).items.map((t) => t.id)).toEqual([...mine].reverse().concat(funding));
  });

  it("filters by each criterion", () => {
    const { a, u, ids, parents, payments, query, w } = scene();
    expect(query({ accountIds: [u.id] })).toEqual([expect.any(String), ids.usd]);
    expect(query({ accountIds: [u.id.toUpperCase()] })).toEqual(query({ accountIds: [u.id] }));
    expect(query({ paymentIds: [payments.draft.id.toUpperCase(), payments.posted.id] })).toEqual([ids.posted, ids.draft]);
    expect(query({ parentIds: [parents[1]!.toUpperCase()] })).toEqual([ids.pending, ids.draft]);
    expect(query({ parentTypes: ["adjustingPayment"], accountIds: [a.id] })).toEqual([expect.any(String), ids.canceled]);
    expect(query({ states: ["pending", "canceled"] })).toEqual([ids.pending, ids.canceled]);
    expect(query({ currencies: ["usd"], states: ["posted"], fromAt: T0 + MINUTE })).toEqual([ids.usd]);
    expect(query({ fromAt: T0 + 2 * MINUTE, toAt: T0 + 4 * MINUTE })).toEqual([ids.pending, ids.draft, ids.canceled]);
    expect(query({ minAmountMinor: 200, maxAmountMinor: 300 })).toEqual([ids.posted, ids.canceled]);
    expect(query({ minAmountMinor: 301, maxAmountMinor: 499 })).toEqual([]);
    expect(query({ clientId: w.clientId.toUpperCase(), fromAt: T0 + MINUTE })).toEqual([ids.posted, ids.pending, ids.draft, ids.canceled, ids.usd]);
    expect(query({ clientId: "7c1f0e2a-0000-4000-8000-000000000000" })).toEqual([]);
    expect(query({ accountIds: ["7c1f0e2a-0000-4000-8000-000000000000"] })).toEqual([]);
  });

  it("applies every filter when the legs are taken from another filter's index", () => {
    const { w, a, u, ids, parents, payments, query } = scene();
    // The smallest index is the one the legs are read from; the other filters must still apply to them.
    expect(query({ accountIds: [u.id], paymentIds: [payments.posted.id, payments.pending.id, payments.draft.id] })).toEqual([]);
    expect(query({ accountIds: [a.id], paymentIds: [payments.usd.id] })).toEqual([]);
    expect(query({ accountIds: [u.id], parentIds: [parents[1]!] })).toEqual([]);
    const other = must(w.ledger.addClient({ type: "individual", email: "b@example.com", phone: null, firstName: "Bo", lastName: "Other", companyName: null, country: "GB" })).id;
    const theirs = must(w.ledger.createAccount({ clientId: other, currency: "eur", type: "client" }));
    must(w.ledger.fundFromTreasury(theirs.id, 100, "adjustingPayment"));
    expect(query({ clientId: other, paymentIds: [payments.posted.id] })).toEqual([]);
    expect(query({ clientId: w.clientId, paymentIds: [payments.posted.id] })).toEqual([ids.posted]);
  });

  it("treats empty lists as no filter", () => {
    const { query } = scene();
    expect(query({ accountIds: [], paymentIds: [], parentIds: [], parentTypes: [], states: [], currencies: [] })).toEqual(query({}));
  });

  it("finds overdue legs: draft or pending, due before the instant", () => {
    const { ids, query } = scene();
    expect(query({ overdueAt: T0 + 10 * MINUTE })).toEqual([]);
    expect(query({ overdueAt: T0 + 10 * MINUTE + 1 })).toEqual([ids.draft]);
  });

  it("matches a leg by its debtor or its creditor, and a union of candidates once each, in created order", () => {
    const { a, b, ids, query, w } = scene();
    const both = query({ accountIds: [a.id, b.id], fromAt: T0 + MINUTE });
    expect(both).toEqual([ids.posted, ids.pending, ids.draft, ids.canceled]);
    expect(w.ledger.queryTransactions({ accountIds: [b.id, a.id], fromAt: T0 + MINUTE }, NEWEST_FIRST, ALL).items.map((t) => t.id)).toEqual([...both].reverse());
    expect(query({ accountIds: [b.id], states: ["pending"] })).toEqual([ids.pending]);
  });

  it("sorts by amount either way, ties in created order", () => {
    const { a, ids, query } = scene();
    const byAmount = query({ accountIds: [a.id], fromAt: T0 + MINUTE }, { by: "amount", direction: "asc" });
    expect(byAmount).toEqual([ids.pending, ids.canceled, ids.posted, ids.draft]);
    expect(query({ accountIds: [a.id], fromAt: T0 + MINUTE }, { by: "amount", direction: "desc" })).toEqual([...byAmount].reverse());
  });

  it("orders equal amounts by creation, newest first when descending", () => {
    const { w, a, b, ids, query } = scene();
    const again = must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 300 })).payment.transactions[0]!.id;
    expect(query({ minAmountMinor: 300, maxAmountMinor: 300 }, { by: "amount", direction: "asc" })).toEqual([ids.posted, again]);
    expect(query({ minAmountMinor: 300, maxAmountMinor: 300 }, { by: "amount", direction: "desc" })).toEqual([again, ids.posted]);
  });

  it("sorts by creation time when legs were created out of order (a clock set back)", () => {
    const { w, a, ids, query } = scene();
    w.clock.set(T0 + 30_000);
    const early = must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: w.treasury.eur! }, currency: "eur", amountMinor: 7 })).payment.transactions[0]!.id;
    expect(query({ fromAt: T0 + 1 })).toEqual([early, ids.posted, ids.pending, ids.draft, ids.canceled, ids.usd]);
    expect(query({ fromAt: T0 + 1 }, NEWEST_FIRST)).toEqual([ids.usd, ids.canceled, ids.draft, ids.pending, ids.posted, early]);
  });

  it("pages from either end, with the total of all matches", () => {
    const { w, ids } = scene();
    const page = (n: number, direction: "asc" | "desc") => w.ledger.queryTransactions({ fromAt: T0 + 1 }, { by: "createdDate", direction }, { page: n, pageSize: 2 });
    expect(page(1, "desc")).toMatchObject({ totalCount: 5, page: 1, pageSize: 2 });
    expect(page(1, "desc").items.map((t) => t.id)).toEqual([ids.usd, ids.canceled]);
    expect(page(2, "desc").items.map((t) => t.id)).toEqual([ids.draft, ids.pending]);
    expect(page(3, "desc").items.map((t) => t.id)).toEqual([ids.posted]);
    expect(page(3, "asc").items.map((t) => t.id)).toEqual([ids.usd]);
    expect(page(4, "asc").items).toEqual([]);
    const unfiltered = w.ledger.queryTransactions({}, NEWEST_FIRST, { page: 1, pageSize: 2 });
    expect(unfiltered.items.map((t) => t.id)).toEqual([ids.usd, ids.canceled]);
  });

  it("reads one leg by id, in either case", () => {
    const { w, ids } = scene();
    expect(w.ledger.getTransaction(ids.pending.toUpperCase())).toMatchObject({ id: ids.pending, state: "pending", amountMinor: 100 });
    expect(w.ledger.getTransaction("7c1f0e2a-0000-4000-8000-000000000000")).toBeUndefined();
  });
});

describe("transactionsReport", () => {
  /** An account with posted legs at minutes 1 (+1,000), 2 (-300) and 3 (+50), and a pending one at minute 4. */
  function statement(w: World) {
    const acc = w.account("eur");
    const other = w.account("eur", 5_000);
    const pay = (minutes: number, from: string, to: string, amountMinor: number) => {
      w.clock.set(T0 + minutes * MINUTE);
      return must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor })).payment.transactions[0]!.id;
    };
    const legs = [pay(1, other.id, acc.id, 1_000), pay(2, acc.id, other.id, 300), pay(3, other.id, acc.id, 50)];
    w.clock.set(T0 + 4 * MINUTE);
    const draft = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: acc.id }, creditor: { id: other.id }, currency: "eur", amountMinor: 10 }] })).payment;
    must(w.ledger.pendPayments({ paymentIds: [draft.id] }));
    return { acc, legs };
  }

  it("gives the opening and closing posted balances and the legs posted in [from, to), oldest first", () => {
    const w = makeWorld();
    const { acc, legs } = statement(w);
    const report = must(w.ledger.transactionsReport(acc.id, T0 + 2 * MINUTE, T0 + 3 * MINUTE));
    expect(report).toMatchObject({ openingBalanceMinor: 1_000, closingBalanceMinor: 700, account: { id: acc.id } });
    expect(report.transactions.map((t) => t.id)).toEqual([legs[1]]);
    const whole = must(w.ledger.transactionsReport(acc.accountNumber, undefined, undefined));
    expect(whole).toMatchObject({ openingBalanceMinor: 0, closingBalanceMinor: 750 });
    expect(whole.transactions.map((t) => t.id)).toEqual(legs);
    const from = must(w.ledger.transactionsReport(acc.id, T0 + 3 * MINUTE, undefined));
    expect(from).toMatchObject({ openingBalanceMinor: 700, closingBalanceMinor: 750 });
    const to = must(w.ledger.transactionsReport(acc.id, undefined, T0 + 2 * MINUTE));
    expect(to).toMatchObject({ openingBalanceMinor: 0, closingBalanceMinor: 1_000 });
    expect(to.transactions.map((t) => t.id)).toEqual([legs[0]]);
    expect(must(w.ledger.transactionsReport(acc.id, T0 + 2 * MINUTE, T0 + 2 * MINUTE)).transactions).toEqual([]);
  });

  it("lists the legs by the time they were posted, not the time they were made", () => {
    const w = makeWorld();
    const acc = w.account("eur", 1_000);
    const other = w.account("eur");
    w.clock.set(T0 + MINUTE);
    const early = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: acc.id }, creditor: { id: other.id }, currency: "eur", amountMinor: 10 }] })).payment;
    w.clock.set(T0 + 2 * MINUTE);
    const late = must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: acc.id }, creditor: { id: other.id }, currency: "eur", amountMinor: 20 })).payment;
    w.clock.set(T0 + 3 * MINUTE);
    must(w.ledger.pendPayments({ paymentIds: [early.id] }));
    must(w.ledger.postPayments({ paymentIds: [early.id] }));
    const report = must(w.ledger.transactionsReport(acc.id, T0 + MINUTE, undefined));
    expect(report.transactions.map((t) => t.id)).toEqual([late.transactions[0]!.id, early.transactions[0]!.id]);
  });

  it("refuses an unknown account, dates that are not instants, and a range that ends before it starts", () => {
    const w = makeWorld();
    const { acc } = statement(w);
    expect(errorOf(w.ledger.transactionsReport("FL1", undefined, undefined))).toEqual({ code: "accountNotFound", message: "Account FL1 not found", field: "accountId" });
    expect(errorOf(w.ledger.transactionsReport(5 as unknown as string, undefined, undefined))).toMatchObject({ code: "accountNotFound" });
    expect(errorOf(w.ledger.transactionsReport(acc.id, 1.5, undefined))).toEqual({ code: "validationError", message: "fromDate must be a date-time", field: "fromDate" });
    expect(errorOf(w.ledger.transactionsReport(acc.id, undefined, Number.NaN))).toEqual({ code: "validationError", message: "toDate must be a date-time", field: "toDate" });
    expect(errorOf(w.ledger.transactionsReport(acc.id, T0 + 1, T0))).toEqual({ code: "validationError", message: "fromDate must not be after toDate", field: "fromDate" });
  });
});
