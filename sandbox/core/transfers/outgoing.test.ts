import { describe, expect, it } from "vitest";
import type { Ledger } from "../ledger.js";
import { balancesOf, codeOf, makeWorld, must, T0 } from "../test-helpers.js";
import type { World } from "../test-helpers.js";
import type { Currency, Result } from "../types.js";
import type { OutgoingInput } from "./outgoing.js";

const FIVE_MINUTES = 5 * 60 * 1000;
const payee = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" as const };

/** A world in manual processing with an eur account of 1,000.00 and a saved sepa recipient. */
function setup(balanceMinor = 100_000) {
  const w = makeWorld();
  must(w.ledger.setTransferProcessing({ mode: "manual", processingDelayMs: 0, completionDelayMs: 0 }));
  const from = w.account("eur", balanceMinor);
  const recipientId = must(w.ledger.addRecipient(w.clientId, payee, true)).id;
  const input = (over: Partial<OutgoingInput> = {}): OutgoingInput => ({ clientId: w.clientId, accountId: from.id, recipientId, amountMinor: 2_500, currency: "eur", ...over });
  const create = (over: Partial<OutgoingInput> = {}, route: "frontOffice" | "integration" = "frontOffice") => w.ledger.createOutgoingTransfer(input(over), route);
  const recipient = (accountNumber: string, currency: Currency = "eur", country = "DE", name = "Someone Else") => must(w.ledger.addRecipient(w.clientId, { name, accountNumber, country, currency }, true)).id;
  return { w, from, recipientId, create, recipient };
}

/** Another client with a phone, and an eur account of theirs. */
function otherClient(w: World, phone: string | null = "+447700900123") {
  const id = must(w.ledger.addClient({ type: "individual", email: "g@example.com", phone, firstName: "Grace", lastName: "Hopper", companyName: null, country: "GB" })).id;
  const account = must(w.ledger.createAccount({ clientId: id, currency: "eur", type: "client" }));
  return { id, account };
}

function exported(ledger: Ledger): string {
  return JSON.stringify(ledger.exportState());
}

/** Runs a request that must be refused; asserts the code, the field, that the message names `mentions`, and that nothing changed. */
function refused(w: World, run: () => Result<unknown>, code: string, field: string | undefined, ...mentions: (string | RegExp)[]) {
  const before = exported(w.ledger);
  const result = run();
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.field).toBe(field);
  for (const m of mentions) expect(result.error.message).toMatch(m);
  expect(exported(w.ledger)).toBe(before);
}

describe("creating an outgoing transfer: refusals", () => {
  it("names an unknown client", () => {
    const { w, create } = setup();
    refused(w, () => create({ clientId: "00000000-0000-4000-8000-0000000000ff" }), "clientNotFound", undefined);
  });

  it("checks the amount, the currency and the reference before anything else", () => {
    const { w, create } = setup();
    for (const amountMinor of [0, -1, 1.5, Number.NaN]) refused(w, () => create({ amountMinor }), "validationError", "amount", /amount must be greater than 0/);
    refused(w, () => create({ currency: "xyz" as Currency }), "validationError", "currency", /ten currencies/);
    refused(w, () => create({ reference: "r".repeat(141) }), "validationError", "reference", /at most 140 characters/);
    refused(w, () => create({ reference: 7 as unknown as string }), "validationError", "reference", /at most 140/);
    // Bad amount before an unknown account: the shape is checked first.
    refused(w, () => create({ amountMinor: 0, accountId: "00000000-0000-4000-8000-0000000000ff" }), "validationError", "amount");
    const t = must(create({ reference: "r".repeat(140), amountMinor: 1 }));
    expect([t.reference, t.amountMinor]).toEqual(["r".repeat(140), 1]);
  });

  it("finds only an account of the client itself", () => {
    const { w, create } = setup();
    const other = otherClient(w);
    const unknown = "00000000-0000-4000-8000-0000000000ff";
    refused(w, () => create({ accountId: unknown }), "accountNotFound", "accountId", unknown, w.clientId);
    refused(w, () => create({ accountId: other.account.id }), "accountNotFound", "accountId", other.account.id);
    refused(w, () => create({ accountId: w.treasury.eur! }), "accountNotFound", "accountId", w.treasury.eur!);
  });

  it("finds only a recipient of the client or a system recipient, on field recipientId", () => {
    const { w, create } = setup();
    const other = otherClient(w);
    const theirs = must(w.ledger.addRecipient(other.id, { ...payee, name: "Theirs" }, true)).id;
    refused(w, () => create({ recipientId: theirs }), "recipientNotFound", "recipientId", theirs);
    const unknown = "00000000-0000-4000-8000-0000000000ee";
    refused(w, () => create({ recipientId: unknown }), "recipientNotFound", "recipientId", unknown);
    const system = must(w.ledger.addSystemRecipient({ ...payee, name: "Utility", accountNumber: "DE02120300000000202051" })).id;
    expect(must(create({ recipientId: system })).counterpartyName).toBe("Utility");
  });

  it("refuses a client that is not active, and an account that is not active", () => {
    const { w, create, from } = setup();
    must(w.ledger.blockClient(w.clientId, "test"));
    refused(w, () => create(), "clientNotActive", undefined, w.clientId, /blocked/);
    must(w.ledger.unblockClient(w.clientId));
    const closed = w.account("eur");
    must(w.ledger.closeAccount(closed.id));
    refused(w, () => create({ accountId: closed.id }), "accountNotActive", undefined, closed.id, /closed/);
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
  });

  it("refuses a currency the account or the recipient does not hold", () => {
    const { w, create, recipient, from } = setup();
    const usd = w.account("usd", 10_000);
    refused(w, () => create({ accountId: usd.id }), "currencyMismatch", "currency", usd.id, /holds usd/, /transfer is in eur/);
    const usdPayee = recipient("US12345678901", "usd", "US");
    refused(w, () => create({ recipientId: usdPayee }), "currencyMismatch", "currency", usdPayee, /paid in usd/, /transfer is in eur/);
    // A recipient in eur naming a usd account at this bank.
    const theirUsd = must(w.ledger.createAccount({ clientId: otherClient(w).id, currency: "usd", type: "client" }));
    const mismatched = recipient(theirUsd.accountNumber);
    refused(w, () => create({ recipientId: mismatched }), "currencyMismatch", "currency", theirUsd.accountNumber, /holds usd/);
    const self = recipient(from.accountNumber);
    refused(w, () => create({ recipientId: self }), "validationError", "recipientId", /the account the transfer debits/);
  });

  it("refuses paying a payment request twice, unless the earlier transfer was undone", () => {
    const { w, create } = setup();
    const request = "AAAAAAAA-0000-4000-8000-000000000001";
    const first = must(create({ paymentRequestId: request }, "integration"));
    expect(first.paymentRequestId).toBe(request.toLowerCase());
    refused(w, () => create({ paymentRequestId: request.toLowerCase() }, "integration"), "duplicatePaymentRequest", "paymentRequestId", request.toLowerCase(), first.id);
    must(create({ paymentRequestId: "aaaaaaaa-0000-4000-8000-000000000002" }, "integration"));
    must(w.ledger.simulateTransferOutcome(first.id, "failed"));
    const again = must(create({ paymentRequestId: request }, "integration"));
    expect(again.status).toBe("confirmed");
  });

  it("refuses without an active treasury for money leaving the bank", () => {
    const { w, recipient } = setup();
    const chf = w.account("chf");
    const swiss = recipient("CH9300762011623852957", "chf", "CH");
    refused(w, () => w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: chf.id, recipientId: swiss, amountMinor: 100, currency: "chf" }, "frontOffice"), "accountNotFound", "treasury", /treasury/, /chf/);
  });

  it("refuses an integrated system's transfer the account cannot hold, but drafts a FrontOffice one", () => {
    const { w, create, from } = setup(1_000);
    refused(w, () => create({ amountMinor: 1_001 }, "integration"), "insufficientFunds", undefined);
    expect(must(create({ amountMinor: 1_000 }, "integration")).status).toBe("confirmed");
    expect(balancesOf(w.ledger, from.id)).toEqual([1_000, 1_000, 0, 0]);
    const drafted = must(create({ amountMinor: 5_000 }));
    refused(w, () => w.ledger.confirmTransfer(w.clientId, drafted.id, "000000"), "insufficientFunds", undefined);
    expect(must(w.ledger.findTransfer(drafted.id, {})).status).toBe("pendingConfirmation");
  });
});

describe("the monthly outgoing limit", () => {
  /** A standard-plan client (100,000.00 a month) with 101,000.00 on an eur account. */
  function rich() {
    const s = setup(10_100_000);
    return s;
  }

  it("allows exactly the limit and refuses one cent more, counting this month's outgoing transfers", () => {
    const { w, create } = rich();
    must(create({ amountMinor: 6_000_000 }));
    must(create({ amountMinor: 3_999_999 }));
    refused(w, () => create({ amountMinor: 2 }), "outgoingLimitExceeded", "amount", w.clientId, /99999\.99 eur/, /0\.02/, /100000 monthly outgoing limit of plan standard/);
    expect(must(create({ amountMinor: 1 })).amountMinor).toBe(1);
    refused(w, () => create({ amountMinor: 1 }), "outgoingLimitExceeded", "amount");
  });

  it("does not count undone transfers, other currencies, other clients or last month", () => {
    const { w, create, recipient } = rich();
    w.clock.set(Date.UTC(2026, 0, 31, 23, 59, 59, 999));
    must(create({ amountMinor: 9_000_000 }));
    w.clock.set(Date.UTC(2026, 1, 1, 0, 0, 0, 0));
    const canceled = must(create({ amountMinor: 4_000_000 }));
    must(w.ledger.cancelTransfer(w.clientId, canceled.id));
    const rejected = must(create({ amountMinor: 3_000_000 }, "integration"));
    must(w.ledger.simulateTransferOutcome(rejected.id, "rejected"));
    const usd = w.account("usd", 100_000);
    const usdPayee = recipient("US12345678901", "usd", "US");
    must(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: usd.id, recipientId: usdPayee, amountMinor: 50_000, currency: "usd" }, "frontOffice"));
    const other = otherClient(w);
    must(w.ledger.fundFromTreasury(other.account.id, 100_000, "adjustingPayment"));
    const theirPayee = must(w.ledger.addRecipient(other.id, payee, true)).id;
    must(w.ledger.createOutgoingTransfer({ clientId: other.id, accountId: other.account.id, recipientId: theirPayee, amountMinor: 100_000, currency: "eur" }, "frontOffice"));
    expect(must(create({ amountMinor: 10_000_000 })).amountMinor).toBe(10_000_000);
    refused(w, () => create({ amountMinor: 1 }), "outgoingLimitExceeded", "amount");
  });

  it("counts the month from its first instant (UTC)", () => {
    const { w, create } = rich();
    w.clock.set(Date.UTC(2026, 1, 1, 0, 0, 0, 0));
    must(create({ amountMinor: 10_000_000 }));
    w.clock.set(Date.UTC(2026, 1, 28, 23, 59, 59, 999));
    refused(w, () => create({ amountMinor: 1 }), "outgoingLimitExceeded", "amount");
  });

  it("does not apply to transfers between the client's own accounts, nor to an unlimited plan", () => {
    const { w, create, recipient } = rich();
    const own = w.account("eur");
    const ownPayee = recipient(own.accountNumber);
    const internal = must(create({ recipientId: ownPayee, amountMinor: 10_000_001 }));
    expect([internal.direction, internal.type]).toEqual(["internal", "internal"]);
    must(create({ amountMinor: 10_000_000 }));
    const business = must(w.ledger.addClient({ type: "individual", email: "b@example.com", phone: null, firstName: "B", lastName: "Usiness", companyName: null, country: "GB", plan: "business" })).id;
    const acc = must(w.ledger.createAccount({ clientId: business, currency: "eur", type: "client" }));
    const theirs = must(w.ledger.addRecipient(business, payee, true)).id;
    const big = must(w.ledger.createOutgoingTransfer({ clientId: business, accountId: acc.id, recipientId: theirs, amountMinor: 20_000_000, currency: "eur" }, "frontOffice"));
    expect(big.status).toBe("pendingConfirmation");
  });

  it("uses the client's plan: basic allows 2,500.00", () => {
    const w = makeWorld();
    const basic = must(w.ledger.addClient({ type: "individual", email: "c@example.com", phone: null, firstName: "C", lastName: "D", companyName: null, country: "GB", plan: "basic" })).id;
    const acc = must(w.ledger.createAccount({ clientId: basic, currency: "eur", type: "client" }));
    const r = must(w.ledger.addRecipient(basic, payee, true)).id;
    const send = (amountMinor: number) => w.ledger.createOutgoingTransfer({ clientId: basic, accountId: acc.id, recipientId: r, amountMinor, currency: "eur" }, "frontOffice");
    refused(w, () => send(250_001), "outgoingLimitExceeded", "amount", /plan basic/);
    must(send(250_000));
  });
});
