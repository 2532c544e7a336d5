import { describe, expect, it } from "vitest";
import type { Ledger } from "../ledger.js";
import { balancesOf, codeOf, exported, makeWorld, must, refused, T0 } from "../test-helpers.js";
import type { Currency, Transfer } from "../types.js";
import { DEFAULT_INCOMING_ERROR } from "./incoming.js";
import type { IncomingInput } from "./incoming.js";

const SENDER = "DE75512108001245126199";
const UNKNOWN_ID = "00000000-0000-4000-8000-0000000000ff";

/** A world with an empty eur account of the client; `input` builds a request paying it. */
function setup() {
  const w = makeWorld();
  const to = w.account("eur");
  const input = (over: Partial<IncomingInput> = {}): IncomingInput => ({ recipientAccountNumber: to.accountNumber, amountMinor: 5_000, currency: "eur", senderName: "Max Mustermann", senderAccountNumber: SENDER, ...over });
  const receive = (over: Partial<IncomingInput> = {}) => w.ledger.receiveIncoming(input(over));
  return { w, to, input, receive };
}

/** The transfer fields an incoming transfer made from a request never sets. */
const untouched = {
  recipientId: null,
  feeMinor: null,
  targetAccountId: null,
  targetAmountMinor: null,
  targetCurrency: null,
  rateMicros: null,
  paymentRequestId: null,
  creditAccountId: null,
  codeExpiresAt: null,
  nextStep: null,
  dueAt: null,
};

describe("receiving an incoming request: refusals", () => {
  it("checks the amount and the currency", () => {
    const { w, receive } = setup();
    for (const amountMinor of [0, -1, 1.5, Number.NaN, 1e15 + 1]) refused(w.ledger, () => receive({ amountMinor }), "validationError", "amount", /amount must be greater than 0/);
    refused(w.ledger, () => receive({ currency: "xyz" as Currency }), "validationError", "currency", /one of the ten currencies/);
  });

  it("takes account numbers of 5 to 34 upper-case letters and digits, on both sides", () => {
    const { w, receive } = setup();
    for (const field of ["recipientAccountNumber", "senderAccountNumber"] as const) {
      for (const bad of ["ABCD", "A".repeat(35), "de75512108001245126199", "DE75 5121", "", 12345 as unknown as string]) {
        refused(w.ledger, () => receive({ [field]: bad }), "validationError", field, `${field} must be 5-34 upper-case letters and digits`);
      }
    }
    for (const good of ["AB12C", "Z".repeat(34)]) {
      const r = must(receive({ recipientAccountNumber: good, senderAccountNumber: good }));
      expect([r.request.recipientAccountNumber, r.request.senderAccountNumber, r.transfer?.counterpartyAccountNumber]).toEqual([good, good, good]);
    }
  });

  it("takes a sender name of 1 to 140 characters and a reference of at most 140", () => {
    const { w, receive } = setup();
    for (const senderName of ["", "n".repeat(141), 7 as unknown as string]) refused(w.ledger, () => receive({ senderName }), "validationError", "senderName", "senderName must be 1-140 characters");
    for (const reference of ["r".repeat(141), 7 as unknown as string]) refused(w.ledger, () => receive({ reference }), "validationError", "reference", "reference must be at most 140 characters");
    const r = must(receive({ senderName: "n".repeat(140), reference: "r".repeat(140) }));
    expect([r.request.senderName, r.request.reference, r.transfer?.counterpartyName, r.transfer?.reference]).toEqual(["n".repeat(140), "r".repeat(140), "n".repeat(140), "r".repeat(140)]);
    expect(must(receive({ senderName: "n", reference: "" })).request).toMatchObject({ senderName: "n", reference: "" });
  });

  it("knows three outcomes only, and an error only for a failed one, of 1 to 140 characters", () => {
    const { w, receive } = setup();
    refused(w.ledger, () => receive({ outcome: "later" as "pending" }), "validationError", "outcome", "outcome must be processed, pending or failed");
    const error = "error is 1-140 characters, for a failed request only";
    refused(w.ledger, () => receive({ error: "boom" }), "validationError", "error", error);
    refused(w.ledger, () => receive({ outcome: "processed", error: "boom" }), "validationError", "error", error);
    refused(w.ledger, () => receive({ outcome: "pending", error: "boom" }), "validationError", "error", error);
    for (const bad of ["", "e".repeat(141), 7 as unknown as string]) refused(w.ledger, () => receive({ outcome: "failed", error: bad }), "validationError", "error", error);
    expect(must(receive({ outcome: "failed", error: "e".repeat(140) })).request.error).toBe("e".repeat(140));
  });

  it("checks the input before the treasury, and needs a treasury only to process on arrival", () => {
    const { w, receive } = setup();
    refused(w.ledger, () => receive({ currency: "chf" }), "accountNotFound", "treasury", /No active treasury account holds chf/);
    refused(w.ledger, () => receive({ currency: "chf", amountMinor: 0 }), "validationError", "amount");
    refused(w.ledger, () => receive({ currency: "chf", outcome: "later" as "pending" }), "validationError", "outcome");
    refused(w.ledger, () => receive({ currency: "chf", error: "x" }), "validationError", "error");
    expect(must(receive({ currency: "chf", outcome: "pending" })).request.status).toBe("pending");
    expect(must(receive({ currency: "chf", outcome: "failed" })).request.status).toBe("failed");
  });
});

describe("receiving an incoming request: outcomes", () => {
  it("processes on arrival: a completed transfer credited from the treasury, the request processed", () => {
    const { w, to, receive } = setup();
    w.clock.advance(1_234);
    const before = balancesOf(w.ledger, w.treasury.eur!);
    const { request, transfer } = must(receive({ amountMinor: 5_000 }));
    const t = transfer!;
    expect(request).toEqual({
      id: request.id, status: "processed", amountMinor: 5_000, currency: "eur", senderName: "Max Mustermann", senderAccountNumber: SENDER,
      recipientAccountNumber: to.accountNumber, reference: "", transferId: t.id, error: null, receivedAt: T0 + 1_234, processedAt: T0 + 1_234,
    });
    expect(t).toEqual({
      ...untouched, id: t.id, direction: "incoming", type: "sepa", status: "completed", statusReason: null, clientId: w.clientId, accountId: to.id,
      counterpartyName: "Max Mustermann", counterpartyAccountNumber: SENDER, amountMinor: 5_000, currency: "eur", reference: "",
      paymentIds: [t.paymentIds[0]], completedAt: T0 + 1_234, createdAt: T0 + 1_234,
    });
    const payment = w.ledger.getPayment(t.paymentIds[0]!)!;
    expect([payment.parentId, payment.transactions[0]!.state]).toEqual([t.id, "posted"]);
    expect(balancesOf(w.ledger, to.id)).toEqual([5_000, 0, 0, 5_000]);
    expect(balancesOf(w.ledger, w.treasury.eur!)[0]).toBe(before[0] - 5_000);
    expect(must(w.ledger.findTransfer(t.id, {}))).toEqual(t);
    expect(w.ledger.verify().ok).toBe(true);
    // The answer is a copy.
    t.paymentIds.push("x");
    t.status = "failed";
    expect(must(w.ledger.findTransfer(t.id, {}))).toMatchObject({ status: "completed", paymentIds: [payment.id] });
    t.paymentIds.pop();
    // The transfer owns its payment: the ledger's own routes do not move it.
    const cancel = w.ledger.cancelPayments({ paymentIds: t.paymentIds });
    expect(cancel.ok ? "ok" : [cancel.error.code, cancel.error.message]).toEqual(["invalidStateTransition", `Payment ${t.paymentIds[0]} belongs to transfer ${t.id}; the transfer's own steps move it (confirm, cancel, continue, execute)`]);
  });

  it("types the transfer by the sender's account: sepa, local or swift", () => {
    const { w, receive } = setup();
    const gbp = w.account("gbp");
    expect(must(receive({ senderAccountNumber: "FR7630006000011234567890189" })).transfer?.type).toBe("sepa");
    expect(must(receive({ recipientAccountNumber: gbp.accountNumber, currency: "gbp", senderAccountNumber: "GB29NWBK60161331926819" })).transfer?.type).toBe("local");
    expect(must(receive({ senderAccountNumber: "US12345678901" })).transfer?.type).toBe("swift");
  });

  it("leaves a pending request unprocessed, with no transfer and nothing credited", () => {
    const { w, to, receive } = setup();
    const before = exported(w.ledger);
    const { request, transfer } = must(receive({ outcome: "pending", reference: "Invoice 7" }));
    expect(transfer).toBeNull();
    expect(request).toMatchObject({ status: "pending", reference: "Invoice 7", transferId: null, error: null, receivedAt: T0, processedAt: null });
    expect(balancesOf(w.ledger, to.id)).toEqual([0, 0, 0, 0]);
    expect(must(w.ledger.listTransfers({}, { page: 1, pageSize: 20 })).totalCount).toBe(0);
    expect(exported(w.ledger)).not.toBe(before);
  });

  it("marks a failed request with the given error, or the default one", () => {
    const { w, to, receive } = setup();
    expect(must(receive({ outcome: "failed" }))).toMatchObject({ transfer: null, request: { status: "failed", error: DEFAULT_INCOMING_ERROR, transferId: null, processedAt: null } });
    expect(DEFAULT_INCOMING_ERROR).toBe("Processing timed out at the payment network.");
    expect(must(receive({ outcome: "failed", error: "Sender bank offline" })).request.error).toBe("Sender bank offline");
    expect(balancesOf(w.ledger, to.id)).toEqual([0, 0, 0, 0]);
  });

  it("leaves a transfer unrecognized, with no client, account or payment, when it names no usable account", () => {
    const { w, to, receive } = setup();
    const usd = w.account("usd");
    const closed = w.account("eur");
    must(w.ledger.closeAccount(closed.id));
    const cases: [string, Currency, string][] = [
      ["FL0000000000", "eur", "recipientAccountNotFound"],
      [w.ledger.getAccount(w.treasury.eur!)!.accountNumber, "eur", "recipientAccountNotFound"],
      [usd.accountNumber, "eur", "currencyMismatch"],
      [to.accountNumber, "usd", "currencyMismatch"],
      [closed.accountNumber, "eur", "accountNotActive"],
    ];
    for (const [recipientAccountNumber, currency, reason] of cases) {
      const treasuryBefore = balancesOf(w.ledger, w.treasury[currency]!);
      const { request, transfer } = must(receive({ recipientAccountNumber, currency }));
      expect(transfer, reason).toMatchObject({ status: "unrecognized", statusReason: reason, clientId: null, accountId: null, paymentIds: [], completedAt: null });
      expect(request).toMatchObject({ status: "processed", transferId: transfer!.id });
      expect(balancesOf(w.ledger, w.treasury[currency]!)).toEqual(treasuryBefore);
    }
    expect([balancesOf(w.ledger, to.id), balancesOf(w.ledger, usd.id)]).toEqual([[0, 0, 0, 0], [0, 0, 0, 0]]);
    must(w.ledger.blockClient(w.clientId, "review"));
    expect(must(receive()).transfer).toMatchObject({ status: "unrecognized", statusReason: "accountNotActive", clientId: null, accountId: null });
    expect(w.ledger.verify().ok).toBe(true);
  });

  it("rejects what would pass the client's maxBalance, naming the client and account, and credits exactly up to it", () => {
    const { w, receive } = setup();
    must(w.ledger.updateClient(w.clientId, { plan: "basic" }));
    const capped = w.account("eur", 999_000);
    const over = must(receive({ recipientAccountNumber: capped.accountNumber, amountMinor: 1_001 })).transfer!;
    expect(over).toMatchObject({ status: "rejected", statusReason: "incomingLimitExceeded", clientId: w.clientId, accountId: capped.id, paymentIds: [], completedAt: null });
    expect(balancesOf(w.ledger, capped.id)).toEqual([999_000, 0, 0, 999_000]);
    const exact = must(receive({ recipientAccountNumber: capped.accountNumber, amountMinor: 1_000 })).transfer!;
    expect(exact).toMatchObject({ status: "completed", statusReason: null, clientId: w.clientId, accountId: capped.id });
    expect(balancesOf(w.ledger, capped.id)).toEqual([1_000_000, 0, 0, 1_000_000]);
  });
});

describe("processing an incoming request by hand", () => {
  it("processes a pending request at the time of processing, once", () => {
    const { w, to, receive } = setup();
    const pending = must(receive({ outcome: "pending" })).request;
    w.clock.advance(60_000);
    const done = must(w.ledger.processIncomingRequest(pending.id.toUpperCase()));
    expect(done).toEqual({ ...pending, status: "processed", transferId: done.transferId, processedAt: T0 + 60_000 });
    expect(must(w.ledger.findTransfer(done.transferId!, {}))).toMatchObject({ direction: "incoming", status: "completed", accountId: to.id, createdAt: T0 + 60_000, completedAt: T0 + 60_000 });
    expect(balancesOf(w.ledger, to.id)).toEqual([5_000, 0, 0, 5_000]);
    refused(w.ledger, () => w.ledger.processIncomingRequest(pending.id), "invalidStateTransition", undefined, `Incoming request ${pending.id} is processed already (transfer ${done.transferId})`);
  });

  it("processes a failed request, clearing its error", () => {
    const { w, receive } = setup();
    const failed = must(receive({ outcome: "failed", error: "Sender bank offline" })).request;
    const done = must(w.ledger.processIncomingRequest(failed.id));
    expect(done).toMatchObject({ status: "processed", error: null, processedAt: T0 });
    // The answer is a copy: changing it does not reopen the stored request.
    done.status = "pending";
    expect(codeOf(w.ledger.processIncomingRequest(failed.id))).toBe("invalidStateTransition");
  });

  it("refuses an unknown request, and one in a currency without a treasury", () => {
    const { w, receive } = setup();
    refused(w.ledger, () => w.ledger.processIncomingRequest(UNKNOWN_ID), "incomingRequestNotFound", undefined, `Incoming request ${UNKNOWN_ID} was not found`);
    const chf = must(receive({ currency: "chf", outcome: "pending" })).request;
    refused(w.ledger, () => w.ledger.processIncomingRequest(chf.id), "accountNotFound", "treasury", /No active treasury account holds chf/);
    expect(must(w.ledger.listIncomingRequests({}, { page: 1, pageSize: 20 })).items[0]).toEqual(chf);
  });
});

describe("assigning an unrecognized incoming transfer", () => {
  function unrecognized() {
    const s = setup();
    const t = must(s.receive({ recipientAccountNumber: "FL0000000000", amountMinor: 7_000 })).transfer!;
    return { ...s, t };
  }

  it("credits it to the client's account from the treasury and completes it then", () => {
    const { w, to, t } = unrecognized();
    w.clock.advance(5_000);
    const treasury = balancesOf(w.ledger, w.treasury.eur!)[0];
    const done = must(w.ledger.assignIncomingTransfer(t.id.toUpperCase(), w.clientId, to.id));
    expect(done).toEqual({ ...t, status: "completed", statusReason: null, clientId: w.clientId, accountId: to.id, paymentIds: [done.paymentIds[0]], completedAt: T0 + 5_000 });
    expect(w.ledger.getPayment(done.paymentIds[0]!)!.parentId).toBe(t.id);
    expect(balancesOf(w.ledger, to.id)).toEqual([7_000, 0, 0, 7_000]);
    expect(balancesOf(w.ledger, w.treasury.eur!)[0]).toBe(treasury - 7_000);
    expect(must(w.ledger.findTransfer(t.id, {}))).toEqual(done);
    const cancel = w.ledger.cancelPayments({ paymentIds: done.paymentIds });
    expect(cancel.ok ? "ok" : cancel.error.message).toMatch(`belongs to transfer ${t.id};`);
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, to.id), "invalidStateTransition", undefined, `Transfer ${t.id} is completed; only an unrecognized transfer is assigned`);
    expect(w.ledger.verify().ok).toBe(true);
  });

  it("finds only an incoming transfer, a known client and an account of that client in the transfer's currency", () => {
    const { w, to, t } = unrecognized();
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(UNKNOWN_ID, w.clientId, to.id), "transferNotFound", undefined, UNKNOWN_ID);
    must(w.ledger.setTransferProcessing({ mode: "manual", processingDelayMs: 0, completionDelayMs: 0 }));
    const from = w.account("eur", 10_000);
    const payee = must(w.ledger.addRecipient(w.clientId, { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" }, true)).id;
    const outgoing = must(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: from.id, recipientId: payee, amountMinor: 100, currency: "eur" }, "frontOffice"));
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(outgoing.id, w.clientId, to.id), "transferNotFound", undefined, outgoing.id);
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, UNKNOWN_ID, to.id), "clientNotFound", undefined, UNKNOWN_ID);
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, UNKNOWN_ID), "accountNotFound", "accountId", `Account ${UNKNOWN_ID} is not an account of client ${w.clientId}`);
    const bea = must(w.ledger.addClient({ type: "individual", email: "b@example.com", phone: null, firstName: "Bea", lastName: "Brandt", companyName: null, country: "DE" })).id;
    const beas = must(w.ledger.createAccount({ clientId: bea, currency: "eur", type: "client" }));
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, beas.id), "accountNotFound", "accountId", beas.id);
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, w.treasury.eur!), "accountNotFound", "accountId", w.treasury.eur!);
    const usd = w.account("usd");
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, usd.id), "currencyMismatch", "accountId", `Account ${usd.id} holds usd, the transfer is in eur`);
    // Another client's own account is fine for that client.
    expect(must(w.ledger.assignIncomingTransfer(t.id, bea, beas.id))).toMatchObject({ status: "completed", clientId: bea, accountId: beas.id });
  });

  it("refuses with the ledger's own code what the ledger would not credit, leaving it unrecognized", () => {
    const { w, to, t } = unrecognized();
    must(w.ledger.updateClient(w.clientId, { plan: "basic" }));
    const full = w.account("eur", 995_000);
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, full.id), "incomingLimitExceeded", undefined, full.id);
    must(w.ledger.closeAccount(to.id));
    refused(w.ledger, () => w.ledger.assignIncomingTransfer(t.id, w.clientId, to.id), "accountNotActive", undefined, to.id);
    expect(must(w.ledger.findTransfer(t.id, {}))).toEqual(t);
    const roomy = w.account("eur", 993_000);
    expect(must(w.ledger.assignIncomingTransfer(t.id, w.clientId, roomy.id)).status).toBe("completed");
    expect(balancesOf(w.ledger, roomy.id)).toEqual([1_000_000, 0, 0, 1_000_000]);
  });
});

describe("listing incoming requests", () => {
  function three() {
    const s = setup();
    const a = must(s.receive({ outcome: "pending" })).request;
    s.w.clock.advance(1_000);
    const b = must(s.receive({ currency: "usd", outcome: "failed" })).request;
    const c = must(s.receive()).request;
    s.w.clock.advance(1_000);
    const d = must(s.receive({ outcome: "pending" })).request;
    const ids = (filter: Parameters<Ledger["listIncomingRequests"]>[0]) => must(s.w.ledger.listIncomingRequests(filter, { page: 1, pageSize: 20 })).items.map((r) => r.id);
    return { ...s, a, b, c, d, ids };
  }

  it("lists newest first, the later received first at one instant, whole records", () => {
    const { w, a, b, c, d, ids } = three();
    expect(ids({})).toEqual([d.id, c.id, b.id, a.id]);
    expect(must(w.ledger.listIncomingRequests({}, { page: 2, pageSize: 3 }))).toMatchObject({ totalCount: 4, items: [a] });
  });

  it("lists by the time received, not by the order received, when the clock was set back", () => {
    const { w, a, b, c, d, ids, receive } = three();
    w.clock.advance(-3_000);
    const e = must(receive()).request;
    expect(e.receivedAt).toBe(T0 - 1_000);
    expect(ids({})).toEqual([d.id, c.id, b.id, a.id, e.id]);
  });

  it("filters by status, currency and a time range from inclusive to exclusive", () => {
    const { a, b, c, d, ids } = three();
    expect(ids({ status: "pending" })).toEqual([d.id, a.id]);
    expect(ids({ status: "failed" })).toEqual([b.id]);
    expect(ids({ status: "processed" })).toEqual([c.id]);
    expect(ids({ currency: "usd" })).toEqual([b.id]);
    expect(ids({ currency: "eur", status: "pending" })).toEqual([d.id, a.id]);
    expect(ids({ fromAt: T0 + 1_000 })).toEqual([d.id, c.id, b.id]);
    expect(ids({ fromAt: T0 + 1_001 })).toEqual([d.id]);
    expect(ids({ toAt: T0 + 1_000 })).toEqual([a.id]);
    expect(ids({ toAt: T0 + 1_001 })).toEqual([c.id, b.id, a.id]);
    expect(ids({ fromAt: T0 + 1_000, toAt: T0 + 1_000 })).toEqual([]);
    expect(ids({ fromAt: T0, toAt: T0 + 2_000 })).toEqual([c.id, b.id, a.id]);
  });

  it("refuses a range that ends before it starts", () => {
    const { w } = three();
    refused(w.ledger, () => w.ledger.listIncomingRequests({ fromAt: T0 + 1, toAt: T0 }, { page: 1, pageSize: 20 }), "validationError", "fromDate", "fromDate must not be after toDate");
  });

  it("hands out copies: changing one changes nothing stored", () => {
    const { w, a } = three();
    const listed = must(w.ledger.listIncomingRequests({}, { page: 1, pageSize: 20 })).items;
    for (const r of listed) r.status = "processed";
    const returned = must(w.ledger.receiveIncoming({ recipientAccountNumber: "FL0000000000", amountMinor: 1, currency: "eur", senderName: "X", senderAccountNumber: SENDER, outcome: "pending" })).request;
    returned.status = "processed";
    const again = must(w.ledger.listIncomingRequests({ status: "pending" }, { page: 1, pageSize: 20 })).items.map((r) => r.id);
    expect(again).toEqual([returned.id, listed[0]!.id, a.id]);
  });
});

describe("incoming transfers and the snapshot", () => {
  it("keeps a refused request from drawing an id: the next request gets the id a twin gets", () => {
    const one = setup();
    const twin = setup();
    expect(one.w.ledger.receiveIncoming(one.input({ amountMinor: 0 })).ok).toBe(false);
    expect(one.w.ledger.receiveIncoming(one.input({ currency: "chf" })).ok).toBe(false);
    expect(one.w.ledger.processIncomingRequest(UNKNOWN_ID).ok).toBe(false);
    const a = must(one.receive()) as { request: { id: string }; transfer: Transfer | null };
    const b = must(twin.receive()) as { request: { id: string }; transfer: Transfer | null };
    expect([a.request.id, a.transfer!.id]).toEqual([b.request.id, b.transfer!.id]);
  });
});
