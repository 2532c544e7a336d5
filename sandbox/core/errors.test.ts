import { describe, expect, it } from "vitest";
import { fail, invalid, LedgerInvariantError, ok, OK_VOID } from "./errors.js";

describe("results", () => {
  it("ok wraps a value", () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(OK_VOID).toEqual({ ok: true, value: undefined });
  });

  it("fail carries a code and a message, and a field only when given", () => {
    expect(fail("paymentNotFound", "Payment x not found")).toStrictEqual({ ok: false, error: { code: "paymentNotFound", message: "Payment x not found" } });
    expect(fail("accountNotFound", "Account y not found", "debtorAccountId")).toStrictEqual({ ok: false, error: { code: "accountNotFound", message: "Account y not found", field: "debtorAccountId" } });
  });

  it("invalid is a validationError naming the field", () => {
    expect(invalid("amount", "must be positive")).toStrictEqual({ ok: false, error: { code: "validationError", message: "must be positive", field: "amount" } });
  });
});

describe("LedgerInvariantError", () => {
  it("is a named Error whose problems default to its message", () => {
    const error = new LedgerInvariantError("totals drifted");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("LedgerInvariantError");
    expect(error.message).toBe("totals drifted");
    expect(error.problems).toEqual(["totals drifted"]);
  });

  it("keeps the problems it is given", () => {
    expect(new LedgerInvariantError("2 problems", ["a", "b"]).problems).toEqual(["a", "b"]);
  });
});
