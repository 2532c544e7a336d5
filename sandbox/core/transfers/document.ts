/**
 * Transfer documents (docs/domain/transfers.md#documents): the payment confirmation of a completed transfer, a
 * one-page PDF named `<transferId>.pdf`, made from the transfer whenever it is asked for (the same bytes each
 * time, nothing stored).
 */
import { fail, ok } from "../errors.js";
import { formatMinor } from "../money.js";
import { findClient } from "../clients.js";
import type { LedgerState } from "../state.js";
import { clientName, findTransfer } from "./outgoing.js";
import type { Result, Transfer } from "../types.js";

/** The file name of a transfer's payment confirmation. */
const CONFIRMATION_FILE = /^([0-9a-fA-F-]{36})\.pdf$/;

/** A document as a download answers it. */
export interface TransferDocument {
  fileName: string;
  contentType: "application/pdf";
  bytes: Uint8Array<ArrayBuffer>;
}

/** One of the client's transfer documents by file name; anything else (another client's, not completed) is documentNotFound. */
export function transferDocument(state: LedgerState, clientId: string, fileName: string): Result<TransferDocument> {
  const client = findClient(state, clientId);
  if (!client.ok) return client;
  const id = CONFIRMATION_FILE.exec(fileName)?.[1];
  const found = id === undefined ? undefined : findTransfer(state, id, { clientId: client.value.id });
  if (found === undefined || !found.ok || found.value.status !== "completed") return fail("documentNotFound", `Client ${client.value.id} has no document ${fileName}`);
  return ok({ fileName: `${found.value.id}.pdf`, contentType: "application/pdf", bytes: confirmationPdf(state, found.value) });
}

/** The lines of a payment confirmation. */
function confirmationLines(state: LedgerState, t: Transfer): string[] {
  const client = state.clients.get(t.clientId!)!;
  const account = t.accountId === null ? undefined : state.accounts.get(t.accountId);
  const lines = [
    "FinLego Sandbox - Payment confirmation",
    "",
    `Transfer: ${t.id}`,
    `Direction: ${t.direction} (${t.type})`,
    `Client: ${clientName(client)}`,
    `Account: ${account?.accountNumber ?? "-"}`,
    `Counterparty: ${t.counterpartyName ?? "-"} ${t.counterpartyAccountNumber ?? ""}`.trimEnd(),
    `Amount: ${formatMinor(t.amountMinor, t.currency)}`,
  ];
  if (t.feeMinor !== null) lines.push(`Fee: ${formatMinor(t.feeMinor, t.currency)}`);
  if (t.targetAmountMinor !== null && t.targetCurrency !== null) lines.push(`Credited: ${formatMinor(t.targetAmountMinor, t.targetCurrency)} at ${t.rateMicros! / 1_000_000}`);
  lines.push(`Reference: ${t.reference || "-"}`, `Created: ${new Date(t.createdAt).toISOString()}`, `Completed: ${new Date(t.completedAt!).toISOString()}`, `Ledger payments: ${t.paymentIds.join(", ") || "-"}`);
  lines.push("", "Issued by the finlego-sandbox offline twin of the FinLego API; not a bank document.");
  return lines;
}

/** A one-page PDF 1.4 of text lines in Helvetica, with an exact cross-reference table. */
function confirmationPdf(state: LedgerState, t: Transfer): Uint8Array<ArrayBuffer> {
  const text = confirmationLines(state, t)
    .map((line, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 56 ${780 - i * 20} Td (${pdfString(line)}) Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character is ASCII (pdfString replaces the rest), so string offsets are byte offsets.
  const bytes = new Uint8Array(new ArrayBuffer(out.length));
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i);
  return bytes;
}

/** Text as a PDF literal string: backslashes and parentheses escaped, anything outside printable ASCII as `?`. */
function pdfString(line: string): string {
  return line.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (c) => `\\${c}`);
}
