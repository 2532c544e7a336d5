import { describe, expect, it } from "vitest";
import { isAccountStatus, isAccountType, isCurrency, isOptionalName, isOptionalTime, isParentType, isTransactionState, toFilterSet } from "./validate.js";
import { ACCOUNT_STATUSES, ACCOUNT_TYPES, CURRENCIES, PARENT_TYPES, TRANSACTION_STATES } from "./types.js";

describe("the enum checks", () => {
  it.each([
    ["isCurrency", isCurrency, CURRENCIES, ["EUR", "xxx", ""]],
    ["isParentType", isParentType, PARENT_TYPES, ["Transfer", "payment", ""]],
    ["isAccountType", isAccountType, ACCOUNT_TYPES, ["Client", "savings", ""]],
    ["isAccountStatus", isAccountStatus, ACCOUNT_STATUSES, ["Active", "open", ""]],
    ["isTransactionState", isTransactionState, TRANSACTION_STATES, ["Posted", "held", ""]],
  ] as const)("%s accepts every value of its list and nothing else", (_name, check, values, others) => {
    for (const value of values) expect(check(value)).toBe(true);
    for (const value of [...others, null, undefined, 1, ["eur"], { toString: () => values[0] }]) expect(check(value)).toBe(false);
  });
});

describe("isOptionalTime", () => {
  it.each([undefined, null, 0, -1, 1_767_258_000_000, Number.MAX_SAFE_INTEGER])("accepts %s", (value) => {
    expect(isOptionalTime(value)).toBe(true);
  });
  it.each([1.5, Number.NaN, 2 ** 53, "1767258000000", false])("refuses %s", (value) => {
    expect(isOptionalTime(value)).toBe(false);
  });
});

describe("isOptionalName", () => {
  it("accepts no name, null and strings of up to 200 characters", () => {
    for (const value of [undefined, null, "", "Savings", "x".repeat(200)]) expect(isOptionalName(value)).toBe(true);
  });
  it("refuses longer strings and anything not a string", () => {
    for (const value of ["x".repeat(201), 1, false, ["a"], {}]) expect(isOptionalName(value)).toBe(false);
  });
});

describe("toFilterSet", () => {
  it("does not filter on an absent or empty list", () => {
    expect(toFilterSet(undefined)).toBeUndefined();
    expect(toFilterSet([])).toBeUndefined();
  });
  it("filters on the values of a list", () => {
    expect(toFilterSet(["a", "b", "a"])).toEqual(new Set(["a", "b"]));
  });
});
