import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import type { SandboxResponse } from "../../sandbox/http/index.js";
import { testSandbox, type CallOptions, type TestSandbox } from "../support/http.js";
import { readYaml, type Json } from "../support/spec.js";
import { expectSettlesAfter } from "../support/timing.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const UNKNOWN_PAYMENT = "00000000-0000-4000-8000-000000000001";
const spec = readYaml("openapi/finlego.yaml");
const ALLOWED = "Prefer accepts code=<status>, error=<code> and delay=<ms> (0-10000)";

let sandbox: TestSandbox;
beforeEach(() => {
  sandbox = testSandbox();
});

const state = () => JSON.stringify(sandbox.entry.state.export());
const prefer = (value: string, options: CallOptions = {}) => ({ ...options, headers: { ...options.headers, prefer: value } });
/** A valid createPayment body: the eur treasury pays Emma 10 eur. */
const paymentBody = { parentId: PARENT, parentType: "transfer", debtorAccountId: DEMO_IDS.treasury.eur, creditorAccountId: DEMO_IDS.accounts.emmaEur, currency: "eur", amount: 10 };
const asEmma = { authorization: `Bearer ${DEMO_IDS.clients.emmaSchneider}` };

/** Calls the entry directly: the test helper fails on any 500, and a simulated 500 is what these tests want. */
async function raw(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<SandboxResponse> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return sandbox.entry.handle({ method, path, query: "", headers: { ...(text && { "content-type": "application/json" }), ...headers }, body: text });
}

describe("Prefer: code=<status>", () => {
  it("answers code=404 on a payment operation with paymentNotFound in the problem shape, even for a payment that exists", async () => {
    const pending = DEMO_IDS.payments.emmaToLukasPending;
    const reply = await sandbox.call("POST", `/internal/Payments/${pending}/post`, prefer("code=404"));
    expect(reply.status).toBe(404);
    expect(reply.headers["content-type"]).toBe("application/problem+json");
    expect(reply.json).toEqual({
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
      title: "Not Found",
      status: 404,
      code: "paymentNotFound",
      detail: expect.stringContaining("Prefer"),
      instance: `/internal/Payments/${pending}/post`,
    });
    const unknown = await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer("code=404"));
    expect([unknown.status, unknown.json.code]).toEqual([404, "paymentNotFound"]);
  });

  it("answers code=422 on pendPayment with the first 422 code the operation lists, and error=<code> picks another listed one", async () => {
    const listed: string[] = spec.paths["/internal/Payments/{paymentId}/pend"].post["x-error-codes"]["422"];
    expect(listed[0]).toBe("insufficientFunds");
    const first = await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer("code=422"));
    expect([first.status, first.json.code]).toEqual([422, "insufficientFunds"]);
    const chosen = await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer("code=422, error=invalidStateTransition"));
    expect([chosen.status, chosen.json.code]).toEqual([422, "invalidStateTransition"]);
    for (const code of listed) {
      const each = await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer(`code=422, error=${code}`));
      expect([each.status, each.json.code], code).toEqual([422, code]);
    }
  });

  it("refuses error=<code> that the operation does not list for the status with a 400 naming the allowed codes", async () => {
    const reply = await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer("code=422, error=paymentNotFound"));
    expect([reply.status, reply.json.code]).toEqual([400, "validationError"]);
    const [message] = reply.json.errors.Prefer;
    expect(message).toContain("error=paymentNotFound");
    expect(message).toContain("allowed: insufficientFunds, invalidStateTransition, accountNotActive, incomingLimitExceeded");
  });

  it("refuses a status the operation does not document (418, 201) with a 400 that lists the documented error statuses", async () => {
    for (const status of [418, 201, 409]) {
      const reply = await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer(`code=${status}`));
      expect([reply.status, reply.json.code], `code=${status}`).toEqual([400, "validationError"]);
      expect(reply.json.errors.Prefer[0]).toContain(`code=${status} is not a documented error of pendPayment; allowed: 400, 404, 413, 415, 422, 500, 503`);
    }
    // Another operation documents other statuses, and the answer says so.
    const list = await sandbox.call("GET", "/internal/Transactions", prefer("code=404"));
    expect(list.status).toBe(400);
    expect(list.json.errors.Prefer[0]).toContain("allowed: 400, 500, 503");
  });

  it("refuses malformed preferences with a 400 that says what is wrong and what Prefer accepts", async () => {
    const cases: [string, string][] = [
      ["code=abc", "code must be an HTTP status, got 'abc'"],
      ["delay=-1", "delay must be 0-10000 ms, got '-1'"],
      ["delay=999999", "delay must be 0-10000 ms, got '999999'"],
      ["delay=1.5", "delay must be 0-10000 ms"],
      ["colour=red", "Unknown preference 'colour'"],
      ["error=insufficientFunds", "error=<code> needs code=<status>"],
      ["error=x", "error=<code> needs code=<status>"],
      ["code", "'code' is not a key=value preference"],
    ];
    for (const [value, complaint] of cases) {
      const reply = await sandbox.call("GET", "/internal/Transactions", prefer(value));
      expect([reply.status, reply.json.code], value).toEqual([400, "validationError"]);
      expect(Object.keys(reply.json.errors), value).toEqual(["Prefer"]);
      expect(reply.json.errors.Prefer[0], value).toContain(complaint);
      expect(reply.json.errors.Prefer[0], value).toContain(ALLOWED);
    }
  });

  it("answers code=503 with serviceUnavailable and a Retry-After header in seconds", async () => {
    const reply = await sandbox.call("POST", "/internal/Payments", prefer("code=503", { body: paymentBody }));
    expect([reply.status, reply.json.code]).toEqual([503, "serviceUnavailable"]);
    expect(reply.headers["retry-after"]).toMatch(/^\d+$/);
  });

  it("answers code=401 on a FrontOffice route even when the bearer token names a known client", async () => {
    const real = await sandbox.call("GET", "/Accounts", { headers: asEmma });
    expect(real.status).toBe(200);
    const forced = await sandbox.call("GET", "/Accounts", prefer("code=401", { headers: asEmma }));
    expect([forced.status, forced.json.code]).toEqual([401, "unauthorized"]);
    // Internal routes document no 401.
    const internal = await sandbox.call("GET", "/internal/Transactions", prefer("code=401"));
    expect(internal.status).toBe(400);
  });

  it("answers code=500 on any operation with internalError, valid against the spec", async () => {
    // Response validation is on: an answer outside the spec would be responseContractViolation, not internalError.
    const targets: [string, string, Record<string, string>, unknown?][] = [
      ["GET", "/internal/Transactions", {}],
      ["POST", "/internal/Payments", {}, paymentBody],
      ["POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, {}],
      ["GET", `/Accounts/${DEMO_IDS.accounts.emmaEur}`, asEmma],
      ["GET", "/Client", asEmma],
    ];
    for (const [method, path, headers, body] of targets) {
      const answer = await raw(method, path, { ...headers, prefer: "code=500" }, body);
      expect(answer.status, `${method} ${path}`).toBe(500);
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(answer.body!), `${method} ${path}`).toMatchObject({ status: 500, code: "internalError", detail: expect.stringContaining("Prefer") });
    }
  });
});

describe("forced answers change nothing", () => {
  it("leaves the state byte-identical for every forced error on mutating operations with valid bodies", async () => {
    const pending = DEMO_IDS.payments.emmaToLukasPending;
    const before = state();
    const forced: [string, string, string, unknown?][] = [
      ["POST", "/internal/Payments", "code=422", paymentBody],
      ["POST", "/internal/Payments", "code=422, error=paymentIdConflict", paymentBody],
      ["POST", "/internal/Payments", "code=404", paymentBody],
      ["POST", "/internal/Payments", "code=400", paymentBody],
      ["POST", "/internal/Payments", "code=503", paymentBody],
      ["POST", "/internal/Payments", "code=500", paymentBody],
      ["POST", "/internal/Payments/draft", "code=422", { parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: DEMO_IDS.treasury.eur, creditorAccountId: DEMO_IDS.accounts.emmaEur, currency: "eur", amount: 1 }] }],
      ["POST", `/internal/Payments/${pending}/post`, "code=422"],
      ["POST", `/internal/Payments/${pending}/cancel`, "code=503"],
      ["POST", "/v2/internal/Accounts", "code=404", { clientId: DEMO_IDS.clients.emmaSchneider, currency: "eur", type: "client" }],
    ];
    for (const [method, path, value, body] of forced) {
      const answer = await raw(method, path, { prefer: value }, body);
      expect(answer.status, `${value} on ${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(state(), `${value} on ${method} ${path}`).toBe(before);
    }
    // The same requests without Prefer do change it, so the comparison above can tell.
    expect((await sandbox.call("POST", "/internal/Payments", { body: paymentBody })).status).toBe(200);
    expect((await sandbox.call("POST", `/internal/Payments/${pending}/post`)).status).toBe(200);
    expect(state()).not.toBe(before);
  });
});

describe("Prefer: delay=<ms>", () => {
  it("delays the real answer by delay=150 and answers it unchanged", async () => {
    const path = `/v2/ledger/internal/Accounts/${DEMO_IDS.accounts.emmaEur}`;
    const prompt = await sandbox.call("GET", path);
    const late = await expectSettlesAfter(150, () => sandbox.call("GET", path, prefer("delay=150")));
    expect(late.status).toBe(200);
    expect(late.json).toEqual(prompt.json);
  });

  it("delays the real effect of a mutating request too: a delayed create still creates", async () => {
    const before = state();
    const result = await expectSettlesAfter(100, () => sandbox.call("POST", "/internal/Payments", prefer("delay=100", { body: paymentBody })));
    expect(result.status).toBe(200);
    expect(state()).not.toBe(before);
  });

  it("delays the forced answer of code=404, delay=100", async () => {
    const result = await expectSettlesAfter(100, () => sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer("code=404, delay=100")));
    expect([result.status, result.json.code]).toEqual([404, "paymentNotFound"]);
  });
});

describe("the journal and Prefer", () => {
  it("journals answers forced or delayed by Prefer with fault prefer and real ones with fault null", async () => {
    await sandbox.call("DELETE", "/__sandbox/journal");
    await sandbox.call("GET", "/internal/Transactions", prefer("code=503"));
    await sandbox.call("GET", "/internal/Transactions");
    await sandbox.call("GET", "/internal/Transactions", prefer("delay=10"));
    await sandbox.call("POST", `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, prefer("code=422, error=accountNotActive"));
    const journal = await sandbox.call("GET", "/__sandbox/journal");
    expect(journal.json.entries.map((e: Json) => [e.operationId, e.status, e.fault])).toEqual([
      ["listTransactions", 503, "prefer"],
      ["listTransactions", 200, null],
      ["listTransactions", 200, "prefer"],
      ["pendPayment", 422, "prefer"],
    ]);
  });
});
