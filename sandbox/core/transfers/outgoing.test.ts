import { describe, expect, it } from "vitest";
import type { Ledger } from "../ledger.js";
import { balancesOf, exported, makeWorld, must, refused, T0 } from "../test-helpers.js";
import type { World } from "../test-helpers.js";
import type { Currency } from "../types.js";
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

describe("creating an outgoing transfer: refusals", () => {
  it("names an unknown client", () => {
    const { w, create } = setup();
    refused(w.ledger, () => create({ clientId: "00000000-0000-4000-8000-0000000000ff" }), "clientNotFound", undefined);
  });

  it("checks the amount, the currency and the reference before anything else", () => {
    const { w, create } = setup();
    for (const amountMinor of [0, -1, 1.5, Number.NaN]) refused(w.ledger, () => create({ amountMinor }), "validationError", "amount", /amount must be greater than 0/);
    refused(w.ledger, () => create({ currency: "xyz" as Currency }), "validationError", "currency", /ten currencies/);
    refused(w.ledger, () => create({ reference: "r".repeat(141) }), "validationError", "reference", /at most 140 characters/);
    refused(w.ledger, () => create({ reference: 7 as unknown as string }), "validationError", "reference", /at most 140/);
    // Bad amount before an unknown account: the shape is checked first.
    refused(w.ledger, () => create({ amountMinor: 0, accountId: "00000000-0000-4000-8000-0000000000ff" }), "validationError", "amount");
    const t = must(create({ reference: "r".repeat(140), amountMinor: 1 }));
    expect([t.reference, t.amountMinor]).toEqual(["r".repeat(140), 1]);
  });

  it("finds only an account of the client itself", () => {
    const { w, create } = setup();
    const other = otherClient(w);
    const unknown = "00000000-0000-4000-8000-0000000000ff";
    refused(w.ledger, () => create({ accountId: unknown }), "accountNotFound", "accountId", unknown, w.clientId);
    refused(w.ledger, () => create({ accountId: other.account.id }), "accountNotFound", "accountId", other.account.id);
    refused(w.ledger, () => create({ accountId: w.treasury.eur! }), "accountNotFound", "accountId", w.treasury.eur!);
  });

  it("finds only a recipient of the client or a system recipient, on field recipientId", () => {
    const { w, create } = setup();
    const other = otherClient(w);
    const theirs = must(w.ledger.addRecipient(other.id, { ...payee, name: "Theirs" }, true)).id;
    refused(w.ledger, () => create({ recipientId: theirs }), "recipientNotFound", "recipientId", theirs);
    const unknown = "00000000-0000-4000-8000-0000000000ee";
    refused(w.ledger, () => create({ recipientId: unknown }), "recipientNotFound", "recipientId", unknown);
    const system = must(w.ledger.addSystemRecipient({ ...payee, name: "Utility", accountNumber: "DE02120300000000202051" })).id;
    expect(must(create({ recipientId: system })).counterpartyName).toBe("Utility");
  });

  it("refuses a client that is not active, and an account that is not active", () => {
    const { w, create, from } = setup();
    must(w.ledger.blockClient(w.clientId, "test"));
    refused(w.ledger, () => create(), "clientNotActive", undefined, w.clientId, /blocked/);
    must(w.ledger.unblockClient(w.clientId));
    const closed = w.account("eur");
    must(w.ledger.closeAccount(closed.id));
    refused(w.ledger, () => create({ accountId: closed.id }), "accountNotActive", undefined, closed.id, /closed/);
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
  });

  it("refuses a currency the account or the recipient does not hold", () => {
    const { w, create, recipient, from } = setup();
    const usd = w.account("usd", 10_000);
    refused(w.ledger, () => create({ accountId: usd.id }), "currencyMismatch", "currency", usd.id, /holds usd/, /transfer is in eur/);
    const usdPayee = recipient("US12345678901", "usd", "US");
    refused(w.ledger, () => create({ recipientId: usdPayee }), "currencyMismatch", "currency", usdPayee, /paid in usd/, /transfer is in eur/);
    // A recipient in eur naming a usd account at this bank.
    const theirUsd = must(w.ledger.createAccount({ clientId: otherClient(w).id, currency: "usd", type: "client" }));
    const mismatched = recipient(theirUsd.accountNumber);
    refused(w.ledger, () => create({ recipientId: mismatched }), "currencyMismatch", "currency", theirUsd.accountNumber, /holds usd/);
    const self = recipient(from.accountNumber);
    refused(w.ledger, () => create({ recipientId: self }), "validationError", "recipientId", /the account the transfer debits/);
  });

  it("refuses paying a payment request twice, unless the earlier transfer was undone", () => {
    const { w, create } = setup();
    const request = "AAAAAAAA-0000-4000-8000-000000000001";
    const first = must(create({ paymentRequestId: request }, "integration"));
    expect(first.paymentRequestId).toBe(request.toLowerCase());
    refused(w.ledger, () => create({ paymentRequestId: request.toLowerCase() }, "integration"), "duplicatePaymentRequest", "paymentRequestId", request.toLowerCase(), first.id);
    must(create({ paymentRequestId: "aaaaaaaa-0000-4000-8000-000000000002" }, "integration"));
    must(w.ledger.simulateTransferOutcome(first.id, "failed"));
    const again = must(create({ paymentRequestId: request }, "integration"));
    expect(again.status).toBe("confirmed");
  });

  it("refuses without an active treasury for money leaving the bank", () => {
    const { w, recipient } = setup();
    const chf = w.account("chf");
    const swiss = recipient("CH9300762011623852957", "chf", "CH");
    refused(w.ledger, () => w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: chf.id, recipientId: swiss, amountMinor: 100, currency: "chf" }, "frontOffice"), "accountNotFound", "treasury", /treasury/, /chf/);
  });

  it("refuses an integrated system's transfer the account cannot hold, but drafts a FrontOffice one", () => {
    const { w, create, from } = setup(1_000);
    refused(w.ledger, () => create({ amountMinor: 1_001 }, "integration"), "insufficientFunds", undefined);
    expect(must(create({ amountMinor: 1_000 }, "integration")).status).toBe("confirmed");
    expect(balancesOf(w.ledger, from.id)).toEqual([1_000, 1_000, 0, 0]);
    const drafted = must(create({ amountMinor: 5_000 }));
    refused(w.ledger, () => w.ledger.confirmTransfer(w.clientId, drafted.id, "000000"), "insufficientFunds", undefined);
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
    refused(w.ledger, () => create({ amountMinor: 2 }), "outgoingLimitExceeded", "amount", w.clientId, /99999\.99 eur/, /0\.02/, /100000 monthly outgoing limit of plan standard/);
    expect(must(create({ amountMinor: 1 })).amountMinor).toBe(1);
    refused(w.ledger, () => create({ amountMinor: 1 }), "outgoingLimitExceeded", "amount");
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
    refused(w.ledger, () => create({ amountMinor: 1 }), "outgoingLimitExceeded", "amount");
  });

  it("counts the month from its first instant (UTC)", () => {
    const { w, create } = rich();
    w.clock.set(Date.UTC(2026, 1, 1, 0, 0, 0, 0));
    must(create({ amountMinor: 10_000_000 }));
    w.clock.set(Date.UTC(2026, 1, 28, 23, 59, 59, 999));
    refused(w.ledger, () => create({ amountMinor: 1 }), "outgoingLimitExceeded", "amount");
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
    refused(w.ledger, () => send(250_001), "outgoingLimitExceeded", "amount", /plan basic/);
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
    refused(w.ledger, () => w.ledger.sendConfirmationCode(w.clientId, t.id), "invalidStateTransition", undefined, t.id, /is confirmed/);
    const other = otherClient(w);
    const waiting = must(create());
    refused(w.ledger, () => w.ledger.sendConfirmationCode(other.id, waiting.id), "transferNotFound", undefined, waiting.id);
  });

  it("accepts the code until the instant it expires, and a new code after that", () => {
    const { w, create, from } = setup();
    const t = must(create());
    w.clock.advance(FIVE_MINUTES + 1);
    refused(w.ledger, () => w.ledger.confirmTransfer(w.clientId, t.id, "000000"), "confirmationCodeExpired", "code", t.id);
    refused(w.ledger, () => w.ledger.confirmTransfer(w.clientId, t.id, "123456"), "confirmationCodeExpired", "code");
    must(w.ledger.sendConfirmationCode(w.clientId, t.id));
    w.clock.advance(FIVE_MINUTES);
    refused(w.ledger, () => w.ledger.confirmTransfer(w.clientId, t.id, "123456"), "invalidConfirmationCode", "code", /not valid/);
    const confirmed = must(w.ledger.confirmTransfer(w.clientId, t.id, "000000"));
    expect(confirmed).toMatchObject({ status: "confirmed", codeExpiresAt: null, nextStep: null, dueAt: null });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 2_500, 0, 97_500]);
    expect(w.ledger.getPayment(t.paymentIds[0]!)!.transactions[0]!.state).toBe("pending");
    refused(w.ledger, () => w.ledger.confirmTransfer(w.clientId, t.id, "000000"), "invalidStateTransition", undefined, t.id, /is confirmed/);
  });

  it("schedules processing on confirmation in auto mode", () => {
    const { w, create } = setup();
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 250, completionDelayMs: 1_000 }));
    const t = must(create());
    expect(t).toMatchObject({ nextStep: null, dueAt: null });
    w.clock.advance(10);
    expect(must(w.ledger.confirmTransfer(w.clientId, t.id, "000000"))).toMatchObject({ nextStep: "process", dueAt: T0 + 260 });
    refused(w.ledger, () => w.ledger.confirmTransfer(w.clientId, "00000000-0000-4000-8000-0000000000ff", "000000"), "transferNotFound", undefined, "00000000-0000-4000-8000-0000000000ff");
  });

  it("confirms only the client's own transfer", () => {
    const { w, create } = setup();
    const other = otherClient(w).id;
    const t = must(create());
    refused(w.ledger, () => w.ledger.confirmTransfer(other, t.id, "000000"), "transferNotFound", undefined, t.id);
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
    refused(w.ledger, () => w.ledger.cancelTransfer(w.clientId, held.id), "invalidStateTransition", undefined, held.id, /is canceled/);
    const processing = must(create({}, "integration"));
    must(w.ledger.simulateTransferOutcome(processing.id, "processing"));
    refused(w.ledger, () => w.ledger.cancelTransfer(w.clientId, processing.id), "invalidStateTransition", undefined, /is processing/);
    const other = otherClient(w).id;
    refused(w.ledger, () => w.ledger.cancelTransfer(other, processing.id), "transferNotFound", undefined, processing.id);
  });

  it("submits only a confirmed transfer, scheduling its completion in auto mode", () => {
    const { w, create } = setup();
    const waiting = must(create());
    refused(w.ledger, () => w.ledger.continueTransfer(waiting.id), "invalidStateTransition", undefined, waiting.id, /is pendingConfirmation/);
    const manual = must(create({}, "integration"));
    expect(must(w.ledger.continueTransfer(manual.id))).toMatchObject({ status: "processing", nextStep: null, dueAt: null });
    refused(w.ledger, () => w.ledger.continueTransfer(manual.id), "invalidStateTransition", undefined, /is processing/);
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
    refused(w.ledger, () => w.ledger.executeTransfer(waiting.id), "invalidStateTransition", undefined, waiting.id, /is pendingConfirmation/);
    const t = must(create({ amountMinor: 1_000 }, "integration"));
    w.clock.advance(77);
    expect(must(w.ledger.executeTransfer(t.id))).toMatchObject({ status: "completed", statusReason: null, completedAt: T0 + 77, nextStep: null, dueAt: null });
    expect(w.ledger.getPayment(t.paymentIds[0]!)!.transactions[0]!.state).toBe("posted");
    expect(balancesOf(w.ledger, from.id)).toEqual([99_000, 0, 0, 99_000]);
    refused(w.ledger, () => w.ledger.executeTransfer(t.id), "invalidStateTransition", undefined, /is completed/);
    refused(w.ledger, () => w.ledger.executeTransfer("00000000-0000-4000-8000-0000000000ff"), "transferNotFound", undefined);
  });

  it("leaves a transfer as it was when the ledger refuses its posting by hand", () => {
    const { w, create, from } = setup();
    const t = must(create({ amountMinor: 1_000 }, "integration"));
    must(w.ledger.blockClient(w.clientId, "fraud"));
    refused(w.ledger, () => w.ledger.executeTransfer(t.id), "accountNotActive", undefined);
    expect(must(w.ledger.findTransfer(t.id, {})).status).toBe("confirmed");
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 1_000, 0, 99_000]);
  });

  it("simulates the network's outcomes from the states they may follow, with a default or given reason", () => {
    const { w, create, from } = setup();
    const waiting = must(create());
    refused(w.ledger, () => w.ledger.simulateTransferOutcome(waiting.id, "completed"), "invalidStateTransition", undefined, waiting.id, /cannot become completed/, /only from confirmed or processing/);
    refused(w.ledger, () => w.ledger.simulateTransferOutcome(waiting.id, "processing"), "invalidStateTransition", undefined, /only from confirmed\)/);
    const p = must(create({}, "integration"));
    expect(must(w.ledger.simulateTransferOutcome(p.id, "processing"))).toMatchObject({ status: "processing" });
    refused(w.ledger, () => w.ledger.simulateTransferOutcome(p.id, "processing"), "invalidStateTransition", undefined, /is processing/);
    for (const reason of ["", "x".repeat(141), 5 as unknown as string]) refused(w.ledger, () => w.ledger.simulateTransferOutcome(p.id, "failed", reason), "validationError", "reason", /1-140 characters/);
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
    refused(w.ledger, () => w.ledger.findTransfer(t.id, { clientId: other }), "transferNotFound", undefined, `Transfer ${t.id} was not found`);
    refused(w.ledger, () => w.ledger.findTransfer(t.id, { directions: ["fx", "incoming"] }), "transferNotFound", undefined, t.id);
    const fx = fxWorld(w);
    const exchange = must(w.ledger.createFxTransfer(fx.input()));
    refused(w.ledger, () => w.ledger.continueTransfer(exchange.id), "transferNotFound", undefined, exchange.id);
    refused(w.ledger, () => w.ledger.cancelTransfer(w.clientId, exchange.id), "transferNotFound", undefined);
    refused(w.ledger, () => w.ledger.executeTransfer(exchange.id), "transferNotFound", undefined);
    refused(w.ledger, () => w.ledger.simulateTransferOutcome(exchange.id, "completed"), "transferNotFound", undefined);
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

describe("foreign exchange between the client's accounts", () => {
  it("completes at once at the bank's rate, rounding the credited amount half to even at the cent", () => {
    const w = makeWorld();
    const fx = fxWorld(w);
    w.clock.advance(3);
    const t = must(w.ledger.createFxTransfer(fx.input({ amountMinor: 1_001, reference: "Holiday" })));
    expect(t).toMatchObject({
      direction: "fx", type: "internal", status: "completed", clientId: w.clientId, accountId: fx.eur.id, amountMinor: 1_001, currency: "eur",
      targetAccountId: fx.usd.id, targetAmountMinor: 1_502, targetCurrency: "usd", rateMicros: 1_500_000, reference: "Holiday",
      createdAt: T0 + 3, completedAt: T0 + 3, recipientId: null, feeMinor: null, creditAccountId: null, codeExpiresAt: null,
    });
    const p = w.ledger.getPayment(t.paymentIds[0]!)!;
    expect([p.parentType, p.parentId]).toEqual(["transfer", t.id]);
    expect(p.transactions.map((x) => [x.debtorAccountId, x.creditorAccountId, x.currency, x.amountMinor, x.state])).toEqual([
      [fx.eur.id, fx.fxEur.id, "eur", 1_001, "posted"],
      [fx.fxUsd.id, fx.usd.id, "usd", 1_502, "posted"],
    ]);
    expect(balancesOf(w.ledger, fx.eur.id)).toEqual([98_999, 0, 0, 98_999]);
    expect(balancesOf(w.ledger, fx.usd.id)).toEqual([1_502, 0, 0, 1_502]);
    expect(balancesOf(w.ledger, fx.fxEur.id)[0]).toBe(1_001);
    expect(balancesOf(w.ledger, fx.fxUsd.id)[0]).toBe(1_000_000 - 1_502);
    // 3 x 1.5 = 4.5 -> 4 and 5 x 1.5 = 7.5 -> 8: half to even; the smallest amount.
    expect(must(w.ledger.createFxTransfer(fx.input({ amountMinor: 3, reference: undefined }))).targetAmountMinor).toBe(4);
    expect(must(w.ledger.createFxTransfer(fx.input({ amountMinor: 5 }))).reference).toBe("");
    expect(must(w.ledger.createFxTransfer(fx.input({ amountMinor: 1 }))).targetAmountMinor).toBe(2);
    // usd to eur: 1 / 1.5 = 0.666667.
    const back = must(w.ledger.createFxTransfer(fx.input({ accountId: fx.usd.id, targetAccountId: fx.eur.id, currency: "usd", targetCurrency: "eur", amountMinor: 1_000 })));
    expect([back.rateMicros, back.targetAmountMinor]).toEqual([666_667, 667]);
  });

  it("checks the request before the accounts", () => {
    const w = makeWorld();
    const fx = fxWorld(w);
    const fx2 = (over: Parameters<typeof fx.input>[0]) => () => w.ledger.createFxTransfer(fx.input(over));
    refused(w.ledger, fx2({ clientId: "00000000-0000-4000-8000-0000000000ff" }), "clientNotFound", undefined);
    refused(w.ledger, fx2({ amountMinor: 0 }), "validationError", "amount");
    refused(w.ledger, fx2({ currency: "xyz" as Currency }), "validationError", "currency");
    refused(w.ledger, fx2({ reference: "r".repeat(141) }), "validationError", "reference");
    refused(w.ledger, fx2({ targetCurrency: "xyz" as Currency }), "validationError", "targetCurrency", /ten currencies/);
    refused(w.ledger, fx2({ targetCurrency: "eur" }), "validationError", "targetCurrency", /must differ from currency/);
    refused(w.ledger, fx2({ targetAccountId: fx.eur.id.toUpperCase() }), "validationError", "targetAccountId", /must differ from the source account/);
    const unknown = "00000000-0000-4000-8000-0000000000ff";
    refused(w.ledger, fx2({ accountId: unknown }), "accountNotFound", "accountId", unknown);
    refused(w.ledger, fx2({ targetAccountId: unknown }), "accountNotFound", "targetAccountId", unknown);
    refused(w.ledger, fx2({ targetAccountId: fx.fxUsd.id }), "accountNotFound", "targetAccountId", fx.fxUsd.id);
  });

  it("refuses an inactive client or source account, and currencies the accounts do not hold", () => {
    const w = makeWorld();
    const fx = fxWorld(w);
    const gbp = w.account("gbp");
    refused(w.ledger, () => w.ledger.createFxTransfer(fx.input({ accountId: gbp.id })), "currencyMismatch", "currency", gbp.id, /holds gbp/);
    refused(w.ledger, () => w.ledger.createFxTransfer(fx.input({ targetCurrency: "gbp" })), "currencyMismatch", "targetCurrency", fx.usd.id, /holds usd, not gbp/);
    must(w.ledger.closeAccount(gbp.id));
    refused(w.ledger, () => w.ledger.createFxTransfer(fx.input({ accountId: gbp.id, currency: "gbp" })), "accountNotActive", undefined, gbp.id);
    refused(w.ledger, () => w.ledger.createFxTransfer(fx.input({ amountMinor: 100_001 })), "insufficientFunds", undefined);
    must(w.ledger.blockClient(w.clientId, "test"));
    refused(w.ledger, () => w.ledger.createFxTransfer(fx.input()), "clientNotActive", undefined, w.clientId);
  });

  it("needs an active fx account in each currency", () => {
    const w = makeWorld();
    const eur = w.account("eur", 10_000);
    const usd = w.account("usd");
    const gbp = w.account("gbp");
    const input = { clientId: w.clientId, accountId: eur.id, targetAccountId: usd.id, amountMinor: 100, currency: "eur" as Currency, targetCurrency: "usd" as Currency };
    refused(w.ledger, () => w.ledger.createFxTransfer(input), "accountNotFound", "fx", /fx account holds eur/);
    w.account("eur", 0, "fx");
    refused(w.ledger, () => w.ledger.createFxTransfer(input), "accountNotFound", "fx", /fx account holds usd/);
    w.account("usd", 0, "fx");
    must(w.ledger.createFxTransfer(input));
    refused(w.ledger, () => w.ledger.createFxTransfer({ ...input, targetAccountId: gbp.id, targetCurrency: "gbp" }), "accountNotFound", "fx", /gbp/);
  });

  it("refuses an amount that buys less than a cent", () => {
    const w = makeWorld();
    const fx = fxWorld(w);
    must(w.ledger.setFxRates([{ currency: "usd", perBaseMicros: 1_000 }]));
    refused(w.ledger, () => w.ledger.createFxTransfer(fx.input({ amountMinor: 499 })), "validationError", "amount", /less than one minor unit of usd/);
    expect(must(w.ledger.createFxTransfer(fx.input({ amountMinor: 1_500 }))).targetAmountMinor).toBe(2);
  });
});

describe("transfer lists", () => {
  function history() {
    const { w, create, recipient, from } = setup();
    const a = must(create({ amountMinor: 100 }));
    const b = must(create({ amountMinor: 200 }, "integration"));
    w.clock.advance(5);
    const usdAccount = w.account("usd", 10_000);
    const usd = must(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: usdAccount.id, recipientId: recipient("US12345678901", "usd", "US"), amountMinor: 300, currency: "usd" }, "frontOffice"));
    w.clock.advance(5);
    const own = w.account("eur");
    const internal = must(create({ recipientId: recipient(own.accountNumber), amountMinor: 400 }));
    w.clock.advance(10);
    const fx = fxWorld(w);
    const exchange = must(w.ledger.createFxTransfer(fx.input()));
    w.clock.advance(10);
    const other = otherClient(w);
    must(w.ledger.fundFromTreasury(other.account.id, 1_000, "adjustingPayment"));
    const theirs = must(w.ledger.createOutgoingTransfer({ clientId: other.id, accountId: other.account.id, recipientId: must(w.ledger.addRecipient(other.id, payee, true)).id, amountMinor: 500, currency: "eur" }, "frontOffice"));
    const ids = (filter: Parameters<Ledger["listTransfers"]>[0], page = { page: 1, pageSize: 50 }) => must(w.ledger.listTransfers(filter, page)).items.map((t) => t.id);
    return { w, a, b, usd, internal, exchange, theirs, own, fx, from, other, ids };
  }

  it("lists newest first, the later created first at equal times, a page at a time", () => {
    const { w, a, b, usd, internal, exchange, theirs, ids } = history();
    expect(ids({})).toEqual([theirs.id, exchange.id, internal.id, usd.id, b.id, a.id]);
    const page = must(w.ledger.listTransfers({}, { page: 2, pageSize: 4 }));
    expect([page.items.map((t) => t.id), page.totalCount, page.page, page.pageSize]).toEqual([[b.id, a.id], 6, 2, 4]);
  });

  it("filters by client, account (either side), direction, type, status and currency", () => {
    const { w, a, b, usd, internal, exchange, theirs, own, fx, from, other, ids } = history();
    expect(ids({ clientId: other.id })).toEqual([theirs.id]);
    expect(ids({ clientId: w.clientId })).toEqual([exchange.id, internal.id, usd.id, b.id, a.id]);
    expect(ids({ accountId: own.id.toUpperCase() })).toEqual([internal.id]);
    expect(ids({ accountId: fx.usd.id })).toEqual([exchange.id]);
    expect(ids({ accountId: fx.eur.id })).toEqual([exchange.id]);
    expect(ids({ accountId: from.id })).toEqual([internal.id, b.id, a.id]);
    expect(ids({ directions: ["internal", "fx"] })).toEqual([exchange.id, internal.id]);
    expect(ids({ type: "sepa" })).toEqual([theirs.id, b.id, a.id]);
    expect(ids({ type: "local" })).toEqual([usd.id]);
    expect(ids({ status: "confirmed" })).toEqual([b.id]);
    expect(ids({ type: "sepa", status: "pendingConfirmation" })).toEqual([theirs.id, a.id]);
    expect(ids({ currency: "usd" })).toEqual([usd.id]);
    expect(ids({ currency: "eur", clientId: w.clientId, directions: ["outgoing"] })).toEqual([b.id, a.id]);
  });

  it("filters by creation time, from inclusive to exclusive, and refuses a range that ends before it starts", () => {
    const { w, a, b, usd, internal, exchange, ids } = history();
    expect(ids({ fromAt: T0 + 5, toAt: T0 + 20 })).toEqual([internal.id, usd.id]);
    expect(ids({ fromAt: T0 + 20 }).slice(-1)).toEqual([exchange.id]);
    expect(ids({ toAt: T0 + 5 })).toEqual([b.id, a.id]);
    expect(ids({ fromAt: T0 + 10, toAt: T0 + 10 })).toEqual([]);
    refused(w.ledger, () => w.ledger.listTransfers({ fromAt: T0 + 11, toAt: T0 + 10 }, { page: 1, pageSize: 10 }), "validationError", "fromDate", /fromDate must not be after toDate/);
  });

  it("hands out copies: changing a listed or found transfer changes nothing stored", () => {
    const { w, a } = history();
    const listed = must(w.ledger.listTransfers({}, { page: 1, pageSize: 50 })).items.find((t) => t.id === a.id)!;
    listed.paymentIds.push("x");
    listed.status = "completed";
    const found = must(w.ledger.findTransfer(a.id, {}));
    expect([found.status, found.paymentIds]).toEqual(["pendingConfirmation", a.paymentIds]);
  });

  it("answers every change with a copy of the record, not the record itself", () => {
    const { w, create } = setup();
    const results = (t: { id: string }) => [
      () => must(w.ledger.confirmTransfer(w.clientId, t.id, "000000")),
      () => must(w.ledger.continueTransfer(t.id)),
      () => must(w.ledger.executeTransfer(t.id)),
    ];
    const t = must(create());
    const seen = [t, ...results(t).map((run) => run())];
    for (const r of seen) r.paymentIds.push("x");
    const c = must(create());
    const canceled = must(w.ledger.cancelTransfer(w.clientId, c.id));
    canceled.paymentIds.push("x");
    const s = must(create({}, "integration"));
    const simulated = must(w.ledger.simulateTransferOutcome(s.id, "processing"));
    simulated.paymentIds.push("x");
    const fx = fxWorld(w);
    const exchange = must(w.ledger.createFxTransfer(fx.input()));
    exchange.paymentIds.push("x");
    for (const id of [t.id, c.id, s.id, exchange.id]) expect(must(w.ledger.findTransfer(id, {})).paymentIds).toHaveLength(1);
    expect(w.ledger.verify().ok).toBe(true);
  });
});

describe("processing settings and due steps", () => {
  it("accepts auto or manual with delays from 0 to 30 days", () => {
    const w = makeWorld();
    const max = 30 * 24 * 60 * 60 * 1000;
    expect(must(w.ledger.setTransferProcessing({ mode: "manual", processingDelayMs: max, completionDelayMs: 0 }))).toEqual({ mode: "manual", processingDelayMs: max, completionDelayMs: 0 });
    refused(w.ledger, () => w.ledger.setTransferProcessing({ mode: "sometimes" as "auto", processingDelayMs: 0, completionDelayMs: 0 }), "validationError", "mode", /auto or manual/);
    for (const bad of [-1, 1.5, max + 1, Number.NaN]) {
      refused(w.ledger, () => w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: bad, completionDelayMs: 0 }), "validationError", "processingDelayMs", /processingDelayMs must be an integer from 0 to 2592000000/);
      refused(w.ledger, () => w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 0, completionDelayMs: bad }), "validationError", "completionDelayMs", /completionDelayMs/);
    }
    expect(w.ledger.transferProcessing()).toEqual({ mode: "manual", processingDelayMs: max, completionDelayMs: 0 });
  });

  it("runs a step at its due instant, not a millisecond before, and the next one too when it is due", () => {
    const { w, create, from } = setup();
    expect(w.ledger.settleDue()).toBe(0);
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 100, completionDelayMs: 0 }));
    const t = must(create({}, "integration"));
    w.clock.set(T0 + 99);
    expect(w.ledger.settleDue()).toBe(0);
    expect(must(w.ledger.findTransfer(t.id, {})).status).toBe("confirmed");
    w.clock.set(T0 + 100);
    expect(w.ledger.settleDue()).toBe(2);
    expect(must(w.ledger.findTransfer(t.id, {}))).toMatchObject({ status: "completed", completedAt: T0 + 100, nextStep: null, dueAt: null });
    expect(balancesOf(w.ledger, from.id)).toEqual([97_500, 0, 0, 97_500]);
    expect(w.ledger.settleDue()).toBe(0);
  });

  it("rejects a transfer to the network's rejected account when its processing step runs", () => {
    const { w, create, from, recipient } = setup();
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 0, completionDelayMs: 0 }));
    const t = must(create({ recipientId: recipient("DE00REJECT000000000000") }, "integration"));
    expect(w.ledger.settleDue()).toBe(1);
    expect(must(w.ledger.findTransfer(t.id, {}))).toMatchObject({ status: "rejected", statusReason: "rejectedByNetwork", nextStep: null, dueAt: null });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
  });

  it("completes steps due at one instant oldest transfer first, then the lower id first", () => {
    const { w, create, recipient } = setup();
    const other = otherClient(w);
    const theirs = recipient(other.account.accountNumber, "eur", "GB", "Grace Hopper");
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 1_000, completionDelayMs: 0 }));
    const older = must(create({ recipientId: theirs, amountMinor: 1 }, "integration"));
    w.clock.advance(500);
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 500, completionDelayMs: 0 }));
    const newer = must(create({ recipientId: theirs, amountMinor: 2 }, "integration"));
    expect(newer.dueAt).toBe(older.dueAt);
    const same = [3, 4, 5, 6, 7].map((amountMinor) => must(create({ recipientId: theirs, amountMinor }, "integration")));
    w.clock.advance(500);
    expect(w.ledger.settleDue()).toBe(14);
    // The receiving side of each completion is created in completion order; the list shows the later created first.
    const byId = [newer, ...same].sort((p, q) => (p.id < q.id ? -1 : 1)).map((t) => t.amountMinor);
    const arrived = must(w.ledger.listTransfers({ clientId: other.id }, { page: 1, pageSize: 10 })).items.map((t) => t.amountMinor);
    expect(arrived).toEqual([...byId].reverse().concat(1));
  });
});

describe("how the receiving side names the sender", () => {
  function mirroredName(sender: { firstName: string | null; lastName: string | null; companyName: string | null; type: "individual" | "company" }) {
    const w = makeWorld();
    must(w.ledger.setTransferProcessing({ mode: "manual", processingDelayMs: 0, completionDelayMs: 0 }));
    const receiver = otherClient(w);
    const id = must(w.ledger.addClient({ ...sender, email: "s@example.com", phone: null, country: "GB", registrationNumber: sender.type === "company" ? "12345678" : null })).id;
    const acc = must(w.ledger.createAccount({ clientId: id, currency: "eur", type: "client" }));
    must(w.ledger.fundFromTreasury(acc.id, 100, "adjustingPayment"));
    const r = must(w.ledger.addRecipient(id, { name: "Grace", accountNumber: receiver.account.accountNumber, country: "GB", currency: "eur" }, true)).id;
    const t = must(w.ledger.createOutgoingTransfer({ clientId: id, accountId: acc.id, recipientId: r, amountMinor: 100, currency: "eur" }, "integration"));
    must(w.ledger.executeTransfer(t.id));
    return must(w.ledger.listTransfers({ clientId: receiver.id }, { page: 1, pageSize: 5 })).items[0]!.counterpartyName;
  }

  it("by company name, else by the names it has, else by email", () => {
    expect(mirroredName({ type: "company", companyName: "Acme Ltd", firstName: null, lastName: null })).toBe("Acme Ltd");
    expect(mirroredName({ type: "individual", companyName: null, firstName: "Ada", lastName: "Lovelace" })).toBe("Ada Lovelace");
    expect(mirroredName({ type: "individual", companyName: null, firstName: null, lastName: "Lovelace" })).toBe("Lovelace");
    expect(mirroredName({ type: "individual", companyName: null, firstName: null, lastName: null })).toBe("s@example.com");
  });
});

describe("due steps in due order, whenever they are found", () => {
  /**
   * Transfers to another client's account at this bank, whose steps fall due in an order other than the one
   * they were scheduled in. Settled once at the end or at each due instant, the ledger must end the same.
   */
  function scenario(checks: number[], completionAtSettle: number) {
    const { w, create, recipient } = setup();
    const other = otherClient(w);
    const theirs = recipient(other.account.accountNumber, "eur", "GB", "Grace Hopper");
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 100_000, completionDelayMs: 200 }));
    const a = must(create({ recipientId: theirs, amountMinor: 1 }, "integration"));
    must(w.ledger.continueTransfer(a.id));
    w.clock.set(T0 + 10);
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 50, completionDelayMs: 100 }));
    const b = must(create({ recipientId: theirs, amountMinor: 2 }, "integration"));
    const c = must(create({ recipientId: theirs, amountMinor: 3 }, "integration"));
    must(w.ledger.continueTransfer(c.id));
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 50, completionDelayMs: completionAtSettle }));
    let ran = 0;
    for (const at of checks) {
      w.clock.set(at);
      ran += w.ledger.settleDue();
    }
    const completedAt = [a, b, c].map((t) => must(w.ledger.findTransfer(t.id, {})).completedAt);
    return { w, ran, completedAt };
  }

  it("a step scheduled later but due earlier runs first, and a next step joins the queue at its own time", () => {
    // a completes at +200, b is processed at +60 and completes at +160, c completes at +110.
    const once = scenario([T0 + 1_000], 100);
    expect([once.ran, once.completedAt]).toEqual([4, [T0 + 200, T0 + 160, T0 + 110]]);
    const stepwise = scenario([T0 + 60, T0 + 110, T0 + 160, T0 + 200, T0 + 1_000], 100);
    expect(stepwise.ran).toBe(4);
    expect(exported(once.w.ledger) === exported(stepwise.w.ledger), "settling once and at each instant differ").toBe(true);
  });

  it("a next step due at once runs before the steps due later", () => {
    // b is processed at +60 and completes at once; c completes at +110 and a at +200.
    const once = scenario([T0 + 1_000], 0);
    expect([once.ran, once.completedAt]).toEqual([4, [T0 + 200, T0 + 60, T0 + 110]]);
    const stepwise = scenario([T0 + 60, T0 + 110, T0 + 200], 0);
    expect(exported(once.w.ledger) === exported(stepwise.w.ledger), "settling once and at each instant differ").toBe(true);
  });

  it("a next step due after every queued one runs last", () => {
    // b is processed at +60 and completes at +260, after c (+110) and a (+200).
    const once = scenario([T0 + 1_000], 200);
    expect([once.ran, once.completedAt]).toEqual([4, [T0 + 200, T0 + 260, T0 + 110]]);
    const stepwise = scenario([T0 + 60, T0 + 110, T0 + 200, T0 + 260], 200);
    expect(exported(once.w.ledger) === exported(stepwise.w.ledger), "settling once and at each instant differ").toBe(true);
  });

  it("lists a receiving side created after newer transfers by its own time", () => {
    const { w, create, recipient } = setup();
    const other = otherClient(w);
    must(w.ledger.setTransferProcessing({ mode: "auto", processingDelayMs: 0, completionDelayMs: 1_000 }));
    const sent = must(create({ recipientId: recipient(other.account.accountNumber, "eur", "GB", "Grace Hopper"), amountMinor: 1 }, "integration"));
    w.clock.set(T0 + 2_000);
    const later = must(create({ amountMinor: 2 }));
    w.ledger.settleDue();
    const listed = must(w.ledger.listTransfers({}, { page: 1, pageSize: 10 })).items.map((t) => [t.direction, t.createdAt]);
    expect(listed).toEqual([["outgoing", T0 + 2_000], ["incoming", T0 + 1_000], ["outgoing", T0]]);
    expect(must(w.ledger.findTransfer(sent.id, {})).completedAt).toBe(T0 + 1_000);
    expect(later.status).toBe("pendingConfirmation");
  });
});
