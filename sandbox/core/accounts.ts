import { fail, invalid, ok } from "./errors.js";
import { isUuid } from "./ids.js";
import { checkAccountCurrency, unsupportedCurrency } from "./currencies.js";
import { getById } from "./refs.js";
import { drawFresh, freshUuid, readClock } from "./state.js";
import type { AccountRec, LedgerState } from "./state.js";
import type { Account, AccountType, CreateAccountInput, Currency, Result } from "./types.js";
import { isAccountType, isCurrency, isOptionalName } from "./validate.js";
import { accountView } from "./views.js";

/** Opens an account for a client on the FrontOffice route: `pending` until an OTP activates it. */
export function openClientAccount(state: LedgerState, input: { clientId: string; currency: Currency; name?: string | null }): Result<Account> {
  if (getById(state.clients, input.clientId) === undefined) return fail("clientNotFound", `Client ${input.clientId} not found`, "clientId");
  const currencyProblem = checkAccountCurrency(state, input.currency, "client");
  if (currencyProblem !== undefined) return currencyProblem;
  if (!isOptionalName(input.name)) return invalid("name", "name must be a string of at most 200 characters or null");
  const clientId = getById(state.clients, input.clientId)!.id;
  return ok(accountView(insertAccount(state, { clientId, currency: input.currency, type: "client", name: input.name ?? null }, "pending")));
}

/** Creates an account on the system route, `active` at once; client accounts need a clientId. */
export function createAccount(state: LedgerState, input: CreateAccountInput): Result<Account> {
  if (!isAccountType(input.type)) return invalid("type", "unknown account type");
  if (!isCurrency(input.currency)) return unsupportedCurrency(input.currency);
  if (!isOptionalName(input.name)) return invalid("name", "name must be a string of at most 200 characters or null");
  if (input.allowNegativeBalance !== undefined && typeof input.allowNegativeBalance !== "boolean") return invalid("allowNegativeBalance", "must be a boolean");
  if (input.id !== undefined && (!isUuid(input.id) || state.accounts.has(input.id.toLowerCase()))) return invalid("id", "id must be an unused uuid");
  const clientId = input.clientId ?? null;
  if (input.type === "client" && clientId === null) return invalid("clientId", "client accounts need a clientId");
  if (input.type !== "client" && clientId !== null) return invalid("clientId", "system accounts belong to no client; leave clientId out");
  // A client account never goes below zero available, so it cannot be created able to
  // (docs/domain/decisions.md#decision-10-client-and-system-accounts).
  if (input.type === "client" && input.allowNegativeBalance === true) return invalid("allowNegativeBalance", "client accounts cannot allow a negative balance");
  const client = clientId === null ? undefined : getById(state.clients, clientId);
  if (clientId !== null && client === undefined) return fail("clientNotFound", `Client ${clientId} not found`, "clientId");
  const currencyProblem = checkAccountCurrency(state, input.currency, input.type);
  if (currencyProblem !== undefined) return currencyProblem;
  const numberProblem = checkAccountNumber(state, input.accountNumber);
  if (numberProblem !== undefined) return numberProblem;
  const rec = insertAccount(state, { ...input, clientId: client?.id ?? null, name: input.name ?? null }, "active");
  return ok(accountView(rec));
}

/**
 * The account number no account ever has: requests naming it always meet "account not found", which UIs use
 * to show that error without setup (a magic value, listed by `GET /__sandbox/magic-values`).
 */
export const RESERVED_ACCOUNT_NUMBER = "FL000000000000000404";

/** Why an account number cannot be given to an account, or undefined when it can (its uniqueness aside). */
export function accountNumberProblem(accountNumber: unknown): string | undefined {
  // A uuid-shaped number would be looked up as an id by GET /Accounts/{id}, so it is refused
  // (docs/domain/accounts.md#account-numbers-and-lookup).
  if (typeof accountNumber !== "string" || !/^[A-Za-z0-9]{1,34}$/.test(accountNumber) || isUuid(accountNumber)) return "accountNumber must be 1-34 letters or digits";
  if (accountNumber === RESERVED_ACCOUNT_NUMBER) return `${RESERVED_ACCOUNT_NUMBER} is reserved: it is the magic account number that is never found`;
  return undefined;
}

function checkAccountNumber(state: LedgerState, accountNumber: string | undefined): Result<never> | undefined {
  if (accountNumber === undefined) return undefined;
  const problem = accountNumberProblem(accountNumber);
  if (problem !== undefined) return invalid("accountNumber", problem);
  if (state.accountsByNumber.has(accountNumber)) return fail("duplicateAccountNumber", `Account number ${accountNumber} is already in use`, "accountNumber");
  return undefined;
}

interface NewAccount {
  id?: string;
  clientId: string | null;
  currency: Currency;
  type: AccountType;
  name: string | null;
  accountNumber?: string;
  allowNegativeBalance?: boolean;
}

function insertAccount(state: LedgerState, input: NewAccount, status: Account["status"]): AccountRec {
  const siblings = input.clientId === null ? undefined : state.clientAccounts.get(input.clientId);
  const rec: AccountRec = {
    id: input.id?.toLowerCase() ?? freshUuid(state, state.accounts),
    accountNumber: input.accountNumber ?? freshAccountNumber(state),
    clientId: input.clientId,
    name: input.name,
    currency: input.currency,
    type: input.type,
    status,
    allowNegativeBalance: input.allowNegativeBalance ?? input.type !== "client",
    balanceMinor: 0,
    heldMinor: 0,
    pendingIncomingMinor: 0,
    // System accounts have no display order; a client's new account goes last.
    order: input.clientId === null ? 0 : nextOrder(siblings),
    createdAt: readClock(state),
    updatedAt: null,
    closedAt: null,
    seq: state.accountList.length,
    postedDebitMinor: 0,
    postedCreditMinor: 0,
    txs: [],
  };
  indexAccount(state, rec);
  return rec;
}

/** Adds an account record to every account index. */
export function indexAccount(state: LedgerState, rec: AccountRec): void {
  state.accounts.set(rec.id, rec);
  state.accountsByNumber.set(rec.accountNumber, rec);
  state.accountList.push(rec);
  if (rec.clientId !== null) {
    const list = state.clientAccounts.get(rec.clientId);
    if (list === undefined) state.clientAccounts.set(rec.clientId, [rec]);
    else list.push(rec);
  }
}

function nextOrder(siblings: AccountRec[] | undefined): number {
  let max = 0;
  for (const a of siblings ?? []) max = Math.max(max, a.order);
  return max + 1;
}

function freshAccountNumber(state: LedgerState): string {
  return drawFresh(() => state.ids.accountNumber(), state.accountsByNumber, "account number");
}

/** A client's accounts sorted by display order (closed ones included, they keep their place). */
export function clientAccountRecs(state: LedgerState, clientId: string): AccountRec[] {
  const list = getById(state.clientAccounts, clientId) ?? [];
  return [...list].sort((a, b) => a.order - b.order || a.seq - b.seq);
}

/** Renames an account; closed accounts are frozen. */
export function updateAccount(state: LedgerState, id: string, patch: { name?: string | null }): Result<Account> {
  const rec = getById(state.accounts, id);
  if (rec === undefined) return fail("accountNotFound", `Account ${id} not found`);
  if (rec.status === "closed") return fail("accountNotActive", `Account ${rec.id} is closed`);
  if (!isOptionalName(patch.name)) return invalid("name", "name must be a string of at most 200 characters or null");
  if (patch.name !== undefined) {
    rec.name = patch.name;
    rec.updatedAt = readClock(state);
  }
  return ok(accountView(rec));
}

/** Closes an empty account; a closed account cannot be closed again. */
export function closeAccount(state: LedgerState, id: string): Result<Account> {
  const rec = getById(state.accounts, id);
  if (rec === undefined) return fail("accountNotFound", `Account ${id} not found`);
  const refused = checkClosable(rec);
  if (refused !== undefined) return refused;
  const at = readClock(state);
  rec.status = "closed";
  rec.closedAt = at;
  rec.updatedAt = at;
  return ok(accountView(rec));
}

/** Why an account cannot be closed now, if it cannot. */
export function checkClosable(rec: AccountRec): Result<never> | undefined {
  if (rec.status === "closed") return fail("accountNotActive", `Account ${rec.id} is already closed`);
  if (rec.balanceMinor !== 0 || rec.heldMinor !== 0 || rec.pendingIncomingMinor !== 0) {
    return fail("accountNotEmpty", `Account ${rec.id} still has a balance, held or pending incoming funds`);
  }
  return undefined;
}

/** Sets a client's display order; the list must be exactly the client's accounts that are not closed. */
export function reorderAccounts(state: LedgerState, clientId: string, accountIds: string[]): Result<Account[]> {
  if (getById(state.clients, clientId) === undefined) return fail("clientNotFound", `Client ${clientId} not found`);
  const current = clientAccountRecs(state, clientId);
  const open = current.filter((a) => a.status !== "closed");
  const wanted = Array.isArray(accountIds) ? accountIds.map((id) => getById(state.accounts, id)) : [];
  const unique = new Set(wanted);
  if (wanted.length !== open.length || unique.size !== open.length || !open.every((a) => unique.has(a))) {
    return fail("invalidAccountOrder", "accountIds must list each of the client's open accounts exactly once", "accountIds");
  }
  const at = readClock(state);
  wanted.forEach((a, i) => {
    a!.order = i + 1;
    a!.updatedAt = at;
  });
  // Closed accounts keep their relative order after the open ones, so orders stay distinct.
  current.filter((a) => a.status === "closed").forEach((a, i) => (a.order = open.length + i + 1));
  return ok(clientAccountRecs(state, clientId).map(accountView));
}
