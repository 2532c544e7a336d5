import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Payment } from "../../sandbox/core/index.js";
import { paymentDto, paymentJson } from "../../sandbox/http/dto.js";
import { SandboxState } from "../../sandbox/http/index.js";

const uuid = fc.uuid();
const accountNumber = fc.stringMatching(/^[A-Za-z0-9]{1,34}$/);
const ms = fc.integer({ min: 0, max: 4_102_444_800_000 });
const state = fc.constantFrom("draft", "pending", "posted", "canceled", "error" as const);
const payment: fc.Arbitrary<Payment> = fc.record({
  id: uuid,
  parentId: uuid,
  parentType: fc.constantFrom("transfer", "paymentRequest", "adjustingPayment" as const),
  obligatoryAt: fc.option(ms, { nil: null }),
  createdAt: ms,
  transactions: fc.array(
    fc.record({
      id: uuid,
      paymentId: uuid,
      parentId: uuid,
      parentType: fc.constantFrom("transfer", "paymentRequest", "adjustingPayment" as const),
      debtorAccountId: uuid,
      debtorAccountNumber: accountNumber,
      creditorAccountId: uuid,
      creditorAccountNumber: accountNumber,
      currency: fc.constantFrom("cad", "eur", "pln" as const),
      amountMinor: fc.integer({ min: 1, max: 1e15 }),
      state,
      stateReason: fc.option(fc.string(), { nil: null }),
      createdAt: ms,
      postedAt: fc.option(ms, { nil: null }),
      stateChanges: fc.array(fc.record({ from: state, to: state, at: ms }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe("paymentJson", () => {
  it("writes exactly JSON.stringify(paymentDto(p)) for any payment", () => {
    fc.assert(
      fc.property(payment, (p) => {
        expect(paymentJson(p)).toBe(JSON.stringify(paymentDto(p)));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("writes exactly JSON.stringify(paymentDto(p)) for every payment of the demo data", () => {
    const ledger = new SandboxState().ledger;
    const payments = ledger.exportState().payments.map((p) => ledger.getPayment(p.id)!);
    expect(payments.length).toBeGreaterThan(5);
    for (const p of payments) expect(paymentJson(p)).toBe(JSON.stringify(paymentDto(p)));
  });
});
