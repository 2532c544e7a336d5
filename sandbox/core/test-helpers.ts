// Shared builders for the core's unit tests (excluded from the build by the test-* name).
import { expect } from "vitest";
import { createManualClock } from "./clock.js";
import type { ManualClock } from "./clock.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { createLedger } from "./ledger.js";
import type { Ledger } from "./ledger.js";
import type { Account, AccountType, Currency, Result } from "./types.js";

/** 2026-01-01T09:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);

/** Unwraps a result, failing the test with the error when it is not ok. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Returns the error code of a failed result, or "ok". */
export function codeOf(result: Result<unknown>): string {
  return result.ok ? "ok" : result.error.code;
}

/** A ledger on a manual clock with a treasury account per currency and one client. */
export interface World {
  ledger: Ledger;
  clock: ManualClock;
  clientId: string;
  treasury: Record<string, string>;
  /** Opens an active account (a client account unless a type is given) funded from the treasury. */
  account(currency: Currency, balanceMinor?: number, type?: AccountType): Account;
  /** A parent id from this world's own counter, so two worlds built alike stay identical. */
  parentId(): string;
}

/** A fresh parent id from a global counter, for tests that do not compare two worlds. */
let parentCounter = 0;
export function parentId(): string {
  parentCounter += 1;
  return counterUuid(parentCounter);
}

function counterUuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

/** Builds the standard test world. */
export function makeWorld(seed = 1): World {
  const clock = createManualClock(T0);
  const ledger = createLedger({ clock, ids: createSeededIds(seed) });
  const treasury: Record<string, string> = {};
  for (const currency of ["eur", "usd", "gbp"] as const) {
    treasury[currency] = must(ledger.createAccount({ currency, type: "treasury", name: `Treasury ${currency}` })).id;
  }
  const clientId = must(ledger.addClient({ type: "individual", email: "a@example.com", phone: null, firstName: "Ada", lastName: "Lovelace", companyName: null, country: "GB" })).id;
  let parents = 0;
  const nextParentId = (): string => counterUuid(++parents);
  const account = (currency: Currency, balanceMinor = 0, type: AccountType = "client"): Account => {
    const a = must(ledger.createAccount({ clientId: type === "client" ? clientId : null, currency, type }));
    if (balanceMinor > 0) must(ledger.fundFromTreasury(a.id, balanceMinor, "adjustingPayment"));
    return ledger.getAccount(a.id)!;
  };
  return { ledger, clock, clientId, treasury, account, parentId: nextParentId };
}

/** Stored balances of an account as [balance, held, pendingIncoming, available]. */
export function balancesOf(ledger: Ledger, id: string): [number, number, number, number] {
  const a = ledger.getAccount(id)!;
  return [a.balanceMinor, a.heldMinor, a.pendingIncomingMinor, a.balanceMinor - a.heldMinor];
}

/** The whole ledger as JSON, ids and the id generator's state included: equal strings are equal ledgers. */
export function exported(ledger: Ledger): string {
  return JSON.stringify(ledger.exportState());
}

/**
 * Runs a call that must be refused: asserts its code, its field, that its message matches each of `mentions`,
 * and that the ledger (the id generator included) is exactly as it was.
 */
export function refused(ledger: Ledger, run: () => Result<unknown>, code: string, field: string | undefined, ...mentions: (string | RegExp)[]): void {
  const before = exported(ledger);
  const result = run();
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect([result.error.code, result.error.field]).toEqual([code, field]);
  for (const m of mentions) expect(result.error.message).toMatch(m);
  expect(exported(ledger) === before, "the refused call changed the ledger").toBe(true);
}

/** Runs a call that must throw a LedgerInvariantError (a refused snapshot, a broken invariant) and returns the error. */
export function invariantErrorOf(run: () => unknown): LedgerInvariantError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LedgerInvariantError);
  return thrown as LedgerInvariantError;
}
