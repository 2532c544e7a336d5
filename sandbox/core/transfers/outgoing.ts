/**
 * TransferOrchestrator: outgoing transfers and their lifecycle over the ledger (docs/domain/transfers.md#transfers).
 * A transfer owns one GeneralLedger payment (`parentType` transfer, `parentId` the transfer's id, or the payment
 * request's): drafted when the transfer is created, pended (funds held) when it is confirmed, posted when it
 * completes and canceled (hold released) when it is canceled, fails or is rejected. Every change here goes
 * through the ledger's own checks first, so a refused request changes nothing, and ends by asserting that the
 * transfer's status and its payment's state agree.
 */
import { activeSystemAccount, TREASURY_FIELD } from "../treasury.js";
import { bookPayment, checkBooking } from "../bookings.js";
import type { BookedState, LegPlan } from "../bookings.js";
import { findClient } from "../clients.js";
import { fail, invalid, LedgerInvariantError, ok } from "../errors.js";
import { quote } from "./fx.js";
import { isValidAmountMinor } from "../money.js";
import { OTP_VALIDITY_MS, SANDBOX_OTP_CODE } from "../otp.js";
import { paginate } from "../paging.js";
import { findPlan } from "../plans.js";
import { seenBy } from "./recipients.js";
import { getById } from "../refs.js";
import { freshUuid, readClock } from "../state.js";
import type { AccountRec, LedgerState } from "../state.js";
import { bankAccountOf, feeOf, NETWORK_REJECTED_ACCOUNT_NUMBER, transferTypeOf } from "./rules.js";
import { transitionPayments } from "../transitions.js";
import type { TransitionKind } from "../transitions.js";
import type { Client, Currency, Page, Paged, ParentType, Result, Transfer, TransferDirection, TransferProcessing, TransferStatus, TransferType } from "../types.js";
import { isCurrency } from "../validate.js";

/** Longest payment reference. */
export const MAX_TRANSFER_REFERENCE_LENGTH = 140;
/** Longest delay of an automatic step (30 days), so a schedule stays within any clock's range. */
export const MAX_TRANSFER_DELAY_MS = 30 * 24 * 60 * 60 * 1000;
/** The directions the outgoing routes serve: to a recipient elsewhere or at this bank, and between a client's own accounts. */
export const OUTGOING_DIRECTIONS: readonly TransferDirection[] = ["outgoing", "internal"];
/** The statuses of a transfer that is over without money having moved. */
const UNDONE: ReadonlySet<TransferStatus> = new Set(["canceled", "failed", "rejected"]);
/** The ledger payment state each transfer status goes with (docs/domain/transfers.md#lifecycle). */
const PAYMENT_STATE_OF: Partial<Record<TransferStatus, string>> = {
  pendingConfirmation: "draft",
  confirmed: "pending",
  processing: "pending",
  completed: "posted",
  canceled: "canceled",
  failed: "canceled",
  rejected: "canceled",
};

/** Which transfers a lookup may find: a client's own (FrontOffice) or any, of the given directions. */
export interface TransferScope {
  clientId?: string;
  directions?: readonly TransferDirection[];
}

/** Filters of the transfer lists; every given one must match. */
export interface TransferFilter {
  clientId?: string;
  /** Transfers debiting or crediting this account (an fx transfer's source or target). */
  accountId?: string;
  directions?: readonly TransferDirection[];
  type?: TransferType;
  status?: TransferStatus;
  currency?: Currency;
  /** createdAt >= fromAt (inclusive) and < toAt (exclusive). */
  fromAt?: number;
  toAt?: number;
}

/** An outgoing transfer to a saved recipient. */
export interface OutgoingInput {
  clientId: string;
  accountId: string;
  recipientId: string;
  amountMinor: number;
  currency: Currency;
  reference?: string;
  /** The integrated system's payment request the transfer pays (integration route only). */
  paymentRequestId?: string;
}

/** A foreign exchange between two of a client's accounts. */
export interface FxInput {
  clientId: string;
  accountId: string;
  targetAccountId: string;
  amountMinor: number;
  currency: Currency;
  targetCurrency: Currency;
  reference?: string;
}

/** What the control API can make of a confirmed or processing transfer. */
export type SimulatedOutcome = "processing" | "completed" | "failed" | "rejected";

/** A code that was sent for a transfer. */
export interface ConfirmationCode {
  transferId: string;
  sentTo: string;
  expiresAt: number;
}

// ---- reading ------------------------------------------------------------------------------------------

/** The transfer of an id within a scope; anything outside it is transferNotFound, as an unknown id is. */
export function findTransfer(state: LedgerState, id: string, scope: TransferScope): Result<Transfer> {
  const t = getById(state.transfers, id);
  if (t === undefined || (scope.clientId !== undefined && t.clientId !== scope.clientId) || (scope.directions !== undefined && !scope.directions.includes(t.direction))) {
    return fail("transferNotFound", `Transfer ${id} was not found`);
  }
  return ok(t);
}

/** One page of the transfers matching the filter, newest first (equal times: the later created first). */
export function listTransfers(state: LedgerState, filter: TransferFilter, page: Page): Result<Paged<Transfer>> {
  if (filter.fromAt !== undefined && filter.toAt !== undefined && filter.fromAt > filter.toAt) return invalid("fromDate", "fromDate must not be after toDate");
  const a = filter.accountId?.toLowerCase();
  const matches: Transfer[] = [];
  for (const t of state.transfers.values()) {
    if (filter.clientId !== undefined && t.clientId !== filter.clientId) continue;
    if (a !== undefined && t.accountId !== a && t.targetAccountId !== a && t.creditAccountId !== a) continue;
    if (filter.directions !== undefined && !filter.directions.includes(t.direction)) continue;
    if ((filter.type !== undefined && t.type !== filter.type) || (filter.status !== undefined && t.status !== filter.status)) continue;
    if (filter.currency !== undefined && t.currency !== filter.currency) continue;
    if ((filter.fromAt !== undefined && t.createdAt < filter.fromAt) || (filter.toAt !== undefined && t.createdAt >= filter.toAt)) continue;
    matches.push(t);
  }
  matches.reverse().sort((x, y) => y.createdAt - x.createdAt);
  return ok(paginate(matches, page, transferView));
}

/** A copy of the stored record (callers never hold it). */
export function transferView(t: Transfer): Transfer {
  return { ...t, paymentIds: [...t.paymentIds] };
}

// ---- outgoing -----------------------------------------------------------------------------------------

/**
 * Creates an outgoing transfer. On the FrontOffice route it waits for the client's code (`pendingConfirmation`,
 * its payment drafted, nothing held, the first code sent); an integrated system's transfer needs no code and is
 * `confirmed` at once with its funds held. Everything is checked before any id is drawn.
 */
export function createOutgoing(state: LedgerState, input: OutgoingInput, route: "frontOffice" | "integration"): Result<Transfer> {
  const found = findClient(state, input.clientId);
  if (!found.ok) return found;
  const client = found.value;
  const shape = checkAmount(input.amountMinor, input.currency, input.reference);
  if (shape !== undefined) return shape;
  const account = clientAccount(state, client, input.accountId, "accountId");
  if (!account.ok) return account;
  const recipient = seenBy(state, client.id, input.recipientId);
  if (!recipient.ok) return { ok: false, error: { ...recipient.error, field: "recipientId" } };
  const r = recipient.value;
  const refused = clientCanSend(client) ?? accountCanSend(account.value, input.currency);
  if (refused !== undefined) return refused;
  if (r.currency !== input.currency) return fail("currencyMismatch", `Recipient ${r.id} is paid in ${r.currency}, the transfer is in ${input.currency}`, "currency");
  const type = transferTypeOf(state, r.accountNumber, input.currency, r.country);
  const credit = type === "internal" ? bankAccountOf(state, r.accountNumber)! : undefined;
  if (credit !== undefined && credit.currency !== input.currency) return fail("currencyMismatch", `Account ${r.accountNumber} at this bank holds ${credit.currency}, the transfer is in ${input.currency}`, "currency");
  if (credit === account.value) return invalid("recipientId", "the recipient's account is the account the transfer debits");
  const direction: TransferDirection = credit !== undefined && credit.clientId === client.id ? "internal" : "outgoing";
  if (input.paymentRequestId !== undefined) {
    const paid = [...state.transfers.values()].find((t) => t.paymentRequestId === input.paymentRequestId!.toLowerCase() && !UNDONE.has(t.status));
    if (paid !== undefined) return fail("duplicatePaymentRequest", `Payment request ${input.paymentRequestId} is paid by transfer ${paid.id} already`, "paymentRequestId");
  }
  if (direction === "outgoing") {
    const over = checkMonthlyOutgoing(state, client, input.currency, input.amountMinor);
    if (over !== undefined) return over;
  }
  const feeMinor = feeOf(type);
  const legs = transferLegs(state, account.value, credit, input.currency, input.amountMinor, feeMinor);
  if (!legs.ok) return legs;
  const held = route === "integration" ? "pending" : "draft";
  const booking = checkBooking(state, legs.value, held);
  if (booking !== undefined) return booking;
  // Every check passed: ids are drawn from here on.
  const at = readClock(state);
  const t = newTransfer(state, at, {
    direction,
    type,
    status: route === "integration" ? "confirmed" : "pendingConfirmation",
    clientId: client.id,
    accountId: account.value.id,
    recipientId: r.id,
    counterpartyName: r.name,
    counterpartyAccountNumber: r.accountNumber,
    amountMinor: input.amountMinor,
    currency: input.currency,
    feeMinor,
    reference: input.reference ?? "",
    paymentRequestId: input.paymentRequestId?.toLowerCase() ?? null,
    creditAccountId: credit?.id ?? null,
    codeExpiresAt: route === "integration" ? null : at + OTP_VALIDITY_MS,
  });
  const parent = t.paymentRequestId === null ? { parentId: t.id, parentType: "transfer" as const } : { parentId: t.paymentRequestId, parentType: "paymentRequest" as const };
  bookFor(state, t, parent, legs.value, held, at);
  state.transfers.set(t.id, t);
  if (t.status === "confirmed") schedule(state, t, "process", at);
  assertTransfer(state, t);
  return ok(transferView(t));
}

/** Sends a new code for a client's transfer awaiting confirmation; the earlier one stops being accepted. */
export function sendConfirmationCode(state: LedgerState, clientId: string, transferId: string): Result<ConfirmationCode> {
  const found = findTransfer(state, transferId, { clientId, directions: OUTGOING_DIRECTIONS });
  if (!found.ok) return found;
  const t = found.value;
  if (t.status !== "pendingConfirmation") return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; only a transfer awaiting confirmation gets a code`);
  t.codeExpiresAt = readClock(state) + OTP_VALIDITY_MS;
  return ok({ transferId: t.id, sentTo: maskedPhone(state.clients.get(clientId)!), expiresAt: t.codeExpiresAt });
}

/** Confirms a client's transfer with the code last sent: its payment is pended, holding amount and fee. */
export function confirmOutgoing(state: LedgerState, clientId: string, transferId: string, code: string): Result<Transfer> {
  const found = findTransfer(state, transferId, { clientId, directions: OUTGOING_DIRECTIONS });
  if (!found.ok) return found;
  const t = found.value;
  if (t.status !== "pendingConfirmation") return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; only a transfer awaiting confirmation is confirmed`);
  if (t.codeExpiresAt === null || readClock(state) > t.codeExpiresAt) return fail("confirmationCodeExpired", `The code for transfer ${t.id} has expired; ask for a new one`, "code");
  if (code !== SANDBOX_OTP_CODE) return fail("invalidConfirmationCode", "The confirmation code is not valid", "code");
  const held = movePayment(state, t, "pend");
  if (!held.ok) return held;
  t.status = "confirmed";
  t.codeExpiresAt = null;
  schedule(state, t, "process", readClock(state));
  assertTransfer(state, t);
  return ok(transferView(t));
}

/** Cancels a client's transfer before it reaches the payment network: its payment is canceled, any hold released. */
export function cancelOutgoing(state: LedgerState, clientId: string, transferId: string): Result<Transfer> {
  const found = findTransfer(state, transferId, { clientId, directions: OUTGOING_DIRECTIONS });
  if (!found.ok) return found;
  const t = found.value;
  if (t.status !== "pendingConfirmation" && t.status !== "confirmed") return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; only a transfer awaiting confirmation or confirmed can be canceled`);
  return undo(state, t, "canceled", "canceledByClient");
}

/** Submits a confirmed transfer to the payment network (System route): it becomes `processing`, or `rejected` by the network. */
export function continueOutgoing(state: LedgerState, transferId: string): Result<Transfer> {
  const found = findTransfer(state, transferId, { directions: OUTGOING_DIRECTIONS });
  if (!found.ok) return found;
  const t = found.value;
  if (t.status !== "confirmed") return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; only a confirmed transfer is submitted`);
  return submit(state, t);
}

/** Completes a confirmed or processing transfer by hand (System route): its payment is posted. */
export function executeTransfer(state: LedgerState, transferId: string): Result<Transfer> {
  const found = findTransfer(state, transferId, { directions: OUTGOING_DIRECTIONS });
  if (!found.ok) return found;
  const t = found.value;
  if (t.status !== "confirmed" && t.status !== "processing") return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; only a confirmed or processing transfer is executed`);
  if (t.status === "confirmed" && rejectedByNetwork(t)) return undo(state, t, "rejected", "rejectedByNetwork");
  return complete(state, t);
}

/** Moves a confirmed or processing transfer as the payment network would (control API); no magic value applies. */
export function simulateOutcome(state: LedgerState, transferId: string, outcome: SimulatedOutcome, reason?: string): Result<Transfer> {
  const found = findTransfer(state, transferId, { directions: OUTGOING_DIRECTIONS });
  if (!found.ok) return found;
  const t = found.value;
  const from: readonly TransferStatus[] = outcome === "processing" ? ["confirmed"] : ["confirmed", "processing"];
  if (!from.includes(t.status)) return fail("invalidStateTransition", `Transfer ${t.id} is ${t.status}; it cannot become ${outcome} (only from ${from.join(" or ")})`);
  if (reason !== undefined && (typeof reason !== "string" || reason.length === 0 || reason.length > MAX_TRANSFER_REFERENCE_LENGTH)) {
    return invalid("reason", `reason must be 1-${MAX_TRANSFER_REFERENCE_LENGTH} characters`);
  }
  if (outcome === "processing") return toProcessing(state, t);
  if (outcome === "completed") return complete(state, t);
  return undo(state, t, outcome, reason ?? (outcome === "failed" ? "failedByNetwork" : "rejectedByNetwork"));
}

// ---- foreign exchange ---------------------------------------------------------------------------------

/**
 * Exchanges between two of a client's accounts at the bank's rate and completes at once: one posted payment of
 * two legs, the source account to the fx account in `currency` and the fx account to the target account in
 * `targetCurrency`, so each currency still sums to zero.
 */
export function createFx(state: LedgerState, input: FxInput): Result<Transfer> {
  const found = findClient(state, input.clientId);
  if (!found.ok) return found;
  const client = found.value;
  const shape = checkAmount(input.amountMinor, input.currency, input.reference);
  if (shape !== undefined) return shape;
  if (!isCurrency(input.targetCurrency)) return invalid("targetCurrency", "targetCurrency must be one of the ten currencies");
  if (input.targetCurrency === input.currency) return invalid("targetCurrency", "targetCurrency must differ from currency");
  if (input.accountId.toLowerCase() === input.targetAccountId.toLowerCase()) return invalid("targetAccountId", "the target account must differ from the source account");
  const source = clientAccount(state, client, input.accountId, "accountId");
  if (!source.ok) return source;
  const target = clientAccount(state, client, input.targetAccountId, "targetAccountId");
  if (!target.ok) return target;
  const refused = clientCanSend(client) ?? accountCanSend(source.value, input.currency);
  if (refused !== undefined) return refused;
  if (target.value.currency !== input.targetCurrency) return fail("currencyMismatch", `Account ${target.value.id} holds ${target.value.currency}, not ${input.targetCurrency}`, "targetCurrency");
  const sell = fxAccount(state, input.currency);
  if (!sell.ok) return sell;
  const buy = fxAccount(state, input.targetCurrency);
  if (!buy.ok) return buy;
  const priced = quote(state, input.currency, input.targetCurrency, input.amountMinor);
  if (!priced.ok) return priced;
  const legs: LegPlan[] = [
    { debtor: source.value, creditor: sell.value, currency: input.currency, amountMinor: input.amountMinor },
    { debtor: buy.value, creditor: target.value, currency: input.targetCurrency, amountMinor: priced.value.targetMinor },
  ];
  const booking = checkBooking(state, legs, "posted");
  if (booking !== undefined) return booking;
  const at = readClock(state);
  const t = newTransfer(state, at, {
    direction: "fx",
    type: "internal",
    status: "completed",
    clientId: client.id,
    accountId: source.value.id,
    amountMinor: input.amountMinor,
    currency: input.currency,
    targetAccountId: target.value.id,
    targetAmountMinor: priced.value.targetMinor,
    targetCurrency: input.targetCurrency,
    rateMicros: priced.value.rateMicros,
    reference: input.reference ?? "",
    completedAt: at,
  });
  bookFor(state, t, { parentId: t.id, parentType: "transfer" }, legs, "posted", at);
  state.transfers.set(t.id, t);
  assertTransfer(state, t);
  return ok(transferView(t));
}

// ---- processing ---------------------------------------------------------------------------------------

/** Sets how confirmed transfers move on from now on; transfers already scheduled keep their due times. */
export function setTransferProcessing(state: LedgerState, input: TransferProcessing): Result<TransferProcessing> {
  if (input.mode !== "auto" && input.mode !== "manual") return invalid("mode", "mode must be auto or manual");
  for (const field of ["processingDelayMs", "completionDelayMs"] as const) {
    const value = input[field];
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_TRANSFER_DELAY_MS) return invalid(field, `${field} must be an integer from 0 to ${MAX_TRANSFER_DELAY_MS}`);
  }
  state.transferProcessing = { mode: input.mode, processingDelayMs: input.processingDelayMs, completionDelayMs: input.completionDelayMs };
  return ok({ ...state.transferProcessing });
}

/**
 * Runs every automatic step that is due by the clock, each as of its own due instant and in due order (equal
 * times: the older transfer first), steps that fall due meanwhile included. The result does not depend on when
 * it runs. Returns how many steps ran.
 */
export function settleDueTransfers(state: LedgerState): number {
  if (state.scheduledTransfers.size === 0) return 0;
  const now = readClock(state);
  const due = [...state.scheduledTransfers].filter((t) => t.dueAt! <= now).sort(byDueOrder);
  let ran = 0;
  // A step only ever schedules the same transfer's next one, which joins the queue in order if it is due too.
  for (let t = due.shift(); t !== undefined; t = due.shift()) {
    const transfer = t;
    const step = transfer.nextStep!;
    atInstant(state, transfer.dueAt!, () => {
      unschedule(state, transfer);
      if (step === "process") submit(state, transfer);
      else {
        const done = complete(state, transfer);
        // The ledger refused the posting (an account or client stopped being active meanwhile): the transfer fails and its hold is released.
        if (!done.ok) undo(state, transfer, "failed", done.error.code);
      }
    });
    ran++;
    if (transfer.dueAt !== null && transfer.dueAt <= now) {
      const at = due.findIndex((other) => byDueOrder(transfer, other) < 0);
      due.splice(at === -1 ? due.length : at, 0, transfer);
    }
  }
  return ran;
}

/** Due order: the earlier step first; at equal times, the older transfer (then the lower id). */
function byDueOrder(a: Transfer, b: Transfer): number {
  return a.dueAt! - b.dueAt! || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---- internals ----------------------------------------------------------------------------------------

function checkAmount(amountMinor: number, currency: Currency, reference: string | undefined): Result<never> | undefined {
  if (!isValidAmountMinor(amountMinor)) return invalid("amount", "amount must be greater than 0, at most 1e13, with at most 2 decimals");
  if (!isCurrency(currency)) return invalid("currency", "currency must be one of the ten currencies");
  if (reference !== undefined && (typeof reference !== "string" || reference.length > MAX_TRANSFER_REFERENCE_LENGTH)) {
    return invalid("reference", `reference must be at most ${MAX_TRANSFER_REFERENCE_LENGTH} characters`);
  }
  return undefined;
}

/** A client's account of an id; another client's or a system account is accountNotFound on `field`. */
function clientAccount(state: LedgerState, client: Client, accountId: string, field: string): Result<AccountRec> {
  const a = getById(state.accounts, accountId);
  if (a === undefined || a.clientId !== client.id) return fail("accountNotFound", `Account ${accountId} is not an account of client ${client.id}`, field);
  return ok(a);
}

/** Only an active client sends money (a new, pending, blocked or closed one does not). */
function clientCanSend(client: Client): Result<never> | undefined {
  return client.status === "active" ? undefined : fail("clientNotActive", `Client ${client.id} is ${client.status}; only an active client sends transfers`);
}

function accountCanSend(a: AccountRec, currency: Currency): Result<never> | undefined {
  if (a.status !== "active") return fail("accountNotActive", `Account ${a.id} is ${a.status}`);
  if (a.currency !== currency) return fail("currencyMismatch", `Account ${a.id} holds ${a.currency}, the transfer is in ${currency}`, "currency");
  return undefined;
}

/** The plan's monthly outgoing limit: this calendar month's (UTC) outgoing transfers in the currency that are not undone, plus this one. */
function checkMonthlyOutgoing(state: LedgerState, client: Client, currency: Currency, amountMinor: number): Result<never> | undefined {
  const limit = findPlan(client.plan)?.limits.find((l) => l.currency === currency)?.monthlyOutgoingMinor ?? null;
  if (limit === null) return undefined;
  const now = new Date(readClock(state));
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  let sent = 0;
  for (const t of state.transfers.values()) {
    if (t.clientId === client.id && t.direction === "outgoing" && t.currency === currency && t.createdAt >= monthStart && !UNDONE.has(t.status)) sent += t.amountMinor;
  }
  if (sent + amountMinor <= limit) return undefined;
  return fail("outgoingLimitExceeded", `Client ${client.id} has sent ${sent / 100} ${currency} this month; another ${amountMinor / 100} passes the ${limit / 100} monthly outgoing limit of plan ${client.plan}`, "amount");
}

/** The legs of an outgoing transfer: the amount to the account at this bank or to the currency's treasury, the fee to its fee account. */
function transferLegs(state: LedgerState, debit: AccountRec, credit: AccountRec | undefined, currency: Currency, amountMinor: number, feeMinor: number | null): Result<LegPlan[]> {
  const treasury = activeSystemAccount(state, "treasury", currency);
  const out = credit ?? treasury;
  if (out === undefined) return fail("accountNotFound", `No active treasury account holds ${currency}: money leaving the bank goes through it`, TREASURY_FIELD);
  const legs: LegPlan[] = [{ debtor: debit, creditor: out, currency, amountMinor }];
  if (feeMinor === null) return ok(legs);
  const fee = activeSystemAccount(state, "fee", currency) ?? treasury;
  if (fee === undefined) return fail("accountNotFound", `No active fee or treasury account holds ${currency}`, TREASURY_FIELD);
  legs.push({ debtor: debit, creditor: fee, currency, amountMinor: feeMinor });
  return ok(legs);
}

function fxAccount(state: LedgerState, currency: Currency): Result<AccountRec> {
  const a = activeSystemAccount(state, "fx", currency);
  return a === undefined ? fail("accountNotFound", `No active fx account holds ${currency}: an exchange goes through the fx accounts of both currencies`, "fx") : ok(a);
}

/** Pends, posts or cancels the transfer's payment through the ledger's own transition (its checks included). */
function movePayment(state: LedgerState, t: Transfer, kind: TransitionKind): Result<unknown> {
  return transitionPayments(state, kind, { paymentIds: t.paymentIds }, true);
}

/** Books the transfer's payment and makes the transfer its owner, the only one that moves it from then on. */
export function bookFor(state: LedgerState, t: Transfer, parent: { parentId: string; parentType: ParentType }, legs: readonly LegPlan[], to: BookedState, at: number): void {
  const payment = bookPayment(state, parent, legs, to, at);
  t.paymentIds.push(payment.id);
  state.transferOfPayment.set(payment.id, t.id);
}

/** Confirmed to processing, or to rejected when the network always rejects the recipient's account. */
function submit(state: LedgerState, t: Transfer): Result<Transfer> {
  if (rejectedByNetwork(t)) return undo(state, t, "rejected", "rejectedByNetwork");
  return toProcessing(state, t);
}

function toProcessing(state: LedgerState, t: Transfer): Result<Transfer> {
  t.status = "processing";
  unschedule(state, t);
  schedule(state, t, "complete", readClock(state));
  assertTransfer(state, t);
  return ok(transferView(t));
}

function rejectedByNetwork(t: Transfer): boolean {
  return t.type !== "internal" && t.counterpartyAccountNumber === NETWORK_REJECTED_ACCOUNT_NUMBER;
}

/** Posts the payment: the held funds leave the client's account; an internal transfer's receiver sees it arrive. */
function complete(state: LedgerState, t: Transfer): Result<Transfer> {
  const posted = movePayment(state, t, "post");
  if (!posted.ok) return posted;
  const at = readClock(state);
  t.status = "completed";
  t.statusReason = null;
  t.completedAt = at;
  unschedule(state, t);
  if (t.direction === "outgoing" && t.creditAccountId !== null) mirrorIncoming(state, t, at);
  assertTransfer(state, t);
  return ok(transferView(t));
}

/** The receiving client's side of a completed transfer to its account at this bank: an incoming transfer on the same payment. */
function mirrorIncoming(state: LedgerState, sent: Transfer, at: number): void {
  const credit = state.accounts.get(sent.creditAccountId!)!;
  const sender = state.clients.get(sent.clientId!)!;
  const received = newTransfer(state, at, {
    direction: "incoming",
    type: sent.type,
    status: "completed",
    clientId: credit.clientId,
    accountId: credit.id,
    counterpartyName: clientName(sender),
    counterpartyAccountNumber: state.accounts.get(sent.accountId!)!.accountNumber,
    amountMinor: sent.amountMinor,
    currency: sent.currency,
    reference: sent.reference,
    paymentIds: [...sent.paymentIds],
    completedAt: at,
  });
  state.transfers.set(received.id, received);
  assertTransfer(state, received);
}

/** Cancels the payment (releasing any hold) and ends the transfer in `status` with `reason`. */
function undo(state: LedgerState, t: Transfer, status: "canceled" | "failed" | "rejected", reason: string): Result<Transfer> {
  const canceled = movePayment(state, t, "cancel");
  // Cancel ignores account status, so a draft or pending payment always cancels.
  if (!canceled.ok) throw new LedgerInvariantError(`transfer ${t.id}: its payment could not be canceled: ${canceled.error.message}`);
  t.status = status;
  t.statusReason = reason;
  t.codeExpiresAt = null;
  unschedule(state, t);
  assertTransfer(state, t);
  return ok(transferView(t));
}

/** What a new transfer must say; everything else starts empty (null, no payments, nothing scheduled). */
type TransferFields = Pick<Transfer, "direction" | "type" | "status" | "amountMinor" | "currency"> & Partial<Omit<Transfer, "id" | "createdAt">>;

/** A new transfer record created at `at`, with a fresh id: every field that does not apply is null. */
export function newTransfer(state: LedgerState, at: number, fields: TransferFields): Transfer {
  return {
    id: freshUuid(state, state.transfers),
    statusReason: null,
    clientId: null,
    accountId: null,
    recipientId: null,
    counterpartyName: null,
    counterpartyAccountNumber: null,
    feeMinor: null,
    targetAccountId: null,
    targetAmountMinor: null,
    targetCurrency: null,
    rateMicros: null,
    reference: "",
    paymentRequestId: null,
    paymentIds: [],
    completedAt: null,
    creditAccountId: null,
    codeExpiresAt: null,
    nextStep: null,
    dueAt: null,
    ...fields,
    createdAt: at,
  };
}

/** Schedules the next automatic step when transfers move on by themselves. */
function schedule(state: LedgerState, t: Transfer, step: "process" | "complete", from: number): void {
  const p = state.transferProcessing;
  if (p.mode !== "auto") return;
  t.nextStep = step;
  t.dueAt = from + (step === "process" ? p.processingDelayMs : p.completionDelayMs);
  state.scheduledTransfers.add(t);
}

function unschedule(state: LedgerState, t: Transfer): void {
  t.nextStep = null;
  t.dueAt = null;
  state.scheduledTransfers.delete(t);
}

/** Runs `run` with the ledger's clock standing at `at`: an automatic step happens at its due instant, whenever it is run. */
function atInstant(state: LedgerState, at: number, run: () => void): void {
  const clock = state.clock;
  state.clock = { now: () => at };
  try {
    run();
  } finally {
    state.clock = clock;
  }
}

/** How a client is named to the other party of a transfer. */
export function clientName(c: Client): string {
  return c.companyName ?? ([c.firstName, c.lastName].filter((part) => part !== null).join(" ") || c.email);
}

/** The client's phone as a code message names it: the first 6 and the last 2 characters kept. */
function maskedPhone(c: Client): string {
  const phone = c.phone ?? "";
  if (phone.length <= 8) return "*".repeat(phone.length) || "no phone on file";
  return `${phone.slice(0, 6)}${"*".repeat(phone.length - 8)}${phone.slice(-2)}`;
}

/** The status and the payment's state agree, and a scheduled step is one of a confirmed or processing transfer; a failure is a bug. */
export function assertTransfer(state: LedgerState, t: Transfer): void {
  const expected = PAYMENT_STATE_OF[t.status];
  for (const id of t.paymentIds) {
    const p = state.payments.get(id);
    const actual = p?.firstLeg?.state;
    if (actual !== expected) throw new LedgerInvariantError(`transfer ${t.id} is ${t.status} but its payment ${id} is ${actual ?? "missing"}, not ${expected ?? "absent"}`);
  }
  const scheduled = state.scheduledTransfers.has(t);
  if (scheduled !== (t.dueAt !== null) || (scheduled && t.status !== (t.nextStep === "process" ? "confirmed" : "processing"))) {
    throw new LedgerInvariantError(`transfer ${t.id} is ${t.status} with step ${t.nextStep ?? "none"} due ${t.dueAt ?? "never"}, scheduled ${scheduled}`);
  }
}
