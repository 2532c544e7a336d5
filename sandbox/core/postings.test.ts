import { describe, expect, it } from "vitest";
import { createAccount } from "./accounts.js";
import { createManualClock } from "./clock.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { draftPayment } from "./payments.js";
import { moveLeg } from "./postings.js";
import { createState, type TxRec } from "./state.js";
import { must, parentId, T0 } from "./test-helpers.js";

/** A draft leg between two fee accounts (which may go negative), and its state. */
function draftLeg() {
  const state = createState(createManualClock(T0), createSeededIds(1));
  const d = must(createAccount(state, { currency: "eur", type: "fee" }));
  const c = must(createAccount(state, { currency: "eur", type: "fee" }));
  const p = must(draftPayment(state, { parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: d.id }, creditor: { id: c.id }, currency: "eur", amountMinor: 250 }] })).payment;
  const tx: TxRec = state.payments.get(p.id)!.legs[0]!;
  const figures = () => [tx.debtor, tx.creditor].map((a) => [a.balanceMinor, a.heldMinor, a.pendingIncomingMinor, a.postedDebitMinor, a.postedCreditMinor, a.updatedAt]);
  return { state, tx, figures };
}

// docs/domain/payments.md#balance-effects
describe("moveLeg", () => {
  it("holds on pend, posts from pending with the hold released, and records when and why", () => {
    const { state, tx, figures } = draftLeg();
    moveLeg(state, tx, "pending", T0 + 1, null);
    expect(figures()).toEqual([[0, 250, 0, 0, 0, T0 + 1], [0, 0, 250, 0, 0, T0 + 1]]);
    expect(state.totals.eur).toMatchObject({ pendingDebitMinor: 250, pendingCreditMinor: 250, postedDebitMinor: 0, postedCreditMinor: 0 });
    moveLeg(state, tx, "posted", T0 + 2, null);
    expect(figures()).toEqual([[-250, 0, 0, 250, 0, T0 + 2], [250, 0, 0, 0, 250, T0 + 2]]);
    expect(state.totals.eur).toMatchObject({ pendingDebitMinor: 0, pendingCreditMinor: 0, postedDebitMinor: 250, postedCreditMinor: 250 });
    expect([tx.state, tx.pendedAt, tx.postedAt, tx.canceledAt, tx.stateReason]).toEqual(["posted", T0 + 1, T0 + 2, null, null]);
  });

  it("posts a draft at once, and releases a canceled pending leg's hold", () => {
    const posted = draftLeg();
    moveLeg(posted.state, posted.tx, "posted", T0 + 5, null);
    expect(posted.figures()).toEqual([[-250, 0, 0, 250, 0, T0 + 5], [250, 0, 0, 0, 250, T0 + 5]]);
    const canceled = draftLeg();
    moveLeg(canceled.state, canceled.tx, "pending", T0 + 1, null);
    moveLeg(canceled.state, canceled.tx, "canceled", T0 + 3, "canceledByRequest");
    expect(canceled.figures()).toEqual([[0, 0, 0, 0, 0, T0 + 3], [0, 0, 0, 0, 0, T0 + 3]]);
    expect([canceled.tx.state, canceled.tx.canceledAt, canceled.tx.stateReason]).toEqual(["canceled", T0 + 3, "canceledByRequest"]);
  });

  it("cancels a draft without touching its accounts, not even their update time", () => {
    const { state, tx, figures } = draftLeg();
    const before = figures();
    moveLeg(state, tx, "canceled", T0 + 9, "canceledByRequest");
    expect(figures()).toEqual(before);
    expect([tx.state, tx.canceledAt, tx.pendedAt]).toEqual(["canceled", T0 + 9, null]);
  });

  it("throws LedgerInvariantError for a move the state machine does not have, changing nothing", () => {
    const { state, tx, figures } = draftLeg();
    moveLeg(state, tx, "posted", T0 + 1, null);
    const before = figures();
    for (const to of ["pending", "canceled", "draft"] as const) {
      expect(() => moveLeg(state, tx, to, T0 + 2, null)).toThrow(new LedgerInvariantError(`illegal leg transition posted -> ${to} on transaction ${tx.id}`));
    }
    expect(() => moveLeg(state, draftLeg().tx, "draft", T0, null)).toThrow(LedgerInvariantError);
    const pending = draftLeg();
    moveLeg(pending.state, pending.tx, "pending", T0 + 1, null);
    for (const to of ["pending", "draft"] as const) expect(() => moveLeg(pending.state, pending.tx, to, T0 + 2, null)).toThrow(LedgerInvariantError);
    const canceled = draftLeg();
    moveLeg(canceled.state, canceled.tx, "canceled", T0 + 1, null);
    for (const to of ["posted", "pending", "canceled"] as const) expect(() => moveLeg(canceled.state, canceled.tx, to, T0 + 2, null)).toThrow(LedgerInvariantError);
    expect([pending.tx.state, canceled.tx.state]).toEqual(["pending", "canceled"]);
    expect([tx.state, figures()]).toEqual(["posted", before]);
  });
});
