/**
 * Transfers, incoming requests, the rate table and the processing mode in a ledger snapshot: exported as the
 * core holds them, and checked record by record on import the way the orchestrator would have built them.
 */
import { LedgerInvariantError } from "../errors.js";
import { listFxRates, restoreFxRates } from "./fx.js";
import type { FxRate } from "./fx.js";
import { isUuid } from "../ids.js";
import { isValidAmountMinor } from "../money.js";
import type { LedgerState } from "../state.js";
import { assertTransfer, MAX_TRANSFER_REFERENCE_LENGTH, setTransferProcessing, transferView } from "./outgoing.js";
import { INCOMING_REQUEST_STATUSES, TRANSFER_DIRECTIONS, TRANSFER_STATUSES, TRANSFER_TYPES } from "../types.js";
import type { IncomingRequest, Transfer, TransferProcessing } from "../types.js";
import { isCurrency } from "../validate.js";

/** What a snapshot carries of the TransferOrchestrator; every part is optional (older snapshots lack them). */
export interface TransferSnapshot {
  transfers?: Transfer[];
  incomingRequests?: IncomingRequest[];
  fxRates?: FxRate[];
  transferProcessing?: TransferProcessing;
}

/** The orchestrator's part of a snapshot; lists left out when empty. */
export function exportTransfers(state: LedgerState): TransferSnapshot {
  return {
    ...(state.transfers.size > 0 && { transfers: [...state.transfers.values()].map(transferView) }),
    ...(state.incomingRequests.size > 0 && { incomingRequests: [...state.incomingRequests.values()].map((r) => ({ ...r })) }),
    fxRates: listFxRates(state),
    transferProcessing: { ...state.transferProcessing },
  };
}

/** Restores the orchestrator's part after clients, accounts, payments and recipients; calls `bad` with what is wrong. */
export function importTransfers(state: LedgerState, snapshot: TransferSnapshot, bad: (why: string) => never): void {
  if (snapshot.fxRates !== undefined) {
    const problem = restoreFxRates(state, snapshot.fxRates);
    if (problem !== undefined) bad(`fxRates ${problem}`);
  }
  if (snapshot.transferProcessing !== undefined) {
    const set = setTransferProcessing(state, snapshot.transferProcessing);
    if (!set.ok) bad(`transferProcessing has a bad ${set.error.field}: ${set.error.message}`);
  }
  for (const list of ["transfers", "incomingRequests"] as const) {
    const value = snapshot[list];
    if (value !== undefined && (!Array.isArray(value) || !value.every((r) => typeof r === "object" && r !== null && !Array.isArray(r)))) bad(`${list} must be an array of objects`);
  }
  for (const t of snapshot.transfers ?? []) {
    const problem = transferProblem(state, t);
    if (problem !== undefined) bad(`transfer ${String(t.id)} ${problem}`);
    const record = transferView(t);
    state.transfers.set(record.id, record);
    // The first transfer to name a payment owns it (an internal transfer's receiving side names its sender's).
    for (const id of record.paymentIds) if (!state.transferOfPayment.has(id)) state.transferOfPayment.set(id, record.id);
    if (record.dueAt !== null) state.scheduledTransfers.add(record);
    try {
      assertTransfer(state, record);
    } catch (error) {
      bad(error instanceof LedgerInvariantError ? error.message : String(error));
    }
  }
  for (const r of snapshot.incomingRequests ?? []) {
    const problem = requestProblem(state, r);
    if (problem !== undefined) bad(`incoming request ${String(r.id)} ${problem}`);
    state.incomingRequests.set(r.id, { ...r });
  }
}

function transferProblem(state: LedgerState, t: Transfer): string | undefined {
  if (!isStoredId(t.id) || state.transfers.has(t.id)) return "has no lower-case uuid id or is duplicated";
  if (!oneOf(TRANSFER_DIRECTIONS, t.direction) || !oneOf(TRANSFER_TYPES, t.type) || !oneOf(TRANSFER_STATUSES, t.status)) return "has an unknown direction, type or status";
  if (!isTextOrNull(t.statusReason) || !isTextOrNull(t.counterpartyName) || !isTextOrNull(t.counterpartyAccountNumber)) return "has a statusReason or counterparty that is neither a string nor null";
  if (!(t.clientId === null || state.clients.has(t.clientId))) return "names a client that does not exist";
  for (const field of ["accountId", "targetAccountId", "creditAccountId"] as const) {
    const id = t[field];
    if (!(id === null || state.accounts.get(id)?.type === "client")) return `has a ${field} that names no client account`;
  }
  if (t.accountId !== null && state.accounts.get(t.accountId)!.clientId !== t.clientId) return "has an account of another client";
  if (!(t.recipientId === null || state.recipients.has(t.recipientId))) return "names a recipient that does not exist";
  if (!isValidAmountMinor(t.amountMinor) || !isCurrency(t.currency)) return "has a bad amountMinor or currency";
  if (!(t.feeMinor === null || isValidAmountMinor(t.feeMinor)) || !(t.targetAmountMinor === null || isValidAmountMinor(t.targetAmountMinor))) return "has a bad feeMinor or targetAmountMinor";
  if (!(t.targetCurrency === null || isCurrency(t.targetCurrency)) || !(t.rateMicros === null || (Number.isSafeInteger(t.rateMicros) && t.rateMicros > 0))) return "has a bad targetCurrency or rateMicros";
  if (typeof t.reference !== "string" || t.reference.length > MAX_TRANSFER_REFERENCE_LENGTH) return "has a reference that is not a string of at most 140 characters";
  if (!(t.paymentRequestId === null || isStoredId(t.paymentRequestId))) return "has a paymentRequestId that is not a lower-case uuid";
  if (!Array.isArray(t.paymentIds) || !t.paymentIds.every((id) => typeof id === "string" && state.payments.has(id))) return "names a payment that does not exist";
  if (!isTime(t.createdAt) || !isTimeOrNull(t.completedAt) || !isTimeOrNull(t.codeExpiresAt) || !isTimeOrNull(t.dueAt)) return "has a time that is not epoch ms";
  if (!(t.nextStep === null || t.nextStep === "process" || t.nextStep === "complete") || (t.nextStep === null) !== (t.dueAt === null)) return "has a nextStep without a dueAt or the other way round";
  return undefined;
}

function requestProblem(state: LedgerState, r: IncomingRequest): string | undefined {
  if (!isStoredId(r.id) || state.incomingRequests.has(r.id)) return "has no lower-case uuid id or is duplicated";
  if (!oneOf(INCOMING_REQUEST_STATUSES, r.status) || !isValidAmountMinor(r.amountMinor) || !isCurrency(r.currency)) return "has a bad status, amountMinor or currency";
  if (![r.senderName, r.senderAccountNumber, r.recipientAccountNumber, r.reference].every((v) => typeof v === "string")) return "has a sender, recipient or reference that is not a string";
  if (!(r.transferId === null || state.transfers.get(r.transferId)?.direction === "incoming") || (r.status === "processed") !== (r.transferId !== null)) return "names no incoming transfer, or is processed without one";
  if (!isTextOrNull(r.error) || !isTime(r.receivedAt) || !isTimeOrNull(r.processedAt)) return "has a bad error or time";
  return undefined;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

function isStoredId(value: unknown): value is string {
  return isUuid(value) && value === value.toLowerCase();
}

function isTextOrNull(value: unknown): boolean {
  return value === null || typeof value === "string";
}

function isTime(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isTimeOrNull(value: unknown): value is number | null {
  return value === null || Number.isSafeInteger(value);
}
