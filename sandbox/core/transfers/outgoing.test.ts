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
  expect(exported(w.ledger) === before, "the refused request changed the ledger").toBe(true);
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

describe("creating an outgoing transfer: the record and the holds", () => {
  it("drafts a FrontOffice transfer awaiting its code, holding nothing", () => {
    const { w, create, from, recipientId } = setup();
    w.clock.advance(42);
    const t = must(create({ reference: "Invoice 7" }));
    expect(t).toMatchObject({
      direction: "outgoing", type: "sepa", status: "pendingConfirmation", statusReason: null, clientId: w.clientId, accountId: from.id, recipientId,
      counterpartyName: payee.name, counterpartyAccountNumber: payee.accountNumber, amountMinor: 2_500, currency: "eur", feeMinor: null,
      reference: "Invoice 7", paymentRequestId: null, creditAccountId: null, createdAt: T0 + 42, completedAt: null,
      codeExpiresAt: T0 + 42 + FIVE_MINUTES, nextStep: null, dueAt: null, targetAccountId: null, rateMicros: null,
    });
    expect(t.paymentIds).toHaveLength(1);
    const p = w.ledger.getPayment(t.paymentIds[0]!)!;
    expect([p.parentType, p.parentId, p.transactions.map((x) => [x.state, x.amountMinor])]).toEqual(["transfer", t.id, [["draft", 2_500]]]);
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
    expect(must(create()).reference).toBe("");
  });

  it("confirms an integrated system's transfer at once, holding the amount, its payment owned by the payment request", () => {
    const { w, create, from } = setup();
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 700, completionDelayMs: 0 }));
    const t = must(create({ paymentRequestId: "BBBBBBBB-0000-4000-8000-000000000001" }, "integration"));
    expect(t).toMatchObject({ status: "confirmed", codeExpiresAt: null, paymentRequestId: "bbbbbbbb-0000-4000-8000-000000000001", nextStep: "process", dueAt: T0 + 700 });
    const p = w.ledger.getPayment(t.paymentIds[0]!)!;
    expect([p.parentType, p.parentId, p.transactions[0]!.state]).toEqual(["paymentRequest", "bbbbbbbb-0000-4000-8000-000000000001", "pending"]);
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 2_500, 0, 97_500]);
    // In manual mode nothing is scheduled.
    must(w.ledger.setTransferProcessing({ mode: "manual", processingDelayMs: 0, completionDelayMs: 0 }));
    expect(must(create({}, "integration"))).toMatchObject({ nextStep: null, dueAt: null });
  });

  it("charges a swift transfer 15.00 to the fee account, or to the treasury when there is none", () => {
    const { w, create, from, recipient } = setup();
    const us = recipient("US12345678901", "eur", "US");
    const noFee = must(create({ recipientId: us, amountMinor: 1_000 }, "integration"));
    expect([noFee.type, noFee.feeMinor]).toEqual(["swift", 1_500]);
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 2_500, 0, 97_500]);
    const legs = (id: string) => w.ledger.getPayment(id)!.transactions.map((x) => [x.creditorAccountId, x.amountMinor]);
    expect(legs(noFee.paymentIds[0]!)).toEqual([[w.treasury.eur, 1_000], [w.treasury.eur, 1_500]]);
    const fee = w.account("eur", 0, "fee");
    const charged = must(create({ recipientId: us, amountMinor: 1_000 }, "integration"));
    expect(legs(charged.paymentIds[0]!)).toEqual([[w.treasury.eur, 1_000], [fee.id, 1_500]]);
    must(w.ledger.executeTransfer(charged.id));
    expect(balancesOf(w.ledger, fee.id)[0]).toBe(1_500);
    expect(balancesOf(w.ledger, from.id)).toEqual([97_500, 2_500, 0, 95_000]);
  });

  it("pays another client's account at this bank directly, as an outgoing internal transfer mirrored on completion", () => {
    const { w, create, from, recipient } = setup();
    const other = otherClient(w);
    const theirs = recipient(other.account.accountNumber, "eur", "GB", "Grace Hopper");
    const t = must(create({ recipientId: theirs, amountMinor: 1_234, reference: "Lunch" }, "integration"));
    expect(t).toMatchObject({ direction: "outgoing", type: "internal", feeMinor: null, creditAccountId: other.account.id });
    expect(balancesOf(w.ledger, other.account.id)).toEqual([0, 0, 1_234, 0]);
    w.clock.advance(5);
    must(w.ledger.executeTransfer(t.id));
    expect(balancesOf(w.ledger, other.account.id)).toEqual([1_234, 0, 0, 1_234]);
    expect(balancesOf(w.ledger, from.id)).toEqual([98_766, 0, 0, 98_766]);
    const received = must(w.ledger.listTransfers({ clientId: other.id }, { page: 1, pageSize: 10 })).items;
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      direction: "incoming", type: "internal", status: "completed", clientId: other.id, accountId: other.account.id, counterpartyName: "Ada Lovelace",
      counterpartyAccountNumber: from.accountNumber, amountMinor: 1_234, currency: "eur", reference: "Lunch", paymentIds: t.paymentIds, completedAt: T0 + 5, createdAt: T0 + 5,
    });
  });

  it("moves money between the client's own accounts as an internal transfer, with no incoming side", () => {
    const { w, create, from, recipient } = setup();
    const own = w.account("eur");
    const t = must(create({ recipientId: recipient(own.accountNumber), amountMinor: 300 }, "integration"));
    expect(t).toMatchObject({ direction: "internal", type: "internal", creditAccountId: own.id });
    must(w.ledger.executeTransfer(t.id));
    expect(balancesOf(w.ledger, own.id)).toEqual([300, 0, 0, 300]);
    expect(balancesOf(w.ledger, from.id)).toEqual([99_700, 0, 0, 99_700]);
    expect(must(w.ledger.listTransfers({}, { page: 1, pageSize: 10 })).items.map((x) => x.direction)).toEqual(["internal"]);
  });
});

describe("confirmation codes", () => {
  it("sends a new code valid five minutes, to the masked phone", () => {
    const { w, create } = setup();
    const other = otherClient(w, "+447700900123");
    const acc = must(w.ledger.createAccount({ clientId: other.id, currency: "eur", type: "client" }));
    const r = must(w.ledger.addRecipient(other.id, payee, true)).id;
    const t = must(w.ledger.createOutgoingTransfer({ clientId: other.id, accountId: acc.id, recipientId: r, amountMinor: 1, currency: "eur" }, "frontOffice"));
    w.clock.advance(60_000);
    expect(must(w.ledger.sendConfirmationCode(other.id, t.id))).toEqual({ transferId: t.id, sentTo: "+44770*****23", expiresAt: T0 + 60_000 + FIVE_MINUTES });
    expect(must(w.ledger.findTransfer(t.id, {})).codeExpiresAt).toBe(T0 + 60_000 + FIVE_MINUTES);
    // Ada has no phone.
    expect(must(w.ledger.sendConfirmationCode(w.clientId, must(create()).id)).sentTo).toBe("no phone on file");
  });

  it("masks a phone of at most 8 characters entirely", () => {
    const w = makeWorld();
    const sentTo = (phone: string) => {
      const c = must(w.ledger.addClient({ type: "individual", email: `${phone}@example.com`, phone, firstName: "P", lastName: "Q", companyName: null, country: "GB" })).id;
      const acc = must(w.ledger.createAccount({ clientId: c, currency: "eur", type: "client" }));
      const r = must(w.ledger.addRecipient(c, payee, true)).id;
      const t = must(w.ledger.createOutgoingTransfer({ clientId: c, accountId: acc.id, recipientId: r, amountMinor: 1, currency: "eur" }, "frontOffice"));
      return must(w.ledger.sendConfirmationCode(c, t.id)).sentTo;
    };
    expect(sentTo("+4412345")).toBe("********");
    expect(sentTo("+44123456")).toBe("+44123*56");
  });

  it("sends no code for a transfer not awaiting confirmation, or not the client's", () => {
    const { w, create } = setup();
    const t = must(create({}, "integration"));
    refused(w, () => w.ledger.sendConfirmationCode(w.clientId, t.id), "invalidStateTransition", undefined, t.id, /is confirmed/);
    const other = otherClient(w);
    const waiting = must(create());
    refused(w, () => w.ledger.sendConfirmationCode(other.id, waiting.id), "transferNotFound", undefined, waiting.id);
  });

  it("accepts the code until the instant it expires, and a new code after that", () => {
    const { w, create, from } = setup();
    const t = must(create());
    w.clock.advance(FIVE_MINUTES + 1);
    refused(w, () => w.ledger.confirmTransfer(w.clientId, t.id, "000000"), "confirmationCodeExpired", "code", t.id);
    refused(w, () => w.ledger.confirmTransfer(w.clientId, t.id, "123456"), "confirmationCodeExpired", "code");
    must(w.ledger.sendConfirmationCode(w.clientId, t.id));
    w.clock.advance(FIVE_MINUTES);
    refused(w, () => w.ledger.confirmTransfer(w.clientId, t.id, "123456"), "invalidConfirmationCode", "code", /not valid/);
    const confirmed = must(w.ledger.confirmTransfer(w.clientId, t.id, "000000"));
    expect(confirmed).toMatchObject({ status: "confirmed", codeExpiresAt: null, nextStep: null, dueAt: null });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 2_500, 0, 97_500]);
    expect(w.ledger.getPayment(t.paymentIds[0]!)!.transactions[0]!.state).toBe("pending");
    refused(w, () => w.ledger.confirmTransfer(w.clientId, t.id, "000000"), "invalidStateTransition", undefined, t.id, /is confirmed/);
  });

  it("schedules processing on confirmation in auto mode", () => {
    const { w, create } = setup();
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 250, completionDelayMs: 1_000 }));
    const t = must(create());
    expect(t).toMatchObject({ nextStep: null, dueAt: null });
    w.clock.advance(10);
    expect(must(w.ledger.confirmTransfer(w.clientId, t.id, "000000"))).toMatchObject({ nextStep: "process", dueAt: T0 + 260 });
    refused(w, () => w.ledger.confirmTransfer(w.clientId, "00000000-0000-4000-8000-0000000000ff", "000000"), "transferNotFound", undefined, "00000000-0000-4000-8000-0000000000ff");
  });
});

describe("cancel, continue, execute and simulated outcomes", () => {
  it("cancels a transfer awaiting confirmation or confirmed, releasing the hold, and nothing later", () => {
    const { w, create, from } = setup();
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 1_000, completionDelayMs: 1_000 }));
    const waiting = must(create());
    expect(must(w.ledger.cancelTransfer(w.clientId, waiting.id))).toMatchObject({ status: "canceled", statusReason: "canceledByClient", codeExpiresAt: null });
    expect(w.ledger.getPayment(waiting.paymentIds[0]!)!.transactions[0]!.state).toBe("canceled");
    const held = must(create({}, "integration"));
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 2_500, 0, 97_500]);
    expect(must(w.ledger.cancelTransfer(w.clientId, held.id))).toMatchObject({ status: "canceled", statusReason: "canceledByClient", nextStep: null, dueAt: null });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
    w.clock.advance(5_000);
    expect(w.ledger.settleDue()).toBe(0);
    refused(w, () => w.ledger.cancelTransfer(w.clientId, held.id), "invalidStateTransition", undefined, held.id, /is canceled/);
    const processing = must(create({}, "integration"));
    must(w.ledger.simulateTransferOutcome(processing.id, "processing"));
    refused(w, () => w.ledger.cancelTransfer(w.clientId, processing.id), "invalidStateTransition", undefined, /is processing/);
    const other = otherClient(w).id;
    refused(w, () => w.ledger.cancelTransfer(other, processing.id), "transferNotFound", undefined, processing.id);
  });

  it("submits only a confirmed transfer, scheduling its completion in auto mode", () => {
    const { w, create } = setup();
    const waiting = must(create());
    refused(w, () => w.ledger.continueTransfer(waiting.id), "invalidStateTransition", undefined, waiting.id, /is pendingConfirmation/);
    const manual = must(create({}, "integration"));
    expect(must(w.ledger.continueTransfer(manual.id))).toMatchObject({ status: "processing", nextStep: null, dueAt: null });
    refused(w, () => w.ledger.continueTransfer(manual.id), "invalidStateTransition", undefined, /is processing/);
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 100_000, completionDelayMs: 3_000 }));
    const auto = must(create({}, "integration"));
    w.clock.advance(20);
    expect(must(w.ledger.continueTransfer(auto.id))).toMatchObject({ status: "processing", nextStep: "complete", dueAt: T0 + 3_020 });
    w.clock.advance(3_000);
    expect(w.ledger.settleDue()).toBe(1);
    expect(must(w.ledger.findTransfer(auto.id, {}))).toMatchObject({ status: "completed", completedAt: T0 + 3_020 });
  });

  it("rejects a transfer to the network's rejected account when submitted or executed while confirmed, releasing the hold", () => {
    const { w, create, from, recipient } = setup();
    const bad = recipient("DE00REJECT000000000000");
    const a = must(create({ recipientId: bad }, "integration"));
    expect(must(w.ledger.continueTransfer(a.id))).toMatchObject({ status: "rejected", statusReason: "rejectedByNetwork" });
    expect(w.ledger.getPayment(a.paymentIds[0]!)!.transactions[0]!.state).toBe("canceled");
    const b = must(create({ recipientId: bad }, "integration"));
    expect(must(w.ledger.executeTransfer(b.id))).toMatchObject({ status: "rejected", statusReason: "rejectedByNetwork" });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
    // Once processing, execution completes it; so does the control API from confirmed.
    const c = must(create({ recipientId: bad }, "integration"));
    must(w.ledger.simulateTransferOutcome(c.id, "processing"));
    expect(must(w.ledger.executeTransfer(c.id)).status).toBe("completed");
    const d = must(create({ recipientId: bad }, "integration"));
    expect(must(w.ledger.simulateTransferOutcome(d.id, "completed")).status).toBe("completed");
    expect(balancesOf(w.ledger, from.id)).toEqual([95_000, 0, 0, 95_000]);
  });

  it("never rejects an internal transfer, even to an account at this bank numbered as the rejected one", () => {
    const { w, create, recipient } = setup();
    const own = must(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "client", accountNumber: "DE00REJECT000000000000" }));
    const toOwn = recipient(own.accountNumber);
    const t = must(create({ recipientId: toOwn }, "integration"));
    expect(t.type).toBe("internal");
    expect(must(w.ledger.continueTransfer(t.id)).status).toBe("processing");
    const u = must(create({ recipientId: toOwn }, "integration"));
    expect(must(w.ledger.executeTransfer(u.id)).status).toBe("completed");
  });

  it("executes a confirmed or processing transfer, posting it at the clock's time", () => {
    const { w, create, from } = setup();
    const waiting = must(create());
    refused(w, () => w.ledger.executeTransfer(waiting.id), "invalidStateTransition", undefined, waiting.id, /is pendingConfirmation/);
    const t = must(create({ amountMinor: 1_000 }, "integration"));
    w.clock.advance(77);
    expect(must(w.ledger.executeTransfer(t.id))).toMatchObject({ status: "completed", statusReason: null, completedAt: T0 + 77, nextStep: null, dueAt: null });
    expect(w.ledger.getPayment(t.paymentIds[0]!)!.transactions[0]!.state).toBe("posted");
    expect(balancesOf(w.ledger, from.id)).toEqual([99_000, 0, 0, 99_000]);
    refused(w, () => w.ledger.executeTransfer(t.id), "invalidStateTransition", undefined, /is completed/);
    refused(w, () => w.ledger.executeTransfer("00000000-0000-4000-8000-0000000000ff"), "transferNotFound", undefined);
  });

  it("leaves a transfer as it was when the ledger refuses its posting by hand", () => {
    const { w, create, from } = setup();
    const t = must(create({ amountMinor: 1_000 }, "integration"));
    must(w.ledger.blockClient(w.clientId, "fraud"));
    refused(w, () => w.ledger.executeTransfer(t.id), "accountNotActive", undefined);
    expect(must(w.ledger.findTransfer(t.id, {})).status).toBe("confirmed");
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 1_000, 0, 99_000]);
  });

  it("simulates the network's outcomes from the states they may follow, with a default or given reason", () => {
    const { w, create, from } = setup();
    const waiting = must(create());
    refused(w, () => w.ledger.simulateTransferOutcome(waiting.id, "completed"), "invalidStateTransition", undefined, waiting.id, /cannot become completed/, /only from confirmed or processing/);
    refused(w, () => w.ledger.simulateTransferOutcome(waiting.id, "processing"), "invalidStateTransition", undefined, /only from confirmed\)/);
    const p = must(create({}, "integration"));
    expect(must(w.ledger.simulateTransferOutcome(p.id, "processing"))).toMatchObject({ status: "processing" });
    refused(w, () => w.ledger.simulateTransferOutcome(p.id, "processing"), "invalidStateTransition", undefined, /is processing/);
    for (const reason of ["", "x".repeat(141), 5 as unknown as string]) refused(w, () => w.ledger.simulateTransferOutcome(p.id, "failed", reason), "validationError", "reason", /1-140 characters/);
    expect(must(w.ledger.simulateTransferOutcome(p.id, "failed"))).toMatchObject({ status: "failed", statusReason: "failedByNetwork" });
    const r = must(create({}, "integration"));
    expect(must(w.ledger.simulateTransferOutcome(r.id, "rejected"))).toMatchObject({ status: "rejected", statusReason: "rejectedByNetwork" });
    const f = must(create({}, "integration"));
    expect(must(w.ledger.simulateTransferOutcome(f.id, "failed", "x".repeat(140)))).toMatchObject({ status: "failed", statusReason: "x".repeat(140) });
    const g = must(create({}, "integration"));
    expect(must(w.ledger.simulateTransferOutcome(g.id, "rejected", "Closed"))).toMatchObject({ status: "rejected", statusReason: "Closed" });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
    const c = must(create({}, "integration"));
    w.clock.advance(9);
    expect(must(w.ledger.simulateTransferOutcome(c.id, "completed"))).toMatchObject({ status: "completed", completedAt: T0 + 9 });
    expect(balancesOf(w.ledger, from.id)).toEqual([97_500, 0, 0, 97_500]);
  });
});

describe("finding transfers", () => {
  it("finds a transfer within its scope only", () => {
    const { w, create } = setup();
    const t = must(create());
    expect(must(w.ledger.findTransfer(t.id.toUpperCase(), { clientId: w.clientId, directions: ["outgoing"] })).id).toBe(t.id);
    const other = otherClient(w).id;
    refused(w, () => w.ledger.findTransfer(t.id, { clientId: other }), "transferNotFound", undefined, `Transfer ${t.id} was not found`);
    refused(w, () => w.ledger.findTransfer(t.id, { directions: ["fx", "incoming"] }), "transferNotFound", undefined, t.id);
    const fx = fxWorld(w);
    const exchange = must(w.ledger.createFxTransfer(fx.input()));
    refused(w, () => w.ledger.continueTransfer(exchange.id), "transferNotFound", undefined, exchange.id);
    refused(w, () => w.ledger.cancelTransfer(w.clientId, exchange.id), "transferNotFound", undefined);
    refused(w, () => w.ledger.executeTransfer(exchange.id), "transferNotFound", undefined);
    refused(w, () => w.ledger.simulateTransferOutcome(exchange.id, "completed"), "transferNotFound", undefined);
    expect(must(w.ledger.findTransfer(exchange.id, {})).direction).toBe("fx");
  });
});

/** eur and usd accounts of the world's client, fx accounts for both, and rates eur 1, usd 1.5. */
function fxWorld(w: World) {
  const eur = w.account("eur", 100_000);
  const usd = w.account("usd");
  const fxEur = w.account("eur", 0, "fx");
  const fxUsd = w.account("usd", 1_000_000, "fx");
  must(w.ledger.setFxRates([{ currency: "usd", perBaseMicros: 1_500_000 }]));
  const input = (over: Partial<Parameters<Ledger["createFxTransfer"]>[0]> = {}) => ({ clientId: w.clientId, accountId: eur.id, targetAccountId: usd.id, amountMinor: 1_000, currency: "eur" as Currency, targetCurrency: "usd" as Currency, ...over });
  return { eur, usd, fxEur, fxUsd, input };
}
