import { ACCOUNT_STATUSES, ACCOUNT_TYPES, CURRENCIES, PARENT_TYPES, TRANSACTION_STATES } from "./types.js";
import type { AccountStatus, AccountType, Currency, ParentType, TransactionState } from "./types.js";

const CURRENCY_SET: ReadonlySet<string> = new Set(CURRENCIES);
const PARENT_TYPE_SET: ReadonlySet<string> = new Set(PARENT_TYPES);
const ACCOUNT_TYPE_SET: ReadonlySet<string> = new Set(ACCOUNT_TYPES);
const ACCOUNT_STATUS_SET: ReadonlySet<string> = new Set(ACCOUNT_STATUSES);
const TRANSACTION_STATE_SET: ReadonlySet<string> = new Set(TRANSACTION_STATES);

/** True for one of the ten currency codes. */
export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && CURRENCY_SET.has(value);
}

/** True for a known parentType. */
export function isParentType(value: unknown): value is ParentType {
  return typeof value === "string" && PARENT_TYPE_SET.has(value);
}

/** True for a known account type. */
export function isAccountType(value: unknown): value is AccountType {
  return typeof value === "string" && ACCOUNT_TYPE_SET.has(value);
}

/** True for a known account status. */
export function isAccountStatus(value: unknown): value is AccountStatus {
  return typeof value === "string" && ACCOUNT_STATUS_SET.has(value);
}

/** True for a known transaction state. */
export function isTransactionState(value: unknown): value is TransactionState {
  return typeof value === "string" && TRANSACTION_STATE_SET.has(value);
}

/** True for an optional nullable timestamp in integer epoch ms. */
export function isOptionalTime(value: unknown): value is number | null | undefined {
  return value === undefined || value === null || Number.isSafeInteger(value);
}

/** True for an optional nullable display name (at most 200 characters). */
export function isOptionalName(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || (typeof value === "string" && value.length <= 200);
}

/** Turns an optional filter list into a Set, or undefined when it does not filter (absent or empty). */
export function toFilterSet<T>(values: readonly T[] | undefined): Set<T> | undefined {
  return values === undefined || values.length === 0 ? undefined : new Set(values);
}
