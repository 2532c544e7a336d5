import { fail, invalid, ok } from "./errors.js";
import { isUuid } from "./ids.js";
import type { AccountRec, Keyed, LedgerState } from "./state.js";
import type { AccountRef, Result } from "./types.js";

/** Looks a record up by uuid; ids are stored lower-case, and upper-case input (as .NET accepts) costs a second lookup only on a miss. */
export function getById<T>(map: Keyed<T>, id: string): T | undefined {
  return map.get(id) ?? (typeof id === "string" ? map.get(id.toLowerCase()) : undefined);
}

/** Looks an account up by uuid-shaped id, or else by account number. */
export function findAccountRec(state: LedgerState, idOrNumber: string): AccountRec | undefined {
  return isUuid(idOrNumber) ? getById(state.accounts, idOrNumber) : state.accountsByNumber.get(idOrNumber);
}

/**
 * Resolves an account reference given by id and/or number; `prefix` is the request field prefix,
 * e.g. "debtor" or "transactions[1].creditor", so errors name `debtorAccountId` and the like.
 */
export function resolveRef(state: LedgerState, ref: AccountRef | undefined, prefix: string): Result<AccountRec> {
  const idField = `${prefix}AccountId`;
  const numberField = `${prefix}AccountNumber`;
  const id = ref?.id;
  const num = ref?.number;
  if (id === undefined && num === undefined) return invalid(idField, `${idField} or ${numberField} is required`);
  if (id !== undefined && typeof id !== "string") return invalid(idField, `${idField} must be a string`);
  if (num !== undefined && typeof num !== "string") return invalid(numberField, `${numberField} must be a string`);
  const byId = id === undefined ? undefined : getById(state.accounts, id);
  if (id !== undefined && byId === undefined) return fail("accountNotFound", `Account ${id} not found`, idField);
  const byNumber = num === undefined ? undefined : state.accountsByNumber.get(num);
  if (num !== undefined && byNumber === undefined) return fail("accountNotFound", `Account number ${num} not found`, numberField);
  if (byId !== undefined && byNumber !== undefined && byId !== byNumber) {
    return invalid(numberField, `${numberField} ${num} does not belong to account ${id}`);
  }
  return ok((byId ?? byNumber)!);
}
