/**
 * Daily account balances (docs/domain/accounts.md#daily-balances): per account and UTC day, the balance the day
 * opens with, the legs posted that day debiting and crediting the account, and the balance it closes with, all
 * from posted legs. The end-of-day rebuild stores the rows of days that have ended; the daily check holds the
 * stored rows against the postings, which differ once legs are posted into a stored day (a clock set back).
 */
import { byAccountNumber } from "./account-queries.js";
import { findAccounts, selectAccounts } from "./balances.js";
import { invalid, ok, OK_VOID } from "./errors.js";
import { readClock } from "./state.js";
import type { AccountRec, LedgerState, StoredDay } from "./state.js";
import type { Currency, Result } from "./types.js";

/** Milliseconds in a UTC day (epoch time has no leap seconds). */
export const MS_PER_DAY = 86_400_000;
/** The longest range of days one daily-balance request covers. */
export const MAX_DAILY_BALANCE_DAYS = 366;
/** The most rows (accounts times days) one daily-balance answer holds. */
export const MAX_DAILY_BALANCE_ROWS = 100_000;

/** The UTC day (days since 1970-01-01) an instant falls on. */
export function dayOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** One account's balance movement over one UTC day, in minor units; closing = opening - debit + credit. */
export interface DailyBalance {
  accountId: string;
  day: number;
  currency: Currency;
  openingMinor: number;
  debitMinor: number;
  creditMinor: number;
  closingMinor: number;
}

/** Whether a daily check found every stored figure equal to the calculated one. */
export type CheckStatus = "ok" | "mismatch";

/** One account's stored closing balance of a day against the one calculated from its postings. */
export interface DailyCheckItem {
  accountId: string;
  accountNumber: string;
  currency: Currency;
  storedMinor: number;
  calculatedMinor: number;
  differenceMinor: number;
}

/** The daily check of one day: every account with a stored row for it, by account number. */
export interface DailyCheck {
  day: number;
  status: CheckStatus;
  checkedAccounts: number;
  mismatchedAccounts: number;
  items: DailyCheckItem[];
}

/** A stored daily balance in a ledger snapshot; the day is given by its first instant (epoch ms). */
export interface DailyBalanceSnapshot {
  accountId: string;
  dayStartAt: number;
  openingMinor: number;
  debitMinor: number;
  creditMinor: number;
}

/**
 * Daily balances of the given accounts (in order) for each day in [fromDay, toDay] on which they existed:
 * a stored row where the day was stored, else the row computed from the postings now. Changes nothing.
 */
export function dailyBalances(state: LedgerState, accountIds: readonly string[], fromDay: number, toDay: number): Result<DailyBalance[]> {
  const accounts = accountsInRange(findAccounts(state, accountIds), fromDay, toDay);
  if (!accounts.ok) return accounts;
  const rows: DailyBalance[] = [];
  for (const a of accounts.value) {
    const stored = state.dailyBalances.get(a);
    for (const row of computeDays(a, ...daysOf(a, fromDay, toDay))) {
      const kept = stored?.get(row.day);
      rows.push(kept === undefined ? row : dailyRow(a, row.day, kept));
    }
  }
  return ok(rows);
}

/**
 * The end-of-day job on demand: computes the rows of the given accounts (every account, by account number, when
 * none are given) for [fromDay, toDay] from the postings, stores those of days that have ended by the clock
 * (a running day's figures are final only once it is over) and returns every computed row.
 */
export function recalculateDailyBalances(state: LedgerState, accountIds: readonly string[] | undefined, fromDay: number, toDay: number): Result<DailyBalance[]> {
  const accounts = accountsInRange(selectAccounts(state, accountIds), fromDay, toDay);
  if (!accounts.ok) return accounts;
  const today = dayOf(readClock(state));
  const rows: DailyBalance[] = [];
  for (const a of accounts.value) {
    for (const row of computeDays(a, ...daysOf(a, fromDay, toDay))) {
      if (row.day < today) storeDay(state, a, row.day, { openingMinor: row.openingMinor, debitMinor: row.debitMinor, creditMinor: row.creditMinor });
      rows.push(row);
    }
  }
  return ok(rows);
}

/**
 * Checks the rows stored for `day` (yesterday by the clock when absent: the last day that has ended) against
 * the balances calculated now from the legs posted before the day's end. Changes nothing.
 */
export function dailyCheck(state: LedgerState, day?: number): Result<DailyCheck> {
  if (day !== undefined && !Number.isSafeInteger(day)) return invalid("date", "must be a date");
  const checked = day ?? dayOf(readClock(state)) - 1;
  const found: [AccountRec, DailyCheckItem][] = [];
  for (const [a, days] of state.dailyBalances) {
    const stored = days.get(checked);
    if (stored === undefined) continue;
    const storedMinor = dailyRow(a, checked, stored).closingMinor;
    const calculatedMinor = closingBalance(a, checked);
    found.push([a, { accountId: a.id, accountNumber: a.accountNumber, currency: a.currency, storedMinor, calculatedMinor, differenceMinor: storedMinor - calculatedMinor }]);
  }
  const items = found.sort(([a], [b]) => byAccountNumber(a, b)).map(([, item]) => item);
  const mismatchedAccounts = items.filter((item) => item.differenceMinor !== 0).length;
  return ok({ day: checked, status: mismatchedAccounts === 0 ? "ok" : "mismatch", checkedAccounts: items.length, mismatchedAccounts, items });
}

/** The posted balance an account closes a day with: every leg posted before the day's end. */
export function closingBalance(a: AccountRec, day: number): number {
  return computeDays(a, day, day)[0]!.closingMinor;
}

/** True when the account existed on the day: opened by its end and not closed before it began. */
export function existedOn(a: AccountRec, day: number): boolean {
  const [first, last] = daysOf(a, day, day);
  return first <= last;
}

/** The stored daily balances as snapshot records: accounts in creation order, days oldest first. */
export function exportDailyBalances(state: LedgerState): DailyBalanceSnapshot[] {
  const records: DailyBalanceSnapshot[] = [];
  for (const a of state.accountList) {
    const days = state.dailyBalances.get(a);
    if (days === undefined) continue;
    for (const day of [...days.keys()].sort((x, y) => x - y)) {
      const { openingMinor, debitMinor, creditMinor } = days.get(day)!;
      records.push({ accountId: a.id, dayStartAt: day * MS_PER_DAY, openingMinor, debitMinor, creditMinor });
    }
  }
  return records;
}

/**
 * Restores stored daily balances from snapshot records, calling `bad` (which throws) on a malformed one. Their
 * figures are not held against the postings: a stored row may be out of date, which is what the daily check finds.
 */
export function importDailyBalances(state: LedgerState, records: readonly DailyBalanceSnapshot[] | undefined, bad: (why: string) => never): void {
  if (records === undefined) return;
  if (!Array.isArray(records) || !records.every((r) => typeof r === "object" && r !== null)) bad("dailyBalances must be an array of objects");
  for (const r of records) {
    const a = state.accounts.get(r.accountId);
    if (a === undefined) return bad(`daily balance of ${String(r.accountId)} names an unknown account`);
    if (!Number.isSafeInteger(r.dayStartAt) || r.dayStartAt % MS_PER_DAY !== 0) bad(`daily balance of ${a.id} has a dayStartAt that is not the start of a UTC day in epoch ms`);
    if (![r.openingMinor, r.debitMinor, r.creditMinor].every(Number.isSafeInteger) || r.debitMinor < 0 || r.creditMinor < 0) {
      bad(`daily balance of ${a.id} needs integer minor units, debitMinor and creditMinor not negative`);
    }
    const day = dayOf(r.dayStartAt);
    if (state.dailyBalances.get(a)?.has(day) === true) bad(`daily balance of ${a.id} at ${r.dayStartAt} is duplicated`);
    storeDay(state, a, day, { openingMinor: r.openingMinor, debitMinor: r.debitMinor, creditMinor: r.creditMinor });
  }
}

// Range rules come before any lookup result is used, and no row is stored before every rule has passed.
function accountsInRange(accounts: Result<AccountRec[]>, fromDay: number, toDay: number): Result<AccountRec[]> {
  const range = checkRange(fromDay, toDay);
  if (!range.ok) return range;
  if (!accounts.ok) return accounts;
  const days = toDay - fromDay + 1;
  if (days * accounts.value.length > MAX_DAILY_BALANCE_ROWS) {
    return invalid("accountIds", `${accounts.value.length} accounts over ${days} days exceed ${MAX_DAILY_BALANCE_ROWS} rows; name fewer accounts or a shorter range`);
  }
  return accounts;
}

function checkRange(fromDay: number, toDay: number): Result<void> {
  if (!Number.isSafeInteger(fromDay)) return invalid("fromDate", "must be a date");
  if (!Number.isSafeInteger(toDay)) return invalid("toDate", "must be a date");
  if (fromDay > toDay) return invalid("fromDate", "fromDate must not be after toDate");
  if (toDay - fromDay + 1 > MAX_DAILY_BALANCE_DAYS) return invalid("toDate", `the range spans ${toDay - fromDay + 1} days; at most ${MAX_DAILY_BALANCE_DAYS} are allowed`);
  return OK_VOID;
}

// The days of [fromDay, toDay] on which the account existed: from the day it was opened through the day it closed.
function daysOf(a: AccountRec, fromDay: number, toDay: number): [number, number] {
  const first = Math.max(fromDay, dayOf(a.createdAt));
  const last = a.closedAt === null ? toDay : Math.min(toDay, dayOf(a.closedAt));
  return [first, last];
}

// One walk over the account's postings: legs before fromDay open it, later days are chained close to open.
function computeDays(a: AccountRec, fromDay: number, toDay: number): DailyBalance[] {
  const count = toDay - fromDay + 1;
  if (count <= 0) return [];
  const days: StoredDay[] = Array.from({ length: count }, () => ({ openingMinor: 0, debitMinor: 0, creditMinor: 0 }));
  let opening = 0;
  for (const tx of a.txs) {
    if (tx.postedAt === null) continue;
    const index = dayOf(tx.postedAt) - fromDay;
    const isCredit = tx.creditor === a;
    if (index < 0) opening += isCredit ? tx.amountMinor : -tx.amountMinor;
    else if (index < count) {
      const day = days[index]!;
      if (isCredit) day.creditMinor += tx.amountMinor;
      else day.debitMinor += tx.amountMinor;
    }
  }
  return days.map((figures, index) => {
    const row = dailyRow(a, fromDay + index, { ...figures, openingMinor: opening });
    opening = row.closingMinor;
    return row;
  });
}

function dailyRow(a: AccountRec, day: number, figures: StoredDay): DailyBalance {
  const { openingMinor, debitMinor, creditMinor } = figures;
  return { accountId: a.id, day, currency: a.currency, openingMinor, debitMinor, creditMinor, closingMinor: openingMinor - debitMinor + creditMinor };
}

function storeDay(state: LedgerState, a: AccountRec, day: number, figures: StoredDay): void {
  let days = state.dailyBalances.get(a);
  if (days === undefined) {
    days = new Map();
    state.dailyBalances.set(a, days);
  }
  days.set(day, figures);
}
