import { describe, expect, it } from "vitest";
import { jsonEqual } from "./json-equal.js";

describe("jsonEqual", () => {
  it.each([
    ["the same scalar", 1, 1],
    ["equal strings", "a", "a"],
    ["null and null", null, null],
    ["objects whose keys are in another order", { a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 }],
    ["empty objects", {}, {}],
    ["empty arrays", [], []],
    ["nested arrays", [[1, { x: "y" }], []], [[1, { x: "y" }], []]],
  ])("holds for %s", (_what, a, b) => {
    expect(jsonEqual(a, b)).toBe(true);
    expect(jsonEqual(b, a)).toBe(true);
  });

  it.each([
    ["different scalars", 1, 2],
    ["a number and its string", 1, "1"],
    ["null and an object", null, {}],
    ["an object and null", {}, null],
    ["a scalar and an object", 1, { a: 1 }],
    ["an object and a scalar", { a: 1 }, 1],
    ["an array and an object with index keys", [1], { 0: 1 }],
    ["arrays of different lengths", [1, 2], [1, 2, 3]],
    ["arrays in another order", [1, 2], [2, 1]],
    ["arrays differing deep inside", [{ a: [1] }], [{ a: [2] }]],
    ["objects with a key more", { a: 1 }, { a: 1, b: 2 }],
    ["objects with the same key count but other keys", { a: 1, b: undefined }, { a: 1, c: undefined }],
    ["objects differing in one value", { a: 1, b: 2 }, { a: 1, b: 3 }],
    ["objects differing deep inside", { a: { b: { c: 1 } } }, { a: { b: { c: "1" } } }],
  ])("fails for %s", (_what, a, b) => {
    expect(jsonEqual(a, b)).toBe(false);
    expect(jsonEqual(b, a)).toBe(false);
  });

  it("does not take an inherited key for an own one", () => {
    const inherited = Object.create({ a: 1 }) as Record<string, unknown>;
    inherited["b"] = 2;
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, c: 1 })).toBe(false);
    expect(jsonEqual({ b: 2, toString: 1 }, { b: 2, c: 1 })).toBe(false);
  });
});
