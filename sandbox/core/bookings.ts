/**
 * Payments the orchestrator books for its transfers: several legs checked as the ledger checks a pend, then
 * made and moved through the one posting function, so a refused booking changes nothing.
 */
import { addImpact, checkImpacts } from "./impacts.js";
import type { Impact } from "./impacts.js";
import { assertTouched } from "./invariants.js";
import { checkLegAccounts, indexPayment, newLeg, newPayment } from "./payment-records.js";
import { moveLeg } from "./postings.js";
import type { AccountRec, LedgerState, PaymentRec } from "./state.js";
import type { Currency, ParentType, Result } from "./types.js";

/** One leg to book. */
export interface LegPlan {
  debtor: AccountRec;
  creditor: AccountRec;
  currency: Currency;
  amountMinor: number;
}

/** The state a booked payment is left in. */
export type BookedState = "draft" | "pending" | "posted";

/**
 * Checks legs as the ledger would book them: accounts usable (active, of active clients, unless only drafted),
 * currencies, and for a hold or a posting the debtors' funds and the creditors' incoming caps, summed over all
 * legs. Returns the refusal, or undefined.
 */
export function checkBooking(state: LedgerState, legs: readonly LegPlan[], to: BookedState): Result<never> | undefined {
  for (const leg of legs) {
    const problem = checkLegAccounts(state, leg.debtor, leg.creditor, leg.currency, "", to !== "draft");
    if (problem !== undefined) return problem;
  }
  if (to === "draft") return undefined;
  const impacts = new Map<AccountRec, Impact>();
  for (const leg of legs) addImpact(impacts, leg.debtor, leg.creditor, leg.amountMinor);
  const refused = checkImpacts(state, impacts.values(), undefined);
  return refused.ok ? undefined : refused;
}

/** Books legs that checkBooking accepted as one payment of the parent at `at`, in state `to`; asserts the invariants of what it touched. */
export function bookPayment(state: LedgerState, parent: { parentId: string; parentType: ParentType }, legs: readonly LegPlan[], to: BookedState, at: number): PaymentRec {
  const payment = newPayment(state, parent, to === "posted" ? "create" : "draft", at);
  payment.legs = legs.map((leg) => newLeg(state, payment, leg, leg.debtor, leg.creditor));
  indexPayment(state, payment);
  if (to !== "draft") for (const tx of payment.legs) moveLeg(state, tx, to, at, null);
  assertTouched(state, legs.flatMap((leg) => [leg.debtor, leg.creditor]));
  return payment;
}
