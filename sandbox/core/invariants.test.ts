/**
 * The ledger never breaks its invariants, so these tests corrupt a state by hand, one way at a time, to
 * prove that the checks see each break and say what it is (docs/domain/accounts.md#balances).
 */
import { describe, expect, it } from "vitest";
import { createAccount } from "./accounts.js";
import { createManualClock } from "./clock.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { assertTouched, verifyState } from "./invariants.js";
import { createPayment, draftPayment } from "./payments.js";
import { createState, type AccountRec, type LedgerState, type PaymentRec, type TxRec } from "./state.js";
import { must, parentId, T0 } from "./test-helpers.js";
import { fundFromTreasury } from "./treasury.js";
import { transitionPayments } from "./transitions.js";

/** A sound eur ledger: a treasury, a funded client account, a fee account, one posted, one pending and one draft payment. */
function ledger() {
  const state = createState(createManualClock(T0), createSeededIds(1));
  const treasury = must(createAccount(state, { currency: "eur", type: "treasury" }));
  const fee = must(createAccount(state, { currency: "eur", type: "fee" }));
  must(fundFromTreasury(state, { accountId: fee.id, amountMinor: 1000, parentType: "adjustingPayment" }));
  const leg = { debtor: { id: fee.id }, creditor: { id: treasury.id }, currency: "eur" as const, amountMinor: 100 };
  const posted = must(createPayment(state, { parentId: parentId(), parentType: "transfer", ...leg })).payment;
  const pending = must(draftPayment(state, { parentId: parentId(), parentType: "transfer", legs: [leg] })).payment;
  must(transitionPayments(state, "pend", { paymentIds: [pending.id] }));
  const draft = must(draftPayment(state, { parentId: parentId(), parentType: "transfer", legs: [leg] })).payment;
  const account = (id: string): AccountRec => state.accounts.get(id)!;
  return { state, treasury: account(treasury.id), fee: account(fee.id), posted: state.payments.get(posted.id)!, pending: state.payments.get(pending.id)!, draft: state.payments.get(draft.id)! };
}

/** The problems verifyState reports after `corrupt`. */
function problemsAfter(corrupt: (w: ReturnType<typeof ledger>) => void): string[] {
  const w = ledger();
  expect(verifyState(w.state)).toEqual({ ok: true, problems: [] });
  corrupt(w);
  const verdict = verifyState(w.state);
  expect(verdict.ok).toBe(false);
  return verdict.problems;
}

/** What assertTouched throws for the given accounts, or undefined. */
function thrownBy(state: LedgerState, touched: AccountRec[]): string[] | undefined {
  try {
    assertTouched(state, touched);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerInvariantError);
    return (error as LedgerInvariantError).problems;
  }
}

describe("assertTouched", () => {
  it("passes a sound ledger and throws LedgerInvariantError naming every broken account and currency", () => {
    const w = ledger();
    expect(thrownBy(w.state, [w.fee, w.treasury])).toBeUndefined();
    w.fee.balanceMinor += 1;
    expect(thrownBy(w.state, [w.treasury])).toBeUndefined();
    expect(thrownBy(w.state, [w.fee])).toEqual([`account ${w.fee.id}: balance 901 != credits 1000 - debits 100`]);
    w.fee.balanceMinor -= 1;
    w.fee.heldMinor = -1;
    w.fee.pendingIncomingMinor = -2;
    expect(thrownBy(w.state, [w.fee])).toEqual([`account ${w.fee.id}: held -1 < 0`, `account ${w.fee.id}: pendingIncoming -2 < 0`]);
    w.fee.heldMinor = 1000;
    w.fee.pendingIncomingMinor = 0;
    expect(thrownBy(w.state, [w.fee])).toBeUndefined(); // a fee account may go negative
    w.fee.allowNegativeBalance = false;
    expect(thrownBy(w.state, [w.fee])).toEqual([`account ${w.fee.id}: available -100 < 0 on an account that may not go negative`]);
    w.fee.heldMinor = 0.5;
    expect(thrownBy(w.state, [w.fee])).toEqual([`account ${w.fee.id}: a balance is not a safe integer`]);
    w.fee.heldMinor = 100;
    w.state.totals.eur.postedDebitMinor += 1;
    expect(thrownBy(w.state, [])).toEqual(["currency eur: posted 1101/1100, pending 100/100"]);
    w.state.totals.eur.postedDebitMinor -= 1;
    w.state.totals.eur.pendingCreditMinor += 5;
    expect(thrownBy(w.state, [])).toEqual(["currency eur: posted 1100/1100, pending 100/105"]);
  });

  it("lets an account that may go negative be below zero, and checks every balance is a safe integer", () => {
    const w = ledger();
    expect(w.treasury.allowNegativeBalance).toBe(true);
    expect(w.treasury.balanceMinor).toBeLessThan(0);
    expect(thrownBy(w.state, [w.treasury])).toBeUndefined();
    w.treasury.pendingIncomingMinor = 2 ** 53;
    expect(thrownBy(w.state, [w.treasury])).toEqual([`account ${w.treasury.id}: a balance is not a safe integer`]);
  });
});

describe("verifyState", () => {
  it("finds stored balances that differ from the legs", () => {
    expect(problemsAfter((w) => (w.fee.heldMinor += 1))).toContain(`account ${w().fee.id}: stored held 101 != 100 from pending legs`);
    expect(problemsAfter((w) => (w.treasury.pendingIncomingMinor += 1))).toContain(`account ${w().treasury.id}: stored pendingIncoming 101 != 100 from pending legs`);
    const shifted = problemsAfter((w) => {
      w.fee.postedCreditMinor += 1;
      w.fee.balanceMinor += 1;
    });
    expect(shifted).toContain(`account ${w().fee.id}: stored balance 901 != 900 from its postings`);
    expect(problemsAfter((w) => (w.fee.postedDebitMinor += 1))).toContain(`account ${w().fee.id}: stored balance 900 != 900 from its postings`);
  });

  it("finds a leg with a broken amount, currency, accounts, times or payment", () => {
    const leg = (p: { legs: unknown[] }) => p.legs[0] as { amountMinor: number; currency: string; creditor: AccountRec; postedAt: number | null; pendedAt: number | null; canceledAt: number | null; id: string };
    const id = (pick: (x: ReturnType<typeof ledger>) => { legs: unknown[] }) => leg(pick(w())).id;
    expect(problemsAfter((x) => (leg(x.draft).amountMinor = 0))).toContain(`transaction ${id((x) => x.draft)}: amount 0 is not a positive integer`);
    expect(problemsAfter((x) => (leg(x.draft).currency = "usd"))).toContain(`transaction ${id((x) => x.draft)}: currency differs from its accounts`);
    expect(problemsAfter((x) => (leg(x.draft).creditor = x.fee))).toContain(`transaction ${id((x) => x.draft)}: debtor and creditor are the same account`);
    expect(problemsAfter((x) => (leg(x.draft).pendedAt = T0))).toContain(`transaction ${id((x) => x.draft)}: transition times do not match state draft`);
    expect(problemsAfter((x) => (leg(x.pending).postedAt = T0))).toContain(`transaction ${id((x) => x.pending)}: transition times do not match state pending`);
    expect(problemsAfter((x) => (leg(x.posted).pendedAt = T0))).toContain(`transaction ${id((x) => x.posted)}: transition times do not match state posted`);
    expect(problemsAfter((x) => (leg(x.posted).postedAt = null))).toContain(`transaction ${id((x) => x.posted)}: transition times do not match state posted`);
    expect(problemsAfter((x) => x.state.transactions.delete(leg(x.draft).id))).toContain(`transaction ${id((x) => x.draft)}: not indexed by id`);
    expect(problemsAfter((x) => x.state.transactions.delete(leg(x.draft).id))).toContain("transaction index and list differ in size");
  });

  it("finds a payment without legs, with legs in two states or missing from its parent's index", () => {
    const split = problemsAfter((x) => (x.draft.legs = [x.draft.legs[0]!, { ...x.pending.legs[0]!, payment: x.draft }]));
    expect(split).toContain(`payment ${w().draft.id}: legs in different states`);
    const emptied = problemsAfter((x) => (x.draft.legs = []));
    expect(emptied).toContain(`payment ${w().draft.id}: no legs`);
    expect(emptied).toContain(`transaction ${w().draft.legs[0]!.id}: not a leg of payment ${w().draft.id}`);
    expect(problemsAfter((x) => { for (const list of x.state.paymentsByParent.values()) list.length = 0; })).toContain(`payment ${w().posted.id}: missing from the parentId index`);
  });

  it("finds posting lists that hold an unrelated leg or miss one", () => {
    const unrelated = problemsAfter((x) => {
      const other = must(createAccount(x.state, { currency: "eur", type: "fee" }));
      x.state.accounts.get(other.id)!.txs.push(x.draft.legs[0]!);
    });
    expect(unrelated.some((p) => /^account .*: posting list holds unrelated transaction /.test(p))).toBe(true);
    expect(unrelated).toContain("posting lists hold 9 entries for 4 transactions");
  });

  it("finds currency totals that differ from the legs", () => {
    expect(problemsAfter((x) => (x.state.totals.eur.postedCreditMinor += 1))).toContain("currency eur: posted totals 1100/1101 != 1100");
    expect(problemsAfter((x) => (x.state.totals.eur.pendingDebitMinor += 1))).toContain("currency eur: pending totals 101/100 != 100");
  });
});

describe("assertTouched, each account figure on its own", () => {
  it("reports a negative held or pending incoming amount even when everything else about the account is sound", () => {
    const held = ledger();
    held.fee.heldMinor = -1;
    expect(thrownBy(held.state, [held.fee])).toEqual([`account ${held.fee.id}: held -1 < 0`]);
    const incoming = ledger();
    incoming.fee.pendingIncomingMinor = -2;
    expect(thrownBy(incoming.state, [incoming.fee])).toEqual([`account ${incoming.fee.id}: pendingIncoming -2 < 0`]);
  });

  it("throws an error whose message lists every problem", () => {
    const x = ledger();
    x.fee.heldMinor = -1;
    x.state.totals.eur.postedDebitMinor += 1;
    expect(() => assertTouched(x.state, [x.fee])).toThrow(`ledger invariant broken: account ${x.fee.id}: held -1 < 0; currency eur: posted 1101/1100, pending 100/100`);
  });
});

describe("verifyState, one break at a time", () => {
  /** A usd account of the same ledger, indexed like any other. */
  const usdAccount = (x: ReturnType<typeof ledger>): AccountRec => x.state.accounts.get(must(createAccount(x.state, { currency: "usd", type: "fee" })).id)!;
  /** A copy of an account that the ledger does not know (same id, another record). */
  const stranger = (a: AccountRec): AccountRec => ({ ...a, txs: [] });

  it("compares each stored figure with the postings: the balance alone, or the posted credits alone", () => {
    expect(problemsAfter((x) => (x.fee.balanceMinor += 1))).toContain(`account ${w().fee.id}: stored balance 901 != 900 from its postings`);
    expect(problemsAfter((x) => (x.fee.postedCreditMinor += 1))).toContain(`account ${w().fee.id}: stored balance 900 != 900 from its postings`);
  });

  it("reports a currency whose balances do not sum to zero, or whose held and pending incoming amounts differ", () => {
    const posted = problemsAfter((x) => (x.posted.legs[0]!.creditor = usdAccount(x)));
    expect(posted).toContain("currency eur: balances sum to -100, not 0");
    expect(posted).toContain("currency usd: balances sum to 100, not 0");
    const pending = problemsAfter((x) => (x.pending.legs[0]!.creditor = usdAccount(x)));
    expect(pending).toContain("currency eur: held 100 != pendingIncoming 0");
    expect(pending).toContain("currency usd: held 0 != pendingIncoming 100");
  });

  it("reports a leg whose debtor or creditor alone is not the ledger's account, without failing itself", () => {
    for (const side of ["debtor", "creditor"] as const) {
      const problems = problemsAfter((x) => {
        const leg = x.posted.legs[0]!;
        leg[side] = stranger(leg[side]);
      });
      expect(problems, side).toContain(`transaction ${w().posted.legs[0]!.id}: account links broken`);
    }
  });

  it("reports a leg whose debtor alone or creditor alone holds another currency", () => {
    for (const side of ["debtor", "creditor"] as const) {
      expect(problemsAfter((x) => (x.draft.legs[0]![side] = usdAccount(x))), side).toContain(`transaction ${w().draft.legs[0]!.id}: currency differs from its accounts`);
    }
  });

  it("reports a posted leg in an unknown currency without failing itself", () => {
    const problems = problemsAfter((x) => ((x.posted.legs[0] as { currency: string }).currency = "xyz"));
    expect(problems).toContain(`transaction ${w().posted.legs[0]!.id}: currency differs from its accounts`);
  });

  it("reports currency totals whose posted debits or pending credits alone differ from the legs", () => {
    expect(problemsAfter((x) => (x.state.totals.eur.postedDebitMinor += 1))).toContain("currency eur: posted totals 1101/1100 != 1100");
    expect(problemsAfter((x) => (x.state.totals.eur.pendingCreditMinor += 1))).toContain("currency eur: pending totals 100/101 != 100");
  });

  it("reports a leg whose payment is not the one indexed under its id, or a leg that links another payment", () => {
    expect(problemsAfter((x) => x.state.payments.delete(x.draft.id))).toContain(`transaction ${w().draft.legs[0]!.id}: not a leg of payment ${w().draft.id}`);
    expect(problemsAfter((x) => (x.draft.legs[0]!.payment = x.pending))).toContain(`payment ${w().draft.id}: leg ${w().draft.legs[0]!.id} links another payment`);
  });

  // docs/domain/payments.md#state-machine: each state's path sets exactly its own times.
  it("checks the times of a draft, pending or posted leg against its state and its payment's origin", () => {
    const timesOf = (pick: (x: ReturnType<typeof ledger>) => PaymentRec, state: string) => `transaction ${pick(w()).legs[0]!.id}: transition times do not match state ${state}`;
    const legOf = (p: PaymentRec) => p.legs[0]!;
    const asCreated = (p: PaymentRec, origin: "create" | "draft") => Object.assign(p, { origin });
    expect(problemsAfter((x) => (legOf(x.draft).postedAt = T0))).toContain(timesOf((x) => x.draft, "draft"));
    expect(problemsAfter((x) => (legOf(x.draft).canceledAt = T0))).toContain(timesOf((x) => x.draft, "draft"));
    expect(problemsAfter((x) => asCreated(x.pending, "create"))).toContain(timesOf((x) => x.pending, "pending"));
    expect(problemsAfter((x) => (legOf(x.pending).pendedAt = null))).toContain(timesOf((x) => x.pending, "pending"));
    expect(problemsAfter((x) => (legOf(x.pending).canceledAt = T0))).toContain(timesOf((x) => x.pending, "pending"));
    expect(problemsAfter((x) => asCreated(x.posted, "draft"))).toContain(timesOf((x) => x.posted, "posted"));
    expect(problemsAfter((x) => (legOf(x.posted).canceledAt = T0))).toContain(timesOf((x) => x.posted, "posted"));
    expect(problemsAfter((x) => ((legOf(x.draft) as { state: string }).state = "unknown"))).toContain(timesOf((x) => x.draft, "unknown"));
  });

  it("checks the times of a canceled leg against its payment's origin", () => {
    const canceled = (corrupt: (leg: TxRec, p: PaymentRec) => void) =>
      problemsAfter((x) => {
        must(transitionPayments(x.state, "cancel", { paymentIds: [x.draft.id] }));
        expect(verifyState(x.state).ok).toBe(true);
        corrupt(x.draft.legs[0]!, x.draft);
      });
    const message = `transaction ${w().draft.legs[0]!.id}: transition times do not match state canceled`;
    expect(canceled((_, p) => Object.assign(p, { origin: "create" }))).toContain(message);
    expect(canceled((leg) => (leg.postedAt = T0))).toContain(message);
    expect(canceled((leg) => (leg.canceledAt = null))).toContain(message);
  });
});

/** The sound ledger's ids: every call builds the same ledger (seeded ids, fixed parents are not compared). */
function w(): ReturnType<typeof ledger> {
  return ledger();
}
