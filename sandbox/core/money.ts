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
