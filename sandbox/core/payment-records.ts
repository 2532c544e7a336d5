import { clientRefusal } from "./clients.js";
import { fail, invalid } from "./errors.js";
import { isUuid } from "./ids.js";
import { isValidAmountMinor } from "./money.js";
import { freshUuid } from "./state.js";
import { PaymentRec } from "./state.js";
import type { AccountRec, LedgerState, PaymentOrigin, TxRec } from "./state.js";
import type { AccountRef, Currency, ParentType, Result } from "./types.js";
import { isCurrency, isOptionalTime, isParentType } from "./validate.js";

/** The fields every payment request shares. */
export interface PaymentHeader {
  paymentId?: string;
  parentId: string;
  parentType: ParentType;
  obligatoryAt?: number | null;
}

/** Checks the shared payment fields; returns the failure or undefined. */
export function checkHeader(input: PaymentHeader): Result<never> | undefined {
  if (input.paymentId !== undefined && !isUuid(input.paymentId)) return invalid("paymentId", "paymentId must be a uuid");
  if (!isUuid(input.parentId)) return invalid("parentId", "parentId must be a uuid");
  if (!isParentType(input.parentType)) return invalid("parentType", "parentType must be transfer, paymentRequest or adjustingPayment");
  if (!isOptionalTime(input.obligatoryAt)) return invalid("obligatoryDate", "obligatoryDate must be a date-time");
  return undefined;
}

/** Checks a leg's currency and amount; `prefix` is "" or e.g. "transactions[2]." */
export function checkLegShape(leg: { currency: Currency; amountMinor: number }, prefix: string): Result<never> | undefined {
  if (!isCurrency(leg.currency)) return invalid(`${prefix}currency`, "currency must be one of the ten supported codes");
  if (!isValidAmountMinor(leg.amountMinor)) return invalid(`${prefix}amount`, "amount must be greater than 0, at most 1e13, with at most 2 decimals");
  return undefined;
}

/**
 * Checks that a leg's accounts differ, hold its currency, and are usable: `active` and of an `active` client,
 * or for drafts neither closed nor of a closed client.
 */
export function checkLegAccounts(state: LedgerState, d: AccountRec, c: AccountRec, currency: Currency, prefix: string, needActive: boolean): Result<never> | undefined {
  if (d === c) return invalid(`${prefix}creditorAccountId`, "debtor and creditor must be different accounts");
  for (const a of [d, c]) {
    if (a.currency !== currency) return fail("currencyMismatch", `Account ${a.id} holds ${a.currency}, the leg is in ${currency}`, `${prefix}currency`);
  }
  for (const a of [d, c]) {
    if (needActive ? a.status !== "active" : a.status === "closed") return fail("accountNotActive", `Account ${a.id} is ${a.status}`);
  }
  return clientRefusal(state, d, needActive) ?? clientRefusal(state, c, needActive);
}

/** True when a reference in a replayed request names the stored account (an unknown reference never does). */
export function refNames(state: LedgerState, ref: AccountRef | undefined, account: AccountRec): boolean {
  if (ref === undefined || (ref.id === undefined && ref.number === undefined)) return false;
  if (ref.id !== undefined && (typeof ref.id !== "string" || ref.id.toLowerCase() !== account.id)) return false;
  return ref.number === undefined || state.accountsByNumber.get(ref.number) === account;
}

/**
 * True when a replayed request's header matches the stored payment
 * (docs/domain/decisions.md#decision-6-idempotent-create).
 */
export function sameHeader(p: PaymentRec, input: PaymentHeader, origin: PaymentOrigin): boolean {
  return p.origin === origin && p.parentId === input.parentId.toLowerCase() && p.parentType === input.parentType && p.obligatoryAt === (input.obligatoryAt ?? null);
}

/** Builds a payment record (not yet indexed). */
export function newPayment(state: LedgerState, input: PaymentHeader, origin: PaymentOrigin, at: number): PaymentRec {
  const id = input.paymentId === undefined ? freshUuid(state, state.payments) : input.paymentId.toLowerCase();
  return new PaymentRec(id, input.parentId.toLowerCase(), input.parentType, input.obligatoryAt ?? null, at, origin);
}

/** Builds a draft leg of a payment; the caller sets `payment.legs` to an exactly sized array of them. */
export function newLeg(state: LedgerState, p: PaymentRec, leg: { id?: string; currency: Currency; amountMinor: number }, d: AccountRec, c: AccountRec): TxRec {
  const tx: TxRec = {
    id: leg.id === undefined ? freshUuid(state, state.transactions) : leg.id.toLowerCase(),
    seq: 0,
    payment: p,
    debtor: d,
    creditor: c,
    currency: leg.currency,
    amountMinor: leg.amountMinor,
    state: "draft",
    stateReason: null,
    pendedAt: null,
    postedAt: null,
    canceledAt: null,
  };
  return tx;
}

/** Adds a payment and its legs to every index: by id, by parent, global order, per-account posting lists. */
export function indexPayment(state: LedgerState, p: PaymentRec): void {
  state.payments.set(p.id, p);
  const siblings = state.paymentsByParent.get(p.parentId);
  if (siblings === undefined) state.paymentsByParent.set(p.parentId, [p]);
  else siblings.push(p);
  for (const tx of p.legs) {
    const last = state.txList[state.txList.length - 1];
    if (last !== undefined && p.createdAt < last.payment.createdAt) state.createdInOrder = false;
    tx.seq = state.txList.length;
    state.txList.push(tx);
    state.transactions.set(tx.id, tx);
    tx.debtor.txs.push(tx);
    tx.creditor.txs.push(tx);
  }
}
