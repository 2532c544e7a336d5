import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type CallOptions, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";
import { expectSettlesAfter } from "../support/timing.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const EMMA_EUR = DEMO_IDS.accounts.emmaEur;
const TREASURY_EUR = DEMO_IDS.treasury.eur;

let sandbox: TestSandbox;
beforeEach(() => {
  sandbox = testSandbox();
});

const state = () => JSON.stringify(sandbox.entry.state.export());
const inTenant = (tenant: string | undefined, options: CallOptions = {}): CallOptions =>
  tenant === undefined ? options : { ...options, headers: { ...options.headers, "x-sandbox-tenant": tenant } };

async function addRule(rule: Json, tenant?: string): Promise<Json> {
  const reply = await sandbox.call("POST", "/__sandbox/faults", inTenant(tenant, { body: rule }));
  expect(reply.status, reply.text).toBe(201);
  return reply.json;
}
const listRules = async (tenant?: string) => (await sandbox.call("GET", "/__sandbox/faults", inTenant(tenant))).json as Json[];

const create = (amount: number, tenant?: string) =>
  sandbox.call("POST", "/internal/Payments", inTenant(tenant, { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: TREASURY_EUR, creditorAccountId: EMMA_EUR, currency: "eur", amount } }));
const draft = (amounts: number[]) =>
  sandbox.call("POST", "/internal/Payments/draft", {
    body: { parentId: PARENT, parentType: "transfer", transactions: amounts.map((amount) => ({ debtorAccountId: TREASURY_EUR, creditorAccountId: EMMA_EUR, currency: "eur", amount })) },
  });
const balance = async (id: string) => (await sandbox.call("GET", `/v2/ledger/internal/Accounts/${id}`)).json.balance as number;

describe("fault rules: firing and expiry", () => {
  it("answers the next two creates 422 insufficientFunds with times: 2, then the real answer, and the rule is gone", async () => {
    const rule = await addRule({ name: "no money", match: { operationId: "createPayment" }, respond: { status: 422, code: "insufficientFunds" }, times: 2 });
    expect(rule).toMatchObject({ id: "rule-1", name: "no money", hits: 0, remaining: 2, times: 2 });
    const before = await balance(EMMA_EUR);

    const first = await create(5);
    expect([first.status, first.json.code]).toEqual([422, "insufficientFunds"]);
    expect(first.json.detail).toContain("rule-1");
    expect(await listRules()).toMatchObject([{ id: "rule-1", hits: 1, remaining: 1 }]);
    const second = await create(5);
    expect([second.status, second.json.code]).toEqual([422, "insufficientFunds"]);
    expect(await balance(EMMA_EUR)).toBe(before);

    const third = await create(5);
    expect(third.status).toBe(200);
    expect(third.json.transactions[0].state).toBe("posted");
    expect(await balance(EMMA_EUR)).toBe(before + 5);
    expect(await listRules()).toEqual([]);
    const journal = await sandbox.call("GET", "/__sandbox/journal", { query: { operationId: "createPayment" } });
    expect(journal.json.entries.map((e: Json) => [e.status, e.fault])).toEqual([[422, "rule:rule-1"], [422, "rule:rule-1"], [200, null]]);
  });

  it("fires the first matching rule in creation order", async () => {
    await addRule({ match: { operationId: "createPayment" }, respond: { status: 503 }, times: 1 });
    await addRule({ match: { method: "post" }, respond: { status: 422, code: "accountNotActive" } });
    expect((await create(1)).json.code).toBe("serviceUnavailable");
    expect((await create(1)).json.code).toBe("accountNotActive");
  });
});

describe("fault rules: matching", () => {
  it("matches a method and a path pattern where * stands for one segment, case-insensitively", async () => {
    await addRule({ match: { method: "POST", path: "/internal/payments/*/PEND" }, respond: { status: 503 } });
    const drafted = await draft([1]);
    const id = drafted.json.paymentId;
    const pend = await sandbox.call("POST", `/internal/Payments/${id}/pend`);
    expect([pend.status, pend.json.code]).toEqual([503, "serviceUnavailable"]);
    // The bulk route has no segment for the *, and cancel is another last segment.
    const bulk = await sandbox.call("POST", "/internal/Payments/pend", { body: { paymentIds: [id], parentId: PARENT } });
    expect(bulk.status).toBe(200);
    const cancel = await sandbox.call("POST", `/internal/Payments/${id}/cancel`);
    expect(cancel.status).toBe(200);
  });

  it("matches any number of segments with **, and never matches control requests", async () => {
    await addRule({ match: { path: "/v2/**" }, respond: { status: 503 } });
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts")).status).toBe(503);
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${EMMA_EUR}`)).status).toBe(503);
    expect((await sandbox.call("GET", "/internal/Transactions")).status).toBe(200);
    await sandbox.call("DELETE", "/__sandbox/faults");

    await addRule({ match: { path: "/**" }, respond: { status: 503 } });
    expect((await sandbox.call("GET", "/internal/Transactions")).status).toBe(503);
    expect((await sandbox.call("GET", "/__sandbox/health")).status).toBe(200);
    expect((await sandbox.call("GET", "/__sandbox/faults")).status).toBe(200);
  });

  it("matches a query parameter's value", async () => {
    await addRule({ match: { operationId: "listTransactions", query: { currency: "usd" } }, respond: { status: 503 } });
    expect((await sandbox.call("GET", "/internal/Transactions", { query: { currency: "usd" } })).status).toBe(503);
    expect((await sandbox.call("GET", "/internal/Transactions", { query: { currency: "eur" } })).status).toBe(200);
    expect((await sandbox.call("GET", "/internal/Transactions")).status).toBe(200);
  });

  it("matches a body field, at the top level or by a dot path into arrays", async () => {
    await addRule({ match: { operationId: "createPayment", body: { amount: 30, currency: "eur" } }, respond: { status: 422, code: "insufficientFunds" } });
    await addRule({ match: { operationId: "draftPayment", body: { "transactions.0.amount": 12.5 } }, respond: { status: 422, code: "currencyMismatch" } });
    expect((await create(30)).json.code).toBe("insufficientFunds");
    expect((await create(31)).status).toBe(200);
    const firstLeg = await draft([12.5, 1]);
    expect([firstLeg.status, firstLeg.json.code]).toEqual([422, "currencyMismatch"]);
    expect((await draft([1, 12.5])).status).toBe(200);
  });
});

describe("fault rules: delays and probabilities", () => {
  it("delays the real answer with a rule that only has delayMs", async () => {
    const path = `/v2/ledger/internal/Accounts/${EMMA_EUR}`;
    const prompt = await sandbox.call("GET", path);
    await addRule({ match: { operationId: "getLedgerAccount" }, respond: { delayMs: 150 } });
    const result = await expectSettlesAfter(150, () => sandbox.call("GET", path));
    expect(result.status).toBe(200);
    expect(result.json).toEqual(prompt.json);
    const journal = await sandbox.call("GET", "/__sandbox/journal", { query: { operationId: "getLedgerAccount" } });
    const last = journal.json.entries.at(-1);
    expect(last.fault).toBe("rule:rule-1");
    // Measured on the faked clock, so exactly the delay.
    expect(last.durationMs).toBe(150);
  });

  it("fires a probability 0.5, seed 7 rule on a subset of 40 requests, the same subset after re-adding it and in a fresh sandbox", async () => {
    const rule = { match: { operationId: "getLedgerAccount" }, respond: { status: 503 }, probability: 0.5, seed: 7 };
    const firings = async (on: TestSandbox) => {
      const fired: boolean[] = [];
      for (let i = 0; i < 40; i++) fired.push((await on.call("GET", `/v2/ledger/internal/Accounts/${EMMA_EUR}`)).status === 503);
      return fired;
    };
    const added = await addRule(rule);
    const first = await firings(sandbox);
    const count = first.filter(Boolean).length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(35);
    expect((await listRules())[0].hits).toBe(count);

    expect((await sandbox.call("DELETE", `/__sandbox/faults/${added.id}`)).status).toBe(204);
    await addRule(rule);
    expect(await firings(sandbox)).toEqual(first);

    const fresh = testSandbox();
    expect((await fresh.call("POST", "/__sandbox/faults", { body: rule })).status).toBe(201);
    expect(await firings(fresh)).toEqual(first);

    // Another seed draws another sequence.
    await sandbox.call("DELETE", "/__sandbox/faults");
    await addRule({ ...rule, seed: 8 });
    expect(await firings(sandbox)).not.toEqual(first);
  });
});

describe("fault rules: what is refused", () => {
  it("refuses a status the named operation does not document, and an unknown operation, with 400, adding nothing", async () => {
    const undocumented = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { operationId: "listTransactions" }, respond: { status: 404 } } });
    expect([undocumented.status, undocumented.json.code]).toEqual([400, "validationError"]);
    expect(undocumented.json.errors["respond.status"][0]).toContain("allowed: 400, 500, 503");
    const unknown = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { operationId: "makeMoney" }, respond: { status: 503 } } });
    expect([unknown.status, unknown.json.code]).toEqual([400, "validationError"]);
    expect(unknown.json.errors["match.operationId"][0]).toContain("makeMoney");
    const faultWithStatus = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { method: "GET" }, respond: { status: 503, fault: "connectionReset" } } });
    expect(faultWithStatus.status).toBe(400);
    const emptyMatch = await sandbox.call("POST", "/__sandbox/faults", { body: { match: {}, respond: { status: 503 } } });
    expect(emptyMatch.status).toBe(400);
    const greedy = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { path: "/**/a/**/b/**" }, respond: { status: 503 } } });
    expect(Object.keys(greedy.json.errors)).toEqual(["match.path"]);
    expect(await listRules()).toEqual([]);
  });
});

describe("fault rules: broken connections", () => {
  it("answers a connectionReset rule with a broken-connection fault instead of an HTTP answer, changing nothing", async () => {
    await addRule({ match: { operationId: "createPayment" }, respond: { fault: "connectionReset" }, times: 1 });
    await addRule({ match: { operationId: "draftPayment" }, respond: { fault: "emptyResponse" } });
    const before = state();
    const body = JSON.stringify({ parentId: PARENT, parentType: "transfer", debtorAccountId: TREASURY_EUR, creditorAccountId: EMMA_EUR, currency: "eur", amount: 3 });
    const reset = await sandbox.entry.handle({ method: "POST", path: "/internal/Payments", query: "", headers: { "content-type": "application/json" }, body });
    expect(reset.fault).toBe("connectionReset");
    expect(reset.body).toBeUndefined();
    const empty = await sandbox.entry.handle({
      method: "POST",
      path: "/internal/Payments/draft",
      query: "",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: TREASURY_EUR, creditorAccountId: EMMA_EUR, currency: "eur", amount: 3 }] }),
    });
    expect(empty.fault).toBe("emptyResponse");
    expect(state()).toBe(before);
    // times: 1 — the next create is real.
    const next = await sandbox.entry.handle({ method: "POST", path: "/internal/Payments", query: "", headers: { "content-type": "application/json" }, body });
    expect(next.fault).toBeUndefined();
    expect(next.status).toBe(200);
  });
});

describe("fault rules: deleting", () => {
  it("deletes one rule (204) so it fires no more, answers 404 ruleNotFound for an unknown id, and clears all with the count", async () => {
    const a = await addRule({ match: { operationId: "listTransactions" }, respond: { status: 503 } });
    const b = await addRule({ match: { operationId: "getLedgerAccount" }, respond: { status: 503 } });
    await addRule({ match: { operationId: "listAccounts" }, respond: { status: 503 } });
    expect((await listRules()).map((r) => r.id)).toEqual([a.id, b.id, "rule-3"]);

    const deleted = await sandbox.call("DELETE", `/__sandbox/faults/${a.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBeUndefined();
    expect((await sandbox.call("GET", "/internal/Transactions")).status).toBe(200);
    expect((await listRules()).map((r) => r.id)).toEqual([b.id, "rule-3"]);

    const again = await sandbox.call("DELETE", `/__sandbox/faults/${a.id}`);
    expect([again.status, again.json.code]).toEqual([404, "ruleNotFound"]);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    const unknown = await sandbox.call("DELETE", "/__sandbox/faults/rule-99");
    expect([unknown.status, unknown.json.code]).toEqual([404, "ruleNotFound"]);

    const cleared = await sandbox.call("DELETE", "/__sandbox/faults");
    expect(cleared.json).toEqual({ cleared: 2 });
    expect(await listRules()).toEqual([]);
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${EMMA_EUR}`)).status).toBe(200);
    expect((await sandbox.call("DELETE", "/__sandbox/faults")).json).toEqual({ cleared: 0 });
  });
});

describe("fault rules and state", () => {
  it("never changes the state when a rule fires, whatever the operation", async () => {
    const drafted = await draft([2]);
    const id = drafted.json.paymentId;
    await addRule({ match: { operationId: "createPayment" }, respond: { status: 422, code: "insufficientFunds" } });
    await addRule({ match: { operationId: "draftPayment" }, respond: { status: 503 } });
    await addRule({ match: { operationId: "pendPayment" }, respond: { status: 404, code: "paymentNotFound" } });
    await addRule({ match: { method: "POST", path: "/internal/Payments/*/cancel" }, respond: { status: 500 } });
    await addRule({ match: { operationId: "createAccount" }, respond: { status: 422, code: "duplicateAccountNumber", delayMs: 5 } });
    const before = state();
    expect((await create(1)).status).toBe(422);
    expect((await draft([1])).status).toBe(503);
    expect((await sandbox.call("POST", `/internal/Payments/${id}/pend`)).status).toBe(404);
    const cancel = await sandbox.entry.handle({ method: "POST", path: `/internal/Payments/${id}/cancel`, query: "", headers: {} });
    expect(cancel.status).toBe(500);
    expect((await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "fee" } })).status).toBe(422);
    expect(state()).toBe(before);
  });

  it("fires a tenant's rules only in that tenant", async () => {
    await addRule({ match: { operationId: "createPayment" }, respond: { status: 503 } }, "team-a");
    expect((await create(1, "team-a")).status).toBe(503);
    expect((await create(1, "team-b")).status).toBe(200);
    expect((await create(1)).status).toBe(200);
    expect(await listRules("team-b")).toEqual([]);
    expect(await listRules()).toEqual([]);
    expect(await listRules("team-a")).toMatchObject([{ hits: 1 }]);
  });
});
