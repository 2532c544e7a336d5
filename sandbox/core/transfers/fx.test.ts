import { describe, expect, it } from "vitest";
import { createManualClock } from "../clock.js";
import { createSeededIds } from "../ids.js";
import { createState } from "../state.js";
import type { LedgerState } from "../state.js";
import { T0 } from "../test-helpers.js";
import { CURRENCIES } from "../types.js";
import type { Currency, Result } from "../types.js";
import { convertMinor, crossRateMicros, FX_BASE_CURRENCY, listFxRates, quote, restoreFxRates, setFxRates } from "./fx.js";
import type { FxRate } from "./fx.js";

const DEFAULTS: Record<Currency, number> = { cad: 1_473_500, cny: 7_812_500, dkk: 7_460_400, nok: 11_620_000, sek: 11_450_000, chf: 941_200, gbp: 842_500, usd: 1_082_500, eur: 1_000_000, pln: 4_312_500 };

function fresh(): LedgerState {
  return createState(createManualClock(T0), createSeededIds(1));
}

function table(state: LedgerState): Record<string, number> {
  return Object.fromEntries(listFxRates(state).map((r) => [r.currency, r.perBaseMicros]));
}

function refusal(result: Result<unknown>): { code: string; field: string | undefined; message: string } | "ok" {
  return result.ok ? "ok" : { code: result.error.code, field: result.error.field, message: result.error.message };
}

describe("the rate table", () => {
  it("lists the ten currencies in the API's order with the default rates, eur the base at 1", () => {
    const state = fresh();
    expect(listFxRates(state)).toEqual(CURRENCIES.map((currency) => ({ currency, perBaseMicros: DEFAULTS[currency] })));
    expect(FX_BASE_CURRENCY).toBe("eur");
  });

  it("sets the listed rates, keeps the others, and answers the whole table", () => {
    const state = fresh();
    const answer = setFxRates(state, [{ currency: "usd", perBaseMicros: 1_500_000 }, { currency: "gbp", perBaseMicros: 1 }, { currency: "eur", perBaseMicros: 1_000_000 }]);
    const expected = { ...DEFAULTS, usd: 1_500_000, gbp: 1 };
    expect(answer).toEqual({ ok: true, value: CURRENCIES.map((currency) => ({ currency, perBaseMicros: expected[currency] })) });
    expect(table(state)).toEqual(expected);
    expect(setFxRates(state, [{ currency: "sek", perBaseMicros: 1_000_000_000_000 }]).ok).toBe(true);
    expect(table(state).sek).toBe(1_000_000_000_000);
    expect(setFxRates(state, []).ok).toBe(true);
    expect(table(state)).toEqual({ ...expected, sek: 1_000_000_000_000 });
  });

  it("refuses a bad row naming its index and field, and then sets none of the rows", () => {
    const state = fresh();
    const usd = { currency: "usd" as Currency, perBaseMicros: 1_500_000 };
    const cases: [FxRate[], string, string][] = [
      [[usd, { currency: "xyz" as Currency, perBaseMicros: 1 }], "rates[1].currency", "currency must be one of the ten currencies"],
      [[usd, { currency: "usd", perBaseMicros: 2 }], "rates[1].currency", "usd is listed twice"],
      [[usd, { currency: "gbp", perBaseMicros: 0 }], "rates[1].rate", "rate must be positive, at most 1000000, with at most 6 decimals"],
      [[usd, { currency: "gbp", perBaseMicros: -1 }], "rates[1].rate", "rate must be positive, at most 1000000, with at most 6 decimals"],
      [[usd, { currency: "gbp", perBaseMicros: 1.5 }], "rates[1].rate", "rate must be positive, at most 1000000, with at most 6 decimals"],
      [[usd, { currency: "gbp", perBaseMicros: 1_000_000_000_001 }], "rates[1].rate", "rate must be positive, at most 1000000, with at most 6 decimals"],
      [[usd, { currency: "gbp", perBaseMicros: "900000" as unknown as number }], "rates[1].rate", "rate must be positive, at most 1000000, with at most 6 decimals"],
      [[usd, { currency: "eur", perBaseMicros: 2_000_000 }], "rates[1].rate", "eur is the base of the table: its rate is 1"],
      [[usd, { currency: "eur", perBaseMicros: 999_999 }], "rates[1].rate", "eur is the base of the table: its rate is 1"],
      [[{ currency: "eur", perBaseMicros: 0 }], "rates[0].rate", "rate must be positive, at most 1000000, with at most 6 decimals"],
    ];
    for (const [rates, field, message] of cases) {
      expect(refusal(setFxRates(state, rates)), field).toEqual({ code: "validationError", field, message });
      expect(table(state)).toEqual(DEFAULTS);
    }
  });

  it("restores a snapshot's table of exactly ten rows, or says what is wrong", () => {
    const state = fresh();
    const rows = listFxRates(state).map((r) => (r.currency === "gbp" ? { ...r, perBaseMicros: 900_000 } : r));
    expect(restoreFxRates(state, "rates")).toBe("must list the ten currencies");
    expect(restoreFxRates(state, "0123456789")).toBe("must list the ten currencies");
    expect(restoreFxRates(state, { length: 10 })).toBe("must list the ten currencies");
    expect(restoreFxRates(state, rows.slice(1))).toBe("must list the ten currencies");
    expect(restoreFxRates(state, [...rows, rows[0]])).toBe("must list the ten currencies");
    expect(restoreFxRates(state, rows.map((r) => (r.currency === "cad" ? { ...r, perBaseMicros: 0 } : r)))).toBe("rates[0].rate: rate must be positive, at most 1000000, with at most 6 decimals");
    expect(table(state)).toEqual(DEFAULTS);
    expect(restoreFxRates(state, rows)).toBeUndefined();
    expect(table(state)).toEqual({ ...DEFAULTS, gbp: 900_000 });
  });
});

describe("cross rates and conversion", () => {
  it("derives a cross rate as target rate over source rate, rounded half to even at the sixth decimal", () => {
    const state = fresh();
    expect(crossRateMicros(state, "eur", "gbp")).toBe(842_500);
    expect(crossRateMicros(state, "gbp", "eur")).toBe(1_186_944); // 1 / 0.8425 = 1.18694362...
    expect(crossRateMicros(state, "usd", "usd")).toBe(1_000_000);
    setFxRates(state, [{ currency: "usd", perBaseMicros: 2_000_000 }, { currency: "gbp", perBaseMicros: 1 }, { currency: "chf", perBaseMicros: 3 }, { currency: "pln", perBaseMicros: 5 }]);
    expect(crossRateMicros(state, "usd", "eur")).toBe(500_000);
    // 1e6 * 1 / 2e6 = 0.5 -> 0 (even); 3e6 / 2e6 = 1.5 -> 2 (even); 5e6 / 2e6 = 2.5 -> 2 (even).
    expect(crossRateMicros(state, "usd", "gbp")).toBe(0);
    expect(crossRateMicros(state, "usd", "chf")).toBe(2);
    expect(crossRateMicros(state, "usd", "pln")).toBe(2);
    expect(crossRateMicros(state, "gbp", "usd")).toBe(2_000_000_000_000);
  });

  it("converts to the minor unit, half to even, exactly beyond floating point", () => {
    expect(convertMinor(1_000, 842_500)).toBe(842); // 842.5 -> 842
    expect(convertMinor(1_001, 842_500)).toBe(843); // 843.3425 -> 843
    expect(convertMinor(3, 1_500_000)).toBe(4); // 4.5 -> 4
    expect(convertMinor(5, 1_500_000)).toBe(8); // 7.5 -> 8
    expect(convertMinor(1, 1_500_001)).toBe(2); // 1.500001 -> 2
    expect(convertMinor(1, 499_999)).toBe(0);
    expect(convertMinor(1, 500_000)).toBe(0);
    expect(convertMinor(1, 500_001)).toBe(1);
    expect(convertMinor(999_999_999_999_999, 1_000_001)).toBe(1_000_000_999_999_999);
  });
});

describe("quoting an exchange", () => {
  it("answers the cross rate and what the amount buys", () => {
    const state = fresh();
    expect(quote(state, "eur", "gbp", 1_000)).toEqual({ ok: true, value: { rateMicros: 842_500, targetMinor: 842 } });
    expect(quote(state, "gbp", "eur", 10_000)).toEqual({ ok: true, value: { rateMicros: 1_186_944, targetMinor: 11_869 } });
    expect(quote(state, "eur", "eur", 1)).toEqual({ ok: true, value: { rateMicros: 1_000_000, targetMinor: 1 } });
  });

  it("refuses a rate that rounds to 0, on targetCurrency", () => {
    const state = fresh();
    setFxRates(state, [{ currency: "usd", perBaseMicros: 2_000_000 }, { currency: "gbp", perBaseMicros: 1 }, { currency: "chf", perBaseMicros: 3 }]);
    expect(refusal(quote(state, "usd", "gbp", 1_000_000_000))).toEqual({ code: "validationError", field: "targetCurrency", message: "the rate from usd to gbp rounds to 0" });
    expect(quote(state, "usd", "chf", 1_000_000)).toEqual({ ok: true, value: { rateMicros: 2, targetMinor: 2 } });
  });

  it("refuses an amount that buys less than one minor unit, and takes one that buys exactly one", () => {
    const state = fresh();
    setFxRates(state, [{ currency: "usd", perBaseMicros: 2_000_000 }]);
    expect(refusal(quote(state, "usd", "eur", 1))).toEqual({ code: "validationError", field: "amount", message: "amount buys less than one minor unit of eur" });
    expect(quote(state, "usd", "eur", 2)).toEqual({ ok: true, value: { rateMicros: 500_000, targetMinor: 1 } });
    expect(quote(state, "usd", "eur", 3)).toEqual({ ok: true, value: { rateMicros: 500_000, targetMinor: 2 } });
  });

  it("refuses an amount that buys more than one leg may carry, and takes exactly the most", () => {
    const state = fresh();
    setFxRates(state, [{ currency: "usd", perBaseMicros: 2_000_000 }]);
    expect(quote(state, "eur", "usd", 500_000_000_000_000)).toEqual({ ok: true, value: { rateMicros: 2_000_000, targetMinor: 1e15 } });
    expect(refusal(quote(state, "eur", "usd", 500_000_000_000_001))).toEqual({ code: "validationError", field: "amount", message: "amount buys more of usd than one leg may carry" });
  });
});
