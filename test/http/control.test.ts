import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_FIXTURE, DEMO_IDS, NETWORK_REJECTED_ACCOUNT_NUMBER, SANDBOX_OTP_CODE } from "../../sandbox/core/index.js";
import { SANDBOX_VERSION, SandboxState } from "../../sandbox/http/index.js";
import { testSandbox, type CallOptions, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const A = DEMO_IDS.accounts;
const TREASURY_EUR = DEMO_IDS.treasury.eur;
const MAGIC_NUMBER = "FL000000000000000404";
const UNKNOWN = "00000000-0000-4000-8000-000000000001";
const DEMO_COUNTS = { clients: 4, accounts: 31, payments: 14 };

let sandbox: TestSandbox;
beforeEach(() => {
  sandbox = testSandbox();
});

const state = () => JSON.stringify(sandbox.entry.state.export());
const ok = async (method: string, path: string, options?: CallOptions) => {
  const reply = await sandbox.call(method, path, options);
  expect(reply.status, `${method} ${path}: ${reply.text}`).toBeLessThan(300);
  return reply.json;
};
const create = (from: string, to: string, amount: number, extra: Json = {}) =>
  sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: from, creditorAccountId: to, currency: "eur", amount, ...extra } });
const draft = (amounts: number[], extra: Json = {}) =>
  sandbox.call("POST", "/internal/Payments/draft", {
    body: { parentId: PARENT, parentType: "transfer", transactions: amounts.map((amount) => ({ debtorAccountId: A.emmaEur, creditorAccountId: A.lukasEur, currency: "eur", amount })), ...extra },
  });
const balance = async (id: string) => (await ok("GET", `/v2/ledger/internal/Accounts/${id}`)).balance as number;
const paymentIds = (page: Json) => [...new Set(page.items.map((t: Json) => t.paymentId))];

describe("reset", () => {
  it("resets to the seed: the demo's counts, and a payment made before is gone", async () => {
    const made = await create(TREASURY_EUR, A.emmaEur, 42);
    expect(made.status).toBe(200);
    const paymentId = made.json.paymentId;
    expect((await ok("GET", "/internal/Transactions", { query: { paymentId } })).items).toHaveLength(1);

    expect(await ok("POST", "/__sandbox/reset", { body: { to: "seed" } })).toEqual({ to: "seed", ...DEMO_COUNTS });
    expect((await ok("GET", "/internal/Transactions", { query: { paymentId } })).items).toEqual([]);
    expect(state()).toBe(JSON.stringify(new SandboxState().export()));
    // Without a body the target is the seed too.
    expect(await ok("POST", "/__sandbox/reset")).toEqual({ to: "seed", ...DEMO_COUNTS });
  });

  it("resets to empty: the ten treasury accounts only; rules and journal cleared, the clock kept", async () => {
    await ok("PUT", "/__sandbox/clock", { body: { now: "2026-05-05T05:05:05Z", frozen: true } });
    await ok("POST", "/__sandbox/faults", { body: { match: { operationId: "createPayment" }, respond: { status: 503 } } });
    await sandbox.call("GET", "/internal/Transactions");
    expect(await ok("POST", "/__sandbox/reset", { body: { to: "empty" } })).toEqual({ to: "empty", clients: 0, accounts: 10, payments: 0 });
    expect((await ok("GET", "/__sandbox/journal/count")).count).toBe(0);
    expect(await ok("GET", "/__sandbox/faults")).toEqual([]);
    expect((await ok("GET", "/__sandbox/clock")).now).toBe("2026-05-05T05:05:05.000Z");
    const accounts = await ok("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } });
    expect(accounts.items).toHaveLength(10);
    expect(accounts.items.every((a: Json) => a.type === "treasury" && a.balance === 0)).toBe(true);
    expect(new Set(accounts.items.map((a: Json) => a.currency)).size).toBe(10);
    expect((await ok("GET", "/internal/Transactions")).items).toEqual([]);
    // The rule is gone: creates are real again (and fail only because the account no longer exists).
    expect((await create(TREASURY_EUR, A.emmaEur, 1)).json.code).toBe("accountNotFound");
  });
});

describe("fixtures and seeding", () => {
  it("lists the named fixtures demo and empty", async () => {
    const fixtures = await ok("GET", "/__sandbox/fixtures");
    expect(fixtures.map((f: Json) => f.name)).toEqual(["demo", "empty"]);
    expect(fixtures.every((f: Json) => typeof f.description === "string" && f.description.length > 0)).toBe(true);
  });

  it("seeds by name: empty, then demo again", async () => {
    expect(await ok("POST", "/__sandbox/seed", { body: { fixture: "empty" } })).toEqual({ clients: 0, accounts: 10, payments: 0 });
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${A.emmaEur}`)).status).toBe(404);
    expect(await ok("POST", "/__sandbox/seed", { body: { fixture: "demo" } })).toEqual(DEMO_COUNTS);
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${A.emmaEur}`)).status).toBe(200);
  });

  it("refuses an unknown fixture name with 404 fixtureNotFound and changes nothing", async () => {
    const before = state();
    const reply = await sandbox.call("POST", "/__sandbox/seed", { body: { fixture: "demo2" } });
    expect(reply.status).toBe(404);
    expect(reply.headers["content-type"]).toContain("application/problem+json");
    expect(reply.json).toMatchObject({ status: 404, code: "fixtureNotFound", detail: expect.stringContaining("demo2") });
    expect(state()).toBe(before);
  });

  it("seeds a posted fixture document whose client and funded accounts the FinLego API then serves", async () => {
    const client = "0d7c5a3e-1f2b-4c3d-8e4f-5a6b7c8d9e01";
    const [everyday, savings] = ["0d7c5a3e-1f2b-4c3d-8e4f-5a6b7c8d9e02", "0d7c5a3e-1f2b-4c3d-8e4f-5a6b7c8d9e03"];
    const document = {
      clients: [{ id: client, type: "individual", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", country: "GB" }],
      accounts: [
        { currency: "gbp", type: "treasury", name: "Treasury GBP" },
        { id: everyday, accountNumber: "FL100000000000007001", clientId: client, currency: "gbp", type: "client", name: "Everyday", initialBalance: 1500 },
        { id: savings, accountNumber: "FL100000000000007002", clientId: client, currency: "gbp", type: "client", name: "Savings", initialBalance: 250.5 },
      ],
    };
    expect(await ok("POST", "/__sandbox/seed", { body: { document } })).toEqual({ clients: 1, accounts: 3, payments: 2 });
    expect(await ok("GET", `/v2/ledger/internal/Accounts/${everyday}`)).toMatchObject({ clientId: client, currency: "gbp", balance: 1500, accountNumber: "FL100000000000007001", name: "Everyday" });
    expect(await ok("GET", `/v2/ledger/internal/Accounts/${savings}`)).toMatchObject({ clientId: client, balance: 250.5 });
    const mine = await ok("GET", "/Accounts", { headers: { authorization: `Bearer ${client}` } });
    expect(mine.map((a: Json) => a.id).sort()).toEqual([everyday, savings].sort());
    const all = await ok("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } });
    const treasury = all.items.find((a: Json) => a.type === "treasury");
    expect(treasury.balance).toBe(-1750.5);
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${A.emmaEur}`)).status).toBe(404);
  });

  it("refuses a fixture that does not apply with 400 invalidFixture naming the step, and keeps the state and the clock", async () => {
    const before = state();
    const clockBefore = await ok("GET", "/__sandbox/clock");
    const document = {
      clients: [],
      accounts: [
        { currency: "eur", type: "treasury", at: "2031-01-01T00:00:00Z" },
        { clientId: "0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a40", currency: "eur", type: "client", initialBalance: 10 },
      ],
    };
    const reply = await sandbox.call("POST", "/__sandbox/seed", { body: { document } });
    expect([reply.status, reply.json.code]).toEqual([400, "invalidFixture"]);
    expect(reply.json.detail).toContain("accounts[1]");
    expect(Object.keys(reply.json.errors)[0]).toMatch(/^accounts\[1\]/);
    expect(state()).toBe(before);
    expect(await ok("GET", "/__sandbox/clock")).toEqual(clockBefore);
  });
});

describe("snapshots", () => {
  it("re-imports an exported snapshot after payments and a reset to exactly the exported state", async () => {
    const exported = await ok("GET", "/__sandbox/snapshot");
    expect(exported.format).toBe("finlego-sandbox/snapshot@1");
    const accountsBefore = (await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } })).text;

    expect((await create(TREASURY_EUR, A.emmaEur, 12.34)).status).toBe(200);
    expect((await draft([1.5])).status).toBe(200);
    await ok("POST", "/__sandbox/reset", { body: { to: "empty" } });
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } })).text).not.toBe(accountsBefore);

    expect(await ok("PUT", "/__sandbox/snapshot", { body: exported })).toEqual(DEMO_COUNTS);
    const again = await ok("GET", "/__sandbox/snapshot");
    expect(JSON.stringify(again.ledger)).toBe(JSON.stringify(exported.ledger));
    expect(again).toEqual(exported);
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } })).text).toBe(accountsBefore);
  });

  it("refuses a snapshot with a tampered balance with 400 invalidSnapshot and changes nothing", async () => {
    const exported = await ok("GET", "/__sandbox/snapshot");
    expect((await create(TREASURY_EUR, A.emmaEur, 5)).status).toBe(200);
    const before = state();
    const tampered = structuredClone(exported);
    tampered.ledger.accounts.find((a: Json) => a.id === A.emmaEur).balanceMinor += 100;
    const reply = await sandbox.call("PUT", "/__sandbox/snapshot", { body: tampered });
    expect([reply.status, reply.json.code]).toEqual([400, "invalidSnapshot"]);
    expect(reply.json.title).not.toMatch(/fixture/i);
    expect(reply.json.detail).toContain(A.emmaEur);
    expect(state()).toBe(before);
    const wrongFormat = await sandbox.call("PUT", "/__sandbox/snapshot", { body: { ...exported, format: "something-else" } });
    expect(wrongFormat.status).toBe(400);
    expect(state()).toBe(before);
  });
});

describe("the journal", () => {
  it("records each answered FinLego request with method, path, query, operationId, status and durationMs, and no control request", async () => {
    await sandbox.call("DELETE", "/__sandbox/journal");
    await sandbox.call("GET", "/internal/Transactions", { query: { currency: "usd" } });
    await create(TREASURY_EUR, A.emmaEur, 1);
    await sandbox.call("GET", `/v2/ledger/internal/Accounts/${UNKNOWN}`);
    await sandbox.call("GET", "/no/such/route");
    await sandbox.call("GET", "/__sandbox/health");
    const journal = await ok("GET", "/__sandbox/journal");
    expect(journal.total).toBe(4);
    expect(journal.entries.map((e: Json) => [e.method, e.path, e.query, e.operationId, e.status, e.fault])).toEqual([
      ["GET", "/internal/Transactions", "currency=usd", "listTransactions", 200, null],
      ["POST", "/internal/Payments", "", "createPayment", 200, null],
      ["GET", `/v2/ledger/internal/Accounts/${UNKNOWN}`, "", "getLedgerAccount", 404, null],
      ["GET", "/no/such/route", "", null, 404, null],
    ]);
    const seqs = journal.entries.map((e: Json) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    for (const entry of journal.entries) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
  });

  it("records a wrong method as 405 and a connection a fault rule broke as status 0 with the rule named", async () => {
    await sandbox.call("DELETE", "/__sandbox/journal");
    expect((await sandbox.call("DELETE", "/internal/Payments/draft")).status).toBe(405);
    const rule = await ok("POST", "/__sandbox/faults", { body: { match: { operationId: "listTransactions" }, respond: { fault: "connectionReset" }, times: 1 } });
    const broken = await sandbox.call("GET", "/internal/Transactions");
    expect(broken.status).toBe(0);
    const journal = await ok("GET", "/__sandbox/journal");
    expect(journal.entries.map((e: Json) => [e.method, e.path, e.operationId, e.status, e.fault])).toEqual([
      ["DELETE", "/internal/Payments/draft", null, 405, null],
      ["GET", "/internal/Transactions", "listTransactions", 0, `rule:${rule.id}`],
    ]);
  });

  it("filters by method, operationId, status and path, counts, limits to the newest, and clears", async () => {
    await sandbox.call("DELETE", "/__sandbox/journal");
    for (let i = 0; i < 3; i++) await sandbox.call("GET", `/v2/ledger/internal/Accounts/${A.emmaEur}`);
    await sandbox.call("GET", `/v2/ledger/internal/Accounts/${UNKNOWN}`);
    await create(TREASURY_EUR, A.emmaEur, 1);
    await create(A.lukasPln, A.emmaEur, 1); // another currency: 422
    const count = async (query: Json) => (await ok("GET", "/__sandbox/journal/count", { query })).count;
    expect(await count({})).toBe(6);
    expect(await count({ method: "post" })).toBe(2);
    expect(await count({ operationId: "getLedgerAccount" })).toBe(4);
    expect(await count({ status: 404 })).toBe(1);
    expect(await count({ status: 422 })).toBe(1);
    expect(await count({ path: "/V2/LEDGER" })).toBe(4);
    expect(await count({ path: UNKNOWN })).toBe(1);
    expect(await count({ method: "GET", status: 200 })).toBe(3);

    const filtered = await ok("GET", "/__sandbox/journal", { query: { operationId: "createPayment" } });
    expect(filtered.entries.map((e: Json) => e.status)).toEqual([200, 422]);
    const limited = await ok("GET", "/__sandbox/journal", { query: { limit: 2 } });
    expect(limited.total).toBe(6);
    expect(limited.entries.map((e: Json) => e.operationId)).toEqual(["createPayment", "createPayment"]);

    expect(await ok("DELETE", "/__sandbox/journal")).toEqual({ cleared: 6 });
    expect(await count({})).toBe(0);
    await sandbox.call("GET", "/internal/Transactions");
    // Sequence numbers go on after a clear.
    const next = (await ok("GET", "/__sandbox/journal")).entries[0];
    expect(next.seq).toBeGreaterThan(limited.entries[1].seq);
  });

  it("keeps at most the newest 1000 entries per tenant, dropping the oldest", async () => {
    const tenant = { "x-sandbox-tenant": "journal-bound" };
    const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    for (let i = 0; i < 1100; i++) await sandbox.call("GET", `/v2/ledger/internal/Accounts/${id(i)}`, { headers: tenant });
    expect((await ok("GET", "/__sandbox/journal/count", { headers: tenant })).count).toBe(1000);
    const journal = await ok("GET", "/__sandbox/journal", { headers: tenant });
    expect(journal.total).toBe(1000);
    expect(journal.entries).toHaveLength(1000);
    expect(journal.entries[0].path).toBe(`/v2/ledger/internal/Accounts/${id(100)}`);
    expect(journal.entries.at(-1).path).toBe(`/v2/ledger/internal/Accounts/${id(1099)}`);
    // The default tenant's journal is not touched.
    expect((await ok("GET", "/__sandbox/journal/count", { query: { path: "/v2/ledger/internal/Accounts/00000000" } })).count).toBe(0);
  });
});

describe("the clock", () => {
  it("reads the clock, freezes it at an instant that dates new payments, and advances it by a day", async () => {
    expect(await ok("GET", "/__sandbox/clock")).toEqual({ now: "2026-03-02T10:00:00.000Z", frozen: true });
    expect(await ok("PUT", "/__sandbox/clock", { body: { now: "2026-04-30T23:59:30Z", frozen: true } })).toEqual({ now: "2026-04-30T23:59:30.000Z", frozen: true });
    const made = await create(TREASURY_EUR, A.emmaEur, 3);
    expect(made.json.transactions[0].createdDate).toBe("2026-04-30T23:59:30.000Z");
    expect(made.json.transactions[0].postedDate).toBe("2026-04-30T23:59:30.000Z");

    expect(await ok("POST", "/__sandbox/clock/advance", { body: { days: 1 } })).toEqual({ now: "2026-05-01T23:59:30.000Z", frozen: true });
    expect(await ok("POST", "/__sandbox/clock/advance", { body: { hours: 1, minutes: 1, seconds: 1, ms: 1 } })).toEqual({ now: "2026-05-02T01:00:31.001Z", frozen: true });
    const later = await create(TREASURY_EUR, A.emmaEur, 3);
    expect(later.json.transactions[0].createdDate).toBe("2026-05-02T01:00:31.001Z");
    expect((await sandbox.call("POST", "/__sandbox/clock/advance", { body: {} })).status).toBe(400);
  });

  it("lets a running clock run on from the instant it is set to", async () => {
    const set = await ok("PUT", "/__sandbox/clock", { body: { now: "2030-01-01T00:00:00Z", frozen: false } });
    expect(set.frozen).toBe(false);
    const read = await ok("GET", "/__sandbox/clock");
    const drift = Date.parse(read.now) - Date.parse("2030-01-01T00:00:00Z");
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThan(5_000);
  });

  it("moves date filters with the clock: fromDate=<clock now> finds the payments made after it and none before", async () => {
    const older = (await create(TREASURY_EUR, A.emmaEur, 1)).json.paymentId;
    const { now } = await ok("PUT", "/__sandbox/clock", { body: { now: "2026-06-01T00:00:00Z" } });
    const newer = (await create(TREASURY_EUR, A.emmaEur, 2)).json.paymentId;
    const found = await ok("GET", "/internal/Transactions", { query: { fromDate: now, pageSize: 100 } });
    expect(paymentIds(found)).toEqual([newer]);
    const untilThen = await ok("GET", "/internal/Transactions", { query: { toDate: "2026-05-31T23:59:59Z", pageSize: 100 } });
    expect(paymentIds(untilThen)).toContain(older);
    expect(paymentIds(untilThen)).not.toContain(newer);
  });

  it("moves the overdue filter with the clock, in GET /internal/Transactions and in the query", async () => {
    const { now } = await ok("GET", "/__sandbox/clock");
    const due = new Date(Date.parse(now) + 60 * 60_000).toISOString();
    const drafted = await draft([7], { obligatoryDate: due });
    expect(drafted.status).toBe(200);
    const id = drafted.json.paymentId;
    const overdueNow = async () => ({
      listed: paymentIds(await ok("GET", "/internal/Transactions", { query: { overdue: "true", pageSize: 100 } })),
      queried: paymentIds(await ok("POST", "/internal/Transactions/query", { body: { overdue: true, pageSize: 100 } })),
    });
    expect(await overdueNow()).toEqual({ listed: [], queried: [] });
    await ok("POST", "/__sandbox/clock/advance", { body: { hours: 2 } });
    expect(await overdueNow()).toEqual({ listed: [id], queried: [id] });
    // A posted payment is never overdue.
    expect((await sandbox.call("POST", `/internal/Payments/${id}/pend`)).status).toBe(200);
    expect(await overdueNow()).toEqual({ listed: [id], queried: [id] });
    expect((await sandbox.call("POST", `/internal/Payments/${id}/post`)).status).toBe(200);
    expect(await overdueNow()).toEqual({ listed: [], queried: [] });
  });

  it("expires an OTP when the clock moves past its five minutes", async () => {
    const asEmma = { authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}` };
    const open = async () => {
      const opened = await ok("POST", "/Accounts", { body: { currency: "chf" }, headers: asEmma });
      return (await ok("POST", "/Accounts/send-otp", { body: { accountId: opened.id, operation: "activate" }, headers: asEmma })).otpId;
    };
    const verify = (otpId: string) => sandbox.call("POST", "/Accounts/otp-verification", { body: { otpId, code: SANDBOX_OTP_CODE }, headers: asEmma });
    const early = await open();
    const late = await open();
    await ok("POST", "/__sandbox/clock/advance", { body: { minutes: 4 } });
    expect((await verify(early)).status).toBe(200);
    await ok("POST", "/__sandbox/clock/advance", { body: { minutes: 2 } });
    const expired = await verify(late);
    expect([expired.status, expired.json.code]).toEqual([422, "otpExpired"]);
  });
});

describe("simulated incoming payments", () => {
  it("credits an account by id and by account number from the currency's treasury, posted at once", async () => {
    const [emma, treasury] = [await balance(A.emmaEur), await balance(TREASURY_EUR)];
    const byId = await ok("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: A.emmaEur, amount: 19.99, reference: "Salary" } });
    expect(byId).toMatchObject({ accountId: A.emmaEur, currency: "eur", amount: 19.99, balance: emma + 19.99, createdDate: "2026-03-02T10:00:00.000Z" });
    const account = await ok("GET", `/v2/ledger/internal/Accounts/${A.emmaEur}`);
    const byNumber = await ok("POST", "/__sandbox/simulations/incoming-payment", { body: { accountNumber: account.accountNumber, amount: 0.01, currency: "eur" } });
    expect(byNumber.accountId).toBe(A.emmaEur);
    expect(await balance(A.emmaEur)).toBeCloseTo(emma + 20, 9);
    expect(await balance(TREASURY_EUR)).toBeCloseTo(treasury - 20, 9);
    const legs = await ok("GET", "/internal/Transactions", { query: { paymentId: byId.paymentId } });
    expect(legs.items).toEqual([expect.objectContaining({ debtorAccountId: TREASURY_EUR, creditorAccountId: A.emmaEur, state: "posted", parentType: "transfer", amount: 19.99 })]);
  });

  it("refuses an unknown account (404), another currency (422), an inactive account (422) and an amount with three decimals (400), changing nothing", async () => {
    const asEmma = { authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}` };
    const pending = await ok("POST", "/Accounts", { body: { currency: "eur" }, headers: asEmma });
    expect(pending.status).toBe("pending");
    const before = state();
    const inactive = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: pending.id, amount: 5 } });
    expect([inactive.status, inactive.json.code]).toEqual([422, "accountNotActive"]);
    const unknown = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: UNKNOWN, amount: 5 } });
    expect([unknown.status, unknown.json.code]).toEqual([404, "accountNotFound"]);
    const unknownNumber = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountNumber: "FL100000000000009999", amount: 5 } });
    expect([unknownNumber.status, unknownNumber.json.code]).toEqual([404, "accountNotFound"]);
    const mismatch = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: A.emmaEur, amount: 5, currency: "usd" } });
    expect([mismatch.status, mismatch.json.code]).toEqual([422, "currencyMismatch"]);
    const fractional = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: A.emmaEur, amount: 2.001 } });
    expect([fractional.status, fractional.json.code]).toEqual([400, "validationError"]);
    expect(Object.keys(fractional.json.errors)).toEqual(["amount"]);
    expect(state()).toBe(before);
  });

  it("refuses the treasury account itself (400 on the field that named it) before drawing any id: the id sequence is as it was", async () => {
    const treasury = sandbox.entry.state.export().accounts.find((a) => a.type === "treasury" && a.currency === "eur")!;
    const before = state();
    const byNumber = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountNumber: treasury.accountNumber, amount: 0.01 } });
    expect([byNumber.status, byNumber.json.code, Object.keys(byNumber.json.errors)]).toEqual([400, "validationError", ["accountNumber"]]);
    const byId = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: treasury.id, amount: 5 } });
    expect([byId.status, byId.json.code, Object.keys(byId.json.errors)]).toEqual([400, "validationError", ["accountId"]]);
    expect(state()).toBe(before);
  });
});

describe("magic values", () => {
  it("lists the magic values with their fields, operations, status and code", async () => {
    const values = await ok("GET", "/__sandbox/magic-values");
    expect(values.map((v: Json) => [v.value, v.status, v.code])).toEqual([
      [666.66, 422, "insufficientFunds"],
      [503.03, 503, "serviceUnavailable"],
      [MAGIC_NUMBER, 404, "accountNotFound"],
      // The network's rejection comes later, when the transfer reaches it: no status of its own.
      [NETWORK_REJECTED_ACCOUNT_NUMBER, undefined, undefined],
    ]);
    expect(values[0].operations).toContain("createPayment");
  });

  it("refuses amount 666.66 on createPayment with 422 insufficientFunds whatever the balance, changing nothing", async () => {
    const before = state();
    // The treasury may go negative, and Emma holds far more than 666.66.
    for (const from of [TREASURY_EUR, A.emmaEur]) {
      const reply = await create(from, A.lukasEur, 666.66);
      expect([reply.status, reply.json.code], from).toEqual([422, "insufficientFunds"]);
    }
    expect(state()).toBe(before);
    const journal = await ok("GET", "/__sandbox/journal", { query: { operationId: "createPayment" } });
    expect(journal.entries.map((e: Json) => e.fault)).toEqual(["magic", "magic"]);
    expect((await create(A.emmaEur, A.lukasEur, 666.67)).status).toBe(200);
  });

  it("drafts a payment with a 666.66 leg, then refuses to pend it with 422 insufficientFunds", async () => {
    const drafted = await draft([1, 666.66]);
    expect(drafted.status).toBe(200);
    const before = state();
    const pend = await sandbox.call("POST", `/internal/Payments/${drafted.json.paymentId}/pend`);
    expect([pend.status, pend.json.code]).toEqual([422, "insufficientFunds"]);
    const bulk = await sandbox.call("POST", "/internal/Payments/pend", { body: { paymentIds: [drafted.json.paymentId], parentId: PARENT } });
    expect([bulk.status, bulk.json.code]).toEqual([422, "insufficientFunds"]);
    expect(state()).toBe(before);
  });

  it("meets a simulated outage for amount 503.03: 503 serviceUnavailable on createPayment and draftPayment", async () => {
    const before = state();
    const created = await create(TREASURY_EUR, A.emmaEur, 503.03);
    expect([created.status, created.json.code]).toEqual([503, "serviceUnavailable"]);
    expect(created.headers["retry-after"]).toMatch(/^\d+$/);
    const drafted = await draft([2, 503.03]);
    expect([drafted.status, drafted.json.code]).toEqual([503, "serviceUnavailable"]);
    expect(state()).toBe(before);
  });

  it("never finds account number FL000000000000000404, and refuses to create an account with it", async () => {
    const byNumber = await sandbox.call("POST", "/internal/Payments", {
      body: { parentId: PARENT, parentType: "transfer", debtorAccountNumber: MAGIC_NUMBER, creditorAccountId: A.emmaEur, currency: "eur", amount: 1 },
    });
    expect([byNumber.status, byNumber.json.code]).toEqual([404, "accountNotFound"]);
    const read = await sandbox.call("GET", `/Accounts/${MAGIC_NUMBER}`, { headers: { authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}` } });
    expect([read.status, read.json.code]).toEqual([404, "accountNotFound"]);
    const before = state();
    const made = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "transit", accountNumber: MAGIC_NUMBER } });
    expect([made.status, made.json.code]).toEqual([400, "validationError"]);
    expect(Object.keys(made.json.errors)).toEqual(["accountNumber"]);
    const seeded = await sandbox.call("POST", "/__sandbox/seed", {
      body: { document: { clients: [], accounts: [{ currency: "eur", type: "transit", accountNumber: MAGIC_NUMBER }] } },
    });
    expect([seeded.status, seeded.json.code]).toEqual([400, "invalidFixture"]);
    const snapshot = (await sandbox.call("GET", "/__sandbox/snapshot")).json;
    snapshot.ledger.accounts[0].accountNumber = MAGIC_NUMBER;
    const imported = await sandbox.call("PUT", "/__sandbox/snapshot", { body: snapshot });
    expect([imported.status, imported.json.code]).toEqual([400, "invalidSnapshot"]);
    expect(state()).toBe(before);
  });

  it("uses no magic value anywhere in the demo data", () => {
    const fixture = JSON.stringify(DEMO_FIXTURE);
    const exported = sandbox.entry.state.export();
    const text = JSON.stringify(exported);
    for (const value of ["666.66", "503.03", MAGIC_NUMBER]) {
      expect(fixture).not.toContain(value);
      expect(text).not.toContain(value);
    }
    const amounts = exported.payments.flatMap((p) => p.transactions.map((t) => t.amountMinor));
    expect(amounts.length).toBeGreaterThan(0);
    expect(amounts).not.toContain(66666);
    expect(amounts).not.toContain(50303);
    expect(exported.accounts.map((a) => a.accountNumber)).not.toContain(MAGIC_NUMBER);
  });
});

describe("health", () => {
  it("answers health with status ok, the package version and when the sandbox started", async () => {
    const health = await ok("GET", "/__sandbox/health");
    expect(health).toEqual({ status: "ok", version: SANDBOX_VERSION, startedAt: expect.any(String) });
    expect(Date.parse(health.startedAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Date.parse(health.startedAt)).toBeLessThan(60_000);
  });
});
