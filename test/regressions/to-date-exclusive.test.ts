import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const EMMA_EUR = DEMO_IDS.accounts.emmaEur;
const LUKAS_EUR = DEMO_IDS.accounts.lukasEur;
const NOON = "2026-03-02T12:00:00.000Z";
const ONE = "2026-03-02T13:00:00.000Z";

// Two payments from Emma to Lukas, at 12:00 (5.00) and at 13:00 (7.00) exactly.
async function twoPayments(): Promise<TestSandbox> {
  const sandbox = testSandbox();
  const clock = sandbox.entry.state.clock;
  for (const [at, amount] of [[NOON, 5], [ONE, 7]] as const) {
    clock.set(Date.parse(at), true);
    const made = await sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: EMMA_EUR, creditorAccountId: LUKAS_EUR, currency: "eur", amount } });
    expect(made.status, made.text).toBe(200);
  }
  return sandbox;
}

const amounts = (reply: { json: Json }) => (reply.json.items as Json[]).map((t) => t.amount);

describe("toDate is exclusive, as the spec documents it", () => {
  it("GET /internal/Transactions leaves out a leg created exactly at toDate", async () => {
    const sandbox = await twoPayments();
    const reply = await sandbox.call("GET", "/internal/Transactions", { query: { accountId: LUKAS_EUR, fromDate: NOON, toDate: ONE } });
    expect(amounts(reply)).toEqual([5]);
  });

  it("POST /internal/Transactions/query leaves out a leg created exactly at toDate", async () => {
    const sandbox = await twoPayments();
    const reply = await sandbox.call("POST", "/internal/Transactions/query", { body: { accountIds: [LUKAS_EUR], fromDate: NOON, toDate: ONE } });
    expect(amounts(reply)).toEqual([5]);
  });

  it("GET /Transactions leaves out a leg created exactly at toDate", async () => {
    const sandbox = await twoPayments();
    const headers = { authorization: `Bearer ${DEMO_IDS.clients.lukasNowak}` };
    const reply = await sandbox.call("GET", "/Transactions", { query: { accountId: LUKAS_EUR, fromDate: NOON, toDate: ONE }, headers });
    expect(amounts(reply)).toEqual([5]);
  });

  it("the statement covers [fromDate, toDate): a leg posted at toDate is neither listed nor in the closing balance", async () => {
    const sandbox = await twoPayments();
    const before = (await sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: LUKAS_EUR, toDate: NOON, format: "json" } })).json;
    const report = await sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: LUKAS_EUR, fromDate: NOON, toDate: ONE, format: "json" } });
    expect(report.json.transactions.map((t: Json) => t.amount)).toEqual([5]);
    expect(report.json.openingBalance).toBe(before.closingBalance);
    expect(Math.round((report.json.closingBalance - report.json.openingBalance) * 100)).toBe(500);
  });

  it("an empty period (fromDate equal to toDate) is an empty statement, not a 400", async () => {
    const sandbox = await twoPayments();
    const report = await sandbox.call("GET", "/internal/Transactions/report", { query: { accountId: LUKAS_EUR, fromDate: ONE, toDate: ONE, format: "json" } });
    expect(report.status).toBe(200);
    expect(report.json.transactions).toEqual([]);
    expect(report.json.closingBalance).toBe(report.json.openingBalance);
  });
});
