/** Handlers of the GeneralLedger Transactions operations (#36-#40). */
import type { Ledger, Transaction, TransactionFilter, TransactionSort } from "../../core/index.js";
import { toMajor, toMinor } from "../../core/index.js";
import { InputReader, iso, transactionDto } from "../dto.js";
import { respond, type HandlerTable, type OperationHandler } from "./context.js";

/** The fields of a list query or a query body that filter by time and page. */
interface Window {
  fromDate?: string;
  toDate?: string;
  page?: number;
  pageSize?: number;
}

const one = <T>(value: T | undefined): T[] | undefined => (value === undefined ? undefined : [value]);

/**
 * Reads the date range of a filter: the API's `fromDate` is inclusive and `toDate` exclusive, while the
 * core's `toAt` is inclusive; times are whole milliseconds, so "before toDate" is "at or before toDate - 1".
 */
function dateRange(reader: InputReader, source: Window): Pick<TransactionFilter, "fromAt" | "toAt"> {
  const from = reader.time(source.fromDate, "fromDate");
  const to = reader.time(source.toDate, "toDate");
  return { ...(from !== null && { fromAt: from }), ...(to !== null && { toAt: to - 1 }) };
}

function pagedTransactions(ledger: Ledger, filter: TransactionFilter, sort: TransactionSort, source: Window) {
  const result = ledger.queryTransactions(filter, sort, { page: source.page ?? 1, pageSize: source.pageSize ?? 20 });
  return { status: 200 as const, body: { ...result, items: result.items.map(transactionDto) } };
}

const NEWEST_FIRST: TransactionSort = { by: "createdDate", direction: "desc" };

const listMyTransactions: OperationHandler<"listMyTransactions"> = ({ ledger, params, clientId }) => {
  const q = params.query;
  if (q.accountId !== undefined && ledger.getAccount(q.accountId)?.clientId !== clientId) {
    return { error: { code: "accountNotFound", message: `Account ${q.accountId} was not found.` } };
  }
  const reader = new InputReader();
  const filter: TransactionFilter = { clientId: clientId ?? "", accountIds: one(q.accountId), states: one(q.state), ...dateRange(reader, q) };
  if (!reader.ok) return { fieldErrors: reader.errors };
  return pagedTransactions(ledger, filter, NEWEST_FIRST, q);
};

const listTransactions: OperationHandler<"listTransactions"> = ({ ledger, params }) => {
  const q = params.query;
  const reader = new InputReader();
  const filter: TransactionFilter = {
    accountIds: one(q.accountId),
    paymentIds: one(q.paymentId),
    parentIds: one(q.parentId),
    parentTypes: one(q.parentType),
    states: one(q.state),
    currencies: one(q.currency),
    ...(q.overdue === true && { overdueAt: ledger.clock.now() }),
    ...dateRange(reader, q),
  };
  if (!reader.ok) return { fieldErrors: reader.errors };
  return pagedTransactions(ledger, filter, NEWEST_FIRST, q);
};

const queryTransactions: OperationHandler<"queryTransactions"> = ({ ledger, body }) => {
  const b = body ?? {};
  const reader = new InputReader();
  const bound = (field: "minAmount" | "maxAmount") => {
    const value = b[field];
    if (value === undefined) return undefined;
    const minor = toMinor(value);
    if (minor === undefined || minor < 0) reader.add(field, "must be zero or more with at most 2 decimals");
    return minor;
  };
  const filter: TransactionFilter = {
    accountIds: b.accountIds,
    paymentIds: b.paymentIds,
    parentIds: b.parentIds,
    parentTypes: b.parentTypes,
    states: b.states,
    currencies: b.currencies,
    minAmountMinor: bound("minAmount"),
    maxAmountMinor: bound("maxAmount"),
    ...(b.overdue === true && { overdueAt: ledger.clock.now() }),
    ...dateRange(reader, b),
  };
  if (!reader.ok) return { fieldErrors: reader.errors };
  const sort: TransactionSort = { by: b.sortBy ?? "createdDate", direction: b.sortDirection ?? "desc" };
  return pagedTransactions(ledger, filter, sort, b);
};

const CSV_HEADER = "postedDate,id,paymentId,parentType,debtorAccountNumber,creditorAccountNumber,currency,amount,direction,balanceAfter";

/** Minor units as an exact 2-decimal text ("-12.05"), with no float formatting on the way. */
function minorText(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A statement as the spec documents it: one row per posted leg, debit or credit from the account's side, and the balance after it. */
function reportCsv(accountId: string, openingMinor: number, transactions: Transaction[]): string {
  let balance = openingMinor;
  const rows = transactions.map((t) => {
    const credit = t.creditorAccountId === accountId;
    balance += credit ? t.amountMinor : -t.amountMinor;
    const when = iso(t.postedAt ?? t.createdAt);
    return [when, t.id, t.paymentId, t.parentType, t.debtorAccountNumber, t.creditorAccountNumber, t.currency, minorText(t.amountMinor), credit ? "credit" : "debit", minorText(balance)].join(",");
  });
  return [CSV_HEADER, ...rows].join("\r\n") + "\r\n";
}

const getTransactionsReport: OperationHandler<"getTransactionsReport"> = ({ ledger, params }) => {
  const q = params.query;
  const reader = new InputReader();
  // The statement's period is [fromDate, toDate), as the core's report takes it.
  const fromAt = reader.time(q.fromDate, "fromDate") ?? undefined;
  const toAt = reader.time(q.toDate, "toDate") ?? undefined;
  if (!reader.ok) return { fieldErrors: reader.errors };
  const report = ledger.transactionsReport(q.accountId, fromAt, toAt);
  if (!report.ok) return { error: report.error };
  const { account, openingBalanceMinor, closingBalanceMinor, transactions } = report.value;
  if (q.format === "json") {
    return {
      status: 200,
      body: {
        accountId: account.id,
        currency: account.currency,
        fromDate: iso(fromAt ?? account.createdAt),
        toDate: iso(toAt ?? ledger.clock.now()),
        openingBalance: toMajor(openingBalanceMinor),
        closingBalance: toMajor(closingBalanceMinor),
        transactions: transactions.map(transactionDto),
      },
    };
  }
  return {
    status: 200,
    contentType: "text/csv",
    headers: { "content-disposition": `attachment; filename="statement-${account.accountNumber}.csv"` },
    body: reportCsv(account.id, openingBalanceMinor, transactions),
  };
};

/** Transactions handlers by operationId. */
export const transactionHandlers: HandlerTable = {
  listMyTransactions,
  getTransaction: ({ ledger, params }) => {
    const id = params.path.id;
    const found = ledger.getTransaction(id);
    return respond(found ? { ok: true, value: found } : { ok: false, error: { code: "transactionNotFound", message: `Transaction ${id} was not found.` } }, transactionDto);
  },
  listTransactions,
  queryTransactions,
  getTransactionsReport,
};
