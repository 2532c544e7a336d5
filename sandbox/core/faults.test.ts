import { describe, expect, it } from "vitest";
import { FAULT_KINDS, FaultRuleSet, MAX_FAULT_DELAY_MS } from "./faults.js";
import type { FaultRequest, FaultRuleInput } from "./faults.js";
import { createSeededRandom } from "./random.js";
import type { Result } from "./types.js";

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

/** A GET of a payment, with the parts a rule can match on. */
function request(over: Partial<FaultRequest> = {}): FaultRequest {
  return { operationId: "getPayment", method: "GET", path: "/api/GeneralLedger/Payments/p-1", query: {}, body: undefined, ...over };
}

/** A rule set holding one rule; fails the test when the rule is refused. */
function withRule(input: FaultRuleInput): FaultRuleSet {
  const set = new FaultRuleSet();
  const added = set.add(input);
  if (!added.ok) throw new Error(`rule refused: ${added.error.message}`);
  return set;
}

const fires = (match: FaultRuleInput["match"], req: FaultRequest) => withRule({ match, respond: { status: 503 } }).fire(req) !== undefined;

describe("FaultRuleSet.add", () => {
  it("stores a rule with an id, no hits and its remaining firings", () => {
    const set = new FaultRuleSet();
    const first = set.add({ name: "slow", match: { method: "GET" }, respond: { delayMs: 100 }, times: 2 });
    const second = set.add({ match: { method: "POST" }, respond: { fault: "connectionReset" } });
    expect(first).toEqual({ ok: true, value: { name: "slow", match: { method: "GET" }, respond: { delayMs: 100 }, times: 2, id: "rule-1", hits: 0, remaining: 2 } });
    expect(second).toMatchObject({ ok: true, value: { id: "rule-2", remaining: null } });
    expect(set.size).toBe(2);
    expect(set.list().map((r) => r.id)).toEqual(["rule-1", "rule-2"]);
    expect(FAULT_KINDS).toEqual(["connectionReset", "emptyResponse"]);
  });

  it("keeps its own copy of what it was given", () => {
    const input: FaultRuleInput = { match: { query: { a: "1" } }, respond: { status: 500 } };
    const set = withRule(input);
    input.match.query!["a"] = "2";
    expect(set.list()[0]!.match.query).toEqual({ a: "1" });
    set.list()[0]!.hits = 99;
    expect(set.list()[0]!.hits).toBe(0);
  });

  it.each<[string, FaultRuleInput, string, string]>([
    ["no answer", { match: { method: "GET" }, respond: {} }, "respond", "respond needs a status, a delayMs or a fault"],
    ["a status below 400", { match: { method: "GET" }, respond: { status: 399 } }, "respond.status", "status must be an error status, 400-599"],
    ["a status above 599", { match: { method: "GET" }, respond: { status: 600 } }, "respond.status", "status must be an error status, 400-599"],
    ["a fractional status", { match: { method: "GET" }, respond: { status: 500.5 } }, "respond.status", "status must be an error status, 400-599"],
    ["a fault with a status", { match: { method: "GET" }, respond: { status: 500, fault: "connectionReset" } }, "respond.fault", "a broken connection has no status"],
    ["a negative delay", { match: { method: "GET" }, respond: { delayMs: -1 } }, "respond.delayMs", `delayMs must be 0-${MAX_FAULT_DELAY_MS}`],
    ["a delay over the limit", { match: { method: "GET" }, respond: { delayMs: MAX_FAULT_DELAY_MS + 1 } }, "respond.delayMs", "delayMs must be 0-10000"],
    ["a fractional delay", { match: { method: "GET" }, respond: { delayMs: 1.5 } }, "respond.delayMs", "delayMs must be 0-10000"],
    ["times of 0", { match: { method: "GET" }, respond: { status: 500 }, times: 0 }, "times", "times must be a positive integer"],
    ["fractional times", { match: { method: "GET" }, respond: { status: 500 }, times: 1.5 }, "times", "times must be a positive integer"],
    ["a probability of 0", { match: { method: "GET" }, respond: { status: 500 }, probability: 0 }, "probability", "probability must be in (0, 1]"],
    ["a probability over 1", { match: { method: "GET" }, respond: { status: 500 }, probability: 1.01 }, "probability", "probability must be in (0, 1]"],
    ["a probability that is not a number", { match: { method: "GET" }, respond: { status: 500 }, probability: Number.NaN }, "probability", "probability must be in (0, 1]"],
    ["a fractional seed", { match: { method: "GET" }, respond: { status: 500 }, seed: 0.5 }, "seed", "seed must be an integer"],
    ["three ** in a path", { match: { path: "/**/a/**/b/**" }, respond: { status: 500 } }, "match.path", "a path pattern may hold at most two **"],
    ["an empty match", { match: {}, respond: { status: 500 } }, "match", "match needs at least one of operationId, method, path, query, body"],
  ])("refuses %s, naming the field, and stores nothing", (_what, input, field, message) => {
    const set = new FaultRuleSet();
    expect(errorOf(set.add(input))).toEqual({ code: "validationError", field, message });
    expect(set.size).toBe(0);
  });

  it.each<[string, FaultRuleInput]>([
    ["status 400", { match: { method: "GET" }, respond: { status: 400 } }],
    ["status 599", { match: { method: "GET" }, respond: { status: 599 } }],
    ["a delay of 0", { match: { method: "GET" }, respond: { delayMs: 0 } }],
    ["the longest delay", { match: { method: "GET" }, respond: { delayMs: MAX_FAULT_DELAY_MS } }],
    ["a delay with a status", { match: { method: "GET" }, respond: { status: 500, delayMs: 5 } }],
    ["a delay with a fault", { match: { method: "GET" }, respond: { fault: "emptyResponse", delayMs: 5 } }],
    ["times of 1", { match: { method: "GET" }, respond: { status: 500 }, times: 1 }],
    ["a probability of 1", { match: { method: "GET" }, respond: { status: 500 }, probability: 1 }],
    ["a negative seed", { match: { method: "GET" }, respond: { status: 500 }, probability: 0.5, seed: -3 }],
    ["two ** in a path", { match: { path: "/**/a/**" }, respond: { status: 500 } }],
    ["a match on the operation only", { match: { operationId: "getPayment" }, respond: { status: 500 } }],
    ["a match on the path only", { match: { path: "/a" }, respond: { status: 500 } }],
    ["a match on the query only", { match: { query: {} }, respond: { status: 500 } }],
    ["a match on the body only", { match: { body: {} }, respond: { status: 500 } }],
  ])("accepts %s", (_what, input) => {
    expect(new FaultRuleSet().add(input).ok).toBe(true);
  });
});

describe("FaultRuleSet.fire", () => {
  it("matches the operation, and the method whatever its case", () => {
    expect(fires({ operationId: "getPayment" }, request())).toBe(true);
    expect(fires({ operationId: "getPayments" }, request())).toBe(false);
    expect(fires({ operationId: "getPayment" }, request({ operationId: null }))).toBe(false);
    expect(fires({ method: "get" }, request())).toBe(true);
    expect(fires({ method: "GET" }, request({ method: "get" }))).toBe(true);
    expect(fires({ method: "POST" }, request())).toBe(false);
  });

  it("matches path segments whatever their case, * one segment and ** any number", () => {
    const path = (pattern: string, p: string) => fires({ path: pattern }, request({ path: p }));
    expect(path("/api/generalledger/payments/P-1", "/api/GeneralLedger/Payments/p-1")).toBe(true);
    expect(path("/api/GeneralLedger/Payments", "/api/GeneralLedger/Payments/p-1")).toBe(false);
    expect(path("/api/GeneralLedger/Payments/p-1/x", "/api/GeneralLedger/Payments/p-1")).toBe(false);
    expect(path("/api/*/Payments/*", "/api/GeneralLedger/Payments/p-1")).toBe(true);
    expect(path("/api/*/p-1", "/api/GeneralLedger/Payments/p-1")).toBe(false);
    expect(path("/api/**/p-1", "/api/GeneralLedger/Payments/p-1")).toBe(true);
    expect(path("/api/**", "/api")).toBe(true);
    expect(path("/**/Payments/**", "/api/GeneralLedger/Payments/p-1")).toBe(true);
    expect(path("/**/Accounts/**", "/api/GeneralLedger/Payments/p-1")).toBe(false);
    expect(path("/api/**/x", "/api/GeneralLedger/Payments/p-1")).toBe(false);
    expect(path("api//GeneralLedger/", "/api/GeneralLedger")).toBe(true);
  });

  it("matches query values as strings, and any of a repeated parameter's values", () => {
    expect(fires({ query: { page: "2" } }, request({ query: { page: 2 } }))).toBe(true);
    expect(fires({ query: { page: "2" } }, request({ query: { page: "3" } }))).toBe(false);
    expect(fires({ query: { page: "2" } }, request({ query: {} }))).toBe(false);
    expect(fires({ query: { currency: "eur" } }, request({ query: { currency: ["usd", "eur"] } }))).toBe(true);
    expect(fires({ query: { currency: "gbp" } }, request({ query: { currency: ["usd", "eur"] } }))).toBe(false);
    expect(fires({ query: { a: "1", b: "2" } }, request({ query: { a: "1", b: "1" } }))).toBe(false);
    // Only the request's own parameters count, not what every object inherits.
    expect(fires({ query: { constructor: "function Object() { [native code] }" } }, request())).toBe(false);
  });

  it("matches body fields by dot path and JSON value", () => {
    const body = { amount: 100, debtor: { id: "d-1" }, transactions: [{ amount: "5.00" }, { amount: "6.00" }] };
    expect(fires({ body: { amount: 100 } }, request({ body }))).toBe(true);
    expect(fires({ body: { amount: "100" } }, request({ body }))).toBe(false);
    expect(fires({ body: { "debtor.id": "d-1" } }, request({ body }))).toBe(true);
    expect(fires({ body: { debtor: { id: "d-1" } } }, request({ body }))).toBe(true);
    expect(fires({ body: { "transactions.1.amount": "6.00" } }, request({ body }))).toBe(true);
    expect(fires({ body: { "transactions.2.amount": "6.00" } }, request({ body }))).toBe(false);
    expect(fires({ body: { "debtor.id.x": "d-1" } }, request({ body }))).toBe(false);
    expect(fires({ body: { amount: 100, "debtor.id": "other" } }, request({ body }))).toBe(false);
    // Only the body's own fields count, not what every object inherits.
    expect(fires({ body: { "constructor.name": "Object" } }, request({ body }))).toBe(false);
    expect(fires({ body: { ["__proto__"]: {} } }, request({ body }))).toBe(false);
    expect(fires({ body: { amount: 100 } }, request({ body: null }))).toBe(false);
  });

  it("needs every given part to match", () => {
    expect(fires({ method: "GET", operationId: "getPayment", path: "/api/**" }, request())).toBe(true);
    expect(fires({ method: "GET", operationId: "createPayment" }, request())).toBe(false);
    expect(fires({ method: "POST", operationId: "getPayment" }, request())).toBe(false);
    expect(fires({ method: "GET", path: "/other/**" }, request())).toBe(false);
  });

  it("fires the oldest matching rule, counts its hits and answers a copy", () => {
    const set = new FaultRuleSet();
    set.add({ match: { method: "POST" }, respond: { status: 500 } });
    set.add({ match: { method: "GET" }, respond: { status: 502 } });
    set.add({ match: { path: "/**" }, respond: { status: 503 } });
    const fired = set.fire(request())!;
    expect(fired).toMatchObject({ id: "rule-2", hits: 1, respond: { status: 502 } });
    fired.hits = 50;
    expect(set.fire(request())).toMatchObject({ id: "rule-2", hits: 2 });
    expect(set.list().map((r) => r.hits)).toEqual([0, 2, 0]);
    expect(set.fire(request({ method: "PUT" }))).toMatchObject({ id: "rule-3", hits: 1 });
  });

  it("removes a rule once it has fired its times, and the next rule then fires", () => {
    const set = new FaultRuleSet();
    set.add({ match: { method: "GET" }, respond: { status: 500 }, times: 2 });
    set.add({ match: { method: "GET" }, respond: { status: 503 } });
    expect(set.fire(request())).toMatchObject({ id: "rule-1", remaining: 1, hits: 1 });
    expect(set.fire(request())).toMatchObject({ id: "rule-1", remaining: 0, hits: 2 });
    expect(set.list().map((r) => r.id)).toEqual(["rule-2"]);
    expect(set.fire(request())).toMatchObject({ id: "rule-2", remaining: null });
    expect(set.size).toBe(1);
  });

  it("fires a probable rule on the draws of its seed, drawing on every match", () => {
    const set = withRule({ match: { method: "GET" }, respond: { status: 500 }, probability: 0.5, seed: 7 });
    const draws = createSeededRandom(7);
    const expected = Array.from({ length: 40 }, () => draws.nextUnit() < 0.5);
    const firings = Array.from({ length: 40 }, () => set.fire(request()) !== undefined);
    expect(firings).toEqual(expected);
    expect(firings.filter(Boolean).length).toBeGreaterThan(5);
    expect(firings.filter((f) => !f).length).toBeGreaterThan(5);
    // Without a seed, the draws are seed 1's.
    const unseeded = withRule({ match: { method: "GET" }, respond: { status: 500 }, probability: 0.5 });
    const seedOne = createSeededRandom(1);
    expect(Array.from({ length: 20 }, () => unseeded.fire(request()) !== undefined)).toEqual(Array.from({ length: 20 }, () => seedOne.nextUnit() < 0.5));
  });

  it("does not draw for a request that does not match", () => {
    const set = withRule({ match: { method: "GET" }, respond: { status: 500 }, probability: 0.5, seed: 7 });
    const draws = createSeededRandom(7);
    const expected = Array.from({ length: 10 }, () => draws.nextUnit() < 0.5);
    const firings: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      set.fire(request({ method: "POST" }));
      firings.push(set.fire(request()) !== undefined);
    }
    expect(firings).toEqual(expected);
  });
});

describe("FaultRuleSet.remove and clear", () => {
  it("removes one rule by id, and says whether there was one", () => {
    const set = new FaultRuleSet();
    set.add({ match: { method: "GET" }, respond: { status: 500 } });
    set.add({ match: { method: "POST" }, respond: { status: 500 } });
    expect(set.remove("rule-9")).toBe(false);
    expect(set.remove("rule-1")).toBe(true);
    expect(set.remove("rule-1")).toBe(false);
    expect(set.list().map((r) => r.id)).toEqual(["rule-2"]);
  });

  it("clears every rule and counts them; ids keep counting", () => {
    const set = new FaultRuleSet();
    set.add({ match: { method: "GET" }, respond: { status: 500 } });
    set.add({ match: { method: "POST" }, respond: { status: 500 } });
    expect(set.clear()).toBe(2);
    expect(set.size).toBe(0);
    expect(set.fire(request())).toBeUndefined();
    expect(set.clear()).toBe(0);
    expect(set.add({ match: { method: "GET" }, respond: { status: 500 } })).toMatchObject({ ok: true, value: { id: "rule-3" } });
  });
});
