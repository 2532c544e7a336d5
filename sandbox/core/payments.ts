import { fail, invalid, ok } from "./errors.js";
import { addImpact, checkImpacts, parseRestrictions } from "./impacts.js";
import type { Impact } from "./impacts.js";
import { isUuid } from "./ids.js";
import { assertTouched } from "./invariants.js";
import { checkHeader, checkLegAccounts, checkLegShape, indexPayment, newLeg, newPayment, refNames, sameHeader } from "./payment-records.js";
import { moveLeg } from "./postings.js";
import { getById, resolveRef } from "./refs.js";
import { readClock } from "./state.js";
import type { AccountRec, LedgerState, PaymentRec } from "./state.js";
import type { CreatePaymentInput, DraftPaymentInput, Payment, Result } from "./types.js";
import { paymentView } from "./views.js";

/** The value of createPayment and draftPayment: the payment, and whether it was an idempotent replay. */
export type PaymentOutcome = Result<{ payment: Payment; replayed: boolean }>;

/** Creates a one-leg payment and posts it at once (#49); validates everything before changing anything. */
export function createPayment(state: LedgerState, input: CreatePaymentInput): PaymentOutcome {
  const shapeProblem = checkHeader(input) ?? checkLegShape(input, "");
  if (shapeProblem !== undefined) return shapeProblem;
  if (input.paymentId !== undefined) {
    const existing = getById(state.payments, input.paymentId);
    if (existing !== undefined) return replay(existing, isSameCreate(state, existing, input));
  }
  const debtor = resolveRef(state, input.debtor, "debtor");
  if (!debtor.ok) return debtor;
  const creditor = resolveRef(state, input.creditor, "creditor");
  if (!creditor.ok) return creditor;
  const restrictions = parseRestrictions(state, input.restrictions);
  if (!restrictions.ok) return restrictions;
  const d = debtor.value;
  const c = creditor.value;
  const legProblem = checkLegAccounts(state, d, c, input.currency, "", true);
  if (legProblem !== undefined) return legProblem;
  const impacts: Impact[] = [
    { account: d, outMinor: input.amountMinor, inMinor: 0 },
    { account: c, outMinor: 0, inMinor: input.amountMinor },
  ];
  const refused = checkImpacts(state, impacts, restrictions.value);
  if (!refused.ok) return refused;
  const at = readClock(state);
  const payment = newPayment(state, input, "create", at);
  const tx = newLeg(state, payment, input, d, c);
  payment.legs = [tx];
  indexPayment(state, payment);
  moveLeg(state, tx, "posted", at, null);
  assertTouched(state, [d, c]);
  return ok({ payment: paymentView(payment), replayed: false });
}

function isSameCreate(state: LedgerState, p: PaymentRec, input: CreatePaymentInput): boolean {
  const leg = p.legs[0];
  return (
    sameHeader(p, input, "create") &&
    p.legs.length === 1 &&
    leg !== undefined &&
    leg.currency === input.currency &&
    leg.amountMinor === input.amountMinor &&
    refNames(state, input.debtor, leg.debtor) &&
    refNames(state, input.creditor, leg.creditor)
  );
}

// The same content returns the stored payment untouched; other content is a conflict
// (docs/domain/decisions.md#decision-6-idempotent-create).
function replay(existing: PaymentRec, same: boolean): PaymentOutcome {
  if (!same) return fail("paymentIdConflict", `Payment ${existing.id} already exists with other content`, "paymentId");
  return ok({ payment: paymentView(existing), replayed: true });
}

/** Creates a payment of N legs in draft (#50): no money moves and funds are not checked. */
export function draftPayment(state: LedgerState, input: DraftPaymentInput): PaymentOutcome {
  const shapeProblem = checkHeader(input) ?? checkDraftLegs(input);
  if (shapeProblem !== undefined) return shapeProblem;
  if (input.paymentId !== undefined) {
    const existing = getById(state.payments, input.paymentId);
    if (existing !== undefined) return replay(existing, isSameDraft(state, existing, input));
  }
  const accounts: [AccountRec, AccountRec][] = [];
  for (let i = 0; i < input.legs.length; i++) {
    const leg = input.legs[i]!;
    const prefix = `transactions[${i}].`;
    if (leg.id !== undefined && getById(state.transactions, leg.id) !== undefined) return invalid(`${prefix}id`, `Transaction ${leg.id} already exists`);
    const debtor = resolveRef(state, leg.debtor, `${prefix}debtor`);
    if (!debtor.ok) return debtor;
    const creditor = resolveRef(state, leg.creditor, `${prefix}creditor`);
    if (!creditor.ok) return creditor;
    const legProblem = checkLegAccounts(state, debtor.value, creditor.value, leg.currency, prefix, false);
    if (legProblem !== undefined) return legProblem;
    accounts.push([debtor.value, creditor.value]);
  }
  const payment = newPayment(state, input, "draft", readClock(state));
  payment.legs = input.legs.map((leg, i) => newLeg(state, payment, leg, accounts[i]![0], accounts[i]![1]));
  indexPayment(state, payment);
  return ok({ payment: paymentView(payment), replayed: false });
}

function checkDraftLegs(input: DraftPaymentInput): Result<never> | undefined {
  if (!Array.isArray(input.legs) || input.legs.length === 0) return invalid("transactions", "a draft payment needs at least one transaction");
  const ids = new Set<string>();
  for (let i = 0; i < input.legs.length; i++) {
    const leg = input.legs[i]!;
    const prefix = `transactions[${i}].`;
    const problem = checkLegShape(leg, prefix);
    if (problem !== undefined) return problem;
    if (leg.id === undefined) continue;
    if (!isUuid(leg.id)) return invalid(`${prefix}id`, "id must be a uuid");
    if (ids.has(leg.id.toLowerCase())) return invalid(`${prefix}id`, "transaction ids must be unique");
    ids.add(leg.id.toLowerCase());
  }
  return undefined;
}

function isSameDraft(state: LedgerState, p: PaymentRec, input: DraftPaymentInput): boolean {
  if (!sameHeader(p, input, "draft") || p.legs.length !== input.legs.length) return false;
  return input.legs.every((leg, i) => {
    const stored = p.legs[i]!;
    return (
      (leg.id === undefined || leg.id.toLowerCase() === stored.id) &&
      leg.currency === stored.currency &&
      leg.amountMinor === stored.amountMinor &&
      refNames(state, leg.debtor, stored.debtor) &&
      refNames(state, leg.creditor, stored.creditor)
    );
  });
}

/** Sums the impacts of every leg of the given payments (for cumulative checks across a batch). */
export function collectImpacts(payments: readonly PaymentRec[]): Map<AccountRec, Impact> {
  const impacts = new Map<AccountRec, Impact>();
  for (const p of payments) for (const leg of p.legs) addImpact(impacts, leg.debtor, leg.creditor, leg.amountMinor);
  return impacts;
}
