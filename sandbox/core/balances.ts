import { fail, invalid, ok } from "./errors.js";
import { byAccountNumber } from "./account-queries.js";
import { assertTouched } from "./invariants.js";
import { getById } from "./refs.js";
import { createTotals, readClock } from "./state.js";
import type { AccountRec, LedgerState, TxRec } from "./state.js";
import { ACCOUNT_TYPES, CURRENCIES } from "./types.js";
import type { Account, AccountType, AggregatedAmount, BalanceView, Currency, Result } from "./types.js";
import { accountView } from "./views.js";

/** Looks up every given account id, in order; a 404 accountNotFound (field accountIds) names the first unknown one. */
export function findAccounts(state: LedgerState, accountIds: readonly string[]): Result<AccountRec[]> {
  if (!Array.isArray(accountIds)) return invalid("accountIds", "accountIds must be an array");
  const found: AccountRec[] = [];
  for (const id of accountIds) {
    const a = typeof id === "string" ? getById(state.accounts, id) : undefined;
    if (a === undefined) return fail("accountNotFound", `Account ${id} not found`, "accountIds");
    found.push(a);
  }
  return ok(found);
}

/** The given accounts in order, or every account by account number when none are given (absent or empty). */
export function selectAccounts(state: LedgerState, accountIds: readonly string[] | undefined): Result<AccountRec[]> {
  return accountIds === undefined || accountIds.length === 0 ? ok([...state.accountList].sort(byAccountNumber)) : findAccounts(state, accountIds);
}

/**
 * Balances of the given accounts now, or as of a moment from the legs' timestamps
 * (docs/domain/accounts.md#balances-as-of-a-moment).
 */
export function calculateBalances(state: LedgerState, accountIds: string[], asOf?: number): Result<BalanceView[]> {
  if (asOf !== undefined && !Number.isSafeInteger(asOf)) return invalid("date", "date must be a date-time");
  const accounts = findAccounts(state, accountIds);
  if (!accounts.ok) return accounts;
  const at = asOf ?? readClock(state);
  return ok(accounts.value.map((a) => (asOf === undefined ? currentBalance(a, at) : balanceAsOf(a, asOf))));
}

function currentBalance(a: AccountRec, at: number): BalanceView {
  return balanceView(a, a.balanceMinor, a.heldMinor, a.pendingIncomingMinor, at);
}

function balanceView(a: AccountRec, balance: number, held: number, incoming: number, asOf: number): BalanceView {
  return { accountId: a.id, currency: a.currency, balanceMinor: balance, heldMinor: held, pendingIncomingMinor: incoming, availableMinor: balance - held, asOf };
}

// Balance counts legs posted by asOf; held/pendingIncoming count legs pended by asOf and not yet
// posted or canceled then. Walks the account's posting list: a query, never a hot path.
function balanceAsOf(a: AccountRec, asOf: number): BalanceView {
  let balance = 0;
  let held = 0;
  let incoming = 0;
  for (const tx of a.txs) {
    const credit = tx.creditor === a;
    if (tx.postedAt !== null && tx.postedAt <= asOf) balance += credit ? tx.amountMinor : -tx.amountMinor;
    if (isPendingAt(tx, asOf)) {
      if (credit) incoming += tx.amountMinor;
      else held += tx.amountMinor;
    }
  }
  return balanceView(a, balance, held, incoming, asOf);
}

function isPendingAt(tx: TxRec, asOf: number): boolean {
  if (tx.pendedAt === null || tx.pendedAt > asOf) return false;
  const leftAt = tx.postedAt ?? tx.canceledAt;
  return leftAt === null || leftAt > asOf;
}

/** Recomputes the stored balances of the given accounts (all, by account number, when none are given) from their legs and fixes them. */
export function recalculate(state: LedgerState, accountIds?: string[]): Result<Account[]> {
  const selected = selectAccounts(state, accountIds);
  if (!selected.ok) return selected;
  let fixed = false;
  for (const a of selected.value) fixed = recalculateAccount(a) || fixed;
  if (fixed) recalculateTotals(state);
  assertTouched(state, selected.value);
  return ok(selected.value.map(accountView));
}

function recalculateAccount(a: AccountRec): boolean {
  let debit = 0;
  let credit = 0;
  let held = 0;
  let incoming = 0;
  for (const tx of a.txs) {
    const isCredit = tx.creditor === a;
    if (tx.state === "posted") {
      if (isCredit) credit += tx.amountMinor;
      else debit += tx.amountMinor;
    } else if (tx.state === "pending") {
      if (isCredit) incoming += tx.amountMinor;
      else held += tx.amountMinor;
    }
  }
  const changed = a.postedDebitMinor !== debit || a.postedCreditMinor !== credit || a.balanceMinor !== credit - debit || a.heldMinor !== held || a.pendingIncomingMinor !== incoming;
  Object.assign(a, { postedDebitMinor: debit, postedCreditMinor: credit, balanceMinor: credit - debit, heldMinor: held, pendingIncomingMinor: incoming });
  return changed;
}

/** Rebuilds the per-currency running totals from every leg. */
export function recalculateTotals(state: LedgerState): void {
  const totals = createTotals();
  for (const tx of state.txList) {
    const t = totals[tx.currency];
    if (tx.state === "posted") {
      t.postedDebitMinor += tx.amountMinor;
      t.postedCreditMinor += tx.amountMinor;
    } else if (tx.state === "pending") {
      t.pendingDebitMinor += tx.amountMinor;
      t.pendingCreditMinor += tx.amountMinor;
    }
  }
  state.totals = totals;
}

/** Totals per currency and account type over the accounts that match the filter and are not closed, in enum order. */
export function aggregatedAmounts(state: LedgerState, filter: { currency?: Currency; type?: AccountType; clientId?: string }): AggregatedAmount[] {
  const clientId = filter.clientId === undefined ? undefined : (getById(state.clients, filter.clientId)?.id ?? filter.clientId);
  const groups = new Map<string, AggregatedAmount>();
  for (const a of state.accountList) {
    if (a.status === "closed") continue;
    if ((filter.currency !== undefined && a.currency !== filter.currency) || (filter.type !== undefined && a.type !== filter.type)) continue;
    if (clientId !== undefined && a.clientId !== clientId) continue;
    const key = `${a.currency}/${a.type}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { currency: a.currency, accountType: a.type, accountsCount: 0, totalBalanceMinor: 0, totalHeldMinor: 0, totalAvailableMinor: 0 };
      groups.set(key, g);
    }
    g.accountsCount += 1;
    g.totalBalanceMinor += a.balanceMinor;
    g.totalHeldMinor += a.heldMinor;
    g.totalAvailableMinor += a.balanceMinor - a.heldMinor;
  }
  const rank = (g: AggregatedAmount): number => CURRENCIES.indexOf(g.currency) * ACCOUNT_TYPES.length + ACCOUNT_TYPES.indexOf(g.accountType);
  return [...groups.values()].sort((x, y) => rank(x) - rank(y));
}
