import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { dayOf, MAX_DAILY_BALANCE_DAYS, MS_PER_DAY } from "./daily-balances.js";
import type { DailyBalance } from "./daily-balances.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { importLedger } from "./ledger.js";
import type { LedgerSnapshot } from "./snapshot.js";
import { codeOf, makeWorld, must, T0 } from "./test-helpers.js";
import type { World } from "./test-helpers.js";

const DAY0 = dayOf(T0);
const HOUR_MS = 3_600_000;

/** Pays `amountMinor` from one account to another, posted at once. */
function pay(w: World, from: string, to: string, amountMinor: number): void {
  must(w.ledger.createPayment({ parentId: w.parentId(), parentType: "transfer", debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor }));
}

/** Four days: funding on day 0, payments on days 1 and 3, a pending and a canceled payment that must not count. */
function fourDays(w: World) {
  const a = w.account("eur", 10_000);
  const b = w.account("eur");
  w.clock.advance(MS_PER_DAY);
  pay(w, a.id, b.id, 2_500);
  pay(w, b.id, a.id, 400);
  const held = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 1_000 }] })).payment;
  must(w.ledger.pendPayments({ paymentIds: [held.id] }));
  const dropped = must(w.ledger.draftPayment({ parentId: w.parentId(), parentType: "transfer", legs: [{ debtor: { id: a.id }, creditor: { id: b.id }, currency: "eur", amountMinor: 77 }] })).payment;
  must(w.ledger.pendPayments({ paymentIds: [dropped.id] }));
  must(w.ledger.cancelPayments({ paymentIds: [dropped.id] }));
  w.clock.advance(2 * MS_PER_DAY);
  // The hold of day 1 is posted on day 3: it counts on the day it was posted.
  must(w.ledger.postPayments({ paymentIds: [held.id] }));
  pay(w, a.id, b.id, 100);
  return { a, b };
}

function rowsOf(rows: DailyBalance[], accountId: string): DailyBalance[] {
  return rows.filter((r) => r.accountId === accountId);
}

describe("daily balances", () => {
  it("open each day with the previous day's close and count the legs posted that day", () => {
    const w = makeWorld();
    const { a, b } = fourDays(w);
    const rows = must(w.ledger.dailyBalances([a.id, b.id], DAY0, DAY0 + 3));
    const figures = (id: string) => rowsOf(rows, id).map((r) => [r.day - DAY0, r.openingMinor, r.debitMinor, r.creditMinor, r.closingMinor]);
    expect(figures(a.id)).toEqual([
      [0, 0, 0, 10_000, 10_000],
      [1, 10_000, 2_500, 400, 7_900],
      [2, 7_900, 0, 0, 7_900],
      [3, 7_900, 1_100, 0, 6_800],
    ]);
    expect(figures(b.id)).toEqual([
      [0, 0, 0, 0, 0],
      [1, 0, 400, 2_500, 2_100],
      [2, 2_100, 0, 0, 2_100],
      [3, 2_100, 0, 1_100, 3_200],
    ]);
    for (const id of [a.id, b.id]) {
      const own = rowsOf(rows, id);
      for (let i = 1; i < own.length; i++) expect(own[i]!.openingMinor).toBe(own[i - 1]!.closingMinor);
      expect(own.at(-1)!.closingMinor).toBe(w.ledger.getAccount(id)!.balanceMinor);
    }
  });

  it("give a later range the balance of everything posted before it as its opening", () => {
    const w = makeWorld();
    const { a } = fourDays(w);
    const [row] = must(w.ledger.dailyBalances([a.id], DAY0 + 2, DAY0 + 2));
    expect(row).toMatchObject({ openingMinor: 7_900, debitMinor: 0, creditMinor: 0, closingMinor: 7_900, currency: "eur" });
  });

  it("have rows only for the days the account existed, from its opening through its closing day", () => {
    const w = makeWorld();
    w.clock.advance(MS_PER_DAY + HOUR_MS);
    const late = w.account("eur");
    w.clock.advance(MS_PER_DAY);
    must(w.ledger.closeAccount(late.id));
    const days = must(w.ledger.dailyBalances([late.id], DAY0, DAY0 + 4)).map((r) => r.day - DAY0);
    expect(days).toEqual([1, 2]);
  });

  it("refuse a range that is reversed, too long or too large, and unknown accounts", () => {
    const w = makeWorld();
    const a = w.account("eur", 100);
    expect(codeOf(w.ledger.dailyBalances([a.id], DAY0 + 1, DAY0))).toBe("validationError");
    expect(codeOf(w.ledger.dailyBalances([a.id], DAY0, DAY0 + MAX_DAILY_BALANCE_DAYS - 1))).toBe("ok");
    expect(codeOf(w.ledger.dailyBalances([a.id], DAY0, DAY0 + MAX_DAILY_BALANCE_DAYS))).toBe("validationError");
    expect(codeOf(w.ledger.dailyBalances(["00000000-0000-4000-8000-0000000000aa"], DAY0, DAY0))).toBe("accountNotFound");
    expect(codeOf(w.ledger.recalculateDailyBalances(["00000000-0000-4000-8000-0000000000aa"], DAY0, DAY0))).toBe("accountNotFound");
    // 300 accounts over 366 days would be 109,800 rows, above the limit of one answer.
    for (let i = 0; i < 300; i++) w.account("usd");
    const wide = w.ledger.recalculateDailyBalances(undefined, DAY0, DAY0 + MAX_DAILY_BALANCE_DAYS - 1);
    expect(wide.ok ? "ok" : wide.error.field).toBe("accountIds");
    expect(w.ledger.exportState().dailyBalances).toBeUndefined();
  });
});

describe("stored daily balances and the daily check", () => {
  /** A ledger whose day 1 was stored and then received a back-dated payment (the clock set back into it). */
  function backDated() {
    const w = makeWorld();
    const { a, b } = fourDays(w);
    const rebuilt = must(w.ledger.recalculateDailyBalances(undefined, DAY0, DAY0 + 3));
    const now = w.clock.now();
    w.clock.set(T0 + MS_PER_DAY + 2 * HOUR_MS);
    pay(w, a.id, b.id, 50);
    w.clock.set(now);
    return { w, a, b, rebuilt };
  }

  it("store only the days that have ended and return the running day's rows unstored", () => {
    const w = makeWorld();
    const { a } = fourDays(w);
    const rebuilt = must(w.ledger.recalculateDailyBalances([a.id], DAY0, DAY0 + 3));
    expect(rebuilt.map((r) => r.day - DAY0)).toEqual([0, 1, 2, 3]);
    const stored = w.ledger.exportState().dailyBalances ?? [];
    expect(stored.map((r) => dayOf(r.dayStartAt) - DAY0)).toEqual([0, 1, 2]);
    expect(stored.every((r) => r.accountId === a.id)).toBe(true);
  });

  it("find nothing to check on a day never stored, and nothing wrong on a sound one", () => {
    const w = makeWorld();
    const { a, b } = fourDays(w);
    expect(must(w.ledger.dailyCheck())).toMatchObject({ day: DAY0 + 2, status: "ok", checkedAccounts: 0, mismatchedAccounts: 0, items: [] });
    must(w.ledger.recalculateDailyBalances([a.id, b.id], DAY0, DAY0 + 3));
    const check = must(w.ledger.dailyCheck(DAY0 + 1));
    expect(check).toMatchObject({ status: "ok", checkedAccounts: 2, mismatchedAccounts: 0 });
    expect(check.items.map((i) => i.differenceMinor)).toEqual([0, 0]);
  });

  it("keep a stored day's figures after a back-dated leg, which the daily check reports until the day is recalculated", () => {
    const { w, a, b } = backDated();
    const stale = must(w.ledger.dailyBalances([a.id], DAY0 + 1, DAY0 + 2));
    // The stored day 1 closes at 7,900; day 2 (stored too) still opens with it, though the postings now say 7,850.
    expect(stale.map((r) => [r.openingMinor, r.debitMinor, r.closingMinor])).toEqual([[10_000, 2_500, 7_900], [7_900, 0, 7_900]]);
    const check = must(w.ledger.dailyCheck(DAY0 + 1));
    // Every account's day 1 was stored (the three treasuries too); only the two the leg touched differ.
    expect(check).toMatchObject({ status: "mismatch", checkedAccounts: 5, mismatchedAccounts: 2 });
    expect(check.items.filter((i) => i.differenceMinor !== 0).map((i) => i.accountId).sort()).toEqual([a.id, b.id].sort());
    const byId = new Map(check.items.map((i) => [i.accountId, i]));
    expect(byId.get(a.id)).toMatchObject({ storedMinor: 7_900, calculatedMinor: 7_850, differenceMinor: 50 });
    expect(byId.get(b.id)).toMatchObject({ storedMinor: 2_100, calculatedMinor: 2_150, differenceMinor: -50 });
    expect(must(w.ledger.dailyCheck(DAY0)).status).toBe("ok");

    must(w.ledger.recalculateDailyBalances(undefined, DAY0 + 1, DAY0 + 2));
    expect(must(w.ledger.dailyCheck(DAY0 + 1))).toMatchObject({ status: "ok", mismatchedAccounts: 0 });
    const fixed = must(w.ledger.dailyBalances([a.id], DAY0 + 1, DAY0 + 2));
    expect(fixed.map((r) => [r.openingMinor, r.debitMinor, r.closingMinor])).toEqual([[10_000, 2_550, 7_850], [7_850, 0, 7_850]]);
  });

  it("travel in snapshots, where an out-of-date row stays out of date and a malformed one is refused", () => {
    const { w } = backDated();
    const snapshot = w.ledger.exportState();
    const json = JSON.stringify(snapshot);
    const restore = (s: LedgerSnapshot) => importLedger(s, { clock: createManualClock(w.clock.now()), ids: createSeededIds(1) });
    const restored = restore(JSON.parse(json));
    expect(JSON.stringify(restored.exportState())).toBe(json);
    expect(must(restored.dailyCheck(DAY0 + 1)).mismatchedAccounts).toBe(2);

    const first = snapshot.dailyBalances![0]!;
    const broken = (change: object): LedgerSnapshot => ({ ...snapshot, dailyBalances: [{ ...first, ...change }] });
    expect(() => restore(broken({ accountId: "00000000-0000-4000-8000-0000000000aa" }))).toThrow(LedgerInvariantError);
    expect(() => restore(broken({ dayStartAt: first.dayStartAt + 1 }))).toThrow(/start of a UTC day/);
    expect(() => restore(broken({ debitMinor: -1 }))).toThrow(/minor units/);
    expect(() => restore({ ...snapshot, dailyBalances: [first, first] })).toThrow(/duplicated/);
  });
});
