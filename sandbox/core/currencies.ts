import { fail, invalid, ok } from "./errors.js";
import type { LedgerState } from "./state.js";
import { CURRENCIES } from "./types.js";
import type { AccountType, Currency, CurrencyInfo, Result } from "./types.js";
import { isCurrency } from "./validate.js";

/** Copies a currency record. */
function currencyView(c: CurrencyInfo): CurrencyInfo {
  return { code: c.code, name: c.name, decimals: c.decimals, isEnabled: c.isEnabled };
}

/** Lists all ten currencies in enum order with their enabled flag. */
export function listCurrencies(state: LedgerState): CurrencyInfo[] {
  return CURRENCIES.map((code) => currencyView(state.currencies.get(code)!));
}

/** Looks a currency up by code (case-insensitive, as .NET enum binding is). */
export function getCurrency(state: LedgerState, code: string): Result<CurrencyInfo> {
  const key = typeof code === "string" ? code.toLowerCase() : code;
  if (!isCurrency(key)) return fail("currencyNotFound", `Currency ${String(code)} not found`);
  return ok(currencyView(state.currencies.get(key)!));
}

/**
 * The currency rule for opening an account: one of the ten codes the BaaS provider supports, and for client
 * accounts one the ledger has enabled. System accounts may hold any supported currency (a treasury precedes
 * enabling it).
 */
export function checkAccountCurrency(state: LedgerState, currency: unknown, type: AccountType): Result<never> | undefined {
  if (!isCurrency(currency)) return unsupportedCurrency(currency);
  if (type === "client" && !state.currencies.get(currency)!.isEnabled) return fail("currencyNotEnabled", `Currency ${currency} is not enabled`, "currency");
  return undefined;
}

/** The refusal of a code that is not one of the ten. */
export function unsupportedCurrency(currency: unknown): Result<never> {
  return fail("currencyNotSupported", `Currency ${String(currency)} is not supported by the BaaS provider`, "currency");
}

/** Enables or disables a currency for new client accounts, optionally renaming it. */
export function setCurrencyEnabled(state: LedgerState, code: Currency, isEnabled: boolean, name?: string): Result<CurrencyInfo> {
  const key = typeof code === "string" ? code.toLowerCase() : code;
  if (!isCurrency(key)) return fail("currencyNotFound", `Currency ${String(code)} not found`);
  if (typeof isEnabled !== "boolean") return invalid("isEnabled", "isEnabled must be a boolean");
  if (name !== undefined && (typeof name !== "string" || name.length === 0 || name.length > 100)) return invalid("name", "name must be 1-100 characters");
  const record = state.currencies.get(key)!;
  record.isEnabled = isEnabled;
  if (name !== undefined) record.name = name;
  return ok(currencyView(record));
}

/** The currencies the BaaS provider supports: all ten. */
export function availableCurrencies(): Currency[] {
  return [...CURRENCIES];
}
