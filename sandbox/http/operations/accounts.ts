/** Handlers of the GeneralLedger Accounts operations (#19-#35). */
import type { Account, AccountFilter, Ledger, Result } from "../../core/index.js";
import { toMajor } from "../../core/index.js";
import { accountDto, balancesDto, InputReader } from "../dto.js";
import { respond, type HandlerTable } from "./context.js";

/** FrontOffice routes see only the current client's accounts; anyone else's is "not found". */
function ownAccount(ledger: Ledger, clientId: string | undefined, idOrNumber: string): Result<Account> {
  const account = ledger.findAccount(idOrNumber);
  if (!account || account.clientId !== clientId) {
    return { ok: false, error: { code: "accountNotFound", message: `Account ${idOrNumber} was not found.` } };
  }
  return { ok: true, value: account };
}

function accountResult(ledger: Ledger, id: string): Result<Account> {
  const account = ledger.getAccount(id);
  return account ? { ok: true, value: account } : { ok: false, error: { code: "accountNotFound", message: `Account ${id} was not found.` } };
}

function paging(source: { page?: number; pageSize?: number }) {
  return { page: source.page ?? 1, pageSize: source.pageSize ?? 20 };
}

function pagedAccounts(ledger: Ledger, filter: AccountFilter, page: { page: number; pageSize: number }) {
  const result = ledger.listAccounts(filter, page);
  return { status: 200 as const, body: { ...result, items: result.items.map(accountDto) } };
}

/** A one-value query filter as the core's list form (absent: no filter). */
function listOf<T>(value: T | undefined): T[] | undefined {
  return value === undefined ? undefined : [value];
}

/** Accounts handlers by operationId. */
export const accountHandlers: HandlerTable = {
  openAccount: ({ ledger, body, clientId }) => respond(ledger.openClientAccount({ clientId: clientId ?? "", currency: body.currency, name: body.name ?? null }), accountDto),

  createAccount: ({ ledger, body }) => {
    const { accountNumber, name, allowNegativeBalance } = body;
    const input = { clientId: body.clientId ?? null, currency: body.currency, type: body.type, ...(accountNumber !== undefined && { accountNumber }) };
    return respond(ledger.createAccount({ ...input, ...(name !== undefined && { name }), ...(allowNegativeBalance !== undefined && { allowNegativeBalance }) }), accountDto);
  },

  listMyAccounts: ({ ledger, clientId }) => ({ status: 200, body: ledger.listClientAccounts(clientId ?? "").map(accountDto) }),

  recalculateAccounts: ({ ledger, body }) => respond(ledger.recalculate(body?.accountIds?.length ? body.accountIds : undefined), (list) => list.map(accountDto)),

  updateAccount: ({ ledger, params, body, clientId }) => {
    const own = ownAccount(ledger, clientId, params.path.id);
    if (!own.ok) return { error: own.error };
    return respond(ledger.updateAccount(own.value.id, body?.name === undefined ? {} : { name: body.name }), accountDto);
  },

  calculateBalances: ({ ledger, body }) => {
    const reader = new InputReader();
    const asOf = reader.time(body.date, "date");
    if (!reader.ok) return { fieldErrors: reader.errors };
    return respond(ledger.calculateBalances(body.accountIds, asOf ?? undefined), (list) => list.map(balancesDto));
  },

  getAccount: ({ ledger, params, clientId }) => respond(ownAccount(ledger, clientId, params.path.id), accountDto),

  getLedgerAccount: ({ ledger, params }) => respond(accountResult(ledger, params.path.accountId), accountDto),

  closeAccount: ({ ledger, params, clientId }) => {
    const own = ownAccount(ledger, clientId, params.path.id);
    const closed = own.ok ? ledger.closeAccount(own.value.id) : own;
    return closed.ok ? { status: 204 } : { error: closed.error };
  },

  searchAccounts: ({ ledger, body }) => {
    const { page, pageSize, ...filter } = body ?? {};
    return pagedAccounts(ledger, filter, paging({ page, pageSize }));
  },

  sendAccountOtp: ({ ledger, body, clientId }) => {
    const own = ownAccount(ledger, clientId, body.accountId);
    if (!own.ok) return { error: own.error };
    return respond(ledger.sendOtp({ accountId: own.value.id, operation: body.operation }), (otp) => ({ otpId: otp.otpId, expiresAt: new Date(otp.expiresAt).toISOString() }));
  },

  getAggregatedAmounts: ({ ledger, params }) => {
    const { currency, type, clientId } = params.query;
    const rows = ledger.aggregatedAmounts({ ...(currency !== undefined && { currency }), ...(type !== undefined && { type }), ...(clientId !== undefined && { clientId }) });
    return {
      status: 200,
      body: rows.map((r) => ({
        currency: r.currency,
        accountType: r.accountType,
        accountsCount: r.accountsCount,
        totalBalance: toMajor(r.totalBalanceMinor),
        totalHeld: toMajor(r.totalHeldMinor),
        totalAvailable: toMajor(r.totalAvailableMinor),
      })),
    };
  },

  verifyAccountOtp: ({ ledger, body, clientId }) => respond(ledger.verifyOtp({ otpId: body.otpId, code: body.code, clientId: clientId ?? "" }), accountDto),

  reorderAccounts: ({ ledger, body, clientId }) => respond(ledger.reorderAccounts(clientId ?? "", body.accountIds), (list) => list.map(accountDto)),

  getAccountsByAccountNumbers: ({ ledger, body }) => ({ status: 200, body: ledger.accountsByNumbers(body.accountNumbers).map(accountDto) }),

  listAccounts: ({ ledger, params }) => {
    const q = params.query;
    const filter: AccountFilter = { clientIds: listOf(q.clientId), currencies: listOf(q.currency), types: listOf(q.type), statuses: listOf(q.status) };
    return pagedAccounts(ledger, filter, paging(q));
  },
};
