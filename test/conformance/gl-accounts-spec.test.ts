/** GeneralLedger Accounts operations behave as their spec entries in openapi/src/general-ledger.yaml describe. */
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { scenario, testSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const CLIENT = DEMO_IDS.clients.emmaSchneider;
const asClient = { authorization: `Bearer ${CLIENT}` };

const numbersOf = (items: Json[]) => items.map((a) => a.accountNumber as string);
const sortedByNumber = (numbers: string[]) => [...numbers].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

describe("createAccount (POST /v2/internal/Accounts)", () => {
  it("refuses a clientId on a system account with 400 and creates nothing", async () => {
    const sandbox = testSandbox();
    const before = (await sandbox.call("GET", "/Accounts", { headers: asClient })).json as Json[];
    const reply = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "fee", clientId: CLIENT } });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe("validationError");
    expect(Object.keys(reply.json.errors)).toEqual(["clientId"]);
    const after = (await sandbox.call("GET", "/Accounts", { headers: asClient })).json as Json[];
    expect(after).toHaveLength(before.length);
  });

  it("refuses allowNegativeBalance true on a client account, so a client account can never go negative", async () => {
    const sandbox = testSandbox();
    const reply = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "client", clientId: CLIENT, allowNegativeBalance: true } });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json.errors)).toEqual(["allowNegativeBalance"]);
  });

  it("still honours allowNegativeBalance false on a system account: it cannot pay out more than it holds", async () => {
    const sandbox = testSandbox();
    const s = await scenario(sandbox);
    const fee = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "fee", allowNegativeBalance: false } });
    expect(fee.json.allowNegativeBalance).toBe(false);
    const target = await s.clientAccount(0);
    const body = { parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43", parentType: "adjustingPayment", debtorAccountId: fee.json.id, creditorAccountId: target, currency: "eur", amount: 1 };
    const refused = await sandbox.call("POST", "/internal/Payments", { body });
    expect(refused.json.code).toBe("insufficientFunds");
  });
});

describe("getAggregatedAmounts (GET /v2/ledger/internal/Accounts/getAggregatedAmounts)", () => {
  it("sums only accounts that are not closed: a closed account is not counted", async () => {
    const sandbox = testSandbox();
    const query = { currency: "usd", type: "client", clientId: CLIENT };
    const before = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query })).json as Json[];
    const opened = await sandbox.call("POST", "/Accounts", { body: { currency: "usd" }, headers: asClient });
    expect((await sandbox.call("DELETE", `/Accounts/${opened.json.id}`, { headers: asClient })).status).toBe(204);
    const after = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query })).json as Json[];
    expect(after).toEqual(before);
  });

  it("leaves out a (currency, type) group whose only account is closed", async () => {
    const sandbox = testSandbox();
    const opened = await sandbox.call("POST", "/Accounts", { body: { currency: "nok" }, headers: asClient });
    await sandbox.call("DELETE", `/Accounts/${opened.json.id}`, { headers: asClient });
    const rows = (await sandbox.call("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query: { currency: "nok", type: "client" } })).json;
    expect(rows).toEqual([]);
  });
});

describe("account lists are ordered by account number, as documented", () => {
  async function withOddNumbers() {
    const sandbox = testSandbox();
    // Numbers that sort before and after every demo number, created in the opposite order.
    for (const accountNumber of ["ZZZZZ00001", "AAAAA00001"]) {
      const made = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "fee", accountNumber } });
      expect(made.status, made.text).toBe(200);
    }
    return sandbox;
  }

  it("GET /v2/ledger/internal/Accounts pages through accounts in account-number order", async () => {
    const sandbox = await withOddNumbers();
    const page = await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } });
    const numbers = numbersOf(page.json.items);
    expect(numbers).toEqual(sortedByNumber(numbers));
    expect(numbers[0]).toBe("AAAAA00001");
    expect(numbers.at(-1)).toBe("ZZZZZ00001");
    const first = await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { type: "fee", page: 1, pageSize: 1 } });
    expect(numbersOf(first.json.items)).toEqual(["AAAAA00001"]);
  });

  it("POST /v2/ledger/internal/Accounts/search answers in account-number order", async () => {
    const sandbox = await withOddNumbers();
    const found = await sandbox.call("POST", "/v2/ledger/internal/Accounts/search", { body: { currencies: ["eur"], pageSize: 100 } });
    const numbers = numbersOf(found.json.items);
    expect(numbers).toEqual(sortedByNumber(numbers));
    expect(numbers[0]).toBe("AAAAA00001");
  });

  it("POST /v2/internal/Accounts/recalculate of every account answers by account number, and a given list in request order", async () => {
    const sandbox = await withOddNumbers();
    const all = await sandbox.call("POST", "/v2/internal/Accounts/recalculate", { body: {} });
    const numbers = numbersOf(all.json);
    expect(numbers).toEqual(sortedByNumber(numbers));
    const { emmaEur, lukasEur } = DEMO_IDS.accounts;
    const listed = await sandbox.call("POST", "/v2/internal/Accounts/recalculate", { body: { accountIds: [lukasEur, emmaEur] } });
    expect(listed.json.map((a: Json) => a.id)).toEqual([lukasEur, emmaEur]);
  });
});
