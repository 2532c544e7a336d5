/**
 * Balances of accounts now and as of a moment, the recalculation that fixes stored balances from the legs,
 * and the per-currency, per-type aggregates (docs/domain/accounts.md#balances). The state is built directly,
 * so a test can corrupt stored figures the way a lost update would and watch recalculate repair them.
 */
import { describe, expect, it } from "vitest";
import { closeAccount, createAccount } from "./accounts.js";
import { aggregatedAmounts, calculateBalances, findAccounts, recalculate, selectAccounts } from "./balances.js";
import { addClient } from "./clients.js";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { verifyState } from "./invariants.js";
import { draftPayment } from "./payments.js";
import { createState, type AccountRec, type LedgerState } from "./state.js";
import { must, parentId, T0 } from "./test-helpers.js";
import { fundFromTreasury } from "./treasury.js";
import { transitionPayments } from "./transitions.js";
import type { Currency, Result } from "./types.js";

/** An eur ledger: treasury, a client account `a` with 1,000.00 funded at T0, a client account `b`; at T0+10 a 300 leg a->b is pended and left pending, a 100 leg a->b pended then canceled. */
function world() {
  const clock = createManualClock(T0);
  const state = createState(clock, createSeededIds(7));
  const clientId = must(addClient(state, { type: "individual", email: "a@example.com", phone: null, firstName: "Ada", lastName: "Lovelace", companyName: null, country: "GB" })).id;
  const treasury = must(createAccount(state, { currency: "eur", type: "treasury", accountNumber: "T1" }));
  const a = must(createAccount(state, { currency: "eur", type: "client", clientId, accountNumber: "C2" }));
  const b = must(createAccount(state, { currency: "eur", type: "client", clientId, accountNumber: "B3" }));
  must(fundFromTreasury(state, { accountId: a.id, amountMinor: 100_000, parentType: "adjustingPayment" }));
  clock.set(T0 + 10);
  const leg = (amountMinor: number) => ({ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor });
  const pending = must(draftPayment(state, { parentId: parentId(), parentType: "transfer", legs: [leg(300)] })).payment;
  must(transitionPayments(state, "pend", { paymentIds: [pending.id] }));
  const canceled = must(draftPayment(state, { parentId: parentId(), parentType: "transfer", legs: [leg(100)] })).payment;
  must(transitionPayments(state, "pend", { paymentIds: [canceled.id] }));
  clock.set(T0 + 20);
  must(transitionPayments(state, "cancel", { paymentIds: [canceled.id] }));
  const rec = (id: string): AccountRec => state.accounts.get(id)!;
  return { state, clock, clientId, treasury: rec(treasury.id), a: rec(a.id), b: rec(b.id) };
}

function errorOf(result: Result<unknown>) {
  return result.ok ? undefined : result.error;
}

const figures = (v: { balanceMinor: number; heldMinor: number; pendingIncomingMinor: number; availableMinor: number }) => [v.balanceMinor, v.heldMinor, v.pendingIncomingMinor, v.availableMinor];

describe("calculateBalances", () => {
  it("counts a leg still pending as held and incoming, never in the balance, now and as of a moment", () => {
    const { state, clock, a, b } = world();
    clock.set(T0 + 50);
    const now = must(calculateBalances(state, [a.id, b.id]));
    expect(now.map(figures)).toEqual([[100_000, 300, 0, 99_700], [0, 0, 300, 0]]);
    expect(now.map((v) => v.asOf)).toEqual([T0 + 50, T0 + 50]);
    const asOf = must(calculateBalances(state, [a.id, b.id], T0 + 50));
    expect(asOf.map(figures)).toEqual([[100_000, 300, 0, 99_700], [0, 0, 300, 0]]);
    // Between pending and cancel the canceled leg was held too; before the pend nothing was.
    expect(must(calculateBalances(state, [a.id], T0 + 15)).map(figures)).toEqual([[100_000, 400, 0, 99_600]]);
    expect(must(calculateBalances(state, [a.id], T0 + 9)).map(figures)).toEqual([[100_000, 0, 0, 100_000]]);
  });

  it("refuses a moment that is not an integer timestamp, naming the date field", () => {
    const { state, a } = world();
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(errorOf(calculateBalances(state, [a.id], bad))).toEqual({ code: "validationError", message: "date must be a date-time", field: "date" });
    }
  });

  it("names the first unknown account id, and upper-case ids are found", () => {
    const { state, a } = world();
    const unknown = "7c1f0e2a-0000-4000-8000-000000000000";
    expect(errorOf(calculateBalances(state, [a.id, unknown]))).toEqual({ code: "accountNotFound", message: `Account ${unknown} not found`, field: "accountIds" });
    expect(must(calculateBalances(state, [a.id.toUpperCase()]))[0]!.accountId).toBe(a.id);
  });

  it("refuses account ids that are not an array", () => {
    const { state } = world();
    expect(errorOf(findAccounts(state, "x" as unknown as string[]))).toEqual({ code: "validationError", message: "accountIds must be an array", field: "accountIds" });
  });
});

describe("selectAccounts", () => {
  it("takes every account by account number when none, or an empty list, is given", () => {
    const { state, treasury, a, b } = world();
    const byNumber = [b.id, a.id, treasury.id]; // B3, C2, T1
    expect(must(selectAccounts(state, undefined)).map((x) => x.id)).toEqual(byNumber);
    expect(must(selectAccounts(state, [])).map((x) => x.id)).toEqual(byNumber);
    expect(must(selectAccounts(state, [a.id, b.id])).map((x) => x.id)).toEqual([a.id, b.id]);
  });
});

describe("recalculate", () => {
  const truth = (state: LedgerState) => JSON.parse(JSON.stringify(state.totals)) as unknown;

  it("leaves sound balances as they are, pending and canceled legs included", () => {
    const { state, a, b } = world();
    const before = [a, b].map((x) => ({ ...x }));
    const views = must(recalculate(state, [a.id, b.id]));
    expect(views.map((v) => [v.balanceMinor, v.heldMinor, v.pendingIncomingMinor])).toEqual([[100_000, 300, 0], [0, 0, 300]]);
    expect([a, b].map((x) => ({ ...x }))).toEqual(before);
    expect(must(recalculate(state, [])).length).toBe(3);
  });

  const corruptions: [string, (x: AccountRec) => void][] = [
    ["posted debit", (x) => (x.postedDebitMinor += 7)],
    ["posted credit", (x) => (x.postedCreditMinor += 7)],
    ["balance", (x) => (x.balanceMinor += 7)],
    ["held", (x) => (x.heldMinor += 7)],
    ["pending incoming", (x) => (x.pendingIncomingMinor += 7)],
  ];
  for (const [what, corrupt] of corruptions) {
    it(`repairs a stored ${what} from the legs, and the currency totals with it`, () => {
      const { state, a, treasury } = world();
      const soundAccount = { ...a };
      const soundTotals = truth(state);
      corrupt(a);
      // A stale total that still balances, as a lost update would leave it.
      state.totals.eur = { postedDebitMinor: 1, postedCreditMinor: 1, pendingDebitMinor: 2, pendingCreditMinor: 2 };
      const views = must(recalculate(state, [treasury.id, a.id]));
      expect(views[1]).toMatchObject({ id: a.id, balanceMinor: 100_000, heldMinor: 300, pendingIncomingMinor: 0 });
      expect({ ...a }).toEqual(soundAccount);
      expect(truth(state)).toEqual(soundTotals);
      expect(verifyState(state)).toEqual({ ok: true, problems: [] });
    });
  }
});

describe("aggregatedAmounts", () => {
  it("sums per currency and account type in enum order, leaving closed accounts out", () => {
    const { state, clientId, a, b } = world();
    must(createAccount(state, { currency: "usd", type: "treasury" }));
    const eurFee = must(createAccount(state, { currency: "eur", type: "fee" }));
    const usdClient = must(createAccount(state, { currency: "usd", type: "client", clientId }));
    must(fundFromTreasury(state, { accountId: usdClient.id, amountMinor: 500, parentType: "adjustingPayment" }));
    must(closeAccount(state, eurFee.id));
    const group = (currency: Currency, accountType: string, accountsCount: number, balance: number, held: number) => ({ currency, accountType, accountsCount, totalBalanceMinor: balance, totalHeldMinor: held, totalAvailableMinor: balance - held });
    // CURRENCIES puts usd before eur; ACCOUNT_TYPES puts client before treasury.
    expect(aggregatedAmounts(state, {})).toEqual([
      group("usd", "client", 1, 500, 0),
      group("usd", "treasury", 1, -500, 0),
      group("eur", "client", 2, 100_000, 300),
      group("eur", "treasury", 1, -100_000, 0),
    ]);
    expect(a.status).toBe("active");
    expect(b.status).toBe("active");
  });

  it("filters by client, found by upper-case id too, and an unknown client has no accounts", () => {
    const { state, clientId } = world();
    const eurClient = [{ currency: "eur", accountType: "client", accountsCount: 2, totalBalanceMinor: 100_000, totalHeldMinor: 300, totalAvailableMinor: 99_700 }];
    expect(aggregatedAmounts(state, { clientId })).toEqual(eurClient);
    expect(aggregatedAmounts(state, { clientId: clientId.toUpperCase() })).toEqual(eurClient);
    expect(aggregatedAmounts(state, { clientId: "7c1f0e2a-0000-4000-8000-000000000000" })).toEqual([]);
  });
});
