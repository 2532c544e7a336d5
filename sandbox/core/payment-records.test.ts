import { describe, expect, it } from "vitest";
import { codeOf, makeWorld, must, parentId, T0 } from "./test-helpers.js";
import type { AccountRef, CreatePaymentInput } from "./types.js";

// docs/domain/decisions.md#decision-6-idempotent-create: a reused paymentId must carry the same content.
describe("a replayed create's account references", () => {
  it("is a conflict when the replay leaves an account out, names none, or names one by a non-string id", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const input: CreatePaymentInput = { paymentId: "0b5c1d2e-3f40-4a51-8b62-7c8d9e0f1a2b", parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 10 };
    const stored = must(w.ledger.createPayment(input)).payment;
    const before = JSON.stringify(w.ledger.exportState());
    const refs: [string, AccountRef | undefined][] = [["left out", undefined], ["naming none", {}], ["a number id", { id: 5 as unknown as string }]];
    for (const side of ["debtor", "creditor"] as const) {
      for (const [what, ref] of refs) {
        const replay = w.ledger.createPayment({ ...input, [side]: ref });
        expect(codeOf(replay), `${side} ${what}`).toBe("paymentIdConflict");
      }
    }
    expect(JSON.stringify(w.ledger.exportState())).toBe(before);
    // The same content, naming the accounts by number this time, is still a replay.
    const same = must(w.ledger.createPayment({ ...input, debtor: { number: a.accountNumber }, creditor: { id: b.id.toUpperCase(), number: b.accountNumber } }));
    expect(same).toEqual({ payment: stored, replayed: true });
  });
});

// docs/domain/accounts.md#transactions: lists are newest first by createdDate, whatever order the legs were made in.
describe("legs created out of clock order", () => {
  it("are listed by their payment's createdDate after the clock was set back", () => {
    const w = makeWorld();
    // A fee account may go negative, so the ledger holds no leg before these two.
    const a = w.account("eur", 0, "fee");
    const b = w.account("eur");
    const pay = () => must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 1 })).payment;
    w.clock.set(T0 + 10_000);
    const late = pay();
    w.clock.set(T0 + 5_000);
    const early = pay();
    const listed = (direction: "asc" | "desc") =>
      w.ledger.queryTransactions({ accountIds: [b.id] }, { by: "createdDate", direction }, { page: 1, pageSize: 10 }).items.map((t) => t.paymentId);
    expect(listed("desc")).toEqual([late.id, early.id]);
    expect(listed("asc")).toEqual([early.id, late.id]);
  });
});
