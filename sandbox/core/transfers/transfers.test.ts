import { describe, expect, it } from "vitest";
import { convertMinor } from "./fx.js";
import { createSeededIds } from "../ids.js";
import { importLedger } from "../ledger.js";
import { divideHalfEven } from "../money.js";
import { balancesOf, codeOf, exported, makeWorld, must, T0 } from "../test-helpers.js";
import type { World } from "../test-helpers.js";
import type { LedgerSnapshot } from "../snapshot.js";

const payee = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" as const };

/** A world with an eur account of 1,000.00 and a saved eur recipient, processing as given. */
function sender(mode: "auto" | "manual" = "manual", processingDelayMs = 0, completionDelayMs = 0, w: World = makeWorld()) {
  const from = w.account("eur", 100_000);
  const recipientId = must(w.ledger.addRecipient(w.clientId, payee, true)).id;
  must(w.ledger.setTransferProcessing({ mode, processingDelayMs, completionDelayMs }));
  const send = (amountMinor: number) => must(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: from.id, recipientId, amountMinor, currency: "eur" }, "frontOffice"));
  return { w, from, recipientId, send };
}

describe("exact arithmetic of exchange", () => {
  it("rounds a quotient half to even, both signs", () => {
    const cases: [bigint, bigint, bigint][] = [[5n, 2n, 2n], [7n, 2n, 4n], [9n, 2n, 4n], [11n, 4n, 3n], [10n, 4n, 2n], [-5n, 2n, -2n], [-7n, 2n, -4n], [-11n, 4n, -3n], [2n, 3n, 1n], [1n, 3n, 0n]];
    for (const [n, d, q] of cases) expect(divideHalfEven(n, d), `${n}/${d}`).toBe(q);
  });

  it("derives cross rates from the table and converts to the cent, far beyond floating point", () => {
    const w = makeWorld();
    must(w.ledger.setFxRates([{ currency: "usd", perBaseMicros: 1_500_000 }, { currency: "gbp", perBaseMicros: 3_000_000 }]));
    const rates = Object.fromEntries(w.ledger.fxRates().map((r) => [r.currency, r.perBaseMicros]));
    expect(rates).toMatchObject({ eur: 1_000_000, usd: 1_500_000, gbp: 3_000_000 });
    // 1 / 1.5 = 0.6666666... -> 0.666667 (half even at the sixth decimal); 3 / 1.5 = 2.
    expect(convertMinor(1_000, 666_667)).toBe(667);
    expect(convertMinor(1, 1_500_000)).toBe(2);
    expect(convertMinor(3, 1_500_000)).toBe(4);
    expect(convertMinor(999_999_999_999_999, 1_000_001)).toBe(1_000_000_999_999_999);
    expect(codeOf(w.ledger.setFxRates([{ currency: "eur", perBaseMicros: 2_000_000 }]))).toBe("validationError");
    expect(codeOf(w.ledger.setFxRates([{ currency: "usd", perBaseMicros: 0 }]))).toBe("validationError");
  });
});

describe("outgoing transfers in the core", () => {
  it("ties the transfer's status to its payment's state through the whole lifecycle", () => {
    const { w, from, send } = sender();
    const t = send(2_500);
    const payment = () => w.ledger.getPayment(t.paymentIds[0]!)!;
    expect([t.status, payment().transactions[0]!.state, payment().parentId]).toEqual(["pendingConfirmation", "draft", t.id]);
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
    expect(codeOf(w.ledger.confirmTransfer(w.clientId, t.id, "000001"))).toBe("invalidConfirmationCode");
    expect(must(w.ledger.confirmTransfer(w.clientId, t.id, "000000")).status).toBe("confirmed");
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 2_500, 0, 97_500]);
    expect(must(w.ledger.continueTransfer(t.id)).status).toBe("processing");
    expect(payment().transactions[0]!.state).toBe("pending");
    w.clock.advance(1_000);
    expect(must(w.ledger.executeTransfer(t.id))).toMatchObject({ status: "completed", completedAt: T0 + 1_000 });
    expect(balancesOf(w.ledger, from.id)).toEqual([97_500, 0, 0, 97_500]);
    expect(codeOf(w.ledger.cancelTransfer(w.clientId, t.id))).toBe("invalidStateTransition");
    expect(w.ledger.verify().ok).toBe(true);
  });

  it("refuses anything but an active client, and draws no id when it refuses", () => {
    const { w, from, recipientId } = sender();
    const before = exported(w.ledger);
    must(w.ledger.blockClient(w.clientId, "test"));
    const blocked = exported(w.ledger);
    expect(codeOf(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: from.id, recipientId, amountMinor: 1, currency: "eur" }, "frontOffice"))).toBe("clientNotActive");
    expect(exported(w.ledger)).toBe(blocked);
    expect(blocked).not.toBe(before);
  });

  it("runs due steps at their own instants, in due order, whatever the moment they are found", () => {
    const run = (checks: number[]) => {
      const { w, send } = sender("auto", 5_000, 20_000);
      const first = send(100);
      must(w.ledger.confirmTransfer(w.clientId, first.id, "000000"));
      w.clock.advance(1_000);
      const second = send(200);
      must(w.ledger.confirmTransfer(w.clientId, second.id, "000000"));
      for (const at of checks) {
        w.clock.set(at);
        w.ledger.settleDue();
      }
      return { w, first: w.ledger.findTransfer(first.id, {}), second: w.ledger.findTransfer(second.id, {}) };
    };
    const once = run([T0 + 60_000]);
    expect(must(once.first)).toMatchObject({ status: "completed", completedAt: T0 + 25_000 });
    expect(must(once.second)).toMatchObject({ status: "completed", completedAt: T0 + 26_000 });
    const often = run([T0 + 5_000, T0 + 6_000, T0 + 24_999, T0 + 25_500, T0 + 60_000]);
    expect(exported(often.w.ledger)).toBe(exported(once.w.ledger));
    const early = run([T0 + 5_500]);
    expect([must(early.first).status, must(early.second).status]).toEqual(["processing", "confirmed"]);
    expect(early.w.ledger.settleDue()).toBe(0);
  });

  it("fails a transfer the ledger will not post any more, releasing its hold", () => {
    const { w, from, send } = sender("auto", 0, 1_000);
    const t = send(700);
    must(w.ledger.confirmTransfer(w.clientId, t.id, "000000"));
    expect(w.ledger.settleDue()).toBe(1);
    must(w.ledger.blockClient(w.clientId, "fraud"));
    w.clock.advance(1_000);
    expect(w.ledger.settleDue()).toBe(1);
    expect(must(w.ledger.findTransfer(t.id, {}))).toMatchObject({ status: "failed", statusReason: "accountNotActive" });
    expect(balancesOf(w.ledger, from.id)).toEqual([100_000, 0, 0, 100_000]);
  });
});

describe("transfers in a snapshot", () => {
  function busyWorld() {
    const { w, send } = sender("auto", 0, 60_000);
    const done = send(100);
    must(w.ledger.confirmTransfer(w.clientId, done.id, "000000"));
    must(w.ledger.executeTransfer(done.id));
    const waiting = send(200);
    must(w.ledger.confirmTransfer(w.clientId, waiting.id, "000000"));
    w.ledger.settleDue();
    send(300);
    must(w.ledger.receiveIncoming({ recipientAccountNumber: "FL1234567890", amountMinor: 5_000, currency: "eur", senderName: "Max", senderAccountNumber: "DE75512108001245126199" }));
    must(w.ledger.setFxRates([{ currency: "gbp", perBaseMicros: 900_000 }]));
    return w;
  }

  it("round-trips transfers in every state, incoming requests, rates and the processing mode, schedule included", () => {
    const w = busyWorld();
    const snapshot = w.ledger.exportState();
    expect(snapshot.transfers?.map((t) => t.status)).toEqual(["completed", "processing", "pendingConfirmation", "unrecognized"]);
    const restored = importLedger(JSON.parse(JSON.stringify(snapshot)) as LedgerSnapshot, { clock: w.clock, ids: createSeededIds(99) });
    expect(exported(restored)).toBe(JSON.stringify(snapshot));
    w.clock.advance(60_000);
    expect(restored.settleDue()).toBe(1);
    expect(w.ledger.settleDue()).toBe(1);
    expect(exported(restored).replace(/"ids":\[[^\]]*\]/, "")).toBe(exported(w.ledger).replace(/"ids":\[[^\]]*\]/, ""));
  });

  it("refuses a transfer that disagrees with its payment, names an unknown one, or has a step without a time", () => {
    const w = busyWorld();
    const tamper = (change: (s: LedgerSnapshot) => void) => {
      const snapshot = JSON.parse(JSON.stringify(w.ledger.exportState())) as LedgerSnapshot;
      change(snapshot);
      return () => importLedger(snapshot, { clock: w.clock, ids: createSeededIds(1) });
    };
    expect(tamper((s) => (s.transfers![0]!.status = "processing"))).toThrow(/payment/);
    expect(tamper((s) => (s.transfers![0]!.paymentIds = ["00000000-0000-4000-8000-00000000dead"]))).toThrow(/payment that does not exist/);
    expect(tamper((s) => (s.transfers![1]!.dueAt = null))).toThrow(/nextStep/);
    expect(tamper((s) => (s.transfers![2]!.accountId = s.transfers![2]!.recipientId))).toThrow(/accountId/);
    expect(tamper((s) => (s.incomingRequests![0]!.transferId = null))).toThrow(/processed without one/);
    expect(tamper((s) => (s.fxRates![0]!.perBaseMicros = -1))).toThrow(/fxRates/);
    expect(tamper((s) => (s.transferProcessing!.mode = "sometimes" as "auto"))).toThrow(/transferProcessing/);
    expect(tamper(() => undefined)).not.toThrow();
  });
});

describe("payment confirmations", () => {
  const ISSUED = "Issued by the finlego-sandbox offline twin of the FinLego API; not a bank document.";

  function text(bytes: Uint8Array): string {
    return String.fromCharCode(...bytes);
  }

  /** The whole PDF a confirmation of these (already escaped) lines is: five objects, an exact xref table. */
  function expectedPdf(lines: string[]): string {
    const content = lines.map((line, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 20} Td (${line}) Tj ET`).join("\n");
    const bodies = [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ];
    let pdf = "%PDF-1.4\n";
    const offsets = bodies.map((body, i) => {
      const at = pdf.length;
      pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
      return at;
    });
    const xref = pdf.length;
    pdf += `xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
    return `${pdf}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  }

  /** The text lines of a confirmation, as they stand escaped in its content stream. */
  function linesOf(bytes: Uint8Array): string[] {
    return [...text(bytes).matchAll(/^BT \/F1 \d+ Tf 56 \d+ Td \((.*)\) Tj ET$/gm)].map((m) => m[1]!);
  }

  const iso = (at: number) => new Date(at).toISOString();

  it("confirms a completed swift transfer with its fee, escaping what PDF text cannot hold", () => {
    const w = makeWorld();
    must(w.ledger.setTransferProcessing({ mode: "manual", processingDelayMs: 0, completionDelayMs: 0 }));
    const from = w.account("usd", 100_000);
    const recipientId = must(w.ledger.addRecipient(w.clientId, { name: "Zoë (Berlin)", accountNumber: "DE89370400440532013000", country: "DE", currency: "usd" }, true)).id;
    const t = must(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: from.id, recipientId, amountMinor: 2_505, currency: "usd", reference: "Inv\\7 (May)" }, "frontOffice"));
    must(w.ledger.confirmTransfer(w.clientId, t.id, "000000"));
    w.clock.advance(61_000);
    const done = must(w.ledger.executeTransfer(t.id));
    const doc = must(w.ledger.transferDocument(w.clientId, `${t.id}.pdf`));
    expect([doc.fileName, doc.contentType]).toEqual([`${t.id}.pdf`, "application/pdf"]);
    const lines = [
      "FinLego Sandbox - Payment confirmation",
      "",
      `Transfer: ${t.id}`,
      "Direction: outgoing \\(swift\\)",
      "Client: Ada Lovelace",
      `Account: ${from.accountNumber}`,
      "Counterparty: Zo? \\(Berlin\\) DE89370400440532013000",
      "Amount: 25.05 USD",
      "Fee: 15.00 USD",
      "Reference: Inv\\\\7 \\(May\\)",
      `Created: ${iso(T0)}`,
      `Completed: ${iso(T0 + 61_000)}`,
      `Ledger payments: ${done.paymentIds[0]}`,
      "",
      ISSUED,
    ];
    expect(linesOf(doc.bytes)).toEqual(lines);
    expect(text(doc.bytes)).toBe(expectedPdf(lines));
    // Made again each time, the same bytes.
    expect(must(w.ledger.transferDocument(w.clientId, `${t.id}.pdf`)).bytes).toEqual(doc.bytes);
  });

  it("confirms an fx transfer with the credited amount and rate, and no counterparty, fee or reference", () => {
    const w = makeWorld();
    const eur = w.account("eur", 100_000);
    const usd = w.account("usd");
    w.account("eur", 0, "fx");
    w.account("usd", 1_000_000, "fx");
    must(w.ledger.setFxRates([{ currency: "usd", perBaseMicros: 1_082_500 }]));
    w.clock.advance(7);
    const t = must(w.ledger.createFxTransfer({ clientId: w.clientId, accountId: eur.id, targetAccountId: usd.id, amountMinor: 100_000, currency: "eur", targetCurrency: "usd" }));
    const lines = linesOf(must(w.ledger.transferDocument(w.clientId, `${t.id.toUpperCase()}.pdf`)).bytes);
    expect(lines.slice(3, 13)).toEqual([
      "Direction: fx \\(internal\\)",
      "Client: Ada Lovelace",
      `Account: ${eur.accountNumber}`,
      "Counterparty: -",
      "Amount: 1000.00 EUR",
      "Credited: 1082.50 USD at 1.0825",
      "Reference: -",
      `Created: ${iso(T0 + 7)}`,
      `Completed: ${iso(T0 + 7)}`,
      `Ledger payments: ${t.paymentIds[0]}`,
    ]);
    expect(must(w.ledger.transferDocument(w.clientId, `${t.id.toUpperCase()}.pdf`)).fileName).toBe(`${t.id}.pdf`);
  });

  it("confirms an imported transfer that lacks an account, payments or a target currency with dashes, leaving out what it cannot say", () => {
    const w = makeWorld();
    const eur = w.account("eur", 100_000);
    const usd = w.account("usd");
    w.account("eur", 0, "fx");
    w.account("usd", 1_000_000, "fx");
    const t = must(w.ledger.createFxTransfer({ clientId: w.clientId, accountId: eur.id, targetAccountId: usd.id, amountMinor: 1_000, currency: "eur", targetCurrency: "usd" }));
    const snapshot = JSON.parse(JSON.stringify(w.ledger.exportState())) as LedgerSnapshot;
    Object.assign(snapshot.transfers![0]!, { accountId: null, targetCurrency: null, paymentIds: [] });
    const restored = importLedger(snapshot, { clock: w.clock, ids: createSeededIds(1) });
    const lines = linesOf(must(restored.transferDocument(w.clientId, `${t.id}.pdf`)).bytes);
    expect(lines.slice(5, 9)).toEqual(["Account: -", "Counterparty: -", "Amount: 10.00 EUR", "Reference: -"]);
    expect(lines[11]).toBe("Ledger payments: -");
    // Two payments are listed comma-separated.
    const extra = must(w.ledger.fundFromTreasury(eur.id, 1, "adjustingPayment")).id;
    const two = JSON.parse(JSON.stringify(w.ledger.exportState())) as LedgerSnapshot;
    two.transfers![0]!.paymentIds.push(extra);
    const withTwo = importLedger(two, { clock: w.clock, ids: createSeededIds(1) });
    expect(linesOf(must(withTwo.transferDocument(w.clientId, `${t.id}.pdf`)).bytes)[12]).toBe(`Ledger payments: ${t.paymentIds[0]}, ${extra}`);
  });

  it("confirms an incoming transfer with its sender", () => {
    const w = makeWorld();
    const to = w.account("eur");
    const t = must(w.ledger.receiveIncoming({ recipientAccountNumber: to.accountNumber, amountMinor: 5_000, currency: "eur", senderName: "Max", senderAccountNumber: "DE75512108001245126199", reference: "Rent" })).transfer!;
    expect(linesOf(must(w.ledger.transferDocument(w.clientId, `${t.id}.pdf`)).bytes).slice(3, 10)).toEqual([
      "Direction: incoming \\(sepa\\)",
      "Client: Ada Lovelace",
      `Account: ${to.accountNumber}`,
      "Counterparty: Max DE75512108001245126199",
      "Amount: 50.00 EUR",
      "Reference: Rent",
      `Created: ${iso(T0)}`,
    ]);
  });

  it("has no document for another name, another client's transfer or one not completed", () => {
    const w = makeWorld();
    const to = w.account("eur");
    const done = must(w.ledger.receiveIncoming({ recipientAccountNumber: to.accountNumber, amountMinor: 5_000, currency: "eur", senderName: "Max", senderAccountNumber: "DE75512108001245126199" })).transfer!;
    const stray = must(w.ledger.receiveIncoming({ recipientAccountNumber: "FL0000000000", amountMinor: 5_000, currency: "eur", senderName: "Max", senderAccountNumber: "DE75512108001245126199" })).transfer!;
    const bea = must(w.ledger.addClient({ type: "individual", email: "b@example.com", phone: null, firstName: "Bea", lastName: "Brandt", companyName: null, country: "DE" })).id;
    // The client's own transfer, waiting for its code.
    const { send } = sender("manual", 0, 0, w);
    const waiting = send(100);
    const before = exported(w.ledger);
    const missing = (clientId: string, fileName: string) => {
      const result = w.ledger.transferDocument(clientId, fileName);
      expect(result, fileName).toEqual({ ok: false, error: { code: "documentNotFound", message: `Client ${clientId} has no document ${fileName}` } });
    };
    for (const fileName of [`${done.id}.PDF`, `${done.id}.pdf.txt`, `${done.id}xpdf`, `${done.id}_pdf`, `x${done.id}.pdf`, `${done.id}`, `${done.id.slice(1)}.pdf`, "00000000-0000-4000-8000-0000000000ff.pdf", `${stray.id}.pdf`, `${waiting.id}.pdf`]) missing(w.clientId, fileName);
    missing(bea, `${done.id}.pdf`);
    expect(codeOf(w.ledger.transferDocument("00000000-0000-4000-8000-0000000000ee", `${done.id}.pdf`))).toBe("clientNotFound");
    expect(exported(w.ledger)).toBe(before);
    expect(codeOf(w.ledger.transferDocument(w.clientId, `${done.id}.pdf`))).toBe("ok");
  });
});

describe("what a snapshot import checks of the orchestrator's part", () => {
  /** Transfers of every kind (outgoing with a recipient, fx, an internal one with its receiving side, incoming) and a processed request. */
  function richWorld() {
    const { w, from, send } = sender("manual");
    const done = send(100);
    must(w.ledger.confirmTransfer(w.clientId, done.id, "000000"));
    must(w.ledger.executeTransfer(done.id));
    const usd = w.account("usd");
    w.account("eur", 0, "fx");
    w.account("usd", 1_000_000, "fx");
    const fx = must(w.ledger.createFxTransfer({ clientId: w.clientId, accountId: from.id, targetAccountId: usd.id, amountMinor: 1_000, currency: "eur", targetCurrency: "usd" }));
    const bea = must(w.ledger.addClient({ type: "individual", email: "b@example.com", phone: null, firstName: "Bea", lastName: "Brandt", companyName: null, country: "DE" })).id;
    const beas = must(w.ledger.createAccount({ clientId: bea, currency: "eur", type: "client" }));
    const toBea = must(w.ledger.addRecipient(w.clientId, { name: "Bea", accountNumber: beas.accountNumber, country: "DE", currency: "eur" }, true)).id;
    const internal = must(w.ledger.createOutgoingTransfer({ clientId: w.clientId, accountId: from.id, recipientId: toBea, amountMinor: 300, currency: "eur" }, "frontOffice"));
    must(w.ledger.confirmTransfer(w.clientId, internal.id, "000000"));
    must(w.ledger.executeTransfer(internal.id));
    const { request } = must(w.ledger.receiveIncoming({ recipientAccountNumber: "FL0000000000", amountMinor: 5_000, currency: "eur", senderName: "Max", senderAccountNumber: "DE75512108001245126199" }));
    const snapshot = JSON.parse(JSON.stringify(w.ledger.exportState())) as LedgerSnapshot;
    const at = (id: string) => snapshot.transfers!.findIndex((t) => t.id === id);
    return { w, snapshot, done: at(done.id), fx: at(fx.id), internal: at(internal.id), receiving: snapshot.transfers!.length - 2, incoming: snapshot.transfers!.length - 1, request, beas, usd, internalId: internal.id };
  }

  type Rich = ReturnType<typeof richWorld>;
  type Tx = NonNullable<LedgerSnapshot["transfers"]>[number];
  type Rq = NonNullable<LedgerSnapshot["incomingRequests"]>[number];

  /** The message an import of the changed snapshot throws, or "ok". */
  function importing(r: Rich, change: (s: LedgerSnapshot) => void): string {
    const s = structuredClone(r.snapshot);
    change(s);
    try {
      importLedger(s, { clock: r.w.clock, ids: createSeededIds(1) });
      return "ok";
    } catch (error) {
      return (error as Error).message;
    }
  }

  it("exports no lists while there are none, but always the rates and the processing mode", () => {
    const w = makeWorld();
    const snapshot = w.ledger.exportState();
    expect(["transfers" in snapshot, "incomingRequests" in snapshot]).toEqual([false, false]);
    expect(snapshot.fxRates).toEqual(w.ledger.fxRates());
    expect(snapshot.transferProcessing).toEqual({ mode: "auto", processingDelayMs: 0, completionDelayMs: 10_000 });
    must(w.ledger.receiveIncoming({ recipientAccountNumber: "FL0000000000", amountMinor: 1, currency: "eur", senderName: "Max", senderAccountNumber: "DE75512108001245126199", outcome: "pending" }));
    expect(["transfers" in w.ledger.exportState(), w.ledger.exportState().incomingRequests?.length]).toEqual([false, 1]);
  });

  it("reads a snapshot without the orchestrator's part with the defaults, and round-trips a rich one", () => {
    const r = richWorld();
    const old = structuredClone(r.snapshot);
    delete old.transfers;
    delete old.incomingRequests;
    delete old.fxRates;
    delete old.transferProcessing;
    const restored = importLedger(old, { clock: r.w.clock, ids: createSeededIds(1) }).exportState();
    expect([restored.transfers, restored.incomingRequests, restored.transferProcessing, restored.fxRates]).toEqual([undefined, undefined, makeWorld().ledger.exportState().transferProcessing, makeWorld().ledger.fxRates()]);
    expect(JSON.stringify(importLedger(structuredClone(r.snapshot), { clock: r.w.clock, ids: createSeededIds(1) }).exportState())).toBe(JSON.stringify(r.snapshot));
  });

  it("keeps no hold on the snapshot it read: changing it afterwards changes nothing", () => {
    const r = richWorld();
    const input = structuredClone(r.snapshot);
    const restored = importLedger(input, { clock: r.w.clock, ids: createSeededIds(1) });
    const before = exported(restored);
    input.incomingRequests![0]!.status = "pending";
    input.transfers![r.done]!.status = "failed";
    expect(exported(restored)).toBe(before);
  });

  it("gives a payment an internal transfer and its receiving side share to the sending transfer", () => {
    const r = richWorld();
    const sending = r.snapshot.transfers![r.internal]!;
    const receiving = r.snapshot.transfers![r.receiving]!;
    expect([receiving.direction, receiving.paymentIds]).toEqual(["incoming", sending.paymentIds]);
    const restored = importLedger(structuredClone(r.snapshot), { clock: r.w.clock, ids: createSeededIds(1) });
    for (const ledger of [r.w.ledger, restored]) {
      const refused = ledger.cancelPayments({ paymentIds: sending.paymentIds });
      expect(refused.ok ? "ok" : refused.error.message).toMatch(`belongs to transfer ${r.internalId};`);
    }
  });

  it("refuses the rates and the processing mode with what is wrong", () => {
    const r = richWorld();
    expect(importing(r, (s) => (s.fxRates![0]!.perBaseMicros = 0))).toBe("invalid ledger snapshot: fxRates rates[0].rate: rate must be positive, at most 1000000, with at most 6 decimals");
    expect(importing(r, (s) => s.fxRates!.pop())).toBe("invalid ledger snapshot: fxRates must list the ten currencies");
    expect(importing(r, (s) => (s.transferProcessing!.mode = "sometimes" as "auto"))).toBe("invalid ledger snapshot: transferProcessing has a bad mode: mode must be auto or manual");
  });

  it("refuses lists that are not arrays of objects", () => {
    const r = richWorld();
    for (const list of ["transfers", "incomingRequests"] as const) {
      for (const value of ["x", [5], [null], [[]]]) {
        expect(importing(r, (s) => ((s as unknown as Record<string, unknown>)[list] = value)), `${list} ${JSON.stringify(value)}`).toBe(`invalid ledger snapshot: ${list} must be an array of objects`);
      }
    }
  });

  it("refuses a transfer naming its id and each problem", () => {
    const r = richWorld();
    const cases: [number, (t: Tx, s: LedgerSnapshot) => void, string][] = [
      [r.done, (t) => (t.direction = "sideways" as Tx["direction"]), "has an unknown direction, type or status"],
      [r.done, (t) => (t.type = "wire" as Tx["type"]), "has an unknown direction, type or status"],
      [r.done, (t) => (t.status = "lost" as Tx["status"]), "has an unknown direction, type or status"],
      [r.done, (t) => (t.statusReason = 5 as unknown as string), "has a statusReason or counterparty that is neither a string nor null"],
      [r.done, (t) => (t.counterpartyName = 5 as unknown as string), "has a statusReason or counterparty that is neither a string nor null"],
      [r.done, (t) => (t.counterpartyAccountNumber = 5 as unknown as string), "has a statusReason or counterparty that is neither a string nor null"],
      [r.done, (t) => (t.clientId = "00000000-0000-4000-8000-0000000000aa"), "names a client that does not exist"],
      [r.done, (t) => (t.accountId = "00000000-0000-4000-8000-0000000000aa"), "has a accountId that names no client account"],
      [r.done, (t, s) => (t.accountId = s.accounts.find((a) => a.type === "treasury")!.id), "has a accountId that names no client account"],
      [r.fx, (t, s) => (t.targetAccountId = s.accounts.find((a) => a.type === "fx")!.id), "has a targetAccountId that names no client account"],
      [r.done, (t) => (t.creditAccountId = "00000000-0000-4000-8000-0000000000aa"), "has a creditAccountId that names no client account"],
      [r.done, (t) => (t.accountId = r.beas.id), "has an account of another client"],
      [r.done, (t) => (t.recipientId = "00000000-0000-4000-8000-0000000000aa"), "names a recipient that does not exist"],
      [r.done, (t) => (t.amountMinor = 0), "has a bad amountMinor or currency"],
      [r.done, (t) => (t.currency = "xyz" as Tx["currency"]), "has a bad amountMinor or currency"],
      [r.done, (t) => (t.feeMinor = 0), "has a bad feeMinor or targetAmountMinor"],
      [r.fx, (t) => (t.targetAmountMinor = 1.5), "has a bad feeMinor or targetAmountMinor"],
      [r.fx, (t) => (t.targetCurrency = "xyz" as Tx["currency"]), "has a bad targetCurrency or rateMicros"],
      [r.fx, (t) => (t.rateMicros = 0), "has a bad targetCurrency or rateMicros"],
      [r.fx, (t) => (t.rateMicros = 1.5), "has a bad targetCurrency or rateMicros"],
      [r.done, (t) => (t.reference = "r".repeat(141)), "has a reference that is not a string of at most 140 characters"],
      [r.done, (t) => (t.reference = 5 as unknown as string), "has a reference that is not a string of at most 140 characters"],
      [r.done, (t) => (t.paymentRequestId = "AAAAAAAA-0000-4000-8000-000000000001"), "has a paymentRequestId that is not a lower-case uuid"],
      [r.done, (t) => (t.paymentRequestId = "request-1"), "has a paymentRequestId that is not a lower-case uuid"],
      [r.done, (t) => (t.paymentIds = t.paymentIds[0] as unknown as string[]), "names a payment that does not exist"],
      [r.done, (t) => (t.paymentIds = [5 as unknown as string]), "names a payment that does not exist"],
      [r.done, (t) => (t.createdAt = 1.5), "has a time that is not epoch ms"],
      [r.done, (t) => (t.completedAt = 1.5), "has a time that is not epoch ms"],
      [r.done, (t) => (t.codeExpiresAt = "soon" as unknown as number), "has a time that is not epoch ms"],
      [r.done, (t) => (t.dueAt = 1.5), "has a time that is not epoch ms"],
      [r.done, (t) => (t.nextStep = "process"), "has a nextStep without a dueAt or the other way round"],
      [r.done, (t) => (t.dueAt = T0), "has a nextStep without a dueAt or the other way round"],
      [r.done, (t) => ((t.nextStep = "later" as Tx["nextStep"]), (t.dueAt = T0)), "has a nextStep without a dueAt or the other way round"],
    ];
    for (const [index, change, problem] of cases) {
      const id = r.snapshot.transfers![index]!.id;
      expect(importing(r, (s) => change(s.transfers![index]!, s)), problem).toBe(`invalid ledger snapshot: transfer ${id} ${problem}`);
    }
    const done = r.snapshot.transfers![r.done]!;
    expect(importing(r, (s) => (s.transfers![r.done]!.status = "processing"))).toBe(`invalid ledger snapshot: transfer ${done.id} is processing but its payment ${done.paymentIds[0]} is posted, not pending`);
    expect(importing(r, (s) => (s.transfers![r.done]!.id = "transfer-1"))).toBe("invalid ledger snapshot: transfer transfer-1 has no lower-case uuid id or is duplicated");
    const upper = r.snapshot.transfers![r.done]!.id.toUpperCase();
    expect(importing(r, (s) => (s.transfers![r.done]!.id = upper))).toBe(`invalid ledger snapshot: transfer ${upper} has no lower-case uuid id or is duplicated`);
    expect(importing(r, (s) => s.transfers!.push(s.transfers![r.done]!))).toBe(`invalid ledger snapshot: transfer ${r.snapshot.transfers![r.done]!.id} has no lower-case uuid id or is duplicated`);
  });

  it("takes what a transfer may hold at its limits", () => {
    const r = richWorld();
    const fine: ((t: Tx) => void)[] = [
      (t) => (t.reference = "r".repeat(140)),
      (t) => (t.paymentRequestId = "aaaaaaaa-0000-4000-8000-000000000001"),
      (t) => ((t.statusReason = "why"), (t.counterpartyName = null), (t.counterpartyAccountNumber = null)),
      (t) => ((t.feeMinor = 1), (t.targetAmountMinor = 1), (t.targetCurrency = "usd"), (t.rateMicros = 1)),
      (t) => ((t.clientId = null), (t.accountId = null), (t.recipientId = null)),
      (t) => (t.creditAccountId = r.beas.id),
      (t) => ((t.codeExpiresAt = T0), (t.completedAt = null)),
    ];
    for (const change of fine) expect(importing(r, (s) => change(s.transfers![r.done]!))).toBe("ok");
  });

  it("refuses an incoming request naming its id and each problem", () => {
    const r = richWorld();
    const id = r.request.id;
    const cases: [(q: Rq, s: LedgerSnapshot) => void, string][] = [
      [(q) => (q.status = "lost" as Rq["status"]), "has a bad status, amountMinor or currency"],
      [(q) => (q.amountMinor = 0), "has a bad status, amountMinor or currency"],
      [(q) => (q.currency = "xyz" as Rq["currency"]), "has a bad status, amountMinor or currency"],
      [(q) => (q.senderName = 5 as unknown as string), "has a sender, recipient or reference that is not a string"],
      [(q) => (q.senderAccountNumber = null as unknown as string), "has a sender, recipient or reference that is not a string"],
      [(q) => (q.recipientAccountNumber = 5 as unknown as string), "has a sender, recipient or reference that is not a string"],
      [(q) => (q.reference = null as unknown as string), "has a sender, recipient or reference that is not a string"],
      [(q, s) => (q.transferId = s.transfers![r.done]!.id), "names no incoming transfer, or is processed without one"],
      [(q) => (q.transferId = "00000000-0000-4000-8000-0000000000aa"), "names no incoming transfer, or is processed without one"],
      [(q) => (q.transferId = null), "names no incoming transfer, or is processed without one"],
      [(q) => (q.status = "pending"), "names no incoming transfer, or is processed without one"],
      [(q) => (q.error = 5 as unknown as string), "has a bad error or time"],
      [(q) => (q.receivedAt = 1.5), "has a bad error or time"],
      [(q) => (q.processedAt = "later" as unknown as number), "has a bad error or time"],
    ];
    for (const [change, problem] of cases) expect(importing(r, (s) => change(s.incomingRequests![0]!, s)), problem).toBe(`invalid ledger snapshot: incoming request ${id} ${problem}`);
    expect(importing(r, (s) => (s.incomingRequests![0]!.id = id.toUpperCase()))).toBe(`invalid ledger snapshot: incoming request ${id.toUpperCase()} has no lower-case uuid id or is duplicated`);
    expect(importing(r, (s) => (s.incomingRequests![0]!.id = "request-1"))).toBe("invalid ledger snapshot: incoming request request-1 has no lower-case uuid id or is duplicated");
    expect(importing(r, (s) => s.incomingRequests!.push(s.incomingRequests![0]!))).toBe(`invalid ledger snapshot: incoming request ${id} has no lower-case uuid id or is duplicated`);
    // A pending request has no transfer; any request may carry an error and lack a processing time.
    expect(importing(r, (s) => Object.assign(s.incomingRequests![0]!, { status: "pending", transferId: null, processedAt: null }))).toBe("ok");
    expect(importing(r, (s) => Object.assign(s.incomingRequests![0]!, { status: "failed", transferId: null, error: "e" }))).toBe("ok");
    expect(importing(r, (s) => (s.incomingRequests![0]!.transferId = s.transfers![r.receiving]!.id))).toBe("ok");
  });
});
