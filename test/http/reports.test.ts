import { beforeEach, describe, expect, it } from "vitest";
import { scenario, testSandbox, type Scenario, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const UNKNOWN = "00000000-0000-4000-8000-000000000001";
/** The days of the story below: the test sandbox's clock starts on the first. */
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"] as const;
let sandbox: TestSandbox;
let s: Scenario;

beforeEach(async () => {
  sandbox = testSandbox();
  s = await scenario(sandbox);
});

async function ok(method: string, path: string, options: Parameters<TestSandbox["call"]>[2] = {}): Promise<Json> {
  const reply = await sandbox.call(method, path, options);
  expect(reply.status, reply.text).toBe(200);
  return reply.json;
}

const pay = (from: string, to: string, amount: number) =>
  ok("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: from, creditorAccountId: to, currency: "eur", amount } });
const nextDay = () => ok("POST", "/__sandbox/clock/advance", { body: { days: 1 } });
const setClock = (now: string) => ok("PUT", "/__sandbox/clock", { body: { now, frozen: true } });
const dailyBalances = (accountIds: string[], fromDate: string, toDate: string) => ok("POST", "/internal/DailyAccountBalance", { body: { accountIds, fromDate, toDate } });

/**
 * Four days with payments between them: a is funded with 100.00 on day 0; on day 1 it pays b 30.00 and the fee
 * account 1.00 and holds 10.00 for b; on day 2 b pays a 5.00; on day 3 the hold is posted. The clock ends on day 3.
 */
async function fourDays() {
  const a = await s.clientAccount(100);
  const b = await s.clientAccount(0);
  const fee = await s.systemAccount("fee");
  await nextDay();
  await pay(a, b, 30);
  await pay(a, fee, 1);
  const held = await ok("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: a, creditorAccountId: b, currency: "eur", amount: 10 }] } });
  await ok("POST", `/internal/Payments/${held.paymentId}/pend`);
  await nextDay();
  await pay(b, a, 5);
  await nextDay();
  await ok("POST", `/internal/Payments/${held.paymentId}/post`);
  return { a, b, fee };
}

/** The posted legs of an account summed per UTC day of their postedDate, from the Transactions API. */
async function postedPerDay(accountId: string): Promise<Map<string, { debit: number; credit: number }>> {
  const legs = await ok("GET", "/internal/Transactions", { query: { accountId, state: "posted", pageSize: 100 } });
  const days = new Map<string, { debit: number; credit: number }>();
  for (const leg of legs.items) {
    const day = days.get(leg.postedDate.slice(0, 10)) ?? { debit: 0, credit: 0 };
    if (leg.debtorAccountId === accountId) day.debit += leg.amount;
    else day.credit += leg.amount;
    days.set(leg.postedDate.slice(0, 10), day);
  }
  return days;
}

describe("daily account balances", () => {
  it("open each day with the previous day's close, agree with the transactions and close with the account's balance", async () => {
    const { a, b, fee } = await fourDays();
    const rows = await dailyBalances([a, b, fee], DAYS[0], DAYS[3]);
    expect(rows.map((r: Json) => [r.accountId, r.date])).toEqual([a, b, fee].flatMap((id) => DAYS.map((day) => [id, day])));
    for (const id of [a, b, fee]) {
      const own = rows.filter((r: Json) => r.accountId === id);
      const posted = await postedPerDay(id);
      expect(own[0].openingBalance).toBe(0);
      own.forEach((row: Json, i: number) => {
        if (i > 0) expect(row.openingBalance, `${id} ${row.date}`).toBe(own[i - 1].closingBalance);
        expect(row.closingBalance).toBe(row.openingBalance - row.totalDebit + row.totalCredit);
        expect([row.totalDebit, row.totalCredit], `${id} ${row.date}`).toEqual([posted.get(row.date)?.debit ?? 0, posted.get(row.date)?.credit ?? 0]);
      });
      expect(own.at(-1).closingBalance).toBe((await s.account(id)).balance);
    }
    expect(rows.filter((r: Json) => r.accountId === a).map((r: Json) => r.closingBalance)).toEqual([100, 69, 74, 64]);
  });

  it("refuse a reversed or too long range with 400 and an unknown account with 404", async () => {
    const a = await s.clientAccount(1);
    const reversed = await sandbox.call("POST", "/internal/DailyAccountBalance", { body: { accountIds: [a], fromDate: DAYS[1], toDate: DAYS[0] } });
    expect([reversed.status, reversed.json.code, Object.keys(reversed.json.errors)]).toEqual([400, "validationError", ["fromDate"]]);
    const long = await sandbox.call("POST", "/internal/DailyAccountBalance/recalculate", { body: { fromDate: "2025-01-01", toDate: "2026-01-02" } });
    expect([long.status, Object.keys(long.json.errors)]).toEqual([400, ["toDate"]]);
    const unknown = await sandbox.call("POST", "/internal/DailyAccountBalance", { body: { accountIds: [a, UNKNOWN], fromDate: DAYS[0], toDate: DAYS[0] } });
    expect([unknown.status, unknown.json.code]).toEqual([404, "accountNotFound"]);
    const badDate = await sandbox.call("GET", "/internal/DailyCheck", { query: { date: "2026-02-30x" } });
    expect(badDate.status).toBe(400);
  });
});

describe("recalculation and the daily check", () => {
  it("store the ended days, find them sound, and list a stored day that a back-dated payment changed until it is recalculated", async () => {
    const { a, b, fee } = await fourDays();
    const rebuilt = await ok("POST", "/internal/DailyAccountBalance/recalculate", { body: { accountIds: [a, b, fee], fromDate: DAYS[0], toDate: DAYS[3] } });
    expect(rebuilt).toEqual(await dailyBalances([a, b, fee], DAYS[0], DAYS[3]));
    // Yesterday by default: days 0-2 were stored, day 3 (today) was not.
    expect(await ok("GET", "/internal/DailyCheck")).toEqual({ date: DAYS[2], status: "ok", checkedAccounts: 3, mismatchedAccounts: 0 });
    expect(await ok("GET", "/internal/DailyCheck", { query: { date: DAYS[3] } })).toMatchObject({ checkedAccounts: 0, status: "ok" });
    const details = await ok("GET", "/internal/DailyCheck/details", { query: { date: DAYS[1] } });
    const numbers = details.map((d: Json) => d.accountNumber);
    expect(numbers).toEqual([...numbers].sort());
    expect(details.find((d: Json) => d.accountId === a)).toMatchObject({ storedBalance: 69, calculatedBalance: 69, difference: 0 });

    // A payment booked into day 1 after it was stored: the clock is set back, then forward again.
    const now = (await ok("GET", "/__sandbox/clock")).now;
    await setClock(`${DAYS[1]}T15:00:00Z`);
    await pay(a, b, 2.5);
    await setClock(now);
    expect(await ok("GET", "/internal/DailyCheck", { query: { date: DAYS[1] } })).toEqual({ date: DAYS[1], status: "mismatch", checkedAccounts: 3, mismatchedAccounts: 2 });
    const mismatched = await ok("GET", "/internal/DailyCheck/details", { query: { date: DAYS[1], mismatchedOnly: "true" } });
    expect(mismatched.map((d: Json) => [d.accountId, d.storedBalance, d.calculatedBalance, d.difference]).sort()).toEqual(
      [[a, 69, 66.5, 2.5], [b, 30, 32.5, -2.5]].sort(),
    );
    // The stored day keeps its figures; the next stored day still opens with them.
    const stale = await dailyBalances([a], DAYS[1], DAYS[3]);
    expect(stale.map((r: Json) => [r.openingBalance, r.closingBalance])).toEqual([[100, 69], [69, 74], [71.5, 61.5]]);

    await ok("POST", "/internal/DailyAccountBalance/recalculate", { body: { fromDate: DAYS[1], toDate: DAYS[2] } });
    expect(await ok("GET", "/internal/DailyCheck", { query: { date: DAYS[1] } })).toMatchObject({ status: "ok", mismatchedAccounts: 0 });
    const fixed = await dailyBalances([a], DAYS[1], DAYS[3]);
    expect(fixed.map((r: Json) => [r.openingBalance, r.closingBalance])).toEqual([[100, 66.5], [66.5, 71.5], [71.5, 61.5]]);
  });

  it("keep stored days in the snapshot, so an export and import keeps what the check finds", async () => {
    const { a } = await fourDays();
    await ok("POST", "/internal/DailyAccountBalance/recalculate", { body: { accountIds: [a], fromDate: DAYS[0], toDate: DAYS[3] } });
    const exported = await ok("GET", "/__sandbox/snapshot");
    expect(exported.ledger.dailyBalances.map((r: Json) => [r.accountId, new Date(r.dayStartAt).toISOString().slice(0, 10)])).toEqual(DAYS.slice(0, 3).map((day) => [a, day]));
    const tampered = structuredClone(exported);
    tampered.ledger.dailyBalances[1].creditMinor += 100;
    await ok("PUT", "/__sandbox/snapshot", { body: tampered });
    const details = await ok("GET", "/internal/DailyCheck/details", { query: { date: DAYS[1] } });
    expect(details).toEqual([expect.objectContaining({ accountId: a, storedBalance: 70, calculatedBalance: 69, difference: 1 })]);
    await ok("PUT", "/__sandbox/snapshot", { body: exported });
    expect(await ok("GET", "/__sandbox/snapshot")).toEqual(exported);
  });
});

describe("reports", () => {
  /** Sums of posted balances per account type in a currency, from the aggregated amounts of the Accounts API. */
  async function byType(currency: string): Promise<Record<string, { accountsCount: number; totalBalance: number }>> {
    const rows = await ok("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query: { currency } });
    return Object.fromEntries(rows.map((r: Json) => [r.accountType, { accountsCount: r.accountsCount, totalBalance: r.totalBalance }]));
  }

  it("reconcile client funds against the treasury per account type, today and as of an earlier day", async () => {
    const before = await ok("GET", "/internal/Reports/ReconciliationReport", { query: { currency: "eur" } });
    await fourDays();
    const report = await ok("GET", "/internal/Reports/ReconciliationReport", { query: { currency: "eur" } });
    const types = await byType("eur");
    expect(report.date).toBe(DAYS[3]);
    expect(Object.fromEntries(report.items.map((i: Json) => [i.accountType, { accountsCount: i.accountsCount, totalBalance: i.totalBalance }]))).toEqual(types);
    expect(report.ledgerClientFunds).toBe(types.client!.totalBalance);
    expect(report.treasuryBalance).toBe(-types.treasury!.totalBalance);
    expect(report.difference).toBe(report.treasuryBalance - report.ledgerClientFunds);
    // Money came in (100.00 from the treasury) and 1.00 went to fees: the difference grew by that fee.
    expect(report.treasuryBalance - before.treasuryBalance).toBe(100);
    expect(report.difference - before.difference).toBe(1);
    const dayZero = await ok("GET", "/internal/Reports/ReconciliationReport", { query: { currency: "eur", date: DAYS[0] } });
    expect(dayZero.ledgerClientFunds - before.ledgerClientFunds).toBe(100);
    expect(dayZero.difference).toBe(before.difference);
  });

  it("summarise every enabled currency's treasury position, or one currency's", async () => {
    await fourDays();
    await ok("PUT", "/internal/Currencies/nok", { body: { name: "Norwegian Krone", isEnabled: false } });
    const summary = await ok("GET", "/internal/TreasuryManagement/summary");
    expect(summary.map((p: Json) => p.currency)).toEqual(["cad", "cny", "dkk", "sek", "chf", "gbp", "usd", "eur", "pln"]);
    for (const position of summary) {
      const types = await byType(position.currency);
      expect(position).toEqual({
        currency: position.currency,
        clientFunds: types.client?.totalBalance ?? 0,
        treasuryBalance: -(types.treasury?.totalBalance ?? 0) || 0,
        feeBalance: types.fee?.totalBalance ?? 0,
        difference: expect.any(Number),
      });
      expect(position.difference).toBeCloseTo(position.treasuryBalance - position.clientFunds - position.feeBalance, 9);
    }
    expect((await ok("GET", "/internal/TreasuryManagement/summary", { query: { currency: "nok" } })).map((p: Json) => p.currency)).toEqual(["nok"]);
  });

  it("run the account balance check over every account that is not closed and find the ledger sound", async () => {
    await fourDays();
    const all = await ok("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } });
    const open = all.items.filter((a: Json) => a.status !== "closed");
    const job = await ok("POST", "/internal/BackgroundJob/AccountBalanceCheckJob");
    const now = (await ok("GET", "/__sandbox/clock")).now;
    expect(job).toEqual({ jobName: "AccountBalanceCheckJob", startedDate: now, finishedDate: now, result: "ok", checkedAccounts: open.length, mismatchedAccounts: 0, mismatchedAccountIds: [] });
    const eur = await ok("POST", "/internal/BackgroundJob/AccountBalanceCheckJob", { query: { currency: "eur" } });
    expect(eur.checkedAccounts).toBe(open.filter((a: Json) => a.currency === "eur").length);
  });
});
