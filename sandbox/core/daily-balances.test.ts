import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.js";
import { closingBalance, dayOf, existedOn, MAX_DAILY_BALANCE_DAYS, MAX_DAILY_BALANCE_ROWS, MS_PER_DAY } from "./daily-balances.js";
import type { DailyBalance } from "./daily-balances.js";
import { LedgerInvariantError } from "./errors.js";
import { createSeededIds } from "./ids.js";
import { importLedger } from "./ledger.js";
import type { LedgerSnapshot } from "./snapshot.js";
import type { AccountRec } from "./state.js";
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

describe("the UTC day of an instant", () => {
  it("runs from 00:00:00.000 through 23:59:59.999, also before 1970", () => {
    expect(MS_PER_DAY).toBe(24 * HOUR_MS);
    expect([dayOf(0), dayOf(MS_PER_DAY - 1), dayOf(MS_PER_DAY), dayOf(-1), dayOf(-MS_PER_DAY), dayOf(-MS_PER_DAY - 1)]).toEqual([0, 0, 1, -1, -1, -2]);
    expect(dayOf(Date.UTC(2026, 0, 1))).toBe(dayOf(Date.UTC(2026, 0, 1, 23, 59, 59, 999)));
  });
});

describe("daily balances at the edges of a day", () => {
  it("count a leg posted at 23:59:59.999 on its day and one posted at 00:00 on the next", () => {
    const w = makeWorld();
    const a = w.account("eur", 1_000);
    const b = w.account("eur");
    const endOfDay = (DAY0 + 1) * MS_PER_DAY - 1;
    w.clock.set(endOfDay);
    pay(w, a.id, b.id, 10);
    w.clock.set(endOfDay + 1);
    pay(w, a.id, b.id, 20);
    const rows = must(w.ledger.dailyBalances([a.id, b.id], DAY0, DAY0 + 1));
    expect(rows.map((r) => [r.accountId, r.day - DAY0, r.openingMinor, r.debitMinor, r.creditMinor, r.closingMinor])).toEqual([
      [a.id, 0, 0, 10, 1_000, 990],
      [a.id, 1, 990, 20, 0, 970],
      [b.id, 0, 0, 0, 10, 10],
      [b.id, 1, 10, 0, 20, 30],
    ]);
    // A range starting on the second day opens with the first day's leg and counts the one at 00:00 in the day.
    expect(must(w.ledger.dailyBalances([a.id], DAY0 + 1, DAY0 + 1))).toEqual([{ accountId: a.id, day: DAY0 + 1, currency: "eur", openingMinor: 990, debitMinor: 20, creditMinor: 0, closingMinor: 970 }]);
    // A range ending on the first day leaves out what was posted after it.
    expect(must(w.ledger.dailyBalances([a.id], DAY0, DAY0)).map((r) => r.closingMinor)).toEqual([990]);
  });

  it("have no rows for a range before the account was opened or after it was closed, and one row for a day it lived through", () => {
    const w = makeWorld();
    w.clock.advance(2 * MS_PER_DAY);
    const a = w.account("gbp");
    must(w.ledger.closeAccount(a.id));
    expect(must(w.ledger.dailyBalances([a.id], DAY0, DAY0 + 1))).toEqual([]);
    expect(must(w.ledger.dailyBalances([a.id], DAY0 + 3, DAY0 + 5))).toEqual([]);
    expect(must(w.ledger.dailyBalances([a.id], DAY0, DAY0 + 5)).map((r) => [r.day - DAY0, r.currency, r.closingMinor])).toEqual([[2, "gbp", 0]]);
  });

  it("of an account are answered for the accounts in the order asked, and the same account twice is answered twice", () => {
    const w = makeWorld();
    const a = w.account("eur", 5);
    const b = w.account("eur", 7);
    expect(must(w.ledger.dailyBalances([b.id, a.id, b.id], DAY0, DAY0)).map((r) => r.closingMinor)).toEqual([7, 5, 7]);
  });
});

describe("the range of a daily-balance request", () => {
  it("must be whole days, not reversed, before any account is looked up", () => {
    const w = makeWorld();
    const a = w.account("eur");
    const refusal = (from: number, to: number, ids = [a.id]) => {
      const result = w.ledger.dailyBalances(ids, from, to);
      return result.ok ? "ok" : result.error;
    };
    expect(refusal(DAY0 + 0.5, DAY0 + 1)).toEqual({ code: "validationError", field: "fromDate", message: "must be a date" });
    expect(refusal(DAY0, Number.NaN)).toEqual({ code: "validationError", field: "toDate", message: "must be a date" });
    expect(refusal(DAY0 + 1, DAY0)).toEqual({ code: "validationError", field: "fromDate", message: "fromDate must not be after toDate" });
    expect(refusal(DAY0, DAY0)).toBe("ok");
    expect(refusal(DAY0 + 1, DAY0, ["00000000-0000-4000-8000-0000000000aa"])).toMatchObject({ field: "fromDate" });
    expect(refusal(DAY0, DAY0, ["00000000-0000-4000-8000-0000000000aa"])).toMatchObject({ code: "accountNotFound" });
  });

  it(`spans at most ${MAX_DAILY_BALANCE_DAYS} days`, () => {
    const w = makeWorld();
    const a = w.account("eur");
    expect(must(w.ledger.dailyBalances([a.id], DAY0 - MAX_DAILY_BALANCE_DAYS + 1, DAY0))).toHaveLength(1);
    expect(w.ledger.recalculateDailyBalances([a.id], DAY0, DAY0 + MAX_DAILY_BALANCE_DAYS)).toEqual({ ok: false, error: { code: "validationError", field: "toDate", message: `the range spans ${MAX_DAILY_BALANCE_DAYS + 1} days; at most ${MAX_DAILY_BALANCE_DAYS} are allowed` } });
  });

  it(`answers at most ${MAX_DAILY_BALANCE_ROWS} rows, accounts times days`, () => {
    const w = makeWorld();
    const ids = Object.values(w.treasury);
    while (ids.length < 400) ids.push(w.account("usd").id);
    // 400 accounts over 250 days are exactly the limit; one day more is 400 rows too many.
    expect(codeOf(w.ledger.dailyBalances(ids, DAY0, DAY0 + 249))).toBe("ok");
    expect(w.ledger.dailyBalances(ids, DAY0, DAY0 + 250)).toEqual({ ok: false, error: { code: "validationError", field: "accountIds", message: `400 accounts over 251 days exceed ${MAX_DAILY_BALANCE_ROWS} rows; name fewer accounts or a shorter range` } });
  });
});

describe("recalculating daily balances", () => {
  it("stores every account's ended days when no accounts are named, in account-number order, and answers the running day too", () => {
    const w = makeWorld();
    const a = w.account("eur", 300);
    w.clock.advance(MS_PER_DAY);
    const rows = must(w.ledger.recalculateDailyBalances([], DAY0, DAY0 + 1));
    const numbers = rows.filter((r) => r.day === DAY0).map((r) => w.ledger.getAccount(r.accountId)!.accountNumber);
    expect(numbers).toEqual([...numbers].sort());
    expect(numbers).toHaveLength(4);
    expect(rows.find((r) => r.accountId === a.id && r.day === DAY0 + 1)).toMatchObject({ openingMinor: 300, closingMinor: 300 });
    const stored = w.ledger.exportState().dailyBalances!;
    expect(stored.map((r) => r.dayStartAt)).toEqual(Array(4).fill(DAY0 * MS_PER_DAY));
    expect(stored.find((r) => r.accountId === a.id)).toEqual({ accountId: a.id, dayStartAt: DAY0 * MS_PER_DAY, openingMinor: 0, debitMinor: 0, creditMinor: 300 });
  });

  it("export stored days oldest first, whatever order they were stored in", () => {
    const w = makeWorld();
    const a = w.account("eur", 300);
    w.clock.advance(3 * MS_PER_DAY);
    must(w.ledger.recalculateDailyBalances([a.id], DAY0 + 2, DAY0 + 2));
    must(w.ledger.recalculateDailyBalances([a.id], DAY0, DAY0 + 1));
    expect(w.ledger.exportState().dailyBalances!.map((r) => dayOf(r.dayStartAt) - DAY0)).toEqual([0, 1, 2]);
  });
});

describe("the daily check", () => {
  it("refuses a day that is not a whole day, checks the day before the clock's by default and only accounts with a row stored for the day", () => {
    const w = makeWorld();
    w.account("eur", 10);
    w.clock.advance(MS_PER_DAY);
    expect(w.ledger.dailyCheck(1.5)).toEqual({ ok: false, error: { code: "validationError", field: "date", message: "must be a date" } });
    must(w.ledger.recalculateDailyBalances(undefined, DAY0, DAY0));
    const check = must(w.ledger.dailyCheck());
    expect(check).toMatchObject({ day: DAY0, status: "ok", checkedAccounts: 4, mismatchedAccounts: 0 });
    expect(check.items.map((i) => i.accountId).sort()).toEqual(w.ledger.exportState().accounts.map((x) => x.id).sort());
    expect(check.items.every((i) => i.storedMinor === i.calculatedMinor && i.differenceMinor === 0)).toBe(true);
    expect(must(w.ledger.dailyCheck(DAY0 - 1))).toEqual({ day: DAY0 - 1, status: "ok", checkedAccounts: 0, mismatchedAccounts: 0, items: [] });
  });

  it("lists the accounts it checks by account number, whatever order their rows were stored in", () => {
    const w = makeWorld();
    const z = must(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "client", accountNumber: "ZZ0001" }));
    const a = must(w.ledger.createAccount({ clientId: w.clientId, currency: "eur", type: "client", accountNumber: "AA0001" }));
    w.clock.advance(MS_PER_DAY);
    must(w.ledger.recalculateDailyBalances([z.id, a.id], DAY0, DAY0));
    expect(must(w.ledger.dailyCheck(DAY0)).items).toEqual([
      { accountId: a.id, accountNumber: "AA0001", currency: "eur", storedMinor: 0, calculatedMinor: 0, differenceMinor: 0 },
      { accountId: z.id, accountNumber: "ZZ0001", currency: "eur", storedMinor: 0, calculatedMinor: 0, differenceMinor: 0 },
    ]);
  });
});

describe("closing balance and existence on a day", () => {
  const posted = (postedAt: number | null, amountMinor: number, credit: boolean, self: AccountRec) => ({ postedAt, amountMinor, creditor: credit ? self : undefined });

  it("count every leg posted before the day's end", () => {
    const a = { id: "x", currency: "eur", createdAt: 0, closedAt: null, txs: [] } as unknown as AccountRec;
    (a.txs as unknown[]).push(posted(MS_PER_DAY - 1, 100, true, a), posted(MS_PER_DAY, 30, false, a), posted(null, 5, true, a), posted(2 * MS_PER_DAY, 1, true, a));
    expect([closingBalance(a, 0), closingBalance(a, 1), closingBalance(a, 2)]).toEqual([100, 70, 71]);
  });

  it("hold from the day an account was opened through the day it was closed", () => {
    const a = { createdAt: 2 * MS_PER_DAY + 5, closedAt: 4 * MS_PER_DAY + 5, txs: [] } as unknown as AccountRec;
    expect([1, 2, 3, 4, 5].map((day) => existedOn(a, day))).toEqual([false, true, true, true, false]);
    expect(existedOn({ ...a, closedAt: null }, 1_000)).toBe(true);
  });
});

describe("stored daily balances in a snapshot", () => {
  function stored() {
    const w = makeWorld();
    const a = w.account("eur", 300);
    w.clock.advance(2 * MS_PER_DAY);
    must(w.ledger.recalculateDailyBalances([a.id], DAY0, DAY0 + 1));
    return { w, a, snapshot: w.ledger.exportState() };
  }

  const restore = (s: LedgerSnapshot) => importLedger(s, { clock: createManualClock(T0 + 2 * MS_PER_DAY), ids: createSeededIds(1) });

  function refusal(snapshot: LedgerSnapshot, dailyBalances: unknown): string {
    let thrown: unknown;
    try {
      restore({ ...snapshot, dailyBalances: dailyBalances as LedgerSnapshot["dailyBalances"] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LedgerInvariantError);
    return (thrown as Error).message;
  }

  it("are restored as they were, read as stored, and a snapshot without them has none", () => {
    const { snapshot, a } = stored();
    const first = snapshot.dailyBalances![0]!;
    const changed = { ...snapshot, dailyBalances: [{ ...first, openingMinor: -5, creditMinor: 0 }, snapshot.dailyBalances![1]!] };
    expect(must(restore(changed).dailyBalances([a.id], DAY0, DAY0))[0]).toMatchObject({ openingMinor: -5, creditMinor: 0, closingMinor: -5 });
    const { dailyBalances: _, ...without } = snapshot;
    expect(restore(without).exportState().dailyBalances).toBeUndefined();
  });

  it("are refused unless an array of objects", () => {
    const { snapshot } = stored();
    expect(refusal(snapshot, {})).toBe("invalid ledger snapshot: dailyBalances must be an array of objects");
    expect(refusal(snapshot, [...snapshot.dailyBalances!, null])).toBe("invalid ledger snapshot: dailyBalances must be an array of objects");
    expect(refusal(snapshot, [5])).toBe("invalid ledger snapshot: dailyBalances must be an array of objects");
  });

  it("are refused for an unknown account", () => {
    const { snapshot } = stored();
    expect(refusal(snapshot, [{ ...snapshot.dailyBalances![0]!, accountId: 7 }])).toBe("invalid ledger snapshot: daily balance of 7 names an unknown account");
  });

  it("are refused with a dayStartAt that is not the start of a UTC day", () => {
    const { snapshot, a } = stored();
    const first = snapshot.dailyBalances![0]!;
    for (const dayStartAt of [first.dayStartAt + 1, first.dayStartAt - 1, "0", 1.5 * MS_PER_DAY]) {
      expect(refusal(snapshot, [{ ...first, dayStartAt }])).toBe(`invalid ledger snapshot: daily balance of ${a.id} has a dayStartAt that is not the start of a UTC day in epoch ms`);
    }
  });

  it("are refused with figures that are not integer minor units, or a negative debit or credit", () => {
    const { snapshot, a } = stored();
    const first = snapshot.dailyBalances![0]!;
    for (const change of [{ openingMinor: 0.5 }, { debitMinor: "1" }, { creditMinor: null }, { debitMinor: -1 }, { creditMinor: -1 }]) {
      expect(refusal(snapshot, [{ ...first, ...change }])).toBe(`invalid ledger snapshot: daily balance of ${a.id} needs integer minor units, debitMinor and creditMinor not negative`);
    }
  });

  it("are refused when a day of an account comes twice", () => {
    const { snapshot, a } = stored();
    const first = snapshot.dailyBalances![0]!;
    expect(refusal(snapshot, [first, snapshot.dailyBalances![1]!, { ...first, creditMinor: 1 }])).toBe(`invalid ledger snapshot: daily balance of ${a.id} at ${first.dayStartAt} is duplicated`);
  });
});
