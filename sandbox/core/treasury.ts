/**
 * Money from outside the ledger enters through the currency's treasury account: fixture balances, the
 * incoming-payment simulation and test worlds all fund accounts with this one rule.
 */
import { listAccounts } from "./account-queries.js";
import { clientRefusal } from "./clients.js";
import { checkImpacts } from "./impacts.js";
import { fail, invalid, ok } from "./errors.js";
import { isValidAmountMinor } from "./money.js";
import { createPayment } from "./payments.js";
import { getById } from "./refs.js";
import type { AccountRec, LedgerState } from "./state.js";
import type { Account, AccountType, Currency, ParentType, Payment, Result } from "./types.js";

/** The field a missing treasury is reported on, so callers can say how to add one. */
export const TREASURY_FIELD = "treasury";

/** The currency's first active treasury account, if it has one. */
export function activeTreasury(state: LedgerState, currency: Currency): Account | undefined {
  return activeSystemAccount(state, "treasury", currency);
}

/** The currency's first active system account of a type (treasury, fee, fx, ...), as the ledger stores it. */
export function activeSystemAccount(state: LedgerState, type: Exclude<AccountType, "client">, currency: Currency): AccountRec | undefined {
  const found = listAccounts(state, { types: [type], currencies: [currency], statuses: ["active"] }, { page: 1, pageSize: 1 }).items[0];
  return found && state.accounts.get(found.id);
}

/**
 * Pays `amountMinor` from the account's currency's active treasury account into it, as one posted payment
 * of the given parent (an incoming transfer's id), or of a fresh parent id. Everything is checked before the
 * parent id is drawn, so a refusal changes nothing, not even the id sequence.
 */
export function fundFromTreasury(state: LedgerState, input: { accountId: string; amountMinor: number; parentType: ParentType; parentId?: string }): Result<Payment> {
  const account = getById(state.accounts, input.accountId);
  if (account === undefined) return fail("accountNotFound", `Account ${input.accountId} was not found.`, "accountId");
  if (!isValidAmountMinor(input.amountMinor)) return invalid("amount", "must be a positive amount with at most 2 decimals");
  if (account.type === "treasury") return invalid("accountId", "must name a client or system account: money from outside arrives through the treasury");
  if (account.status !== "active") return fail("accountNotActive", `Account ${account.id} is ${account.status}.`);
  // The account's client and its plan's incoming limit, as the payment would check them.
  const refused = clientRefusal(state, account, true);
  if (refused !== undefined) return refused;
  const capped = checkImpacts(state, [{ account, outMinor: 0, inMinor: input.amountMinor }], undefined);
  if (!capped.ok) return capped;
  const treasury = activeTreasury(state, account.currency);
  if (treasury === undefined) return fail("accountNotFound", `No active treasury account holds ${account.currency}.`, TREASURY_FIELD);
  const made = createPayment(state, { parentId: input.parentId ?? state.ids.uuid(), parentType: input.parentType, debtor: { id: treasury.id }, creditor: { id: account.id }, currency: account.currency, amountMinor: input.amountMinor });
  return made.ok ? ok(made.value.payment) : made;
}
