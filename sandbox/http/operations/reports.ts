/** Handlers of the GeneralLedger remainder (#42-#48): daily balances, the daily check, reports and the balance check job. */
import type { DailyBalance, DailyCheckItem, Result } from "../../core/index.js";
import { toMajor } from "../../core/index.js";
import { InputReader, iso, isoDate } from "../dto.js";
import type { FieldErrors } from "../validation.js";
import { respond, type HandlerTable } from "./context.js";

/** The job name the balance check answers with. */
const BALANCE_CHECK_JOB = "AccountBalanceCheckJob";

function dailyBalanceDto(row: DailyBalance) {
  return {
    accountId: row.accountId,
    date: isoDate(row.day),
    currency: row.currency,
    openingBalance: toMajor(row.openingMinor),
    totalDebit: toMajor(row.debitMinor),
    totalCredit: toMajor(row.creditMinor),
    closingBalance: toMajor(row.closingMinor),
  };
}

function dailyCheckItemDto(item: DailyCheckItem) {
  return {
    accountId: item.accountId,
    accountNumber: item.accountNumber,
    currency: item.currency,
    storedBalance: toMajor(item.storedMinor),
    calculatedBalance: toMajor(item.calculatedMinor),
    difference: toMajor(item.differenceMinor),
  };
}

/** Reads a body's date range as UTC days and answers the rows the core gives for it. */
function dailyRows(body: { fromDate: string; toDate: string }, rows: (fromDay: number, toDay: number) => Result<DailyBalance[]>) {
  const reader = new InputReader();
  const fromDay = reader.day(body.fromDate, "fromDate");
  const toDay = reader.day(body.toDate, "toDate");
  if (fromDay === undefined || toDay === undefined) return { fieldErrors: reader.errors };
  return respond(rows(fromDay, toDay), (list) => list.map(dailyBalanceDto));
}

/** Reads an optional `date` query parameter as a UTC day. */
function queryDay(date: string | undefined): { fieldErrors: FieldErrors } | { day: number | undefined } {
  const reader = new InputReader();
  const day = reader.day(date, "date");
  return reader.ok ? { day } : { fieldErrors: reader.errors };
}

/** GeneralLedger remainder handlers by operationId. */
export const reportHandlers: HandlerTable = {
  getDailyAccountBalances: ({ ledger, body }) => dailyRows(body, (fromDay, toDay) => ledger.dailyBalances(body.accountIds, fromDay, toDay)),

  recalculateDailyAccountBalances: ({ ledger, body }) => dailyRows(body, (fromDay, toDay) => ledger.recalculateDailyBalances(body.accountIds, fromDay, toDay)),

  getDailyCheck: ({ ledger, params }) => {
    const date = queryDay(params.query.date);
    if ("fieldErrors" in date) return date;
    return respond(ledger.dailyCheck(date.day), (check) => ({ date: isoDate(check.day), status: check.status, checkedAccounts: check.checkedAccounts, mismatchedAccounts: check.mismatchedAccounts }));
  },

  getDailyCheckDetails: ({ ledger, params }) => {
    const date = queryDay(params.query.date);
    if ("fieldErrors" in date) return date;
    const mismatchedOnly = params.query.mismatchedOnly === true;
    return respond(ledger.dailyCheck(date.day), (check) => check.items.filter((item) => !mismatchedOnly || item.differenceMinor !== 0).map(dailyCheckItemDto));
  },

  getReconciliationReport: ({ ledger, params }) => {
    const date = queryDay(params.query.date);
    if ("fieldErrors" in date) return date;
    return respond(ledger.reconciliationReport(params.query.currency, date.day), (report) => ({
      date: isoDate(report.day),
      currency: report.currency,
      ledgerClientFunds: toMajor(report.clientFundsMinor),
      treasuryBalance: toMajor(report.treasuryBalanceMinor),
      difference: toMajor(report.differenceMinor),
      items: report.items.map((item) => ({ accountType: item.accountType, accountsCount: item.accountsCount, totalBalance: toMajor(item.totalBalanceMinor) })),
    }));
  },

  getTreasurySummary: ({ ledger, params }) => ({
    status: 200,
    body: ledger.treasurySummary(params.query.currency).map((p) => ({
      currency: p.currency,
      clientFunds: toMajor(p.clientFundsMinor),
      treasuryBalance: toMajor(p.treasuryBalanceMinor),
      feeBalance: toMajor(p.feeBalanceMinor),
      difference: toMajor(p.differenceMinor),
    })),
  }),

  runAccountBalanceCheckJob: ({ ledger, params }) => {
    const check = ledger.checkAccountBalances(params.query.currency);
    const at = iso(check.at);
    return {
      status: 200,
      body: {
        jobName: BALANCE_CHECK_JOB,
        startedDate: at,
        finishedDate: at,
        result: check.result,
        checkedAccounts: check.checkedAccounts,
        mismatchedAccounts: check.mismatchedAccountIds.length,
        mismatchedAccountIds: check.mismatchedAccountIds,
      },
    };
  },
};
