import { describe, expect, it } from "vitest";
import { OTP_VALIDITY_MS, SANDBOX_OTP_CODE } from "./otp.js";
import { codeOf, makeWorld, must, T0 } from "./test-helpers.js";
import type { Result } from "./types.js";

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

/** A world with a pending account of its client, and an OTP sent to activate it. */
function pendingWithOtp() {
  const w = makeWorld();
  const account = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
  const otp = must(w.ledger.sendOtp({ accountId: account.id, operation: "activate" }));
  return { w, account, otp };
}

describe("OTPs", () => {
  it("five minutes is the validity, the sandbox code six zeros", () => {
    expect(OTP_VALIDITY_MS).toBe(300_000);
    expect(SANDBOX_OTP_CODE).toBe("000000");
  });

  it("are still valid at the instant they expire", () => {
    const { w, account, otp } = pendingWithOtp();
    w.clock.advance(OTP_VALIDITY_MS);
    const activated = must(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE }));
    expect(activated).toMatchObject({ id: account.id, status: "active", updatedAt: T0 + OTP_VALIDITY_MS, closedAt: null });
  });

  it("say which OTP expired, and stay unused", () => {
    const { w, account, otp } = pendingWithOtp();
    w.clock.advance(OTP_VALIDITY_MS + 1);
    expect(errorOf(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE }))).toEqual({ code: "otpExpired", message: `OTP ${otp.otpId} expired`, field: "otpId" });
    expect(w.ledger.getAccount(account.id)).toEqual(account);
  });

  it("are found by their id in upper case too", () => {
    const { w, otp } = pendingWithOtp();
    expect(must(w.ledger.verifyOtp({ otpId: otp.otpId.toUpperCase(), code: SANDBOX_OTP_CODE })).status).toBe("active");
  });

  it("are unknown to another client, and to the same client known", () => {
    const { w, account, otp } = pendingWithOtp();
    const other = "7c1f0e2a-0000-4000-8000-000000000000";
    expect(errorOf(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE, clientId: other }))).toEqual({ code: "otpNotFound", message: `OTP ${otp.otpId} not found or already used`, field: "otpId" });
    expect(w.ledger.getAccount(account.id)!.status).toBe("pending");
    expect(must(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE, clientId: w.clientId })).status).toBe("active");
  });

  it("refuse a wrong code on the code field, and a later right code still works", () => {
    const { w, otp } = pendingWithOtp();
    expect(errorOf(w.ledger.verifyOtp({ otpId: otp.otpId, code: "000001" }))).toEqual({ code: "invalidOtp", message: "The code is not valid", field: "code" });
    expect(must(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE })).status).toBe("active");
  });

  it("refuse an unknown operation, naming it, and issue nothing", () => {
    const w = makeWorld();
    const account = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    expect(errorOf(w.ledger.sendOtp({ accountId: account.id, operation: "delete" as "close" }))).toEqual({ code: "validationError", message: "operation must be activate or close", field: "operation" });
    expect(errorOf(w.ledger.sendOtp({ accountId: "7c1f0e2a-0000-4000-8000-000000000000", operation: "activate" }))).toEqual({ code: "accountNotFound", message: "Account 7c1f0e2a-0000-4000-8000-000000000000 not found", field: "accountId" });
  });

  it("activate only a pending account, when sent and when verified", () => {
    const w = makeWorld();
    const active = w.account("eur");
    expect(errorOf(w.ledger.sendOtp({ accountId: active.id, operation: "activate" }))).toMatchObject({ code: "invalidStateTransition", message: `Account ${active.id} is active, only pending accounts are activated` });
    const account = must(w.ledger.openClientAccount({ clientId: w.clientId, currency: "eur" }));
    const first = must(w.ledger.sendOtp({ accountId: account.id, operation: "activate" }));
    const second = must(w.ledger.sendOtp({ accountId: account.id, operation: "activate" }));
    expect(second.otpId).not.toBe(first.otpId);
    must(w.ledger.verifyOtp({ otpId: first.otpId, code: SANDBOX_OTP_CODE }));
    expect(errorOf(w.ledger.verifyOtp({ otpId: second.otpId, code: SANDBOX_OTP_CODE }))).toMatchObject({ code: "invalidStateTransition", message: `Account ${account.id} is active, not pending` });
  });

  it("close an empty account at the verifying instant", () => {
    const w = makeWorld();
    const account = w.account("eur");
    const otp = must(w.ledger.sendOtp({ accountId: account.id, operation: "close" }));
    w.clock.advance(1_000);
    expect(must(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE }))).toMatchObject({ status: "closed", closedAt: T0 + 1_000, updatedAt: T0 + 1_000 });
    expect(codeOf(w.ledger.verifyOtp({ otpId: otp.otpId, code: SANDBOX_OTP_CODE }))).toBe("otpNotFound");
  });
});
