import { LedgerInvariantError } from "./errors.js";
import type { AccountRec, CurrencyTotals, LedgerState, TxRec } from "./state.js";
import type { TransactionState } from "./types.js";

/**
 * The one posting function: moves a leg to a new state and applies its balance effects to both accounts, their
 * running counters and the currency totals (docs/domain/payments.md#balance-effects). Nothing else changes balances.
 */
export function moveLeg(state: LedgerState, tx: TxRec, to: TransactionState, at: number, reason: string | null): void {
  const from = tx.state;
  const amount = tx.amountMinor;
  const totals = state.totals[tx.currency];
  if (from === "draft" && to === "posted") {
    post(tx.debtor, tx.creditor, amount, totals);
  } else if (from === "draft" && to === "pending") {
    hold(tx.debtor, tx.creditor, amount, totals, 1);
  } else if (from === "pending" && to === "posted") {
    hold(tx.debtor, tx.creditor, amount, totals, -1);
    post(tx.debtor, tx.creditor, amount, totals);
  } else if (from === "pending" && to === "canceled") {
    hold(tx.debtor, tx.creditor, amount, totals, -1);
  } else if (!(from === "draft" && to === "canceled")) {
    // Callers check transitions and return invalidStateTransition; reaching here is a bug.
    throw new LedgerInvariantError(`illegal leg transition ${from} -> ${to} on transaction ${tx.id}`);
  }
  tx.state = to;
  tx.stateReason = reason;
  if (to === "pending") tx.pendedAt = at;
  else if (to === "posted") tx.postedAt = at;
  else tx.canceledAt = at;
  if (from !== "draft" || to !== "canceled") {
    tx.debtor.updatedAt = at;
    tx.creditor.updatedAt = at;
  }
}

function post(debtor: AccountRec, creditor: AccountRec, amount: number, totals: CurrencyTotals): void {
  debtor.balanceMinor -= amount;
  debtor.postedDebitMinor += amount;
  creditor.balanceMinor += amount;
  creditor.postedCreditMinor += amount;
  totals.postedDebitMinor += amount;
  totals.postedCreditMinor += amount;
}

function hold(debtor: AccountRec, creditor: AccountRec, amount: number, totals: CurrencyTotals, sign: 1 | -1): void {
  const delta = sign * amount;
  debtor.heldMinor += delta;
  creditor.pendingIncomingMinor += delta;
  totals.pendingDebitMinor += delta;
  totals.pendingCreditMinor += delta;
}
