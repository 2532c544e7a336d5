/**
 * The rules that decide what kind of transfer a payment to an account is, and what it costs
 * (docs/domain/transfers.md#transfer-types). Pure functions of the account number, the currency and the ledger's
 * accounts.
 */
import type { AccountRec, LedgerState } from "../state.js";
import type { Currency, TransferType } from "../types.js";

/** Countries of the Single Euro Payments Area (ISO 3166-1 alpha-2): eur to an IBAN of one of them is `sepa`. */
export const SEPA_COUNTRIES: ReadonlySet<string> = new Set([
  "AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE",
  "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA",
]);

/** The countries whose own currency is one of the ten, other than eur: money in it stays on the country's own scheme (`local`). */
const LOCAL_CURRENCY: ReadonlyMap<string, Currency> = new Map<string, Currency>([
  ["GB", "gbp"], ["PL", "pln"], ["CH", "chf"], ["LI", "chf"], ["DK", "dkk"], ["NO", "nok"], ["SE", "sek"],
  ["US", "usd"], ["CA", "cad"], ["CN", "cny"],
]);

/** The flat fee of a `swift` transfer, in minor units of its currency; the other types are free. */
export const SWIFT_FEE_MINOR = 15_00;

/**
 * A recipient account number the payment network always rejects: a transfer to it is accepted, confirmed and
 * held like any other, and is `rejected` (statusReason `rejectedByNetwork`, the hold released) when it would
 * complete. Listed in GET /__sandbox/magic-values.
 */
export const NETWORK_REJECTED_ACCOUNT_NUMBER = "DE00REJECT000000000000";

/** The country an IBAN names (its first two letters, followed by two check digits), if it is one. */
export function ibanCountry(accountNumber: string): string | undefined {
  return /^[A-Z]{2}[0-9]{2}/.test(accountNumber) ? accountNumber.slice(0, 2) : undefined;
}

/** The client account at this bank with this number, if there is one (system accounts are not paid by transfers). */
export function bankAccountOf(state: LedgerState, accountNumber: string): AccountRec | undefined {
  const account = state.accountsByNumber.get(accountNumber);
  return account?.type === "client" ? account : undefined;
}

/**
 * The type of a transfer paying `accountNumber` in `currency`: `internal` for a client account at this bank;
 * else `sepa` for eur to an account of a SEPA country, `local` for the currency of the account's country, and
 * `swift` for anything else. The country is the IBAN's, or `fallbackCountry` (a recipient's) for an account
 * number that is not an IBAN.
 */
export function transferTypeOf(state: LedgerState, accountNumber: string, currency: Currency, fallbackCountry?: string): TransferType {
  if (bankAccountOf(state, accountNumber) !== undefined) return "internal";
  return externalTypeOf(accountNumber, currency, fallbackCountry);
}

/** The type of a transfer between this bank and an account elsewhere (never `internal`). */
export function externalTypeOf(accountNumber: string, currency: Currency, fallbackCountry?: string): TransferType {
  const country = ibanCountry(accountNumber) ?? fallbackCountry;
  if (country === undefined) return "swift";
  if (currency === "eur" && SEPA_COUNTRIES.has(country)) return "sepa";
  return LOCAL_CURRENCY.get(country) === currency ? "local" : "swift";
}

/** The fee of a transfer of this type, in minor units; null when it is free. */
export function feeOf(type: TransferType): number | null {
  return type === "swift" ? SWIFT_FEE_MINOR : null;
}
