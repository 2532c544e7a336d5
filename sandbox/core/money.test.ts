import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMinor, fromRateMicros, isValidAmountMinor, MAX_AMOUNT_MINOR, RATE_SCALE, toMajor, toMinor, toRateMicros } from "./money.js";

describe("toMinor", () => {
  it("converts 2-decimal amounts exactly", () => {
    expect(toMinor(0.3)).toBe(30);
    expect(toMinor(0.1)).toBe(10);
    expect(toMinor(0.2)).toBe(20);
    expect(toMinor(1.1)).toBe(110);
    expect(toMinor(19.99)).toBe(1999);
    expect(toMinor(100)).toBe(10000);
    expect(toMinor(1e13)).toBe(1e15);
    expect(toMinor(9999999999999.99)).toBe(999999999999999);
  });

  it("refuses more than 2 decimals, non-finite values and amounts above 1e13", () => {
    expect(toMinor(1.005)).toBeUndefined();
    expect(toMinor(0.1 + 0.2)).toBeUndefined(); // the client really sent 0.30000000000000004
    expect(toMinor(0.001)).toBeUndefined();
    expect(toMinor(1e-7)).toBeUndefined();
    expect(toMinor(Number.NaN)).toBeUndefined();
    expect(toMinor(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(toMinor(1e13 + 1)).toBeUndefined();
  });

  it("leaves the sign to the caller", () => {
    expect(toMinor(-2.5)).toBe(-250);
    expect(toMinor(0)).toBe(0);
    expect(Object.is(toMinor(-0), 0)).toBe(true);
  });

  it("round-trips every 2-decimal amount up to 1e13 through toMajor", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (minor) => {
        expect(toMinor(toMajor(minor))).toBe(minor === 0 ? 0 : minor);
        expect(String(toMajor(minor))).toBe(decimalString(minor));
      }),
      { numRuns: 2000 },
    );
  });

  it("adds 0.1 and 0.2 as exactly 30 minor units once converted", () => {
    expect(toMinor(0.1)! + toMinor(0.2)!).toBe(30);
    expect(toMajor(toMinor(0.1)! + toMinor(0.2)!)).toBe(0.3);
  });
});

describe("isValidAmountMinor", () => {
  it("takes positive integers up to the per-leg cap, and nothing else", () => {
    for (const valid of [1, 250, MAX_AMOUNT_MINOR]) expect(isValidAmountMinor(valid), String(valid)).toBe(true);
    for (const invalid of [0, -1, 1.5, MAX_AMOUNT_MINOR + 1, Number.NaN, Number.POSITIVE_INFINITY, "100", null, undefined]) expect(isValidAmountMinor(invalid), String(invalid)).toBe(false);
  });
});

describe("formatMinor", () => {
  it("formats minor units with the currency code", () => {
    expect(formatMinor(1050, "eur")).toBe("10.50 EUR");
    expect(formatMinor(-5, "usd")).toBe("-0.05 USD");
    expect(formatMinor(0, "chf")).toBe("0.00 CHF");
    expect(formatMinor(123456, "pln")).toBe("1234.56 PLN");
  });
});

// The shortest decimal a client would write for the amount, e.g. 1050 -> "10.5".
function decimalString(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const cents = abs % 100;
  const whole = String(Math.floor(abs / 100));
  if (cents === 0) return sign + whole;
  return `${sign}${whole}.${String(cents).padStart(2, "0").replace(/0$/, "")}`;
}

describe("toRateMicros", () => {
  it("holds a rate of up to 6 decimals as integer millionths", () => {
    expect(toRateMicros(0.8425)).toBe(842_500);
    expect(toRateMicros(0.123456)).toBe(123_456);
    expect(toRateMicros(0.000001)).toBe(1);
    expect(toRateMicros(123.4567)).toBe(123_456_700);
    expect(toRateMicros(1)).toBe(RATE_SCALE);
    expect(fromRateMicros(toRateMicros(1.5)!)).toBe(1.5);
  });

  it("takes rates up to 1,000,000 and no more", () => {
    expect(toRateMicros(1_000_000)).toBe(1_000_000 * RATE_SCALE);
    expect(toRateMicros(999_999.999999)).toBe(999_999_999_999);
    expect(toRateMicros(1_000_000.000001)).toBeUndefined();
    expect(toRateMicros(2_000_000)).toBeUndefined();
  });

  it("refuses zero, negative, non-finite, non-number rates, more than 6 decimals and exponent forms", () => {
    expect(toRateMicros(0)).toBeUndefined();
    expect(toRateMicros(-1.5)).toBeUndefined();
    expect(toRateMicros(Number.NaN)).toBeUndefined();
    expect(toRateMicros(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(toRateMicros("2" as unknown as number)).toBeUndefined();
    expect(toRateMicros(0.1234567)).toBeUndefined();
    expect(toRateMicros(1.0000001)).toBeUndefined();
    expect(toRateMicros(9e-7)).toBeUndefined();
  });
});

describe("toMinor on what is not a number", () => {
  it("refuses a string, even one that reads as an amount", () => {
    expect(toMinor("5" as unknown as number)).toBeUndefined();
    expect(toMinor(Number.NEGATIVE_INFINITY)).toBeUndefined();
  });
});
