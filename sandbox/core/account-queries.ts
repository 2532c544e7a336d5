import { normalizePage, paginate } from "./paging.js";
import { getById } from "./refs.js";
import type { AccountRec, LedgerState } from "./state.js";
import type { Account, AccountFilter, Page, Paged } from "./types.js";
import { toFilterSet } from "./validate.js";
import { accountView } from "./views.js";

/** Orders accounts by account number (code-unit order, so the same on every machine). */
export function byAccountNumber(a: AccountRec, b: AccountRec): number {
  return a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0;
}

/** Lists accounts matching every given filter, ordered by account number, one page at a time. */
export function listAccounts(state: LedgerState, filter: AccountFilter, page: Page): Paged<Account> {
  const ids = toFilterSet(filter.accountIds?.map((id) => getById(state.accounts, id)?.id ?? id));
  const numbers = toFilterSet(filter.accountNumbers);
  const clientIds = toFilterSet(filter.clientIds?.map((id) => getById(state.clients, id)?.id ?? id));
  const currencies = toFilterSet(filter.currencies);
  const types = toFilterSet(filter.types);
  const statuses = toFilterSet(filter.statuses);
  const matches = (a: AccountRec): boolean =>
    (ids === undefined || ids.has(a.id)) &&
    (numbers === undefined || numbers.has(a.accountNumber)) &&
    (clientIds === undefined || (a.clientId !== null && clientIds.has(a.clientId))) &&
    (currencies === undefined || currencies.has(a.currency)) &&
    (types === undefined || types.has(a.type)) &&
    (statuses === undefined || statuses.has(a.status));
  const found = candidateAccounts(state, ids, numbers, clientIds).filter(matches).sort(byAccountNumber);
  return paginate(found, normalizePage(page), accountView);
}

// Starts from the smallest indexed set, so a lookup by id stays O(1) however many accounts exist.
function candidateAccounts(state: LedgerState, ids?: Set<string>, numbers?: Set<string>, clientIds?: Set<string>): AccountRec[] {
  const sets: AccountRec[][] = [];
  if (ids !== undefined) sets.push(pick([...ids].map((id) => state.accounts.get(id))));
  if (numbers !== undefined) sets.push(pick([...numbers].map((n) => state.accountsByNumber.get(n))));
  if (clientIds !== undefined) sets.push([...clientIds].flatMap((id) => state.clientAccounts.get(id) ?? []));
  if (sets.length === 0) return state.accountList;
  const smallest = sets.reduce((a, b) => (b.length < a.length ? b : a));
  return [...new Set(smallest)];
}

function pick(list: (AccountRec | undefined)[]): AccountRec[] {
  return list.filter((a): a is AccountRec => a !== undefined);
}

/** Returns the accounts with the given numbers, in request order, leaving unknown numbers out. */
export function accountsByNumbers(state: LedgerState, numbers: string[]): Account[] {
  return pick(numbers.map((n) => state.accountsByNumber.get(n))).map(accountView);
}
