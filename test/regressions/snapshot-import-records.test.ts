import { describe, expect, it } from "vitest";
import { createSeededIds, DEMO_IDS, importLedger } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const EMMA_EUR = DEMO_IDS.accounts.emmaEur;

async function exported(sandbox: TestSandbox): Promise<Json> {
  const reply = await sandbox.call("GET", "/__sandbox/snapshot");
  expect(reply.status).toBe(200);
  return reply.json;
}

/** Imports a tampered copy of the export; it must be refused and leave every read working as before. */
/** A tampering the control spec's schema catches (400 validationError) or only the core's checks do (400 invalidSnapshot). */
type Caught = "validationError" | "invalidSnapshot";
const SCHEMA: Caught = "validationError";
const CORE: Caught = "invalidSnapshot";

async function expectRefused(tamper: (ledger: Json) => void, code: Caught): Promise<void> {
  const sandbox = testSandbox();
  const snapshot = await exported(sandbox);
  const before = JSON.stringify(sandbox.entry.state.export());
  const tampered = structuredClone(snapshot);
  tamper(tampered.ledger);
  const reply = await sandbox.call("PUT", "/__sandbox/snapshot", { body: tampered });
  expect([reply.status, reply.json.code]).toEqual([400, code]);
  expect(JSON.stringify(sandbox.entry.state.export())).toBe(before);
  // testSandbox fails on any 500: these reads format every time of every account and leg.
  expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } })).status).toBe(200);
  expect((await sandbox.call("GET", "/internal/Transactions", { query: { pageSize: 100 } })).status).toBe(200);
}

describe("a snapshot whose times are not epoch milliseconds", () => {
  it("is refused with 400 invalidSnapshot when an account's createdAt is a string", async () => {
    await expectRefused((ledger) => {
      ledger.accounts.find((a: Json) => a.id === EMMA_EUR).createdAt = "yesterday";
    }, SCHEMA);
  });

  it("is refused when a payment's createdAt (and its legs') is not a number", async () => {
    await expectRefused((ledger) => {
      const payment = ledger.payments[0];
      payment.createdAt = "2026-01-01";
      for (const t of payment.transactions) t.createdAt = "2026-01-01";
    }, SCHEMA);
  });

  it("is refused when a leg's state change time is not a number", async () => {
    await expectRefused((ledger) => {
      const pended = ledger.payments.find((p: Json) => p.transactions[0].stateChanges.some((c: Json) => c.to === "pending"));
      for (const t of pended.transactions) for (const c of t.stateChanges) c.at = "soon";
    }, SCHEMA);
  });

  it("is refused when an OTP names an unknown account or has no numeric expiry", async () => {
    await expectRefused((ledger) => {
      ledger.otps = [{ id: "6f1d7c52-58f4-4d8c-9b6f-0a1b2c3d4e5f", accountId: "7c1f0e2a-0000-4000-8000-000000000000", operation: "activate", expiresAt: 1 }];
    }, CORE);
    await expectRefused((ledger) => {
      ledger.otps = [{ id: "6f1d7c52-58f4-4d8c-9b6f-0a1b2c3d4e5f", accountId: EMMA_EUR, operation: "activate", expiresAt: "soon" }];
    }, SCHEMA);
  });

});

describe("a snapshot whose records break the core's types (found by the fuzzer)", () => {
  const account = (ledger: Json): Json => ledger.accounts.find((a: Json) => a.id === EMMA_EUR);

  it("is refused when a client has no uuid id, or a wrongly typed field", async () => {
    await expectRefused((ledger) => void (ledger.clients[0].id = null), SCHEMA);
    await expectRefused((ledger) => void (ledger.clients[0].id = ledger.clients[0].id.toUpperCase()), CORE);
    await expectRefused((ledger) => void (ledger.clients[0].email = 7), SCHEMA);
    await expectRefused((ledger) => void (ledger.clients[0].firstName = { first: "Emma" }), SCHEMA);
    await expectRefused((ledger) => void (ledger.clients[0].country = "deu"), SCHEMA);
    await expectRefused((ledger) => void (ledger.clients[0].status = "asleep"), SCHEMA);
  });

  it("is refused when an account's order, name, flag or stored balance has the wrong type", async () => {
    await expectRefused((ledger) => void (account(ledger).order = "text"), SCHEMA);
    await expectRefused((ledger) => void (account(ledger).name = 42), SCHEMA);
    await expectRefused((ledger) => void (account(ledger).name = "x".repeat(201)), SCHEMA);
    await expectRefused((ledger) => void (account(ledger).allowNegativeBalance = "no"), SCHEMA);
    await expectRefused((ledger) => void (account(ledger).allowNegativeBalance = true), CORE);
    await expectRefused((ledger) => void (account(ledger).balanceMinor = 1.5), SCHEMA);
    await expectRefused((ledger) => void (account(ledger).accountNumber = "FL 1"), SCHEMA);
  });

  it("is refused when a client account names a client that does not exist, or a system account names one", async () => {
    await expectRefused((ledger) => void (account(ledger).clientId = "7c1f0e2a-0000-4000-8000-000000000000"), CORE);
    await expectRefused((ledger) => void (account(ledger).clientId = "\u0000"), CORE);
    await expectRefused((ledger) => void (account(ledger).clientId = null), CORE);
    await expectRefused((ledger) => void (ledger.accounts.find((a: Json) => a.type === "treasury").clientId = ledger.clients[0].id), CORE);
  });

  it("is refused when a list is not an array of objects, a leg's amount is not positive, or the id state is out of range", async () => {
    await expectRefused((ledger) => void (ledger.clients = { 0: ledger.clients[0] }), SCHEMA);
    await expectRefused((ledger) => void (ledger.accounts = [...ledger.accounts, null]), SCHEMA);
    await expectRefused((ledger) => {
      const payment = ledger.payments[0];
      for (const t of payment.transactions) t.amountMinor = 0;
    }, SCHEMA);
    await expectRefused((ledger) => void (ledger.payments[0].transactions = []), SCHEMA);
    await expectRefused((ledger) => void (ledger.ids = [1, 2, 3, 4, -1]), CORE);
    await expectRefused((ledger) => void (ledger.currencies[0].isEnabled = "yes"), SCHEMA);
  });

  it("an untampered export still imports", async () => {
    const sandbox = testSandbox();
    const snapshot = await exported(sandbox);
    expect((await sandbox.call("PUT", "/__sandbox/snapshot", { body: snapshot })).status).toBe(200);
  });

  it("the core refuses the same records when a ledger is restored without the HTTP schema (persistence, MSW storage)", async () => {
    const sandbox = testSandbox();
    const ledger = (await exported(sandbox)).ledger;
    const tampered = structuredClone(ledger);
    tampered.clients[0].id = null;
    expect(() => importLedger(tampered, { clock: { now: () => 0 }, ids: createSeededIds(1) })).toThrow(/client null has a bad id: id must be a lower-case uuid/);
    const misordered = structuredClone(ledger);
    misordered.accounts.find((a: Json) => a.id === EMMA_EUR).order = "text";
    expect(() => importLedger(misordered, { clock: { now: () => 0 }, ids: createSeededIds(1) })).toThrow(/has an order that is not a non-negative integer/);
    expect(() => importLedger(structuredClone(ledger), { clock: { now: () => 0 }, ids: createSeededIds(1) })).not.toThrow();
  });
});
