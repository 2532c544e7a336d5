import { describe, expect, it } from "vitest";
import { createAccount } from "./accounts.js";
import { createManualClock } from "./clock.js";
import { createSeededIds } from "./ids.js";
import { findAccountRec, getById, resolveRef } from "./refs.js";
import { createState } from "./state.js";
import { must, T0 } from "./test-helpers.js";
import type { AccountRef, Result } from "./types.js";

/** A ledger state with two eur fee accounts. */
function twoAccounts() {
  const state = createState(createManualClock(T0), createSeededIds(3));
  const a = must(createAccount(state, { currency: "eur", type: "fee" }));
  const b = must(createAccount(state, { currency: "eur", type: "fee" }));
  return { state, a, b };
}

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("getById", () => {
  it("finds a record by its lower-case id, or by the same id in upper case", () => {
    const map = new Map([["0a1b2c3d-0000-4000-8000-00000000000f", "found"]]);
    expect(getById(map, "0a1b2c3d-0000-4000-8000-00000000000f")).toBe("found");
    expect(getById(map, "0A1B2C3D-0000-4000-8000-00000000000F")).toBe("found");
    expect(getById(map, "0a1b2c3d-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("answers undefined for an id that is not a string", () => {
    expect(getById(new Map([["1", "x"]]), 1 as unknown as string)).toBeUndefined();
  });
});

describe("findAccountRec", () => {
  it("finds an account by its uuid, in either case, or by its account number", () => {
    const { state, a } = twoAccounts();
    expect(findAccountRec(state, a.id)?.id).toBe(a.id);
    expect(findAccountRec(state, a.id.toUpperCase())?.id).toBe(a.id);
    expect(findAccountRec(state, a.accountNumber)?.id).toBe(a.id);
    expect(findAccountRec(state, "FL000000000000000000")).toBeUndefined();
  });
});

describe("resolveRef", () => {
  it("resolves by id, by number, or by both when they agree", () => {
    const { state, a } = twoAccounts();
    expect(must(resolveRef(state, { id: a.id }, "debtor")).id).toBe(a.id);
    expect(must(resolveRef(state, { number: a.accountNumber }, "debtor")).id).toBe(a.id);
    expect(must(resolveRef(state, { id: a.id.toUpperCase(), number: a.accountNumber }, "debtor")).id).toBe(a.id);
  });

  it.each<[string, (ids: { a: string; b: string; n: string }) => AccountRef | undefined, object]>([
    ["no reference", () => undefined, { code: "validationError", field: "creditorAccountId", message: "creditorAccountId or creditorAccountNumber is required" }],
    ["an empty reference", () => ({}), { code: "validationError", field: "creditorAccountId", message: "creditorAccountId or creditorAccountNumber is required" }],
    ["an id that is not a string", () => ({ id: 7 as unknown as string }), { code: "validationError", field: "creditorAccountId", message: "creditorAccountId must be a string" }],
    ["a number that is not a string", () => ({ number: 7 as unknown as string }), { code: "validationError", field: "creditorAccountNumber", message: "creditorAccountNumber must be a string" }],
    ["an unknown id", () => ({ id: "00000000-0000-4000-8000-000000000001" }), { code: "accountNotFound", field: "creditorAccountId", message: "Account 00000000-0000-4000-8000-000000000001 not found" }],
    ["an unknown number", () => ({ number: "FL1" }), { code: "accountNotFound", field: "creditorAccountNumber", message: "Account number FL1 not found" }],
    ["an id and the number of another account", ({ a, n }) => ({ id: a, number: n }), { code: "validationError", field: "creditorAccountNumber" }],
  ])("refuses %s, naming the field with the prefix", (_what, ref, expected) => {
    const { state, a, b } = twoAccounts();
    const error = errorOf(resolveRef(state, ref({ a: a.id, b: b.id, n: b.accountNumber }), "creditor"));
    expect(error).toMatchObject(expected);
  });

  it("says which number does not belong to which account", () => {
    const { state, a, b } = twoAccounts();
    expect(errorOf(resolveRef(state, { id: a.id, number: b.accountNumber }, "transactions[1].debtor")).message).toBe(`transactions[1].debtorAccountNumber ${b.accountNumber} does not belong to account ${a.id}`);
  });
});
