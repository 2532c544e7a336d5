import { describe, expect, it } from "vitest";
import { DEMO_FIXTURE, DEMO_IDS, EMPTY_FIXTURE } from "./demo-data.js";
import { applyFixture, createSandboxLedger, DEFAULT_SANDBOX_START_MS } from "./fixtures.js";
import { codeOf, makeWorld } from "./test-helpers.js";
import { CURRENCIES } from "./types.js";

describe("createSandboxLedger", () => {
  it("builds the demo deterministically and starts the clock at 2026-01-01T09:00:00Z", () => {
    const one = createSandboxLedger();
    const two = createSandboxLedger();
    expect(JSON.stringify(one.exportState())).toBe(JSON.stringify(two.exportState()));
    expect(one.clock.now()).toBe(DEFAULT_SANDBOX_START_MS);
    expect(new Date(DEFAULT_SANDBOX_START_MS).toISOString()).toBe("2026-01-01T09:00:00.000Z");
    expect(one.verify()).toEqual({ ok: true, problems: [] });
    expect(JSON.stringify(createSandboxLedger({ seed: 2 }).exportState())).not.toBe(JSON.stringify(one.exportState()));
  });

  it("seeds four clients, a treasury account per currency, fee accounts and funded client accounts", () => {
    const ledger = createSandboxLedger();
    const treasury = ledger.listAccounts({ types: ["treasury"] }, { page: 1, pageSize: 100 }).items;
    expect(treasury.map((a) => a.currency)).toEqual([...CURRENCIES]);
    expect(ledger.listAccounts({ types: ["fee"] }, { page: 1, pageSize: 100 }).items.map((a) => a.currency)).toEqual(["eur", "usd", "gbp"]);
    const clients = Object.values(DEMO_IDS.clients).map((id) => ledger.getClient(id)!);
    expect(clients.map((c) => c.type)).toEqual(["individual", "individual", "company", "company"]);
    const clientCurrencies = new Set(ledger.listAccounts({ types: ["client"] }, { page: 1, pageSize: 100 }).items.map((a) => a.currency));
    expect([...clientCurrencies].sort()).toEqual(["chf", "eur", "gbp", "pln", "usd"]);
    expect(ledger.listClientAccounts(DEMO_IDS.clients.emmaSchneider)).toHaveLength(2);
    expect(ledger.getAccount(DEMO_IDS.accounts.lukasPln)!.balanceMinor).toBe(420_000);
  });

  it("includes posted, pending (with a fee leg) and canceled payments", () => {
    const ledger = createSandboxLedger();
    const states = (id: string) => ledger.getPayment(id)!.transactions.map((t) => t.state);
    expect(states(DEMO_IDS.payments.invoiceToEmma)).toEqual(["posted"]);
    expect(states(DEMO_IDS.payments.emmaToLukasPending)).toEqual(["pending", "pending"]);
    expect(states(DEMO_IDS.payments.harbourToEmmaCanceled)).toEqual(["canceled", "canceled"]);
    expect(ledger.getAccount(DEMO_IDS.accounts.emmaEur)).toMatchObject({ balanceMinor: 279_530, heldMinor: 20_150 });
    expect(ledger.getAccount(DEMO_IDS.fee.eur)!.pendingIncomingMinor).toBe(150);
    expect(ledger.getPayment(DEMO_IDS.payments.invoiceToEmma)!.createdAt).toBe(Date.parse("2025-12-03T14:22:00Z"));
  });

  it("builds the empty fixture with only the ten treasury accounts", () => {
    const ledger = createSandboxLedger({ fixture: EMPTY_FIXTURE, startMs: Date.UTC(2030, 0, 1) });
    expect(ledger.listAccounts({}, { page: 1, pageSize: 100 }).items.map((a) => a.type)).toEqual(Array(10).fill("treasury"));
    expect(ledger.clock.now()).toBe(Date.UTC(2030, 0, 1));
  });
});

describe("applyFixture", () => {
  it("names the failing step in the error", () => {
    const w = makeWorld();
    const result = applyFixture(w.ledger, { clients: [], accounts: [{ currency: "chf", type: "client", clientId: w.clientId, initialBalance: 10 }] });
    expect(result.ok ? undefined : [result.error.code, result.error.field]).toEqual(["validationError", "accounts[0].initialBalance"]);
    const bad = applyFixture(w.ledger, { clients: [], accounts: [], payments: [{ op: "pend", paymentIds: ["7c1f0e2a-0000-4000-8000-000000000000"] }] });
    expect(bad.ok ? undefined : [bad.error.code, bad.error.field]).toEqual(["paymentNotFound", "payments[0]"]);
  });

  it("returns what it made", () => {
    const w = makeWorld();
    const result = applyFixture(w.ledger, {
      clients: [{ type: "individual", email: "z@z.z", country: "FR", firstName: "Zoé" }],
      accounts: [{ currency: "eur", type: "fee", accountNumber: "FLFEE1" }],
      payments: [{ op: "create", debtor: w.treasury.eur!, creditor: "FLFEE1", currency: "eur", amount: 12.34 }],
    });
    expect(codeOf(result)).toBe("ok");
    if (!result.ok) return;
    expect(result.value.clients[0]).toMatchObject({ firstName: "Zoé", lastName: null });
    expect(result.value.accounts[0]!.balanceMinor).toBe(1234);
    expect(result.value.payments[0]!.transactions[0]!.amountMinor).toBe(1234);
  });

  it("exposes the demo ids used by DEMO_FIXTURE", () => {
    expect(DEMO_FIXTURE.clients.map((c) => c.id)).toEqual(Object.values(DEMO_IDS.clients));
  });
});
