import type { Currency } from "./types.js";

/** Largest amount one leg may carry (1e13 major units), so sums stay exact far beyond any real use. */
export const MAX_AMOUNT_MINOR = 1e15;

/**
 * Converts a major-unit amount as the client sent it (a JSON number) to integer minor units;
 * undefined if it is not finite, has more than 2 decimals, or exceeds 1e13 in magnitude.
 */
export function toMinor(amount: number): number | undefined {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return undefined;
  if (Math.abs(amount) > MAX_AMOUNT_MINOR / 100) return undefined;
  // String() gives the shortest decimal that round-trips, which is exactly what the client wrote for
  // every number of up to 15 significant digits (all 2-decimal amounts up to 1e13): 0.1 -> "0.1",
  // 1.005 -> "1.005", 0.1 + 0.2 -> "0.30000000000000004". Exponent forms here are tiny fractions.
  const text = String(amount);
  if (text.includes("e")) return undefined;
  const dot = text.indexOf(".");
  if (dot !== -1 && text.length - dot - 1 > 2) return undefined;
  // With at most 2 decimals the product is within far less than 0.5 of the integer, so rounding is exact.
  const minor = Math.round(amount * 100);
  return minor === 0 ? 0 : minor;
}

/** Converts integer minor units to a major-unit number for the API (exact for 2-decimal values). */
export function toMajor(minor: number): number {
  return minor / 100;
}

/** Formats minor units for messages, e.g. "10.00 EUR". */
export function formatMinor(minor: number, currency: Currency): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  return `${sign}${whole}.${cents} ${currency.toUpperCase()}`;
}

/** True when the value is a positive integer amount within the per-leg cap. */
export function isValidAmountMinor(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT_MINOR;
}

/** Fixed-point scale of exchange rates: a rate is held as integer millionths (rate 0.8425 is 842,500). */
export const RATE_SCALE = 1_000_000;
/** Largest exchange rate the sandbox takes (1,000,000 units of one currency per unit of another). */
export const MAX_RATE_MICROS = 1_000_000 * RATE_SCALE;

/** Converts a rate as the client sent it to integer millionths; undefined unless positive, finite, within range and of at most 6 decimals. */
export function toRateMicros(rate: number): number | undefined {
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) return undefined;
  const text = String(rate);
  if (text.includes("e")) return undefined;
  const dot = text.indexOf(".");
  if (dot !== -1 && text.length - dot - 1 > 6) return undefined;
  const micros = Math.round(rate * RATE_SCALE);
  return micros > 0 && micros <= MAX_RATE_MICROS ? micros : undefined;
}

/** Converts integer millionths to a rate for the API. */
export function fromRateMicros(micros: number): number {
  return micros / RATE_SCALE;
}

/** n / d rounded to the nearest integer, ties to the even one (banker's rounding), exactly; d > 0. */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n - q * d;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < d) return q;
  const away = r < 0n ? q - 1n : q + 1n;
  if (twice > d) return away;
  return q % 2n === 0n ? q : away;
}
