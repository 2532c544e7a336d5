/**
 * Money arriving from outside (docs/domain/transfers.md#incoming-transfers): the payment network's requests, the
 * incoming transfers processing makes of them, and the assignment of an unrecognized one. An incoming transfer
 * credits the client from the currency's treasury account, capped by the client's plan; one that names no
 * usable account waits, `unrecognized`, until the bank assigns it.
 */
import { activeTreasury, fundFromTreasury, TREASURY_FIELD } from "../treasury.js";
import { findClient } from "../clients.js";
import { fail, invalid, ok } from "../errors.js";
import { isValidAmountMinor } from "../money.js";
import { paginate } from "../paging.js";
import { getById } from "../refs.js";
import { freshUuid, readClock } from "../state.js";
import type { LedgerState } from "../state.js";
import { bankAccountOf, externalTypeOf } from "./rules.js";
import { assertTransfer, findTransfer, MAX_TRANSFER_REFERENCE_LENGTH, newTransfer, transferView } from "./outgoing.js";
import type { Currency, IncomingRequest, IncomingRequestStatus, Page, Paged, Result, Transfer } from "../types.js";
import { isCurrency } from "../validate.js";

/** What a failed request says when the simulation gives no reason. */
export const DEFAULT_INCOMING_ERROR = "Processing timed out at the payment network.";
/** An account number or IBAN as the network sends it. */
const ACCOUNT_NUMBER = /^[A-Z0-9]{5,34}$/;

/** A payment the network announces for an account at this bank. */
export interface IncomingInput {
  recipientAccountNumber: string;
  amountMinor: number;
  currency: Currency;
  senderName: string;
  senderAccountNumber: string;
  reference?: string;
  /** `processed` (default): processed on arrival; `pending`: left for processing by hand; `failed`: automatic processing failed. */
  outcome?: "processed" | "pending" | "failed";
  /** Why it failed (`failed` only). */
  error?: string;
}

/** Filters of the incoming request list. */
export interface IncomingRequestFilter {
  status?: IncomingRequestStatus;
  currency?: Currency;
  fromAt?: number;
  toAt?: number;
}

/** Receives a request from the network and, unless told otherwise, processes it at once. */
export function receiveIncoming(state: LedgerState, input: IncomingInput): Result<{ request: IncomingRequest; transfer: Transfer | null }> {
  const problem = inputProblem(input);
  if (problem !== undefined) return problem;
  const outcome = input.outcome ?? "processed";
  if (outcome !== "processed" && outcome !== "pending" && outcome !== "failed") return invalid("outcome", "outcome must be processed, pending or failed");
  if (input.error !== undefined && (outcome !== "failed" || typeof input.error !== "string" || input.error.length === 0 || input.error.length > MAX_TRANSFER_REFERENCE_LENGTH)) {
    return invalid("error", `error is 1-${MAX_TRANSFER_REFERENCE_LENGTH} characters, for a failed request only`);
  }
  if (outcome === "processed") {
    const missing = treasuryProblem(state, input.currency);
    if (missing !== undefined) return missing;
  }
  const at = readClock(state);
  const request: IncomingRequest = {
    id: freshUuid(state, state.incomingRequests),
    status: outcome === "failed" ? "failed" : "pending",
    amountMinor: input.amountMinor,
    currency: input.currency,
    senderName: input.senderName,
    senderAccountNumber: input.senderAccountNumber,
    recipientAccountNumber: input.recipientAccountNumber,
    reference: input.reference ?? "",
    transferId: null,
    error: outcome === "failed" ? (input.error ?? DEFAULT_INCOMING_ERROR) : null,
    receivedAt: at,
    processedAt: null,
  };
  state.incomingRequests.set(request.id, request);
  const transfer = outcome === "processed" ? process(state, request, at) : null;
  return ok({ request: { ...request }, transfer: transfer && transferView(transfer) });
}

/** Processes a pending or failed request by hand (System route). */
export function processIncomingRequest(state: LedgerState, requestId: string): Result<IncomingRequest> {
  const request = getById(state.incomingRequests, requestId);
  if (request === undefined) return fail("incomingRequestNotFound", `Incoming request ${requestId} was not found`);
  if (request.status === "processed") return fail("invalidStateTransition", `Incoming request ${request.id} is processed already (transfer ${request.transferId})`);
  const missing = treasuryProblem(state, request.currency);
  if (missing !== undefined) return missing;
  process(state, request, readClock(state));
  return ok({ ...request });
}

/** Credits an unrecognized incoming transfer to a client's account (System route). */
export function assignIncoming(state: LedgerState, transferId: string, clientId: string, accountId: string): Result<Transfer> {
  const found = findTransfer(state, transferId, { directions: ["incoming"] });
  if (!found.ok) return found;
  const t = found.value;
  if (t.status !== "unrecognized") return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; only an unrecognized transfer is assigned`);
  const client = findClient(state, clientId);
  if (!client.ok) return client;
  const account = getById(state.accounts, accountId);
  if (account === undefined || account.clientId !== client.value.id) return fail("accountNotFound", `Account ${accountId} is not an account of client ${client.value.id}`, "accountId");
  if (account.currency !== t.currency) return fail("currencyMismatch", `Account ${account.id} holds ${account.currency}, the transfer is in ${t.currency}`, "accountId");
  const funded = fundFromTreasury(state, { accountId: account.id, amountMinor: t.amountMinor, parentType: "transfer", parentId: t.id });
  if (!funded.ok) return funded;
  t.clientId = client.value.id;
  t.accountId = account.id;
  complete(state, t, funded.value.id, readClock(state));
  return ok(transferView(t));
}

/** One page of the requests matching the filter, newest first. */
export function listIncomingRequests(state: LedgerState, filter: IncomingRequestFilter, page: Page): Result<Paged<IncomingRequest>> {
  if (filter.fromAt !== undefined && filter.toAt !== undefined && filter.fromAt > filter.toAt) return invalid("fromDate", "fromDate must not be after toDate");
  const matches = [...state.incomingRequests.values()].filter(
    (r) =>
      (filter.status === undefined || r.status === filter.status) &&
      (filter.currency === undefined || r.currency === filter.currency) &&
      (filter.fromAt === undefined || r.receivedAt >= filter.fromAt) &&
      (filter.toAt === undefined || r.receivedAt < filter.toAt),
  );
  matches.reverse().sort((x, y) => y.receivedAt - x.receivedAt);
  return ok(paginate(matches, page, (r) => ({ ...r })));
}

/**
 * Makes the incoming transfer of a request: `completed` and credited when it names an active client account
 * in its currency (`rejected` when that would pass the client's plan cap), else `unrecognized`.
 */
function process(state: LedgerState, request: IncomingRequest, at: number): Transfer {
  const account = bankAccountOf(state, request.recipientAccountNumber);
  const t = newTransfer(state, at, {
    direction: "incoming",
    type: externalTypeOf(request.senderAccountNumber, request.currency),
    status: "unrecognized",
    counterpartyName: request.senderName,
    counterpartyAccountNumber: request.senderAccountNumber,
    amountMinor: request.amountMinor,
    currency: request.currency,
    reference: request.reference,
  });
  state.transfers.set(t.id, t);
  Object.assign(request, { status: "processed", transferId: t.id, error: null, processedAt: at });
  if (account === undefined) t.statusReason = "recipientAccountNotFound";
  else if (account.currency !== request.currency) t.statusReason = "currencyMismatch";
  else {
    // The one treasury-funding rule, checked before it changes anything: a refusal leaves the transfer unbooked.
    const funded = fundFromTreasury(state, { accountId: account.id, amountMinor: request.amountMinor, parentType: "transfer", parentId: t.id });
    if (funded.ok) {
      t.clientId = account.clientId;
      t.accountId = account.id;
      complete(state, t, funded.value.id, at);
    } else if (funded.error.code === "incomingLimitExceeded") {
      Object.assign(t, { status: "rejected", statusReason: funded.error.code, clientId: account.clientId, accountId: account.id });
    } else {
      t.statusReason = funded.error.code;
    }
  }
  assertTransfer(state, t);
  return t;
}

/** Completes a transfer whose credit was booked: it owns the payment from then on. */
function complete(state: LedgerState, t: Transfer, paymentId: string, at: number): void {
  t.paymentIds.push(paymentId);
  state.transferOfPayment.set(paymentId, t.id);
  t.status = "completed";
  t.statusReason = null;
  t.completedAt = at;
  assertTransfer(state, t);
}

function treasuryProblem(state: LedgerState, currency: Currency): Result<never> | undefined {
  return activeTreasury(state, currency) === undefined ? fail("accountNotFound", `No active treasury account holds ${currency}: money from outside arrives through it`, TREASURY_FIELD) : undefined;
}

function inputProblem(input: IncomingInput): Result<never> | undefined {
  if (!isValidAmountMinor(input.amountMinor)) return invalid("amount", "amount must be greater than 0, at most 1e13, with at most 2 decimals");
  if (!isCurrency(input.currency)) return invalid("currency", "currency must be one of the ten currencies");
  for (const field of ["recipientAccountNumber", "senderAccountNumber"] as const) {
    if (typeof input[field] !== "string" || !ACCOUNT_NUMBER.test(input[field])) return invalid(field, `${field} must be 5-34 upper-case letters and digits`);
  }
  if (typeof input.senderName !== "string" || input.senderName.length === 0 || input.senderName.length > MAX_TRANSFER_REFERENCE_LENGTH) {
    return invalid("senderName", `senderName must be 1-${MAX_TRANSFER_REFERENCE_LENGTH} characters`);
  }
  if (input.reference !== undefined && (typeof input.reference !== "string" || input.reference.length > MAX_TRANSFER_REFERENCE_LENGTH)) {
    return invalid("reference", `reference must be at most ${MAX_TRANSFER_REFERENCE_LENGTH} characters`);
  }
  return undefined;
}
