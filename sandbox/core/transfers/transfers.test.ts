import { describe, expect, it } from "vitest";
import { convertMinor } from "./fx.js";
import { createSeededIds } from "../ids.js";
import { importLedger } from "../ledger.js";
import type { Ledger } from "../ledger.js";
import { divideHalfEven } from "../money.js";
import { balancesOf, codeOf, makeWorld, must, T0 } from "../test-helpers.js";
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

function exported(ledger: Ledger): string {
  return JSON.stringify(ledger.exportState());
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
    for (const fileName of [`${done.id}.PDF`, `${done.id}.pdf.txt`, `x${done.id}.pdf`, `${done.id}`, `${done.id.slice(1)}.pdf`, "00000000-0000-4000-8000-0000000000ff.pdf", `${stray.id}.pdf`, `${waiting.id}.pdf`]) missing(w.clientId, fileName);
    missing(bea, `${done.id}.pdf`);
    expect(codeOf(w.ledger.transferDocument("00000000-0000-4000-8000-0000000000ee", `${done.id}.pdf`))).toBe("clientNotFound");
    expect(exported(w.ledger)).toBe(before);
    expect(codeOf(w.ledger.transferDocument(w.clientId, `${done.id}.pdf`))).toBe("ok");
  });
});
