import { checkClosable } from "./accounts.js";
import { fail, invalid, ok } from "./errors.js";
import { getById } from "./refs.js";
import { freshUuid, readClock } from "./state.js";
import type { LedgerState } from "./state.js";
import type { Account, Result } from "./types.js";
import { accountView } from "./views.js";

/** The one code every sandbox OTP accepts. */
export const SANDBOX_OTP_CODE = "000000";
/** How long an OTP stays valid. */
export const OTP_VALIDITY_MS = 5 * 60 * 1000;

/** Issues an OTP for activating a pending account or closing an open one. */
export function sendOtp(state: LedgerState, input: { accountId: string; operation: "activate" | "close" }): Result<{ otpId: string; expiresAt: number }> {
  const account = getById(state.accounts, input.accountId);
  if (account === undefined) return fail("accountNotFound", `Account ${input.accountId} not found`, "accountId");
  if (input.operation !== "activate" && input.operation !== "close") return invalid("operation", "operation must be activate or close");
  if (input.operation === "activate" && account.status !== "pending") {
    return fail("invalidStateTransition", `Account ${account.id} is ${account.status}, only pending accounts are activated`);
  }
  if (input.operation === "close") {
    const refused = checkClosable(account);
    if (refused !== undefined) return refused;
  }
  const otp = { id: freshUuid(state, state.otps), accountId: account.id, operation: input.operation, expiresAt: readClock(state) + OTP_VALIDITY_MS };
  state.otps.set(otp.id, otp);
  return ok({ otpId: otp.id, expiresAt: otp.expiresAt });
}

/** Verifies an OTP and performs its operation; the OTP is consumed only when the operation succeeds. */
export function verifyOtp(state: LedgerState, input: { otpId: string; code: string; clientId?: string }): Result<Account> {
  const otp = getById(state.otps, input.otpId);
  // Another client's OTP is as unknown to this client as one that never existed.
  const owner = otp === undefined ? undefined : state.accounts.get(otp.accountId)?.clientId;
  if (otp === undefined || (input.clientId !== undefined && owner !== input.clientId)) {
    return fail("otpNotFound", `OTP ${input.otpId} not found or already used`, "otpId");
  }
  if (readClock(state) > otp.expiresAt) return fail("otpExpired", `OTP ${otp.id} expired`, "otpId");
  if (input.code !== SANDBOX_OTP_CODE) return fail("invalidOtp", "The code is not valid", "code");
  const account = state.accounts.get(otp.accountId)!;
  const at = readClock(state);
  if (otp.operation === "activate") {
    if (account.status !== "pending") return fail("invalidStateTransition", `Account ${account.id} is ${account.status}, not pending`);
    account.status = "active";
  } else {
    const refused = checkClosable(account);
    if (refused !== undefined) return refused;
    account.status = "closed";
    account.closedAt = at;
  }
  account.updatedAt = at;
  state.otps.delete(otp.id);
  return ok(accountView(account));
}
