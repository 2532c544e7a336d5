/**
 * Requests that once broke the sandbox (found by a spec-driven fuzzer from outside): each must now get a clear
 * problem answer in the documented shape and change nothing.
 */
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from "../../sandbox/http/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";
import { sharedFromFirstTest, startValidatedSandbox } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const PAYMENT = "472e651e-5a1e-424d-8098-23858bf03ad7";
const A = DEMO_IDS.accounts;
const PROTOTYPE_KEYS = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf"];

const snapshotOf = async (sandbox: TestSandbox) => JSON.stringify((await sandbox.call("GET", "/__sandbox/snapshot")).json.ledger);

/** Nests `{"a": ...}` `levels` deep around a value, as raw JSON text. */
const nested = (levels: number, inner = "1") => `${'{"a":'.repeat(levels)}${inner}${"}".repeat(levels)}`;

describe("body keys named after Object.prototype's members", () => {
  const create = { parentId: PARENT, parentType: "transfer", debtorAccountId: A.emmaEur, creditorAccountId: A.lukasEur, currency: "eur", amount: 1 };
  const cases: [string, string, (key: string) => string][] = [
    ["POST", "/internal/Payments", (key) => `{"${key}":1,${JSON.stringify(create).slice(1)}`],
    ["POST", "/internal/Payments/draft", (key) => JSON.stringify({ parentId: PARENT, parentType: "transfer", transactions: [{ ...create, [key]: 1 }] }).replace('"parentType"', `"${key}":{"${key}":[]},"parentType"`)],
    ["POST", `/internal/Payments/${PAYMENT}/pend`, (key) => `{"${key}":1}`],
    ["POST", "/internal/Payments/pend", (key) => `{"paymentIds":["${PAYMENT}"],"parentId":"${PARENT}","${key}":{"${key}":1}}`],
    ["POST", "/internal/Payments/post", (key) => `{"paymentIds":["${PAYMENT}"],"parentId":"${PARENT}","${key}":1}`],
    ["POST", "/internal/Payments/cancel", (key) => `{"${key}":1}`],
    ["POST", "/__sandbox/faults", (key) => `{"match":{"${key}":1},"respond":{"status":503}}`],
    ["POST", "/__sandbox/reset", (key) => `{"${key}":1}`],
    ["POST", "/__sandbox/clock/advance", (key) => `{"${key}":1}`],
    ["POST", "/__sandbox/seed", (key) => `{"fixture":"${key}"}`],
    ["POST", "/__sandbox/simulations/incoming-payment", (key) => `{"accountId":"${A.emmaEur}","amount":1,"${key}":1}`],
  ];

  for (const [method, path, body] of cases) {
    it(`answers ${method} ${path} with a 400 that names the field, and changes nothing`, async () => {
      const sandbox = testSandbox();
      const before = await snapshotOf(sandbox);
      for (const key of PROTOTYPE_KEYS) {
        const reply = await sandbox.call(method, path, { rawBody: body(key) });
        expect(reply.status, `${key}: ${reply.text}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${key}: ${reply.text}`).toBeLessThan(500);
        expect(reply.headers["content-type"]).toBe("application/problem+json");
        if (reply.status === 400) expect(reply.json.code).toMatch(/^(validationError|invalidFixture)$/);
      }
      expect(await snapshotOf(sandbox)).toBe(before);
    });
  }

  it("lists an unknown field called constructor as an error of that field, like any other name", async () => {
    const sandbox = testSandbox();
    const reply = await sandbox.call("POST", "/internal/Payments/cancel", { rawBody: '{"constructor":1,"paymentIds":[],"hasOwnProperty":2}' });
    expect(reply.status).toBe(400);
    expect(reply.json.errors.constructor).toEqual(["is not a known field"]);
    expect(reply.json.errors.hasOwnProperty).toEqual(["is not a known field"]);
  });

  it("treats a query parameter called constructor or __proto__ as an unknown parameter", async () => {
    const sandbox = testSandbox();
    const reply = await sandbox.call("GET", "/internal/Transactions", { query: Object.fromEntries([["constructor", "x"], ["__proto__", "y"], ["pageSize", "2"]]) });
    expect(reply.status).toBe(200);
    expect(reply.json.items).toHaveLength(2);
  });

  it("lets a fault rule match a body field called constructor only where the body has one", async () => {
    const sandbox = testSandbox();
    const rule = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { path: "/internal/Payments", body: { constructor: 7 } }, respond: { status: 502 } } });
    expect(rule.status).toBe(201);
    const plain = await sandbox.call("POST", "/internal/Payments", { body: create });
    expect(plain.status).toBe(200);
    const named = await sandbox.call("POST", "/internal/Payments", { rawBody: JSON.stringify({ ...create, constructor: 7 }) });
    expect(named.status).toBe(502);
  });
});

describe("deeply nested bodies", () => {
  it("answers 400 for a body nested deeper than the limit, with a body-matching fault rule installed, and changes nothing", async () => {
    const sandbox = testSandbox();
    const rule = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { operationId: "createPayment", body: { currency: "eur" } }, respond: { status: 422, code: "insufficientFunds" } } });
    expect(rule.status).toBe(201);
    const before = await snapshotOf(sandbox);
    for (const levels of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
      const reply = await sandbox.call("POST", "/internal/Payments", { rawBody: nested(levels) });
      expect([reply.status, reply.json.code], `${levels} levels`).toEqual([400, "validationError"]);
      expect(reply.json.errors.$[0]).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
      const arrays = await sandbox.call("POST", "/__sandbox/faults", { rawBody: `${"[".repeat(levels)}${"]".repeat(levels)}` });
      expect(arrays.status, `${levels} levels of arrays`).toBe(400);
    }
    expect(await snapshotOf(sandbox)).toBe(before);
    // The rule is still there and fires on the body it names.
    const matching = await sandbox.call("POST", "/internal/Payments", { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: A.emmaEur, creditorAccountId: A.lukasEur, currency: "eur", amount: 1 } });
    expect([matching.status, matching.json.code]).toEqual([422, "insufficientFunds"]);
  });

  it("accepts a body nested exactly to the limit as far as nesting goes (the schema then decides)", async () => {
    const sandbox = testSandbox();
    const reply = await sandbox.call("POST", "/internal/Payments/cancel", { rawBody: `{"paymentIds":["${PAYMENT}"],"parentId":"${PARENT}","x":${nested(MAX_JSON_DEPTH - 1)}}` });
    expect(reply.status).toBe(400);
    expect(reply.json.errors.x).toEqual(["is not a known field"]);
  });
});

describe("media types", () => {
  it("reads a multipart upload as multipart (a missing part is a 400 naming it) instead of asking for JSON", async () => {
    const sandbox = testSandbox();
    const boundary = "----finlego";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--${boundary}--\r\n`;
    const clientId = DEMO_IDS.clients.emmaSchneider;
    const reply = await sandbox.call("POST", `/internal/Clients/${clientId}/Documents/upload`, { rawBody: body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    expect([reply.status, reply.json.code, Object.keys(reply.json.errors)]).toEqual([400, "validationError", ["documentType"]]);
    const json = await sandbox.call("POST", `/internal/Clients/${clientId}/Documents/upload`, { body: { file: "x" } });
    expect([json.status, json.json.code]).toEqual([415, "unsupportedMediaType"]);
    expect(json.json.detail).toBe("Send multipart/form-data, not application/json.");
  });

  it("accepts JSON with a charset and the +json types, and refuses text/plain with a 415 that names both types", async () => {
    const sandbox = testSandbox();
    const cancel = `{"paymentIds":["${PAYMENT}"],"parentId":"${PARENT}"}`;
    const charset = await sandbox.call("POST", "/internal/Payments/cancel", { rawBody: cancel, headers: { "content-type": "Application/JSON; charset=utf-8" } });
    expect([charset.status, charset.json.code]).toEqual([404, "paymentNotFound"]);
    const text = await sandbox.call("POST", "/internal/Payments/cancel", { rawBody: cancel, headers: { "content-type": "text/plain" } });
    expect([text.status, text.json.detail]).toEqual([415, "Send application/json, not text/plain."]);
  });
});

describe("one body-size policy", () => {
  const server = sharedFromFirstTest(
    () => startValidatedSandbox({ port: 0, frozenAt: "2026-03-02T10:00:00Z" }),
    (running) => running.close(),
  );

  const send = (method: string, path: string, body: string, tenant = "sizes") =>
    fetch(`${server().url}${path}`, { method, body, headers: { "content-type": "application/json", "x-sandbox-tenant": tenant } });

  it("answers 413 on FinLego and control operations alike for a body over 1 MiB, and changes nothing", async () => {
    const big = `{"name":"${"x".repeat(MAX_BODY_BYTES)}"}`;
    for (const [method, path] of [["POST", "/internal/Payments"], ["POST", "/__sandbox/faults"], ["POST", "/__sandbox/reset"]] as const) {
      const reply = await send(method, path, big);
      const json = (await reply.json()) as Json;
      expect([reply.status, json.code], `${method} ${path}`).toEqual([413, "payloadTooLarge"]);
      expect(json.detail).toContain(`${MAX_BODY_BYTES} bytes`);
    }
  });

  it("imports back the snapshot of a busy tenant (over 1 MiB) that it exported", async () => {
    const tenant = "busy";
    const pay = (amount: number) =>
      JSON.stringify({ parentId: PARENT, parentType: "transfer", debtorAccountId: DEMO_IDS.treasury.eur, creditorAccountId: A.emmaEur, currency: "eur", amount });
    for (let i = 0; i < 1_500; i++) expect((await send("POST", "/internal/Payments", pay(1 + (i % 50)), tenant)).status).toBe(200);
    const exported = await (await fetch(`${server().url}/__sandbox/snapshot`, { headers: { "x-sandbox-tenant": tenant } })).text();
    expect(exported.length).toBeGreaterThan(MAX_BODY_BYTES);
    expect((await send("POST", "/__sandbox/reset", '{"to":"empty"}', tenant)).status).toBe(200);
    const imported = await send("PUT", "/__sandbox/snapshot", exported, tenant);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(((await imported.json()) as Json).payments).toBe(1_500 + 14);
    const again = await (await fetch(`${server().url}/__sandbox/snapshot`, { headers: { "x-sandbox-tenant": tenant } })).json();
    expect((again as Json).ledger).toEqual(JSON.parse(exported).ledger);
  });
});
