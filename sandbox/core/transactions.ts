import { fail, invalid, ok } from "./errors.js";
import { normalizePage } from "./paging.js";
import { findAccountRec, getById } from "./refs.js";
import type { LedgerState, TxRec } from "./state.js";
import type { Page, Paged, Result, Transaction, TransactionFilter, TransactionSort, TransactionsReport } from "./types.js";
import { toFilterSet } from "./validate.js";
import { accountView, transactionView } from "./views.js";

/** Reads one leg by id. */
export function getTransaction(state: LedgerState, id: string): Transaction | undefined {
  const tx = getById(state.transactions, id);
  return tx === undefined ? undefined : transactionView(tx);
}

interface Candidates {
  list: readonly TxRec[];
  /** The list is in creation (seq) order, so a createdDate sort may be skipped. */
  inSeqOrder: boolean;
}

/**
 * Queries legs: starts from the smallest indexed candidate set (accounts, payments, parents, client),
 * filters it by every criterion, sorts (default newest first) and returns one page.
 */
export function queryTransactions(state: LedgerState, filter: TransactionFilter, sort: TransactionSort, page: Page): Paged<Transaction> {
  const p = normalizePage(page);
  const matches = compileFilter(state, filter);
  const candidates = pickCandidates(state, filter);
  const list = matches === undefined ? candidates.list : candidates.list.filter(matches);
  const descending = sort?.direction !== "asc";
  const ordered = sort?.by === "amount" || !candidates.inSeqOrder || !state.createdInOrder;
  const sorted = ordered ? [...list].sort(comparator(sort?.by === "amount" ? "amount" : "createdDate", descending)) : list;
  // A list in seq order is paged from the far end for "desc", so the global list is never copied.
  const fromEnd = !ordered && descending;
  const start = (p.page - 1) * p.pageSize;
  const end = Math.min(sorted.length, start + p.pageSize);
  const items: Transaction[] = [];
  for (let i = start; i < end; i++) items.push(transactionView(sorted[fromEnd ? sorted.length - 1 - i : i]!));
  return { items, totalCount: sorted.length, page: p.page, pageSize: p.pageSize };
}

function comparator(by: "createdDate" | "amount", descending: boolean): (a: TxRec, b: TxRec) => number {
  const sign = descending ? -1 : 1;
  if (by === "amount") return (a, b) => sign * (a.amountMinor - b.amountMinor || a.seq - b.seq);
  return (a, b) => sign * (a.payment.createdAt - b.payment.createdAt || a.seq - b.seq);
}

// Returns undefined when nothing needs checking, so an unfiltered query costs one page of views.
function compileFilter(state: LedgerState, f: TransactionFilter): ((tx: TxRec) => boolean) | undefined {
  const accounts = toFilterSet(f.accountIds?.map((id) => getById(state.accounts, id)?.id ?? id));
  const payments = toFilterSet(f.paymentIds?.map((id) => id.toLowerCase()));
  const parents = toFilterSet(f.parentIds?.map((id) => id.toLowerCase()));
  const parentTypes = toFilterSet(f.parentTypes);
  const states = toFilterSet(f.states);
  const currencies = toFilterSet(f.currencies);
  const clientId = f.clientId === undefined ? undefined : (getById(state.clients, f.clientId)?.id ?? f.clientId);
  const { fromAt, toAt, minAmountMinor: min, maxAmountMinor: max } = f;
  const checks: ((tx: TxRec) => boolean)[] = [];
  if (accounts !== undefined) checks.push((tx) => accounts.has(tx.debtor.id) || accounts.has(tx.creditor.id));
  if (payments !== undefined) checks.push((tx) => payments.has(tx.payment.id));
  if (parents !== undefined) checks.push((tx) => parents.has(tx.payment.parentId));
  if (parentTypes !== undefined) checks.push((tx) => parentTypes.has(tx.payment.parentType));
  if (states !== undefined) checks.push((tx) => states.has(tx.state));
  if (currencies !== undefined) checks.push((tx) => currencies.has(tx.currency));
  if (clientId !== undefined) checks.push((tx) => tx.debtor.clientId === clientId || tx.creditor.clientId === clientId);
  if (fromAt !== undefined) checks.push((tx) => tx.payment.createdAt >= fromAt);
  if (toAt !== undefined) checks.push((tx) => tx.payment.createdAt <= toAt);
  if (min !== undefined) checks.push((tx) => tx.amountMinor >= min);
  if (max !== undefined) checks.push((tx) => tx.amountMinor <= max);
  const overdueAt = f.overdueAt;
  if (overdueAt !== undefined) {
    checks.push((tx) => (tx.state === "draft" || tx.state === "pending") && tx.payment.obligatoryAt !== null && tx.payment.obligatoryAt < overdueAt);
  }
  if (checks.length === 0) return undefined;
  return (tx) => checks.every((check) => check(tx));
}

function pickCandidates(state: LedgerState, f: TransactionFilter): Candidates {
  const options: TxRec[][][] = [];
  if (f.accountIds?.length) options.push(f.accountIds.map((id) => getById(state.accounts, id)?.txs ?? []));
  if (f.paymentIds?.length) options.push(f.paymentIds.map((id) => getById(state.payments, id)?.legs ?? []));
  if (f.parentIds?.length) options.push(f.parentIds.flatMap((id) => (getById(state.paymentsByParent, id) ?? []).map((p) => p.legs)));
  if (f.clientId !== undefined) options.push((getById(state.clientAccounts, f.clientId) ?? []).map((a) => a.txs));
  if (options.length === 0) return { list: state.txList, inSeqOrder: true };
  let best = options[0]!;
  let bestSize = size(best);
  for (const option of options) {
    const n = size(option);
    if (n < bestSize) [best, bestSize] = [option, n];
  }
  // One posting list or one payment is already in seq order; a union needs de-duplication and sorting.
  if (best.length === 1) return { list: best[0]!, inSeqOrder: true };
  return { list: [...new Set(best.flat())], inSeqOrder: false };
}

function size(lists: TxRec[][]): number {
  let n = 0;
  for (const list of lists) n += list.length;
  return n;
}

/**
 * An account statement: opening = posted balance just before fromAt, closing = posted balance just before
 * toAt, and the legs posted within [fromAt, toAt) (toAt exclusive, as the API's toDate), oldest first.
 */
export function transactionsReport(state: LedgerState, accountId: string, fromAt: number | undefined, toAt: number | undefined): Result<TransactionsReport> {
  const account = typeof accountId === "string" ? findAccountRec(state, accountId) : undefined;
  if (account === undefined) return fail("accountNotFound", `Account ${accountId} not found`, "accountId");
  if (fromAt !== undefined && !Number.isSafeInteger(fromAt)) return invalid("fromDate", "fromDate must be a date-time");
  if (toAt !== undefined && !Number.isSafeInteger(toAt)) return invalid("toDate", "toDate must be a date-time");
  if (fromAt !== undefined && toAt !== undefined && fromAt > toAt) return invalid("fromDate", "fromDate must not be after toDate");
  let opening = 0;
  let closing = 0;
  const inRange: TxRec[] = [];
  for (const tx of account.txs) {
    const postedAt = tx.postedAt;
    if (postedAt === null) continue;
    const delta = tx.creditor === account ? tx.amountMinor : -tx.amountMinor;
    const afterStart = fromAt === undefined || postedAt >= fromAt;
    const beforeEnd = toAt === undefined || postedAt < toAt;
    if (!afterStart) opening += delta;
    if (beforeEnd) closing += delta;
    if (afterStart && beforeEnd) inRange.push(tx);
  }
  inRange.sort((a, b) => a.postedAt! - b.postedAt! || a.seq - b.seq);
  return ok({ account: accountView(account), openingBalanceMinor: opening, closingBalanceMinor: closing, transactions: inRange.map(transactionView) });
}
