import { describe, expect, it } from "vitest";
import { MAX_AMOUNT_MINOR } from "./money.js";
import { balancesOf, codeOf, makeWorld, must, parentId } from "./test-helpers.js";
import type { World } from "./test-helpers.js";
import type { Result } from "./types.js";

/** 2^53 - 1 minor units: the largest figure an account stores exactly. */
const MAX = Number.MAX_SAFE_INTEGER;

/** The legs that add up to exactly MAX: nine of the largest amount and the rest. */
const UP_TO_MAX = [...Array.from({ length: 9 }, () => MAX_AMOUNT_MINOR), MAX - 9 * MAX_AMOUNT_MINOR];

function pay(w: World, from: string, to: string, amountMinor: number): Result<unknown> {
  return w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor });
}

function beyond(id: string) {
  return { ok: false, error: { code: "validationError", field: "amount", message: `The operation would take account ${id} beyond the representable range` } };
}

// Every stored figure stays an exact integer (docs/domain/accounts.md#balances): an operation may take a balance,
// a held amount or balance + pending incoming to exactly 2^53 - 1 (or a balance to its negation), never one unit further.
describe("the representable range at its edge", () => {
  it("lets a credit bring an account to exactly 2^53 - 1 and a debit take one to exactly -(2^53 - 1)", () => {
    const w = makeWorld();
    const payer = w.account("eur", 0, "fee");
    const sink = w.account("eur", 0, "fee");
    for (const amount of UP_TO_MAX) expect(codeOf(pay(w, payer.id, sink.id, amount))).toBe("ok");
    expect(balancesOf(w.ledger, sink.id)).toEqual([MAX, 0, 0, MAX]);
    expect(balancesOf(w.ledger, payer.id)).toEqual([-MAX, 0, 0, -MAX]);
    const other = w.account("eur", 0, "fee");
    expect(pay(w, other.id, sink.id, 1)).toEqual(beyond(sink.id));
    expect(pay(w, payer.id, other.id, 1)).toEqual(beyond(payer.id));
    expect(balancesOf(w.ledger, other.id)).toEqual([0, 0, 0, 0]);
  });

  it("lets pends hold exactly 2^53 - 1 of an account, and bring exactly that much pending into another", () => {
    const w = makeWorld();
    const payer = w.account("eur", 0, "fee");
    const rich = w.account("eur", 0, "fee");
    const sink = w.account("eur", 0, "fee");
    for (const amount of UP_TO_MAX) expect(codeOf(pay(w, payer.id, rich.id, amount))).toBe("ok");
    const pend = (from: string, to: string, amountMinor: number) => {
      const draft = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor }] })).payment;
      return w.ledger.pendPayments({ paymentIds: [draft.id] });
    };
    for (const amount of UP_TO_MAX) expect(codeOf(pend(rich.id, sink.id, amount))).toBe("ok");
    expect(balancesOf(w.ledger, rich.id)).toEqual([MAX, MAX, 0, 0]);
    expect(balancesOf(w.ledger, sink.id)).toEqual([0, 0, MAX, 0]);
    const other = w.account("eur", 0, "fee");
    expect(pend(rich.id, other.id, 1)).toEqual(beyond(rich.id));
    expect(pend(other.id, sink.id, 1)).toEqual(beyond(sink.id));
    expect(balancesOf(w.ledger, other.id)).toEqual([0, 0, 0, 0]);
  });
});
