import { describe, expect, it } from "vitest";
import { availableCurrencies, checkAccountCurrency, getCurrency, listCurrencies, setCurrencyEnabled, unsupportedCurrency } from "./currencies.js";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { createState } from "./state.js";
import { T0 } from "./test-helpers.js";
import { CURRENCIES } from "./types.js";
import type { Currency, Result } from "./types.js";

const fresh = () => createState(createManualClock(T0), createSeededIds(1));

function errorOf(result: Result<unknown> | undefined) {
  if (result === undefined || result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("currencies", () => {
  it("lists the ten currencies in enum order, enabled, with two decimals and their names", () => {
    const list = listCurrencies(fresh());
    expect(list.map((c) => c.code)).toEqual([...CURRENCIES]);
    expect(list.every((c) => c.isEnabled && c.decimals === 2)).toBe(true);
    expect(list.find((c) => c.code === "chf")?.name).toBe("Swiss Franc");
    expect(availableCurrencies()).toEqual([...CURRENCIES]);
  });

  it("answers copies: changing one changes nothing stored", () => {
    const state = fresh();
    listCurrencies(state)[0]!.isEnabled = false;
    const got = getCurrency(state, "eur");
    if (got.ok) got.value.name = "changed";
    expect(listCurrencies(state)[0]!.isEnabled).toBe(true);
    expect(getCurrency(state, "eur")).toEqual({ ok: true, value: { code: "eur", name: "Euro", decimals: 2, isEnabled: true } });
    const list = availableCurrencies();
    list.pop();
    expect(availableCurrencies()).toHaveLength(10);
  });

  it("looks a code up whatever its case, and refuses an unknown one", () => {
    expect(getCurrency(fresh(), "GBP")).toMatchObject({ ok: true, value: { code: "gbp" } });
    expect(errorOf(getCurrency(fresh(), "xyz"))).toEqual({ code: "currencyNotFound", message: "Currency xyz not found" });
    expect(errorOf(getCurrency(fresh(), 7 as unknown as string))).toMatchObject({ code: "currencyNotFound", message: "Currency 7 not found" });
  });

  it("disables and renames a currency, whatever the case of its code", () => {
    const state = fresh();
    expect(setCurrencyEnabled(state, "SEK" as Currency, false, "Swedish crown")).toEqual({ ok: true, value: { code: "sek", name: "Swedish crown", decimals: 2, isEnabled: false } });
    expect(getCurrency(state, "sek")).toMatchObject({ ok: true, value: { isEnabled: false, name: "Swedish crown" } });
    expect(setCurrencyEnabled(state, "sek", true)).toMatchObject({ ok: true, value: { isEnabled: true, name: "Swedish crown" } });
  });

  it.each<[string, unknown, unknown, unknown, object]>([
    ["an unknown code", "xyz", false, undefined, { code: "currencyNotFound" }],
    ["an enabled flag that is not a boolean", "eur", "false", undefined, { code: "validationError", field: "isEnabled", message: "isEnabled must be a boolean" }],
    ["an empty name", "eur", false, "", { code: "validationError", field: "name", message: "name must be 1-100 characters" }],
    ["a name of 101 characters", "eur", false, "x".repeat(101), { code: "validationError", field: "name" }],
    ["a name that is not a string", "eur", false, 5, { code: "validationError", field: "name" }],
  ])("refuses %s and changes nothing", (_what, code, isEnabled, name, expected) => {
    const state = fresh();
    expect(errorOf(setCurrencyEnabled(state, code as Currency, isEnabled as boolean, name as string))).toMatchObject(expected);
    expect(listCurrencies(state)).toEqual(listCurrencies(fresh()));
  });

  it("takes a name of exactly 100 characters", () => {
    expect(setCurrencyEnabled(fresh(), "eur", true, "x".repeat(100))).toMatchObject({ ok: true, value: { name: "x".repeat(100) } });
  });

  it("opens client accounts only in enabled currencies, system accounts in any of the ten", () => {
    const state = fresh();
    setCurrencyEnabled(state, "nok", false);
    expect(errorOf(checkAccountCurrency(state, "nok", "client"))).toEqual({ code: "currencyNotEnabled", message: "Currency nok is not enabled", field: "currency" });
    expect(checkAccountCurrency(state, "nok", "treasury")).toBeUndefined();
    expect(checkAccountCurrency(state, "eur", "client")).toBeUndefined();
    expect(errorOf(checkAccountCurrency(state, "xyz", "treasury"))).toEqual(errorOf(unsupportedCurrency("xyz")));
    expect(errorOf(unsupportedCurrency("xyz"))).toEqual({ code: "currencyNotSupported", message: "Currency xyz is not supported by the BaaS provider", field: "currency" });
  });
});
