import { describe, expect, it } from "vitest";
import { validatedEntry } from "../../test/support/validated.js";
import { makeWorld, must } from "../core/test-helpers.js";
import type { World } from "../core/test-helpers.js";
import { sandboxControlSpec } from "./generated/specs.js";
import { magicOutcome } from "./magic.js";
import type { OpenApiOperation } from "./openapi-types.js";

const OUTAGE = { status: 503, code: "serviceUnavailable", detail: "Amount 503.03 always meets a simulated outage (magic value)." };
const INSUFFICIENT = { status: 422, code: "insufficientFunds", detail: "Amount 666.66 is always refused for insufficient funds (magic value)." };

describe("GET /__sandbox/magic-values", () => {
  it("lists the values the control spec documents, word for word, in their order", async () => {
    const answer = await validatedEntry().handle({ method: "GET", path: "/__sandbox/magic-values", query: "", headers: {} });
    expect(answer.status).toBe(200);
    const listed = JSON.parse(answer.body!) as unknown[];
    // The control spec's example is the whole list, word for word.
    const operation = sandboxControlSpec.paths!["/__sandbox/magic-values"]!.get as OpenApiOperation;
    const { example } = operation.responses!["200"]!.content!["application/json"] as { example: unknown[] };
    expect(example).toHaveLength(4);
    expect(listed).toEqual(example);
    // README (magic values) and docs/domain/transfers.md: the account the payment network always rejects, last.
    expect(listed[3]).toMatchObject({ field: "accountNumber (of the recipient paid)", value: "DE00REJECT000000000000" });
  });
});

/** A ledger with a draft of 666.66 (drafting it is allowed), a draft of 10.00 and a posted payment of 666.66. */
function ledgerWithMagicPayments(): { w: World; magicDraft: string; plainDraft: string; postedMagic: string } {
  const w = makeWorld();
  const a = w.account("eur", 100_000);
  const b = w.account("eur");
  const draft = (amountMinor: number) =>
    must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor }] })).payment.id;
  const magicDraft = draft(66_666);
  const plainDraft = draft(1_000);
  const postedMagic = must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 66_666 })).payment.id;
  return { w, magicDraft, plainDraft, postedMagic };
}

describe("magicOutcome", () => {
  const create = (amount: number) => ({ debtorAccountNumber: "FL1", creditorAccountNumber: "FL2", amount, currency: "eur" });
  const draft = (...amounts: number[]) => ({ transactions: amounts.map((amount) => ({ amount })) });

  it("meets 503.03 with an outage on createPayment and draftPayment, in any leg of a draft", () => {
    const { w } = ledgerWithMagicPayments();
    expect(magicOutcome("createPayment", create(503.03), w.ledger, undefined)).toEqual(OUTAGE);
    expect(magicOutcome("draftPayment", draft(10, 503.03), w.ledger, undefined)).toEqual(OUTAGE);
    expect(magicOutcome("createPayment", create(503.04), w.ledger, undefined)).toBeUndefined();
  });

  it("refuses 666.66 for insufficient funds when a payment is created, not when it is drafted", () => {
    const { w } = ledgerWithMagicPayments();
    expect(magicOutcome("createPayment", create(666.66), w.ledger, undefined)).toEqual(INSUFFICIENT);
    expect(magicOutcome("draftPayment", draft(666.66), w.ledger, undefined)).toBeUndefined();
  });

  it("refuses to pend a draft with a leg of 666.66, alone or among others", () => {
    const { w, magicDraft, plainDraft } = ledgerWithMagicPayments();
    expect(magicOutcome("pendPayment", undefined, w.ledger, magicDraft)).toEqual(INSUFFICIENT);
    expect(magicOutcome("pendPayments", { paymentIds: [plainDraft, magicDraft] }, w.ledger, undefined)).toEqual(INSUFFICIENT);
    expect(magicOutcome("pendPayment", undefined, w.ledger, plainDraft)).toBeUndefined();
    expect(magicOutcome("pendPayments", { paymentIds: [plainDraft, "7c1f0e2a-0000-4000-8000-000000000000"] }, w.ledger, undefined)).toBeUndefined();
  });

  it("leaves a payment of 666.66 that is no longer a draft to the ledger's own rules (pending a posted one is its state error)", () => {
    const { w, postedMagic } = ledgerWithMagicPayments();
    expect(magicOutcome("pendPayment", undefined, w.ledger, postedMagic)).toBeUndefined();
    expect(magicOutcome("pendPayments", { paymentIds: [postedMagic] }, w.ledger, undefined)).toBeUndefined();
  });

  it("works only on the operations the list names", () => {
    const { w, magicDraft } = ledgerWithMagicPayments();
    for (const operationId of ["createOutgoingTransfer", "createIntegrationOutgoingTransfer", "postPayments", "cancelPayments"]) {
      expect(magicOutcome(operationId, { ...create(503.03), paymentIds: [magicDraft] }, w.ledger, undefined), operationId).toBeUndefined();
      expect(magicOutcome(operationId, { ...create(666.66), paymentIds: [magicDraft] }, w.ledger, magicDraft), operationId).toBeUndefined();
    }
    for (const operationId of ["postPayment", "cancelPayment"]) expect(magicOutcome(operationId, undefined, w.ledger, magicDraft), operationId).toBeUndefined();
  });

  it("reads only the body's own fields, and finds nothing in a body or leg that is not an object", () => {
    const { w } = ledgerWithMagicPayments();
    expect(magicOutcome("createPayment", null, w.ledger, undefined)).toBeUndefined();
    expect(magicOutcome("draftPayment", { transactions: [null, 503.03, { amount: 503.03 }] }, w.ledger, undefined)).toEqual(OUTAGE);
    expect(magicOutcome("createPayment", Object.create({ amount: 503.03 }), w.ledger, undefined)).toBeUndefined();
  });
});
