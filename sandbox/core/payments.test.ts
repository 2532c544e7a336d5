import { describe, expect, it } from "vitest";
import { toMinor } from "./money.js";
import { balancesOf, codeOf, makeWorld, must, parentId, T0 } from "./test-helpers.js";
import type { World } from "./test-helpers.js";
import type { Ledger } from "./ledger.js";
import type { BulkInput, IncomingRestriction, Result } from "./types.js";

/** Runs an operation that must be refused, checks its code and that the ledger did not change at all. */
function expectRefused(ledger: Ledger, code: string, run: () => Result<unknown>): void {
  const before = JSON.stringify(ledger.exportState());
  expect(codeOf(run())).toBe(code);
  expect(JSON.stringify(ledger.exportState())).toBe(before);
  expect(ledger.verify()).toEqual({ ok: true, problems: [] });
}

function draftFor(w: World, legs: [string, string, number][], parent = parentId()) {
  return must(w.ledger.draftPayment({ parentId: parent, parentType: "transfer", legs: legs.map(([d, c, amountMinor]) => ({ debtor: { id: d }, creditor: { id: c }, currency: "eur", amountMinor })) })).payment;
}

// docs/domain/payments.md#worked-example, step by step.
describe("the worked example", () => {
  it("drafts, pends and posts a payment with a fee leg, then refuses to cancel it", () => {
    const w = makeWorld();
    const a = w.account("eur", 10000);
    const b = w.account("eur");
    const f = w.account("eur", 0, "fee");
    w.clock.advance(1000);
    const p1 = draftFor(w, [[a.id, b.id, 3000], [a.id, f.id, 100]]);
    expect(p1.transactions.map((t) => t.state)).toEqual(["draft", "draft"]);
    expect(p1.transactions.every((t) => t.stateChanges.length === 0 && t.postedAt === null)).toBe(true);
    expect(balancesOf(w.ledger, a.id)).toEqual([10000, 0, 0, 10000]);

    w.clock.advance(1000);
    must(w.ledger.pendPayments({ paymentIds: [p1.id] }));
    expect(balancesOf(w.ledger, a.id)).toEqual([10000, 3100, 0, 6900]);
    expect(balancesOf(w.ledger, b.id)).toEqual([0, 0, 3000, 0]);
    expect(balancesOf(w.ledger, f.id)).toEqual([0, 0, 100, 0]);

    w.clock.advance(1000);
    const [posted] = must(w.ledger.postPayments({ paymentIds: [p1.id] }));
    expect(balancesOf(w.ledger, a.id)).toEqual([6900, 0, 0, 6900]);
    expect(balancesOf(w.ledger, b.id)).toEqual([3000, 0, 0, 3000]);
    expect(balancesOf(w.ledger, f.id)).toEqual([100, 0, 0, 100]);
    for (const t of posted!.transactions) {
      expect(t.state).toBe("posted");
      expect(t.postedAt).toBe(T0 + 3000);
      expect(t.stateChanges).toEqual([
        { from: "draft", to: "pending", at: T0 + 2000 },
        { from: "pending", to: "posted", at: T0 + 3000 },
      ]);
    }
    expectRefused(w.ledger, "invalidStateTransition", () => w.ledger.cancelPayments({ paymentIds: [p1.id] }));
  });
});

describe("createPayment", () => {
  it("posts one leg at once with a draft->posted state change and postedAt = createdAt", () => {
    const w = makeWorld();
    const a = w.account("eur", 5000);
    const b = w.account("eur");
    w.clock.advance(60_000);
    const { payment, replayed } = must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { number: a.accountNumber }, creditor: { id: b.id }, currency: "eur", amountMinor: 1234 }));
    expect(replayed).toBe(false);
    const [t] = payment.transactions;
    expect(t).toMatchObject({ state: "posted", stateReason: null, createdAt: T0 + 60_000, postedAt: T0 + 60_000, debtorAccountId: a.id, creditorAccountNumber: b.accountNumber, amountMinor: 1234 });
    expect(t!.stateChanges).toEqual([{ from: "draft", to: "posted", at: T0 + 60_000 }]);
    expect(balancesOf(w.ledger, a.id)).toEqual([3766, 0, 0, 3766]);
    expect(balancesOf(w.ledger, b.id)).toEqual([1234, 0, 0, 1234]);
    expect(w.ledger.getPayment(payment.id)).toEqual(payment);
  });

  it("adds 0.1 and 0.2 as exactly 0.3", () => {
    const w = makeWorld();
    const b = w.account("eur");
    for (const amount of [0.1, 0.2]) {
      must(w.ledger.createPayment({ parentId: parentId(), parentType: "adjustingPayment", debtor: { id: w.treasury.eur! }, creditor: { id: b.id }, currency: "eur", amountMinor: toMinor(amount)! }));
    }
    expect(w.ledger.getAccount(b.id)!.balanceMinor).toBe(30);
  });

  // docs/domain/decisions.md#decision-6-idempotent-create
  it("replays an identical request and changes nothing", () => {
    const w = makeWorld();
    const a = w.account("eur", 5000);
    const b = w.account("eur");
    const input = { paymentId: "6f1c1b9e-58a4-4c1f-9d7e-2d2f3b4a5c6d", parentId: parentId(), parentType: "transfer" as const, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 700 };
    const first = must(w.ledger.createPayment(input));
    const before = JSON.stringify(w.ledger.exportState());
    w.clock.advance(5000);
    const again = must(w.ledger.createPayment({ ...input, debtor: { number: a.accountNumber } }));
    expect(again.replayed).toBe(true);
    expect(again.payment).toEqual(first.payment);
    expect(JSON.stringify(w.ledger.exportState())).toBe(before);
    expect(balancesOf(w.ledger, a.id)[0]).toBe(4300);
  });

  it("refuses the same paymentId with other content as paymentIdConflict", () => {
    const w = makeWorld();
    const a = w.account("eur", 5000);
    const b = w.account("eur");
    const input = { paymentId: "6f1c1b9e-58a4-4c1f-9d7e-2d2f3b4a5c6d", parentId: parentId(), parentType: "transfer" as const, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 700 };
    must(w.ledger.createPayment(input));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.createPayment({ ...input, amountMinor: 701 }));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.createPayment({ ...input, creditor: { id: a.id }, debtor: { id: b.id } }));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.draftPayment({ paymentId: input.paymentId, parentId: input.parentId, parentType: "transfer", legs: [{ debtor: input.debtor, creditor: input.creditor, currency: "eur", amountMinor: 700 }] }));
  });

  // docs/domain/decisions.md#decision-6-idempotent-create: every field of the request is part of its content.
  it("refuses a replayed create that changes any single field as paymentIdConflict, and replays one that names the same accounts otherwise", () => {
    const w = makeWorld();
    const a = w.account("eur", 5000);
    const b = w.account("eur");
    const c = w.account("eur");
    const input = { paymentId: "6f1c1b9e-58a4-4c1f-9d7e-2d2f3b4a5c6d", parentId: parentId(), parentType: "transfer" as const, obligatoryAt: T0 + 60_000, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 700 };
    must(w.ledger.createPayment(input));
    const changes = {
      creditor: { creditor: { id: c.id } },
      creditorByNumber: { creditor: { number: c.accountNumber } },
      creditorIdAndOtherNumber: { creditor: { id: b.id, number: c.accountNumber } },
      debtor: { debtor: { id: c.id } },
      currency: { currency: "usd" as const },
      amount: { amountMinor: 699 },
      parentId: { parentId: parentId() },
      parentType: { parentType: "paymentRequest" as const },
      obligatoryDate: { obligatoryAt: T0 + 120_000 },
      noObligatoryDate: { obligatoryAt: undefined },
    };
    for (const [field, change] of Object.entries(changes)) {
      const before = JSON.stringify(w.ledger.exportState());
      expect(codeOf(w.ledger.createPayment({ ...input, ...change })), field).toBe("paymentIdConflict");
      expect(JSON.stringify(w.ledger.exportState()), field).toBe(before);
    }
    const same = must(w.ledger.createPayment({ ...input, paymentId: input.paymentId.toUpperCase(), parentId: input.parentId.toUpperCase(), creditor: { id: b.id.toUpperCase(), number: b.accountNumber } }));
    expect(same.replayed).toBe(true);
  });

  it("refuses a replayed draft that changes any leg's id, accounts, currency or amount, or the number of legs, as paymentIdConflict", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    const c = w.account("eur");
    const leg = { id: "0d6c8f3e-2222-4aaa-8bbb-123456789abc", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 };
    const input = { paymentId: "0d6c8f3e-1111-4aaa-8bbb-123456789abc", parentId: parentId(), parentType: "transfer" as const, legs: [leg] };
    must(w.ledger.draftPayment(input));
    const changes = {
      legId: { ...leg, id: "0d6c8f3e-3333-4aaa-8bbb-123456789abc" },
      debtor: { ...leg, debtor: { id: c.id } },
      creditor: { ...leg, creditor: { id: c.id } },
      currency: { ...leg, currency: "usd" as const },
      amount: { ...leg, amountMinor: 11 },
    };
    for (const changed of Object.values(changes)) expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.draftPayment({ ...input, legs: [changed] }));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.draftPayment({ ...input, legs: [leg, { ...leg, id: undefined }] }));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.draftPayment({ ...input, parentType: "paymentRequest" }));
    expect(must(w.ledger.draftPayment({ ...input, legs: [{ ...leg, id: leg.id.toUpperCase() }] })).replayed).toBe(true);
  });

  it("refuses every rule it breaks with its own code and changes nothing", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const usd = w.account("usd", 1000);
    const pending = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    const base = { parentId: parentId(), parentType: "transfer" as const, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 100 };
    const create = (patch: object) => () => w.ledger.createPayment({ ...base, ...patch });
    expectRefused(w.ledger, "validationError", create({ amountMinor: 0 }));
    expectRefused(w.ledger, "validationError", create({ amountMinor: 1.5 }));
    expectRefused(w.ledger, "validationError", create({ currency: "xyz" }));
    expectRefused(w.ledger, "validationError", create({ parentType: "gift" }));
    expectRefused(w.ledger, "validationError", create({ parentId: "not-a-uuid" }));
    expectRefused(w.ledger, "validationError", create({ paymentId: "nope" }));
    expectRefused(w.ledger, "validationError", create({ creditor: { id: a.id } }));
    expectRefused(w.ledger, "validationError", create({ creditor: { number: a.accountNumber } }));
    expectRefused(w.ledger, "validationError", create({ debtor: {} }));
    expectRefused(w.ledger, "validationError", create({ debtor: { id: a.id, number: b.accountNumber } }));
    expectRefused(w.ledger, "accountNotFound", create({ debtor: { id: "7c1f0e2a-0000-4000-8000-000000000000" } }));
    expectRefused(w.ledger, "accountNotFound", create({ creditor: { number: "FL000000000000000000" } }));
    expectRefused(w.ledger, "accountNotFound", create({ restrictions: [{ accountId: "7c1f0e2a-0000-4000-8000-000000000000", limitMinor: 5 }] }));
    expectRefused(w.ledger, "currencyMismatch", create({ creditor: { id: usd.id } }));
    expectRefused(w.ledger, "currencyMismatch", create({ currency: "usd" }));
    expectRefused(w.ledger, "accountNotActive", create({ creditor: { id: pending.id } }));
    expectRefused(w.ledger, "insufficientFunds", create({ amountMinor: 1001 }));
    expectRefused(w.ledger, "incomingLimitExceeded", create({ restrictions: [{ accountId: b.id, limitMinor: 99 }] }));
    const result = w.ledger.createPayment({ ...base, amountMinor: 0 });
    expect(result.ok ? undefined : result.error.field).toBe("amount");
  });

  it("lets system accounts go negative but never a client account", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const t = w.treasury.eur!;
    must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: t }, currency: "eur", amountMinor: 1000 }));
    expect(balancesOf(w.ledger, a.id)).toEqual([0, 0, 0, 0]);
    expect(w.ledger.getAccount(t)!.balanceMinor).toBe(0);
    must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: t }, creditor: { id: a.id }, currency: "eur", amountMinor: 5 }));
    expect(w.ledger.getAccount(t)!.balanceMinor).toBe(-5);
  });

  it("applies restrictions to credited accounts only, allowing exactly the limit", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur", 200);
    const base = { parentType: "transfer" as const, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 300 };
    must(w.ledger.createPayment({ ...base, parentId: parentId(), restrictions: [{ accountId: b.id, limitMinor: 500 }, { accountId: a.id, limitMinor: 0 }] }));
    expect(codeOf(w.ledger.createPayment({ ...base, parentId: parentId(), amountMinor: 1, restrictions: [{ accountId: b.id, limitMinor: 500 }] }))).toBe("incomingLimitExceeded");
  });
});

describe("draftPayment", () => {
  it("does not check funds and does not move money", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    const p = draftFor(w, [[a.id, b.id, 1_000_000]]);
    expect(p.transactions[0]!.state).toBe("draft");
    expect(balancesOf(w.ledger, a.id)).toEqual([100, 0, 0, 100]);
  });

  it("refuses closed accounts, mismatched currencies, empty and malformed leg lists", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    const closed = w.account("eur");
    must(w.ledger.closeAccount(closed.id));
    const usd = w.account("usd");
    const draft = (legs: object[]) => () => w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: legs as never });
    const leg = { debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 10 };
    expectRefused(w.ledger, "accountNotActive", draft([leg, { ...leg, creditor: { id: closed.id } }]));
    expectRefused(w.ledger, "currencyMismatch", draft([{ ...leg, creditor: { id: usd.id } }]));
    expectRefused(w.ledger, "validationError", draft([]));
    expectRefused(w.ledger, "validationError", draft([leg, { ...leg, amountMinor: -1 }]));
    const bad = w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [leg, { ...leg, amountMinor: -1 }] as never });
    expect(bad.ok ? undefined : bad.error.field).toBe("transactions[1].amount");
    const missing = w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [leg, { ...leg, debtor: { id: "7c1f0e2a-0000-4000-8000-000000000000" } }] as never });
    expect(missing.ok ? undefined : [missing.error.code, missing.error.field]).toEqual(["accountNotFound", "transactions[1].debtorAccountId"]);
  });

  it("keeps client-given leg ids, refuses reused ones, and replays an identical draft", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    const input = {
      paymentId: "0d6c8f3e-1111-4aaa-8bbb-123456789abc", parentId: parentId(), parentType: "paymentRequest" as const, obligatoryAt: T0 + 86_400_000,
      legs: [{ id: "0d6c8f3e-2222-4aaa-8bbb-123456789abc", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 }],
    };
    const first = must(w.ledger.draftPayment(input));
    expect(first.payment.transactions[0]!.id).toBe(input.legs[0]!.id);
    expect(first.payment.obligatoryAt).toBe(T0 + 86_400_000);
    const again = must(w.ledger.draftPayment({ ...input, legs: [{ ...input.legs[0]!, id: undefined }] }));
    expect(again).toEqual({ payment: first.payment, replayed: true });
    expectRefused(w.ledger, "validationError", () => w.ledger.draftPayment({ ...input, paymentId: undefined }));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.draftPayment({ ...input, obligatoryAt: null }));
  });
});

describe("pend, post and cancel", () => {
  it("checks funds cumulatively per debtor across a bulk pend", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const parent = parentId();
    const p1 = draftFor(w, [[a.id, b.id, 600]], parent);
    const p2 = draftFor(w, [[a.id, b.id, 600]], parent);
    expectRefused(w.ledger, "insufficientFunds", () => w.ledger.pendPayments({ paymentIds: [p1.id, p2.id], parentId: parent }));
    const done = must(w.ledger.pendPayments({ paymentIds: [p2.id], parentId: parent }));
    expect(done.map((p) => p.id)).toEqual([p2.id]);
    expectRefused(w.ledger, "insufficientFunds", () => w.ledger.pendPayments({ paymentIds: [p1.id] }));
  });

  it("returns bulk results in request order", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const parent = parentId();
    const ps = [1, 2, 3].map((n) => draftFor(w, [[a.id, b.id, n]], parent));
    const ids = [ps[2]!.id, ps[0]!.id, ps[1]!.id];
    expect(must(w.ledger.pendPayments({ paymentIds: ids, parentId: parent })).map((p) => p.id)).toEqual(ids);
    expect(must(w.ledger.postPayments({ paymentIds: [...ids].reverse(), parentId: parent })).map((p) => p.id)).toEqual([...ids].reverse());
    expect(balancesOf(w.ledger, b.id)).toEqual([6, 0, 0, 6]);
  });

  it("is all-or-nothing: one bad payment in a batch changes nothing", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const parent = parentId();
    const good = draftFor(w, [[a.id, b.id, 10]], parent);
    const other = draftFor(w, [[a.id, b.id, 10]]);
    const posted = draftFor(w, [[a.id, b.id, 10]], parent);
    must(w.ledger.pendPayments({ paymentIds: [posted.id] }));
    must(w.ledger.postPayments({ paymentIds: [posted.id] }));
    expectRefused(w.ledger, "invalidStateTransition", () => w.ledger.pendPayments({ paymentIds: [good.id, posted.id], parentId: parent }));
    expectRefused(w.ledger, "parentMismatch", () => w.ledger.pendPayments({ paymentIds: [good.id, other.id], parentId: parent }));
    expectRefused(w.ledger, "paymentNotFound", () => w.ledger.cancelPayments({ paymentIds: [good.id, "7c1f0e2a-0000-4000-8000-000000000000"], parentId: parent }));
    expectRefused(w.ledger, "validationError", () => w.ledger.cancelPayments({ paymentIds: [good.id, good.id], parentId: parent }));
    expectRefused(w.ledger, "validationError", () => w.ledger.postPayments({ paymentIds: [], parentId: parent }));
    const dup = w.ledger.cancelPayments({ paymentIds: [good.id, good.id.toUpperCase()] });
    expect(dup.ok ? undefined : dup.error.field).toBe("paymentIds");
  });

  // docs/domain/decisions.md#decision-5-strict-state-machine
  it("applies the state machine strictly", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const draft = draftFor(w, [[a.id, b.id, 10]]);
    expectRefused(w.ledger, "invalidStateTransition", () => w.ledger.postPayments({ paymentIds: [draft.id] }));
    must(w.ledger.pendPayments({ paymentIds: [draft.id] }));
    expectRefused(w.ledger, "invalidStateTransition", () => w.ledger.pendPayments({ paymentIds: [draft.id] }));
    must(w.ledger.cancelPayments({ paymentIds: [draft.id] }));
    for (const op of ["pendPayments", "postPayments", "cancelPayments"] as const) {
      expectRefused(w.ledger, "invalidStateTransition", () => w.ledger[op]({ paymentIds: [draft.id] }));
    }
    const created = must(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 1 })).payment;
    expectRefused(w.ledger, "invalidStateTransition", () => w.ledger.cancelPayments({ paymentIds: [created.id] }));
  });

  it("cancels a pending payment with a payback of the holds and the reason canceledByRequest", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const p = draftFor(w, [[a.id, b.id, 400]]);
    must(w.ledger.pendPayments({ paymentIds: [p.id] }));
    expect(balancesOf(w.ledger, a.id)).toEqual([1000, 400, 0, 600]);
    w.clock.advance(10);
    const [canceled] = must(w.ledger.cancelPayments({ paymentIds: [p.id] }));
    expect(canceled!.transactions[0]).toMatchObject({ state: "canceled", stateReason: "canceledByRequest", postedAt: null });
    expect(canceled!.transactions[0]!.stateChanges.map((c) => `${c.from}->${c.to}`)).toEqual(["draft->pending", "pending->canceled"]);
    expect(balancesOf(w.ledger, a.id)).toEqual([1000, 0, 0, 1000]);
    expect(balancesOf(w.ledger, b.id)).toEqual([0, 0, 0, 0]);
  });

  it("cancels a draft whatever its accounts' status, but refuses to pend or post with an inactive account", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const p1 = draftFor(w, [[a.id, b.id, 10]]);
    const p2 = draftFor(w, [[a.id, b.id, 10]]);
    must(w.ledger.pendPayments({ paymentIds: [p2.id] }));
    // The only ways to make an account inactive are pending (new) and closed; force via a fresh pending account.
    const fresh = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    const p3 = must(w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: fresh.id }, currency: "eur", amountMinor: 5 }] })).payment;
    expectRefused(w.ledger, "accountNotActive", () => w.ledger.pendPayments({ paymentIds: [p3.id] }));
    must(w.ledger.cancelPayments({ paymentIds: [p3.id, p1.id] }));
    expect(codeOf(w.ledger.postPayments({ paymentIds: [p2.id] }))).toBe("ok");
  });

  // docs/domain/payments.md#incoming-limits
  it("enforces limitedIncomingAccountRestrictions across the whole batch", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur", 100);
    const parent = parentId();
    const p1 = draftFor(w, [[a.id, b.id, 200]], parent);
    const p2 = draftFor(w, [[a.id, b.id, 200]], parent);
    const limit = (limitMinor: number) => [{ accountId: b.id, limitMinor }];
    expectRefused(w.ledger, "incomingLimitExceeded", () => w.ledger.pendPayments({ paymentIds: [p1.id, p2.id], parentId: parent, restrictions: limit(499) }));
    expectRefused(w.ledger, "accountNotFound", () => w.ledger.pendPayments({ paymentIds: [p1.id], restrictions: [{ accountId: "7c1f0e2a-0000-4000-8000-000000000000", limitMinor: 1 }] }));
    expectRefused(w.ledger, "validationError", () => w.ledger.pendPayments({ paymentIds: [p1.id], restrictions: [{ accountId: b.id, limitMinor: -1 }] }));
    must(w.ledger.pendPayments({ paymentIds: [p1.id, p2.id], parentId: parent, restrictions: [...limit(500), { accountId: a.id, limitMinor: 0 }] }));
    expect(balancesOf(w.ledger, b.id)).toEqual([100, 0, 400, 100]);
  });

  it("lets payments of a draft leg move between accounts in different currencies per leg", () => {
    const w = makeWorld();
    const eurA = w.account("eur", 1000);
    const eurFx = w.account("eur", 0, "fx");
    const usdFx = w.account("usd", 0, "fx");
    const usdB = w.account("usd");
    const p = must(w.ledger.draftPayment({
      parentId: parentId(), parentType: "transfer",
      legs: [
        { debtor: { id: eurA.id }, creditor: { id: eurFx.id }, currency: "eur", amountMinor: 1000 },
        { debtor: { id: usdFx.id }, creditor: { id: usdB.id }, currency: "usd", amountMinor: 1080 },
      ],
    })).payment;
    must(w.ledger.pendPayments({ paymentIds: [p.id] }));
    must(w.ledger.postPayments({ paymentIds: [p.id] }));
    expect(balancesOf(w.ledger, usdB.id)).toEqual([1080, 0, 0, 1080]);
    expect(balancesOf(w.ledger, usdFx.id)[0]).toBe(-1080);
    expect(w.ledger.verify().ok).toBe(true);
  });
});

/** The error of a refused result: its code, the field it names and its message. */
function refusal(result: Result<unknown>): { code: string; field: string | undefined; message: string } {
  if (result.ok) throw new Error("expected a refusal");
  return { code: result.error.code, field: result.error.field, message: result.error.message };
}

// docs/domain/errors.md: the code is what clients branch on; the field and the message say what was wrong.
describe("what each payment refusal names", () => {
  it("names the field and says why for refused creates and drafts", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const unknown = "7c1f0e2a-0000-4000-8000-000000000000";
    const base = { parentId: parentId(), parentType: "transfer" as const, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 };
    expect(refusal(w.ledger.createPayment({ ...base, debtor: { id: unknown } }))).toMatchObject({ code: "accountNotFound", field: "debtorAccountId" });
    expect(refusal(w.ledger.createPayment({ ...base, creditor: { id: unknown } }))).toMatchObject({ code: "accountNotFound", field: "creditorAccountId" });
    const paymentId = "6f1c1b9e-58a4-4c1f-9d7e-2d2f3b4a5c6d";
    must(w.ledger.createPayment({ ...base, paymentId }));
    expect(refusal(w.ledger.createPayment({ ...base, paymentId, amountMinor: 11 }))).toEqual({ code: "paymentIdConflict", field: "paymentId", message: `Payment ${paymentId} already exists with other content` });

    const leg = { debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 };
    const draft = (legs: object[]) => w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: legs as typeof leg[] });
    expect(refusal(draft([]))).toEqual({ code: "validationError", field: "transactions", message: "a draft payment needs at least one transaction" });
    expect(refusal(draft([leg, { ...leg, creditor: { id: unknown } }]))).toMatchObject({ code: "accountNotFound", field: "transactions[1].creditorAccountId" });
    const legId = "0d6c8f3e-2222-4aaa-8bbb-123456789abc";
    expect(refusal(draft([{ ...leg, id: "leg-1" }]))).toEqual({ code: "validationError", field: "transactions[0].id", message: "id must be a uuid" });
    expect(refusal(draft([{ ...leg, id: legId }, { ...leg, id: legId.toUpperCase() }]))).toEqual({ code: "validationError", field: "transactions[1].id", message: "transaction ids must be unique" });
    const first = must(draft([{ ...leg, id: legId }]));
    expect(first.replayed).toBe(false);
    expect(refusal(draft([leg, { ...leg, id: legId }]))).toEqual({ code: "validationError", field: "transactions[1].id", message: `Transaction ${legId} already exists` });
  });

  it("refuses a replayed two-leg draft whose second leg differs, though its first is the same", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    const leg = { debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 };
    const input = { paymentId: "0d6c8f3e-1111-4aaa-8bbb-123456789abc", parentId: parentId(), parentType: "transfer" as const, legs: [leg, leg] };
    must(w.ledger.draftPayment(input));
    expectRefused(w.ledger, "paymentIdConflict", () => w.ledger.draftPayment({ ...input, legs: [leg, { ...leg, amountMinor: 11 }] }));
  });

  it("names the payment, its parent, its state or its account for refused pends, posts and cancels", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const parent = parentId();
    const p = must(w.ledger.draftPayment({ parentId: parent, parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 10 }] })).payment;
    const unknown = "7c1f0e2a-0000-4000-8000-000000000000";
    expect(refusal(w.ledger.pendPayments({ paymentIds: [] }))).toEqual({ code: "validationError", field: "paymentIds", message: "paymentIds must list at least one payment" });
    expect(refusal(w.ledger.pendPayments({ paymentIds: [p.id, 7 as unknown as string] }))).toEqual({ code: "validationError", field: "paymentIds", message: "paymentIds must be uuids" });
    expect(refusal(w.ledger.pendPayments({ paymentIds: [p.id, p.id.toUpperCase()] }))).toEqual({ code: "validationError", field: "paymentIds", message: "paymentIds must be unique" });
    expect(refusal(w.ledger.pendPayments(undefined as unknown as BulkInput))).toMatchObject({ code: "validationError", field: "paymentIds" });
    expect(refusal(w.ledger.pendPayments({ paymentIds: [unknown] }))).toMatchObject({ code: "paymentNotFound", message: `Payment ${unknown} not found` });
    const other = parentId();
    expect(refusal(w.ledger.pendPayments({ paymentIds: [p.id], parentId: other }))).toEqual({ code: "parentMismatch", field: "parentId", message: `Payment ${p.id} belongs to parent ${parent}, not ${other}` });
    expect(refusal(w.ledger.postPayments({ paymentIds: [p.id] }))).toMatchObject({ code: "invalidStateTransition", message: `Payment ${p.id} is draft; it cannot be posted` });
    must(w.ledger.cancelPayments({ paymentIds: [p.id] }));
    expect(refusal(w.ledger.pendPayments({ paymentIds: [p.id] }))).toMatchObject({ code: "invalidStateTransition", message: `Payment ${p.id} is canceled; it cannot be pended` });
    expect(refusal(w.ledger.cancelPayments({ paymentIds: [p.id] }))).toMatchObject({ code: "invalidStateTransition", message: `Payment ${p.id} is canceled; it cannot be canceled` });
    const fresh = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    const toFresh = must(w.ledger.draftPayment({ parentId: parent, parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: fresh.id }, currency: "eur", amountMinor: 5 }] })).payment;
    expect(refusal(w.ledger.pendPayments({ paymentIds: [toFresh.id] }))).toMatchObject({ code: "accountNotActive", message: `Account ${fresh.id} of payment ${toFresh.id} is pending` });
  });

  // docs/domain/payments.md#incoming-limits: restrictions belong to create and pend; a post or cancel is not refused by them.
  it("takes no restrictions on post and cancel, even ones that name an unknown account", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const restrictions = [{ accountId: "7c1f0e2a-0000-4000-8000-000000000000", limitMinor: 0 }];
    const p = draftFor(w, [[a.id, b.id, 10]]);
    const q = draftFor(w, [[a.id, b.id, 10]]);
    must(w.ledger.pendPayments({ paymentIds: [p.id] }));
    expect(codeOf(w.ledger.postPayments({ paymentIds: [p.id], restrictions }))).toBe("ok");
    expect(codeOf(w.ledger.cancelPayments({ paymentIds: [q.id], restrictions }))).toBe("ok");
  });
});

describe("what each refused payment shape names", () => {
  it("names the header field and says what it must be", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const base = { parentId: parentId(), parentType: "transfer" as const, debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 };
    const cases: [object, string, string][] = [
      [{ paymentId: "p-1" }, "paymentId", "paymentId must be a uuid"],
      [{ parentId: "parent" }, "parentId", "parentId must be a uuid"],
      [{ parentType: "invoice" }, "parentType", "parentType must be transfer, paymentRequest or adjustingPayment"],
      [{ obligatoryAt: Number.NaN }, "obligatoryDate", "obligatoryDate must be a date-time"],
      [{ currency: "xyz" }, "currency", "currency must be one of the ten supported codes"],
      [{ amountMinor: 0 }, "amount", "amount must be greater than 0, at most 1e13, with at most 2 decimals"],
      [{ creditor: { id: a.id } }, "creditorAccountId", "debtor and creditor must be different accounts"],
    ];
    for (const [change, field, message] of cases) {
      expect(refusal(w.ledger.createPayment({ ...base, ...change } as typeof base)), field).toEqual({ code: "validationError", field, message });
    }
    expect(codeOf(w.ledger.createPayment({ ...base, obligatoryAt: null }))).toBe("ok");
  });

  it("names the leg's field, the account and its currency or status", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const usd = w.account("usd");
    const leg = { debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur" as const, amountMinor: 10 };
    const draft = (legs: object[]) => w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: legs as typeof leg[] });
    expect(refusal(draft([leg, { ...leg, amountMinor: -1 }]))).toMatchObject({ code: "validationError", field: "transactions[1].amount" });
    expect(refusal(draft([leg, { ...leg, currency: "xyz" }]))).toMatchObject({ code: "validationError", field: "transactions[1].currency" });
    expect(refusal(draft([leg, { ...leg, creditor: { id: usd.id } }]))).toEqual({ code: "currencyMismatch", field: "transactions[1].currency", message: `Account ${usd.id} holds usd, the leg is in eur` });
    const pending = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    // A draft may name a pending account (it moves no money); a create may not, and neither may name a closed one.
    expect(codeOf(draft([{ ...leg, creditor: { id: pending.id } }]))).toBe("ok");
    expect(refusal(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", ...leg, creditor: { id: pending.id } }))).toEqual({ code: "accountNotActive", field: undefined, message: `Account ${pending.id} is pending` });
    const closed = w.account("eur");
    must(w.ledger.closeAccount(closed.id));
    expect(refusal(draft([{ ...leg, debtor: { id: closed.id } }]))).toMatchObject({ code: "accountNotActive", message: `Account ${closed.id} is closed` });
  });
});

// docs/domain/payments.md#funds-check and #incoming-limits, docs/domain/clients.md#plans.
describe("funds and incoming limits at their edges", () => {
  it("moves exactly the available balance, and refuses one minor unit more naming both figures", () => {
    const w = makeWorld();
    const a = w.account("eur", 1000);
    const b = w.account("eur");
    const create = (amountMinor: number) => w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor });
    expect(refusal(create(1001))).toEqual({ code: "insufficientFunds", field: undefined, message: `Account ${a.id} has available balance 10.00 EUR, required 10.01 EUR` });
    expect(codeOf(create(1000))).toBe("ok");
    expect(balancesOf(w.ledger, a.id)).toEqual([0, 0, 0, 0]);
  });

  it("checks each restriction's shape and account, keeps the lowest limit per account, and lets a creditor reach its limit exactly", () => {
    const w = makeWorld();
    const a = w.account("eur", 10_000);
    const b = w.account("eur", 100);
    const create = (amountMinor: number, restrictions: unknown) =>
      w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor, restrictions: restrictions as IncomingRestriction[] });
    const field = "limitedIncomingAccountRestrictions";
    expect(refusal(create(1, { accountId: b.id, limitMinor: 5 }))).toEqual({ code: "validationError", field, message: `${field} must be an array` });
    expect(refusal(create(1, [{ limitMinor: 5 }]))).toEqual({ code: "validationError", field: `${field}[0].accountId`, message: "accountId is required" });
    for (const limitMinor of [-1, 1.5, undefined]) {
      expect(refusal(create(1, [{ accountId: b.id, limitMinor: 500 }, { accountId: b.id, limitMinor }])), String(limitMinor)).toEqual({ code: "validationError", field: `${field}[1].limit`, message: "limit must be a non-negative amount with at most 2 decimals" });
    }
    const unknown = "7c1f0e2a-0000-4000-8000-000000000000";
    expect(refusal(create(1, [{ accountId: b.id, limitMinor: 500 }, { accountId: unknown, limitMinor: 5 }]))).toEqual({ code: "accountNotFound", field: `${field}[1].accountId`, message: `Account ${unknown} not found` });
    const lowest = [{ accountId: b.id, limitMinor: 900 }, { accountId: b.id.toUpperCase(), limitMinor: 300 }, { accountId: b.id, limitMinor: 700 }];
    expect(refusal(create(201, lowest))).toEqual({ code: "incomingLimitExceeded", field: undefined, message: `Account ${b.id} would hold 3.01 EUR incl. pending incoming, above its limit 3.00 EUR` });
    expect(codeOf(create(200, lowest))).toBe("ok");
    expect(codeOf(create(1, []))).toBe("ok");
    expect(codeOf(create(1, [{ accountId: a.id, limitMinor: 0 }]))).toBe("ok"); // the debtor's cap limits what comes in, not what goes out
  });

  it("caps a client account at its plan's maxBalance, counting pending incoming", () => {
    const w = makeWorld();
    const basic = must(w.ledger.addClient({ type: "individual", email: "b@example.com", country: "DE", firstName: "B", lastName: "C", plan: "basic" }));
    const capped = must(w.ledger.createAccount({ clientId: basic.id, currency: "eur", type: "client" }));
    const treasury = w.treasury.eur!;
    const pay = (amountMinor: number) => w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: treasury }, creditor: { id: capped.id }, currency: "eur", amountMinor });
    const pend = (amountMinor: number) => w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: treasury }, creditor: { id: capped.id }, currency: "eur", amountMinor }] });
    expect(codeOf(pay(600_000))).toBe("ok");
    must(w.ledger.pendPayments({ paymentIds: [must(pend(300_000)).payment.id] }));
    expect(refusal(pay(100_001))).toEqual({ code: "incomingLimitExceeded", field: undefined, message: `Account ${capped.id} would hold 10000.01 EUR incl. pending incoming, above 10000.00 EUR, the maxBalance of its client's plan basic` });
    expect(codeOf(pay(100_000))).toBe("ok");
    // An account of no client has no plan, so no cap.
    const fee = must(w.ledger.createAccount({ currency: "eur", type: "fee" }));
    expect(codeOf(w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: treasury }, creditor: { id: fee.id }, currency: "eur", amountMinor: 5_000_000 }))).toBe("ok");
  });
});

describe("restrictions given as nothing, and amounts beyond what an account can represent", () => {
  it("takes null restrictions as none, and refuses a null entry naming its accountId", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    const b = w.account("eur");
    const create = (restrictions: unknown) => w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 1, restrictions: restrictions as IncomingRestriction[] });
    expect(codeOf(create(null))).toBe("ok");
    expect(refusal(create([null]))).toEqual({ code: "validationError", field: "limitedIncomingAccountRestrictions[0].accountId", message: "accountId is required" });
  });

  // Every stored figure stays an exact integer: an operation that would take one past 2^53 - 1 is refused.
  it("refuses, naming the amount, an operation that would take a debit, a hold or a credit beyond the representable range", () => {
    const MAX_LEG = 1e15;
    const beyond = (id: string) => ({ code: "validationError", field: "amount", message: `The operation would take account ${id} beyond the representable range` });
    const w = makeWorld();
    const fees = Array.from({ length: 10 }, () => w.account("eur", 0, "fee"));
    const pay = (from: string, to: string) => w.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor: MAX_LEG });
    // Credits: nine accounts (which may go negative) pay one; the tenth credit passes 2^53.
    const sink = fees[9]!;
    for (const from of fees.slice(0, 9)) expect(codeOf(pay(from.id, sink.id))).toBe("ok");
    expect(refusal(pay(w.treasury.eur!, sink.id))).toEqual(beyond(sink.id));
    // Holds: the sink now holds 9e15 and pends nine legs of it; the tenth hold passes 2^53, though its balance covers none of it.
    const hold = () => w.ledger.draftPayment({ parentId: parentId(), parentType: "transfer", legs: [{ debtor: { id: sink.id }, creditor: { id: w.treasury.eur! }, currency: "eur", amountMinor: MAX_LEG }] });
    for (let i = 0; i < 9; i++) must(w.ledger.pendPayments({ paymentIds: [must(hold()).payment.id] }));
    const tenth = must(hold()).payment.id;
    expect(refusal(w.ledger.pendPayments({ paymentIds: [tenth] }))).toEqual(beyond(sink.id));
    // Debits: one account pays nine others; the tenth debit takes it below -(2^53 - 1).
    const w2 = makeWorld();
    const payer = w2.account("eur", 0, "fee");
    const payees = Array.from({ length: 10 }, () => w2.account("eur", 0, "fee"));
    const pay2 = (to: string) => w2.ledger.createPayment({ parentId: parentId(), parentType: "transfer", debtor: { id: payer.id }, creditor: { id: to }, currency: "eur", amountMinor: MAX_LEG });
    for (const to of payees.slice(0, 9)) expect(codeOf(pay2(to.id))).toBe("ok");
    expect(refusal(pay2(payees[9]!.id))).toEqual(beyond(payer.id));
  });
});
