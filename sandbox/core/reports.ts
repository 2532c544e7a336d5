/**
 * Read-only reports over the ledger (docs/domain/accounts.md#reports): reconciliation of client funds against
 * the treasury position at the end of a day, the current treasury summary per currency, and the account balance
 * check. None of them changes anything.
 */
import { byAccountNumber } from "./account-queries.js";
import { aggregatedAmounts } from "./balances.js";
import { closingBalance, dayOf, existedOn } from "./daily-balances.js";
import type { CheckStatus } from "./daily-balances.js";
import { invalid, ok } from "./errors.js";
import { recomputeBalances } from "./invariants.js";
import { readClock } from "./state.js";
import type { LedgerState } from "./state.js";
import { ACCOUNT_TYPES, CURRENCIES } from "./types.js";
import type { AccountType, Currency, Result } from "./types.js";

/** The posted balances of the accounts of one type in a reconciliation. */
export interface ReconciliationItem {
  accountType: AccountType;
  accountsCount: number;
  totalBalanceMinor: number;
}

/**
 * Client funds against the treasury position in one currency at the end of a day. The treasury accounts' ledger
 * balance is minus what the bank holds at the provider, so treasuryBalance is its negation; difference is
 * treasuryBalance - clientFunds, what fee, transit, fx and adjustment accounts hold.
 */
export interface ReconciliationReport {
  day: number;
  currency: Currency;
  clientFundsMinor: number;
  treasuryBalanceMinor: number;
  differenceMinor: number;
  items: ReconciliationItem[];
}

/** The current treasury position in one currency; difference = treasuryBalance - clientFunds - feeBalance. */
export interface TreasuryPosition {
  currency: Currency;
  clientFundsMinor: number;
  treasuryBalanceMinor: number;
  feeBalanceMinor: number;
  differenceMinor: number;
}

/** The outcome of the account balance check. */
export interface BalanceCheck {
  at: number;
  result: CheckStatus;
  checkedAccounts: number;
  mismatchedAccountIds: string[];
}

/**
 * Reconciles one currency at the end of `day` (today by the clock when absent): the balances every leg posted
 * before the day's end gives the accounts that existed that day, summed per account type in enum order.
 */
export function reconciliationReport(state: LedgerState, currency: Currency, day?: number): Result<ReconciliationReport> {
  if (day !== undefined && !Number.isSafeInteger(day)) return invalid("date", "must be a date");
  const reported = day ?? dayOf(readClock(state));
  const byType = new Map<AccountType, ReconciliationItem>();
  for (const a of state.accountList) {
    if (a.currency !== currency || !existedOn(a, reported)) continue;
    const item = byType.get(a.type) ?? { accountType: a.type, accountsCount: 0, totalBalanceMinor: 0 };
    item.accountsCount += 1;
    item.totalBalanceMinor += closingBalance(a, reported);
    byType.set(a.type, item);
  }
  const items = ACCOUNT_TYPES.flatMap((type) => byType.get(type) ?? []);
  const clientFundsMinor = byType.get("client")?.totalBalanceMinor ?? 0;
  const treasuryBalanceMinor = 0 - (byType.get("treasury")?.totalBalanceMinor ?? 0);
  return ok({ day: reported, currency, clientFundsMinor, treasuryBalanceMinor, differenceMinor: treasuryBalanceMinor - clientFundsMinor, items });
}

/** The current position of every enabled currency in enum order, or of `currency` alone (enabled or not). */
export function treasurySummary(state: LedgerState, currency?: Currency): TreasuryPosition[] {
  const currencies = currency !== undefined ? [currency] : CURRENCIES.filter((code) => state.currencies.get(code)?.isEnabled === true);
  const totals = aggregatedAmounts(state, currency === undefined ? {} : { currency });
  const total = (code: Currency, type: AccountType): number => totals.find((t) => t.currency === code && t.accountType === type)?.totalBalanceMinor ?? 0;
  return currencies.map((code) => {
    const clientFundsMinor = total(code, "client");
    const treasuryBalanceMinor = 0 - total(code, "treasury");
    const feeBalanceMinor = total(code, "fee");
    return { currency: code, clientFundsMinor, treasuryBalanceMinor, feeBalanceMinor, differenceMinor: treasuryBalanceMinor - clientFundsMinor - feeBalanceMinor };
  });
}

/**
 * The account balance check: every account (of `currency`) that is not closed, its stored balance, held and
 * pending incoming amounts against those recomputed from its legs; mismatched ids in account number order.
 */
export function checkAccountBalances(state: LedgerState, currency?: Currency): BalanceCheck {
  const at = readClock(state);
  const recomputed = recomputeBalances(state);
  const checked = state.accountList.filter((a) => a.status !== "closed" && (currency === undefined || a.currency === currency)).sort(byAccountNumber);
  const mismatched = checked.filter((a) => {
    const r = recomputed.get(a)!;
    return a.balanceMinor !== r.postedCreditMinor - r.postedDebitMinor || a.heldMinor !== r.heldMinor || a.pendingIncomingMinor !== r.pendingIncomingMinor;
  });
  return { at, result: mismatched.length === 0 ? "ok" : "mismatch", checkedAccounts: checked.length, mismatchedAccountIds: mismatched.map((a) => a.id) };
}
