/**
 * Foreign exchange: the bank's rate table and the one conversion rule (docs/domain/transfers.md#foreign-exchange).
 * The table holds units of each currency per 1 EUR; the rate between two currencies is derived from it and
 * rounded half-even to 6 decimals, and a converted amount is rounded half-even to the minor unit. All of it
 * in exact integer arithmetic.
 */
import { invalid, ok } from "../errors.js";
import { divideHalfEven, MAX_AMOUNT_MINOR, MAX_RATE_MICROS, RATE_SCALE } from "../money.js";
import type { LedgerState } from "../state.js";
import { CURRENCIES } from "../types.js";
import type { Currency, Result } from "../types.js";
import { isCurrency } from "../validate.js";

/** The currency the table is quoted against: its own rate is always 1. */
export const FX_BASE_CURRENCY: Currency = "eur";

/** One row of the rate table. */
export interface FxRate {
  currency: Currency;
  /** Units of `currency` per 1 EUR, times 1,000,000. */
  perBaseMicros: number;
}

/** The rate table in the API's currency order. */
export function listFxRates(state: LedgerState): FxRate[] {
  return CURRENCIES.map((currency) => ({ currency, perBaseMicros: state.fxRates.get(currency)! }));
}

/**
 * Sets the rates of the listed currencies (the others keep theirs), all or nothing. The base currency's rate
 * is 1 and cannot change; every rate is positive and at most MAX_RATE_MICROS.
 */
export function setFxRates(state: LedgerState, rates: readonly FxRate[]): Result<FxRate[]> {
  const seen = new Set<Currency>();
  for (let i = 0; i < rates.length; i++) {
    const { currency, perBaseMicros } = rates[i]!;
    if (!isCurrency(currency)) return invalid(`rates[${i}].currency`, "currency must be one of the ten currencies");
    if (seen.has(currency)) return invalid(`rates[${i}].currency`, `${currency} is listed twice`);
    seen.add(currency);
    if (!Number.isSafeInteger(perBaseMicros) || perBaseMicros <= 0 || perBaseMicros > MAX_RATE_MICROS) return invalid(`rates[${i}].rate`, "rate must be positive, at most 1000000, with at most 6 decimals");
    if (currency === FX_BASE_CURRENCY && perBaseMicros !== RATE_SCALE) return invalid(`rates[${i}].rate`, `${FX_BASE_CURRENCY} is the base of the table: its rate is 1`);
  }
  for (const { currency, perBaseMicros } of rates) state.fxRates.set(currency, perBaseMicros);
  return ok(listFxRates(state));
}

/** Restores a snapshot's rate table; returns what is wrong with it, or undefined once set. */
export function restoreFxRates(state: LedgerState, rates: unknown): string | undefined {
  if (!Array.isArray(rates) || rates.length !== CURRENCIES.length) return "must list the ten currencies";
  const set = setFxRates(state, rates as FxRate[]);
  return set.ok ? undefined : `${set.error.field}: ${set.error.message}`;
}

/** The bank's rate from one currency to another: units of `to` per unit of `from`, times 1,000,000, rounded half-even. */
export function crossRateMicros(state: LedgerState, from: Currency, to: Currency): number {
  const fromPerBase = BigInt(state.fxRates.get(from)!);
  const toPerBase = BigInt(state.fxRates.get(to)!);
  return Number(divideHalfEven(toPerBase * BigInt(RATE_SCALE), fromPerBase));
}

/** `amountMinor` at a rate, rounded half-even to the minor unit. */
export function convertMinor(amountMinor: number, rateMicros: number): number {
  return Number(divideHalfEven(BigInt(amountMinor) * BigInt(rateMicros), BigInt(RATE_SCALE)));
}

/** An fx conversion: the rate used and what `amountMinor` buys (at least one minor unit, else a 400 on amount). */
export function quote(state: LedgerState, from: Currency, to: Currency, amountMinor: number): Result<{ rateMicros: number; targetMinor: number }> {
  const rateMicros = crossRateMicros(state, from, to);
  if (rateMicros <= 0) return invalid("targetCurrency", `the rate from ${from} to ${to} rounds to 0`);
  const targetMinor = convertMinor(amountMinor, rateMicros);
  if (targetMinor <= 0) return invalid("amount", `amount buys less than one minor unit of ${to}`);
  if (targetMinor > MAX_AMOUNT_MINOR) return invalid("amount", `amount buys more of ${to} than one leg may carry`);
  return ok({ rateMicros, targetMinor });
}
