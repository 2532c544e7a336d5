import { beforeEach, describe, expect, it } from "vitest";
import { scenario, testSandbox, type Scenario, type TestSandbox } from "../support/http.js";
import { seedExamples, bulkPendSeed } from "../spec/seeds.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const OTHER_PARENT = "11111111-2222-4333-8444-555555555555";
const UNKNOWN = "00000000-0000-4000-8000-000000000001";

let sandbox: TestSandbox;
let s: Scenario;

beforeEach(async () => {
  sandbox = testSandbox();
  s = await scenario(sandbox);
});

const draft = (legs: { from: string; to: string; amount: number; currency?: string }[], extra: Record<string, unknown> = {}) =>
  sandbox.call("POST", "/internal/Payments/draft", {
    body: {
      parentId: PARENT,
      parentType: "transfer",
      transactions: legs.map((l) => ({ debtorAccountId: l.from, creditorAccountId: l.to, currency: l.currency ?? "eur", amount: l.amount })),
      ...extra,
    },
  });
const create = (from: string, to: string, amount: number, extra: Record<string, unknown> = {}) =>
  sandbox.call("POST", "/internal/Payments", {
    body: { parentId: PARENT, parentType: "transfer", debtorAccountId: from, creditorAccountId: to, currency: "eur", amount, ...extra },
  });
const step = (paymentId: string, action: "pend" | "post" | "cancel", body?: unknown) =>
  sandbox.call("POST", `/internal/Payments/${paymentId}/${action}`, body === undefined ? {} : { body });
const bulk = (action: "pend" | "post" | "cancel", paymentIds: string[], extra: Record<string, unknown> = {}) =>
  sandbox.call("POST", `/internal/Payments/${action}`, { body: { paymentIds, parentId: PARENT, ...extra } });
const balances = async (id: string) => {
  const a = await s.account(id);
  return { balance: a.balance, held: a.heldAmount, incoming: a.pendingIncomingAmount, available: a.availableBalance };
};
const snapshot = () => JSON.stringify(sandbox.entry.state.export());

describe("the payment lifecycle over the HTTP entry", () => {
  // docs/domain/payments.md#worked-example
  it("runs the worked example: draft with a fee leg, pend, post, then a refused cancel", async () => {
    const a = await s.clientAccount(100);
    const b = await s.clientAccount(0);
    const f = await s.systemAccount("fee");
    const drafted = await draft([{ from: a, to: b, amount: 30 }, { from: a, to: f, amount: 1 }]);
    expect(drafted.status).toBe(200);
    expect(drafted.json.transactions.map((t: { state: string }) => t.state)).toEqual(["draft", "draft"]);
    expect(await balances(a)).toEqual({ balance: 100, held: 0, incoming: 0, available: 100 });

    const p1 = drafted.json.paymentId;
    expect((await step(p1, "pend")).status).toBe(200);
    expect(await balances(a)).toEqual({ balance: 100, held: 31, incoming: 0, available: 69 });
    expect((await balances(b)).incoming).toBe(30);
    expect((await balances(f)).incoming).toBe(1);

    const posted = await step(p1, "post");
    expect(posted.status).toBe(200);
    expect(await balances(a)).toEqual({ balance: 69, held: 0, incoming: 0, available: 69 });
    expect(await balances(b)).toEqual({ balance: 30, held: 0, incoming: 0, available: 30 });
    expect((await balances(f)).balance).toBe(1);
    for (const leg of posted.json.transactions) {
      expect(leg.stateChanges.map((c: { from: string; to: string }) => `${c.from}->${c.to}`)).toEqual(["draft->pending", "pending->posted"]);
      expect(leg.postedDate).not.toBeNull();
    }

    const cancel = await step(p1, "cancel");
    expect(cancel.status).toBe(422);
    expect(cancel.json.code).toBe("invalidStateTransition");
    expect(cancel.headers["content-type"]).toBe("application/problem+json");
  });

  it("accepts the documentation's bulk pend example body verbatim", async () => {
    const [example] = seedExamples(bulkPendSeed);
    const a = await s.clientAccount(50);
    const b = await s.clientAccount(0);
    // The example names payment 497f6eca-... of parent 70850378-... and a restriction on an account it does not credit.
    const drafted = await draft([{ from: a, to: b, amount: 5 }], { paymentId: example.paymentIds[0] });
    expect(drafted.status).toBe(200);
    const restricted = await sandbox.call("POST", "/v2/internal/Accounts", { body: { currency: "eur", type: "transit" } });
    const body = structuredClone(example);
    body.limitedIncomingAccountRestrictions[0].accountId = restricted.json.id;
    const pended = await sandbox.call("POST", "/internal/Payments/pend", { body });
    expect(pended.status, pended.text).toBe(200);
    expect(pended.json.payments[0].paymentId).toBe(example.paymentIds[0]);
    expect(pended.json.payments[0].transactions[0].state).toBe("pending");
    // Verbatim, the example's restriction names an account that does not exist here: 404, nothing changed.
    const other = await draft([{ from: a, to: b, amount: 1 }], { paymentId: "5a0ad8a8-4a23-4c3e-9a8e-2b9a7d1f0c11" });
    const before = snapshot();
    const verbatim = await sandbox.call("POST", "/internal/Payments/pend", { body: { ...example, paymentIds: [other.json.paymentId] } });
    expect(verbatim.status).toBe(404);
    expect(verbatim.json.code).toBe("accountNotFound");
    expect(snapshot()).toBe(before);
  });

  it("creates a payment posted at once, and replays an identical create without moving money again", async () => {
    const a = await s.clientAccount(20);
    const b = await s.clientAccount(0);
    const paymentId = "9b2d4c1e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
    const first = await create(a, b, 7.5, { paymentId });
    expect(first.status).toBe(200);
    expect(first.json.transactions[0]).toMatchObject({ state: "posted", amount: 7.5, debtorAccountId: a, creditorAccountId: b });
    expect(first.json.transactions[0].stateChanges.map((c: { from: string; to: string }) => `${c.from}->${c.to}`)).toEqual(["draft->posted"]);
    const replay = await create(a, b, 7.5, { paymentId });
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(await balances(a)).toEqual({ balance: 12.5, held: 0, incoming: 0, available: 12.5 });
    const conflict = await create(a, b, 8, { paymentId });
    expect(conflict.status).toBe(422);
    expect(conflict.json.code).toBe("paymentIdConflict");
    expect((await balances(a)).balance).toBe(12.5);
  });

  it("keeps amounts exact: 0.1 + 0.2 gives exactly 0.3", async () => {
    const a = await s.clientAccount(1);
    const b = await s.clientAccount(0);
    expect((await create(a, b, 0.1)).status).toBe(200);
    expect((await create(a, b, 0.2)).status).toBe(200);
    expect((await balances(b)).balance).toBe(0.3);
    expect((await balances(a)).balance).toBe(0.7);
  });

  it("cancels a pending payment with payback of the hold", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    const p = (await draft([{ from: a, to: b, amount: 4 }])).json.paymentId;
    await step(p, "pend");
    const canceled = await step(p, "cancel");
    expect(canceled.status).toBe(200);
    expect(canceled.json.transactions[0]).toMatchObject({ state: "canceled", stateReason: "canceledByRequest", postedDate: null });
    expect(await balances(a)).toEqual({ balance: 10, held: 0, incoming: 0, available: 10 });
    expect((await balances(b)).incoming).toBe(0);
  });

  it("runs the bulk forms atomically and answers in request order", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    const ids = [];
    for (const amount of [1, 2, 3]) ids.push((await draft([{ from: a, to: b, amount }])).json.paymentId);
    const reversed = [...ids].reverse();
    const pended = await bulk("pend", reversed);
    expect(pended.status).toBe(200);
    expect(pended.json.payments.map((p: { paymentId: string }) => p.paymentId)).toEqual(reversed);
    expect((await balances(a)).held).toBe(6);
    expect((await bulk("post", ids.slice(0, 2))).status).toBe(200);
    expect((await bulk("cancel", ids.slice(2))).status).toBe(200);
    expect(await balances(a)).toEqual({ balance: 7, held: 0, incoming: 0, available: 7 });
    expect(await balances(b)).toEqual({ balance: 3, held: 0, incoming: 0, available: 3 });
  });

  it("changes nothing when one payment of a bulk batch is bad", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    const good = (await draft([{ from: a, to: b, amount: 1 }])).json.paymentId;
    const posted = (await create(a, b, 1)).json.paymentId;
    const before = snapshot();
    const reply = await bulk("pend", [good, posted]);
    expect(reply.status).toBe(422);
    expect(reply.json.code).toBe("invalidStateTransition");
    expect(snapshot()).toBe(before);
    const tooMuch = (await draft([{ from: a, to: b, amount: 8.5 }])).json.paymentId;
    const before2 = snapshot();
    const funds = await bulk("pend", [good, tooMuch]);
    expect(funds.json.code).toBe("insufficientFunds");
    expect(snapshot()).toBe(before2);
  });
});

describe("every 404 and 422 of the Payments family", () => {
  it("answers paymentNotFound for an unknown payment, single and bulk", async () => {
    for (const action of ["pend", "post", "cancel"] as const) {
      const single = await step(UNKNOWN, action);
      expect([single.status, single.json.code]).toEqual([404, "paymentNotFound"]);
      const many = await bulk(action, [UNKNOWN]);
      expect([many.status, many.json.code]).toEqual([404, "paymentNotFound"]);
    }
  });

  it("answers accountNotFound for an unknown debtor, creditor or restricted account", async () => {
    const a = await s.clientAccount(5);
    expect((await create(a, UNKNOWN, 1)).json.code).toBe("accountNotFound");
    expect((await create(UNKNOWN, a, 1)).status).toBe(404);
    expect((await draft([{ from: a, to: UNKNOWN, amount: 1 }])).json.code).toBe("accountNotFound");
    const byNumber = await sandbox.call("POST", "/internal/Payments", {
      body: { parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountNumber: "FL000000000000000000", currency: "eur", amount: 1 },
    });
    expect([byNumber.status, byNumber.json.code]).toEqual([404, "accountNotFound"]);
    const b = await s.clientAccount(0);
    const p = (await draft([{ from: a, to: b, amount: 1 }])).json.paymentId;
    const restricted = await step(p, "pend", { limitedIncomingAccountRestrictions: [{ accountId: UNKNOWN, limit: 1 }] });
    expect([restricted.status, restricted.json.code]).toEqual([404, "accountNotFound"]);
  });

  it("answers invalidStateTransition for every step the state machine forbids", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    const p = (await draft([{ from: a, to: b, amount: 1 }])).json.paymentId;
    expect((await step(p, "post")).json.code).toBe("invalidStateTransition"); // draft -> post
    await step(p, "pend");
    expect((await step(p, "pend")).json.code).toBe("invalidStateTransition"); // pending -> pend
    await step(p, "cancel");
    for (const action of ["pend", "post", "cancel"] as const) expect((await step(p, action)).status).toBe(422);
    for (const action of ["pend", "post", "cancel"] as const) expect((await bulk(action, [p])).json.code).toBe("invalidStateTransition");
  });

  it("answers insufficientFunds on create and pend, counting the whole batch", async () => {
    const a = await s.clientAccount(5);
    const b = await s.clientAccount(0);
    expect((await create(a, b, 5.01)).json.code).toBe("insufficientFunds");
    const p1 = (await draft([{ from: a, to: b, amount: 3 }])).json.paymentId;
    const p2 = (await draft([{ from: a, to: b, amount: 3 }])).json.paymentId;
    expect((await bulk("pend", [p1, p2])).json.code).toBe("insufficientFunds");
    expect((await step(p1, "pend")).status).toBe(200);
    expect((await step(p2, "pend")).json.code).toBe("insufficientFunds");
  });

  it("answers currencyMismatch when an account does not hold the payment's currency", async () => {
    const a = await s.clientAccount(5);
    const usd = await s.clientAccount(0, "usd");
    const reply = await create(a, usd, 1);
    expect([reply.status, reply.json.code]).toEqual([422, "currencyMismatch"]);
    expect((await draft([{ from: a, to: usd, amount: 1 }])).json.code).toBe("currencyMismatch");
  });

  it("answers accountNotActive for a closed account", async () => {
    const a = await s.clientAccount(5);
    const closed = await s.clientAccount(0);
    const close = await sandbox.call("DELETE", `/Accounts/${closed}`, { headers: { authorization: `Bearer ${s.clientId}` } });
    expect(close.status).toBe(204);
    expect((await create(a, closed, 1)).json.code).toBe("accountNotActive");
    expect((await draft([{ from: a, to: closed, amount: 1 }])).json.code).toBe("accountNotActive");
  });

  it("answers incomingLimitExceeded when a restricted creditor would exceed its limit", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(2);
    const limits = [{ accountId: b, limit: 5 }];
    expect((await create(a, b, 3.01, { limitedIncomingAccountRestrictions: limits })).json.code).toBe("incomingLimitExceeded");
    expect((await create(a, b, 3, { limitedIncomingAccountRestrictions: limits })).status).toBe(200);
    const p1 = (await draft([{ from: a, to: b, amount: 1 }])).json.paymentId;
    const p2 = (await draft([{ from: a, to: b, amount: 1 }])).json.paymentId;
    const reply = await bulk("pend", [p1, p2], { limitedIncomingAccountRestrictions: [{ accountId: b, limit: 6 }] });
    expect([reply.status, reply.json.code]).toEqual([422, "incomingLimitExceeded"]);
    expect((await step(p1, "pend", { limitedIncomingAccountRestrictions: [{ accountId: b, limit: 6 }] })).status).toBe(200);
  });

  it("answers parentMismatch when a payment of a bulk request has another parent", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    const p = (await draft([{ from: a, to: b, amount: 1 }], { parentId: OTHER_PARENT })).json.paymentId;
    for (const action of ["pend", "post", "cancel"] as const) {
      const reply = await bulk(action, [p]);
      expect([reply.status, reply.json.code]).toEqual([422, "parentMismatch"]);
    }
  });

  it("answers paymentIdConflict, moving no money, when a create reuses a payment id with another creditor, parent, parent type or obligatory date", async () => {
    const a = await s.clientAccount(20);
    const b = await s.clientAccount(0);
    const c = await s.clientAccount(0);
    const paymentId = "5a0c3e1f-7b2d-4e8a-9c6f-0d1e2f3a4b5c";
    const extra = { paymentId, obligatoryDate: "2026-03-03T00:00:00Z" };
    expect((await create(a, b, 2, extra)).status).toBe(200);
    const before = snapshot();
    const changed: [string, Promise<{ status: number; json: { code?: string } }>][] = [
      ["creditor", create(a, c, 2, extra)],
      ["parentId", create(a, b, 2, { ...extra, parentId: OTHER_PARENT })],
      ["parentType", create(a, b, 2, { ...extra, parentType: "paymentRequest" })],
      ["obligatoryDate", create(a, b, 2, { ...extra, obligatoryDate: "2026-03-04T00:00:00Z" })],
      ["no obligatoryDate", create(a, b, 2, { paymentId })],
    ];
    for (const [field, reply] of changed) expect([(await reply).status, (await reply).json.code], field).toEqual([422, "paymentIdConflict"]);
    expect(snapshot()).toBe(before);
    expect((await create(a, b, 2, extra)).status).toBe(200);
    expect(snapshot()).toBe(before);
  });

  it("answers paymentIdConflict when a draft reuses a payment id with other content", async () => {
    const a = await s.clientAccount(10);
    const b = await s.clientAccount(0);
    const paymentId = "3f1e2d3c-4b5a-4697-8877-665544332211";
    expect((await draft([{ from: a, to: b, amount: 1 }], { paymentId })).status).toBe(200);
    expect((await draft([{ from: a, to: b, amount: 1 }], { paymentId })).status).toBe(200);
    const conflict = await draft([{ from: a, to: b, amount: 2 }], { paymentId });
    expect([conflict.status, conflict.json.code]).toEqual([422, "paymentIdConflict"]);
  });
});

describe("bad payment input", () => {
  it("answers 400 with field errors for schema breaks, and changes nothing", async () => {
    const a = await s.clientAccount(10);
    const before = snapshot();
    const cases: [unknown, string][] = [
      [{ parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountId: a, currency: "eur", amount: 1 }, "creditorAccountId"],
      [{ parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 0 }, "amount"],
      [{ parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 1.005 }, "amount"],
      [{ parentId: PARENT, parentType: "wire", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 1 }, "parentType"],
      [{ parentId: "not-a-uuid", parentType: "transfer", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 1 }, "parentId"],
      [{ parentType: "transfer", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 1 }, "parentId"],
      [{ parentId: PARENT, parentType: "transfer", debtorAccountId: a, creditorAccountId: s.treasuryEur, currency: "eur", amount: 1, colour: "red" }, "colour"],
    ];
    for (const [body, field] of cases) {
      const reply = await sandbox.call("POST", "/internal/Payments", { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json.code).toBe("validationError");
      expect(Object.keys(reply.json.errors), JSON.stringify(body)).toContain(field);
    }
    const duplicates = await sandbox.call("POST", "/internal/Payments/pend", { body: { paymentIds: [UNKNOWN, UNKNOWN], parentId: PARENT } });
    expect(duplicates.status).toBe(400);
    const empty = await sandbox.call("POST", "/internal/Payments/cancel", { body: { paymentIds: [], parentId: PARENT } });
    expect(empty.status).toBe(400);
    expect(snapshot()).toBe(before);
  });

  it("answers 400 for malformed JSON and for a missing body", async () => {
    const malformed = await sandbox.call("POST", "/internal/Payments/draft", { rawBody: '{"parentId": ' });
    expect([malformed.status, malformed.json.code]).toEqual([400, "validationError"]);
    expect(malformed.json.errors.$[0]).toMatch(/not valid JSON/);
    const missing = await sandbox.call("POST", "/internal/Payments/post");
    expect(missing.status).toBe(400);
  });
});
