import { describe, expect, it } from "vitest";
import { createAccount } from "./accounts.js";
import { dayOf, MS_PER_DAY } from "./daily-balances.js";
import { createSeededIds } from "./ids.js";
import { checkAccountBalances } from "./reports.js";
import { createManualClock } from "./clock.js";
import { createState } from "./state.js";
import { codeOf, makeWorld, must, T0 } from "./test-helpers.js";
import { fundFromTreasury } from "./treasury.js";

const DAY0 = dayOf(T0);

/** eur: a client funded with 100.00 on day 0; on day 1 it pays 30.00 to a second client and 1.00 to the fee account. */
function twoDays() {
  const w = makeWorld();
  const a = w.account("eur", 10_000);
  const fee = w.account("eur", 0, "fee");
  w.clock.advance(MS_PER_DAY);
  const b = w.account("eur");
  must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 3_000 }));
  must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: fee.id }, currency: "eur", amountMinor: 100 }));
  return { w, a, b, fee };
}

describe("reconciliation report", () => {
  it("holds client funds against the treasury at the end of the day, by account type", () => {
    const { w } = twoDays();
    expect(must(w.ledger.reconciliationReport("eur"))).toEqual({
      day: DAY0 + 1,
      currency: "eur",
      clientFundsMinor: 9_900,
      treasuryBalanceMinor: 10_000,
      differenceMinor: 100,
      items: [
        { accountType: "client", accountsCount: 2, totalBalanceMinor: 9_900 },
        { accountType: "treasury", accountsCount: 1, totalBalanceMinor: -10_000 },
        { accountType: "fee", accountsCount: 1, totalBalanceMinor: 100 },
      ],
    });
  });

  it("reports an earlier day without the legs posted or the accounts opened after it", () => {
    const { w } = twoDays();
    const report = must(w.ledger.reconciliationReport("eur", DAY0));
    expect(report).toMatchObject({ clientFundsMinor: 10_000, treasuryBalanceMinor: 10_000, differenceMinor: 0 });
    expect(report.items[0]).toEqual({ accountType: "client", accountsCount: 1, totalBalanceMinor: 10_000 });
    expect(must(w.ledger.reconciliationReport("eur", DAY0 - 1)).items.map((i) => i.accountsCount)).toEqual([]);
  });

  it("reports a currency with no money as zeros", () => {
    const { w } = twoDays();
    expect(must(w.ledger.reconciliationReport("usd"))).toMatchObject({ clientFundsMinor: 0, treasuryBalanceMinor: 0, differenceMinor: 0, items: [{ accountType: "treasury", accountsCount: 1, totalBalanceMinor: 0 }] });
    expect(codeOf(w.ledger.reconciliationReport("eur", 1.5))).toBe("validationError");
  });
});

describe("treasury summary", () => {
  it("gives every enabled currency's position, or one currency's when asked, enabled or not", () => {
    const { w } = twoDays();
    must(w.ledger.setCurrencyEnabled("usd", false));
    const summary = w.ledger.treasurySummary();
    expect(summary.map((p) => p.currency)).toEqual(["cad", "cny", "dkk", "nok", "sek", "chf", "gbp", "eur", "pln"]);
    expect(summary.find((p) => p.currency === "eur")).toEqual({ currency: "eur", clientFundsMinor: 9_900, treasuryBalanceMinor: 10_000, feeBalanceMinor: 100, differenceMinor: 0 });
    expect(w.ledger.treasurySummary("usd")).toEqual([{ currency: "usd", clientFundsMinor: 0, treasuryBalanceMinor: 0, feeBalanceMinor: 0, differenceMinor: 0 }]);
  });

  it("counts what transit accounts hold as the difference", () => {
    const { w, a } = twoDays();
    const transit = w.account("eur", 0, "transit");
    must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: transit.id }, currency: "eur", amountMinor: 250 }));
    expect(w.ledger.treasurySummary("eur")[0]).toMatchObject({ clientFundsMinor: 9_650, treasuryBalanceMinor: 10_000, feeBalanceMinor: 100, differenceMinor: 250 });
  });
});

describe("account balance check", () => {
  it("checks every account that is not closed, of one currency when asked, and finds a sound ledger sound", () => {
    const { w } = twoDays();
    const closed = w.account("eur");
    must(w.ledger.closeAccount(closed.id));
    // Three treasuries, two clients and the fee account; the closed account is left out.
    expect(w.ledger.checkAccountBalances()).toEqual({ at: T0 + MS_PER_DAY, result: "ok", checkedAccounts: 6, mismatchedAccountIds: [] });
    expect(w.ledger.checkAccountBalances("eur").checkedAccounts).toBe(4);
  });

  it("names an account whose stored balance differs from its legs", () => {
    // The ledger never lets this happen, so the state is corrupted by hand to prove the check would see it.
    const state = createState(createManualClock(T0), createSeededIds(1));
    must(createAccount(state, { currency: "eur", type: "treasury" }));
    const fee = must(createAccount(state, { currency: "eur", type: "fee" }));
    must(fundFromTreasury(state, { accountId: fee.id, amountMinor: 500, parentType: "adjustingPayment" }));
    expect(checkAccountBalances(state).result).toBe("ok");
    state.accounts.get(fee.id)!.heldMinor += 1;
    expect(checkAccountBalances(state)).toMatchObject({ result: "mismatch", checkedAccounts: 2, mismatchedAccountIds: [fee.id] });
    expect(checkAccountBalances(state, "usd")).toMatchObject({ result: "ok", checkedAccounts: 0 });
  });
});
