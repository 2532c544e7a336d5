/** Handlers of the GeneralLedger Accounts operations (#19-#35). */
import type { Account, AccountFilter, Ledger, Result } from "../../core/index.js";
import { toMajor } from "../../core/index.js";
import { accountDto, balancesDto, InputReader } from "../dto.js";
import { MAGIC_UNKNOWN_ACCOUNT_NUMBER } from "../magic.js";
import { pathParam, respond, type Handler, type OperationContext } from "./context.js";

/** FrontOffice routes see only the current client's accounts; anyone else's is "not found". */
function ownAccount(ctx: OperationContext, idOrNumber: string): Result<Account> {
  const account = ctx.ledger.findAccount(idOrNumber);
  if (!account || account.clientId !== ctx.clientId) {
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
  return { status: 200, body: { ...result, items: result.items.map(accountDto) } };
}

/** Drops absent filter lists so the core sees only what was asked. */
function defined<T extends object>(filter: T): T {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as T;
}

/** Accounts handlers by operationId. */
export const accountHandlers: Record<string, Handler> = {
  openAccount: ({ ledger, body, clientId }) =>
    respond(ledger.openClientAccount({ clientId: clientId ?? "", currency: body.currency, name: body.name ?? null }), accountDto),

  createAccount: ({ ledger, body }) => {
    if (body.accountNumber === MAGIC_UNKNOWN_ACCOUNT_NUMBER) return { fieldErrors: { accountNumber: [`${MAGIC_UNKNOWN_ACCOUNT_NUMBER} is reserved: it is the magic account number that is never found`] } };
    return respond(ledger.createAccount(defined({ ...body, clientId: body.clientId ?? null })), accountDto);
  },

  listMyAccounts: ({ ledger, clientId }) => ({ status: 200, body: ledger.listClientAccounts(clientId ?? "").map(accountDto) }),

  recalculateAccounts: ({ ledger, body }) => respond(ledger.recalculate(body?.accountIds?.length ? body.accountIds : undefined), (list) => list.map(accountDto)),

  updateAccount: (ctx) => {
    const own = ownAccount(ctx, pathParam(ctx, "id"));
    if (!own.ok) return { error: own.error };
    return respond(ctx.ledger.updateAccount(own.value.id, defined({ name: ctx.body?.name })), accountDto);
  },

  calculateBalances: ({ ledger, body }) => {
    const reader = new InputReader();
    const asOf = reader.time(body.date, "date");
    if (!reader.ok) return { fieldErrors: reader.errors };
    return respond(ledger.calculateBalances(body.accountIds, asOf ?? undefined), (list) => list.map(balancesDto));
  },

  getAccount: (ctx) => respond(ownAccount(ctx, pathParam(ctx, "id")), accountDto),

  getLedgerAccount: (ctx) => respond(accountResult(ctx.ledger, pathParam(ctx, "accountId")), accountDto),

  closeAccount: (ctx) => {
    const own = ownAccount(ctx, pathParam(ctx, "id"));
    if (!own.ok) return { error: own.error };
    return respond(ctx.ledger.closeAccount(own.value.id), () => undefined, 204);
  },

  searchAccounts: ({ ledger, body }) => {
    const { page, pageSize, ...filter } = body ?? {};
    return pagedAccounts(ledger, defined(filter), paging({ page, pageSize }));
  },

  sendAccountOtp: (ctx) => {
    const own = ownAccount(ctx, ctx.body.accountId);
    if (!own.ok) return { error: own.error };
    return respond(ctx.ledger.sendOtp({ accountId: own.value.id, operation: ctx.body.operation }), (otp) => ({
      otpId: otp.otpId,
      expiresAt: new Date(otp.expiresAt).toISOString(),
    }));
  },

  getAggregatedAmounts: ({ ledger, params }) => {
    const rows = ledger.aggregatedAmounts(defined({ currency: params.query.currency, type: params.query.type, clientId: params.query.clientId }) as Parameters<Ledger["aggregatedAmounts"]>[0]);
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
    const q = params.query as Record<string, string | number | undefined>;
    const list = (value: unknown) => (value === undefined ? undefined : [value]);
    const filter = defined({ clientIds: list(q.clientId), currencies: list(q.currency), types: list(q.type), statuses: list(q.status) }) as AccountFilter;
    return pagedAccounts(ledger, filter, paging(q as { page?: number; pageSize?: number }));
  },
};
