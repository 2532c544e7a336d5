import { describe, expect, it } from "vitest";
import { createFixedClock, createManualClock } from "./clock.js";
import { DEMO_FIXTURE, DEMO_IDS, EMPTY_FIXTURE } from "./demo-data.js";
import { applyFixture, createSandboxLedger, DEFAULT_SANDBOX_START_MS } from "./fixtures.js";
import type { Fixture } from "./fixtures.js";
import { createSeededIds } from "./ids.js";
import { createLedger } from "./ledger.js";
import type { Ledger } from "./ledger.js";
import { codeOf, makeWorld, must, T0 } from "./test-helpers.js";
import type { Result } from "./types.js";
import { CURRENCIES } from "./types.js";

const ID_A = "0a000000-0000-4000-8000-000000000001";
const ID_B = "0a000000-0000-4000-8000-000000000002";
const PARENT = "0b000000-0000-4000-8000-000000000001";
const TREASURY_EUR = { currency: "eur" as const, type: "treasury" as const, accountNumber: "TREUR" };

function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

/** A ledger with no accounts and no clients, on a manual clock at T0. */
function emptyLedger(): Ledger {
  return createLedger({ clock: createManualClock(T0), ids: createSeededIds(1) });
}

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

describe("createSandboxLedger's options", () => {
  it("uses seed 1 when none is given", () => {
    const fixture: Fixture = { clients: [{ type: "individual", email: "a@example.com", country: "DE" }], accounts: [] };
    const byDefault = createSandboxLedger({ fixture });
    expect(JSON.stringify(byDefault.exportState())).toBe(JSON.stringify(createSandboxLedger({ fixture, seed: 1 }).exportState()));
    expect(JSON.stringify(byDefault.exportState())).not.toBe(JSON.stringify(createSandboxLedger({ fixture, seed: 3 }).exportState()));
  });

  it("resumes the clock at the last fixture time when it is after the start, else at the start", () => {
    const later = createSandboxLedger({ fixture: { clients: [{ type: "individual", email: "a@example.com", country: "DE", at: "2026-03-01T00:00:00Z" }], accounts: [] } });
    expect(later.clock.now()).toBe(Date.parse("2026-03-01T00:00:00Z"));
    const earlier = createSandboxLedger({ fixture: { clients: [{ type: "individual", email: "a@example.com", country: "DE", at: "2025-03-01T00:00:00Z" }], accounts: [] } });
    expect(earlier.clock.now()).toBe(DEFAULT_SANDBOX_START_MS);
    expect(earlier.listClients({}, { page: 1, pageSize: 10 }).items[0]!.createdAt).toBe(Date.parse("2025-03-01T00:00:00Z"));
  });

  it("throws when the fixture does not apply, saying where and why", () => {
    expect(() => createSandboxLedger({ fixture: { clients: [], accounts: [{ currency: "eur", type: "fee", initialBalance: -1 }] } })).toThrow(
      "fixture failed: validationError at accounts[0].initialBalance: accounts[0]: initialBalance must be >= 0 with at most 2 decimals",
    );
  });
});

describe("applyFixture's steps", () => {
  it("reads a fixture without some of its lists as having none", () => {
    const ledger = emptyLedger();
    expect(must(applyFixture(ledger, {} as Fixture))).toEqual({ clients: [], accounts: [], payments: [] });
    expect(must(applyFixture(ledger, { accounts: [TREASURY_EUR] } as Fixture)).accounts).toHaveLength(1);
    expect(must(applyFixture(ledger, { clients: [{ type: "company", email: "c@example.com", country: "DE", companyName: "C" }] } as Fixture)).clients).toHaveLength(1);
  });

  it("seeds clients as given, with fixed ids, statuses and verification, dated by their step's time", () => {
    const ledger = emptyLedger();
    const result = must(applyFixture(ledger, {
      clients: [
        { id: ID_A, type: "individual", email: "a@example.com", country: "de", firstName: "Ann", status: "blocked", at: "2025-06-01T10:00:00Z" },
        { id: ID_B, type: "individual", email: "b@example.com", country: "FR", verificationStatus: "pending", status: "pendingVerification" },
      ],
      accounts: [],
    }));
    expect(result.clients.map((c) => [c.id, c.status, c.verificationStatus, c.country, c.createdAt])).toEqual([
      [ID_A, "blocked", "approved", "DE", Date.parse("2025-06-01T10:00:00Z")],
      [ID_B, "pendingVerification", "pending", "FR", Date.parse("2025-06-01T10:00:00Z")],
    ]);
    expect(result.clients[0]).toEqual(ledger.getClient(ID_A));
    expect(ledger.clock.now()).toBe(Date.parse("2025-06-01T10:00:00Z"));
  });

  it("leaves the clock alone without a time, and ignores times on a clock that cannot be set", () => {
    const manual = emptyLedger();
    must(applyFixture(manual, { clients: [{ type: "individual", email: "a@example.com", country: "DE" }], accounts: [] }));
    expect(manual.clock.now()).toBe(T0);
    const fixed = createLedger({ clock: createFixedClock(T0), ids: createSeededIds(1) });
    const result = must(applyFixture(fixed, { clients: [{ type: "individual", email: "a@example.com", country: "DE", at: "2030-01-01T00:00:00Z" }], accounts: [] }));
    expect(result.clients[0]!.createdAt).toBe(T0);
  });

  it.each([
    ["clients", { clients: [{ type: "individual", email: "a@example.com", country: "DE", at: "yesterday" }], accounts: [] }, "clients[0].at"],
    ["accounts", { clients: [], accounts: [TREASURY_EUR, { ...TREASURY_EUR, currency: "usd", accountNumber: "TRUSD", at: "yesterday" }] }, "accounts[1].at"],
    ["payments", { clients: [], accounts: [], payments: [{ op: "pend", paymentIds: [], at: "yesterday" }] }, "payments[0].at"],
    ["recipients", { clients: [], accounts: [], recipients: [{ clientId: null, name: "R", accountNumber: "DE123456", country: "DE", currency: "eur", at: "yesterday" }] }, "recipients[0].at"],
  ])("refuses a time that is not a date-time in %s, naming the step's at", (_what, fixture, field) => {
    const ledger = emptyLedger();
    expect(errorOf(applyFixture(ledger, fixture as Fixture))).toEqual({ code: "validationError", field, message: "yesterday is not an ISO 8601 date-time" });
    expect(ledger.clock.now()).toBe(T0);
  });

  it("names the step and the step's own field in a refusal, keeping the steps before it", () => {
    const ledger = emptyLedger();
    const error = errorOf(applyFixture(ledger, { clients: [{ type: "individual", email: "a@example.com", country: "DE" }, { type: "individual", email: "A@example.com", country: "DE" }], accounts: [] }));
    expect(error).toEqual({ code: "clientAlreadyExists", field: "clients[1].email", message: expect.stringMatching(/^clients\[1\]: .*A@example\.com/i) });
    expect(ledger.listClients({}, { page: 1, pageSize: 10 }).totalCount).toBe(1);
    const stopped = errorOf(applyFixture(ledger, { clients: [], accounts: [{ currency: "eur", type: "fee", accountNumber: "bad number!" }, TREASURY_EUR] }));
    expect(stopped).toMatchObject({ code: "validationError", field: "accounts[0].accountNumber", message: "accounts[0]: accountNumber must be 1-34 letters or digits" });
    expect(ledger.listAccounts({}, { page: 1, pageSize: 10 }).totalCount).toBe(0);
  });
});

describe("applyFixture's accounts", () => {
  it("opens an account unfunded without a balance or with 0, and funds one from the treasury in major units", () => {
    const ledger = emptyLedger();
    const result = must(applyFixture(ledger, {
      clients: [],
      accounts: [TREASURY_EUR, { currency: "eur", type: "fee", accountNumber: "FEE1" }, { currency: "eur", type: "fee", accountNumber: "FEE2", initialBalance: 0 }, { id: ID_A, currency: "eur", type: "fee", name: "Fees", initialBalance: 12.5 }],
    }));
    expect(result.accounts.map((a) => [a.accountNumber, a.balanceMinor])).toEqual([["TREUR", -1250], ["FEE1", 0], ["FEE2", 0], [result.accounts[3]!.accountNumber, 1250]]);
    expect(result.accounts[3]).toMatchObject({ id: ID_A, name: "Fees", status: "active" });
    expect(result.payments).toEqual([]);
    expect(ledger.getAccount(ID_A)!.balanceMinor).toBe(1250);
  });

  it.each([[-0.01], [1.005], [Number.NaN]])("refuses an initialBalance of %s", (initialBalance) => {
    const ledger = emptyLedger();
    expect(errorOf(applyFixture(ledger, { clients: [], accounts: [TREASURY_EUR, { currency: "eur", type: "fee", initialBalance }] }))).toEqual({
      code: "validationError",
      field: "accounts[1].initialBalance",
      message: "accounts[1]: initialBalance must be >= 0 with at most 2 decimals",
    });
    expect(ledger.getAccount(ledger.listAccounts({}, { page: 1, pageSize: 10 }).items[0]!.id)!.balanceMinor).toBe(0);
  });

  it("tells how to add the missing treasury account when there is none to fund from", () => {
    const ledger = emptyLedger();
    expect(errorOf(applyFixture(ledger, { clients: [], accounts: [{ currency: "gbp", type: "fee", initialBalance: 1 }] }))).toEqual({
      code: "validationError",
      field: "accounts[0].initialBalance",
      message: 'accounts[0]: no active gbp treasury account to fund it from: add {"type": "treasury", "currency": "gbp", "name": "Treasury GBP"} to accounts before this one',
    });
  });

  it("passes on any other refusal of the funding, such as the client's plan cap", () => {
    const ledger = emptyLedger();
    const error = errorOf(applyFixture(ledger, {
      clients: [{ id: ID_A, type: "individual", email: "a@example.com", country: "DE", plan: "basic" }],
      accounts: [TREASURY_EUR, { clientId: ID_A, currency: "eur", type: "client", initialBalance: 10_000.01 }],
    }));
    expect(error).toMatchObject({ code: "incomingLimitExceeded", field: "accounts[1]" });
    expect(error.message).toMatch(/^accounts\[1\]: Account .* above 10000\.00 EUR, the maxBalance of its client's plan basic$/);
  });

  it("answers the accounts as they stand after the payments", () => {
    const ledger = emptyLedger();
    const result = must(applyFixture(ledger, {
      clients: [],
      accounts: [TREASURY_EUR, { currency: "eur", type: "fee", accountNumber: "FEE1" }],
      payments: [{ op: "create", debtor: "TREUR", creditor: "FEE1", currency: "eur", amount: 3 }],
    }));
    expect(result.accounts.map((a) => a.balanceMinor)).toEqual([-300, 300]);
  });
});

describe("applyFixture's payments", () => {
  function twoAccounts(): { ledger: Ledger; treasury: string; fee: string } {
    const ledger = emptyLedger();
    const made = must(applyFixture(ledger, { clients: [], accounts: [TREASURY_EUR, { currency: "eur", type: "fee", accountNumber: "FEE1", initialBalance: 100 }] }));
    return { ledger, treasury: made.accounts[0]!.id, fee: made.accounts[1]!.id };
  }

  it("creates a payment between accounts named by id or by number, under a given or a fresh parent", () => {
    const { ledger, treasury, fee } = twoAccounts();
    const result = must(applyFixture(ledger, {
      clients: [],
      accounts: [],
      payments: [
        { op: "create", paymentId: ID_A, parentId: PARENT, parentType: "adjustingPayment", debtor: fee, creditor: "TREUR", currency: "eur", amount: 1.25, at: "2026-02-01T00:00:00Z" },
        { op: "create", debtor: "TREUR", creditor: fee.toUpperCase(), currency: "eur", amount: 2 },
      ],
    }));
    const [first, second] = result.payments;
    expect(first).toMatchObject({ id: ID_A, parentId: PARENT, parentType: "adjustingPayment", createdAt: Date.parse("2026-02-01T00:00:00Z") });
    expect(first!.transactions.map((t) => [t.debtorAccountId, t.creditorAccountId, t.amountMinor, t.state])).toEqual([[fee, treasury, 125, "posted"]]);
    expect(second!.parentType).toBe("transfer");
    expect(second!.parentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second!.parentId).not.toBe(PARENT);
    expect(second!.transactions.map((t) => [t.debtorAccountId, t.creditorAccountId, t.amountMinor])).toEqual([[treasury, fee, 200]]);
    expect(ledger.getAccount(fee)!.balanceMinor).toBe(10_000 - 125 + 200);
  });

  it("refuses an amount with more than 2 decimals, naming the step's amount", () => {
    const { ledger, fee } = twoAccounts();
    expect(errorOf(applyFixture(ledger, { clients: [], accounts: [], payments: [{ op: "create", debtor: fee, creditor: "TREUR", currency: "eur", amount: 0.001 }] }))).toEqual({
      code: "validationError",
      field: "payments[0].amount",
      message: "payments[0]: amount must have at most 2 decimals",
    });
    expect(errorOf(applyFixture(ledger, { clients: [], accounts: [], payments: [{ op: "draft", transactions: [{ debtor: fee, creditor: "TREUR", currency: "eur", amount: 1 }, { debtor: fee, creditor: "TREUR", currency: "eur", amount: 1.001 }] }] }))).toEqual({
      code: "validationError",
      field: "payments[0].transactions[1].amount",
      message: "payments[0]: amount must have at most 2 decimals",
    });
    expect(ledger.getAccount(fee)!.balanceMinor).toBe(10_000);
  });

  it("drafts, pends and posts, or cancels, the payments it names", () => {
    const { ledger, treasury, fee } = twoAccounts();
    const draft = (paymentId: string) => ({ op: "draft" as const, paymentId, parentId: PARENT, parentType: "transfer" as const, transactions: [{ id: paymentId.replace("0a", "0c"), debtor: fee, creditor: "TREUR", currency: "eur" as const, amount: 10 }, { debtor: fee, creditor: treasury, currency: "eur" as const, amount: 0.5 }] });
    const result = must(applyFixture(ledger, {
      clients: [],
      accounts: [],
      payments: [draft(ID_A), draft(ID_B), { op: "pend", paymentIds: [ID_A, ID_B] }, { op: "post", paymentIds: [ID_A] }, { op: "cancel", paymentIds: [ID_B] }],
    }));
    const states = (id: string) => ledger.getPayment(id)!.transactions.map((t) => t.state);
    expect(states(ID_A)).toEqual(["posted", "posted"]);
    expect(states(ID_B)).toEqual(["canceled", "canceled"]);
    expect(ledger.getPayment(ID_A)!.transactions.map((t) => [t.id, t.amountMinor])).toEqual([["0c000000-0000-4000-8000-000000000001", 1000], [expect.any(String), 50]]);
    // Each step's payments, in order: two drafts, two pended, one posted, one canceled.
    expect(result.payments.map((p) => p.id)).toEqual([ID_A, ID_B, ID_A, ID_B, ID_A, ID_B]);
    expect(result.payments.map((p) => p.transactions[0]!.state)).toEqual(["draft", "draft", "pending", "pending", "posted", "canceled"]);
    expect(ledger.getAccount(fee)!.balanceMinor).toBe(10_000 - 1050);
  });

  it("pends without posting, and names a payment step's refusal", () => {
    const { ledger, fee } = twoAccounts();
    must(applyFixture(ledger, { clients: [], accounts: [], payments: [{ op: "draft", paymentId: ID_A, transactions: [{ debtor: fee, creditor: "TREUR", currency: "eur", amount: 10 }] }, { op: "pend", paymentIds: [ID_A] }] }));
    expect(ledger.getPayment(ID_A)!.transactions.map((t) => t.state)).toEqual(["pending"]);
    expect(ledger.getAccount(fee)).toMatchObject({ balanceMinor: 10_000, heldMinor: 1000 });
    const error = errorOf(applyFixture(ledger, { clients: [], accounts: [], payments: [{ op: "create", debtor: fee, creditor: "NOSUCH", currency: "eur", amount: 1 }] }));
    expect(error).toMatchObject({ code: "accountNotFound", field: "payments[0].creditorAccountNumber", message: "payments[0]: Account number NOSUCH not found" });
  });
});

describe("applyFixture's recipients", () => {
  const recipient = { name: "Landlord", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" as const };

  it("saves a client's recipient, visible unless told, and a system recipient, with fixed ids", () => {
    const ledger = emptyLedger();
    must(applyFixture(ledger, {
      clients: [{ id: ID_A, type: "individual", email: "a@example.com", country: "DE", status: "blocked" }],
      accounts: [],
      recipients: [
        { id: ID_B, clientId: ID_A, ...recipient, at: "2026-02-01T00:00:00Z" },
        { clientId: ID_A, ...recipient, currency: "usd", isVisible: false },
        { id: PARENT, clientId: null, ...recipient, name: "Tax office", isVisible: false },
      ],
    }));
    const seen = must(ledger.listRecipients(ID_A, {}, { page: 1, pageSize: 10 })).items;
    expect(seen.map((r) => [r.name, r.currency, r.clientId, r.isVisible])).toEqual([
      ["Landlord", "eur", ID_A, true],
      ["Landlord", "usd", ID_A, false],
      ["Tax office", "eur", null, true],
    ]);
    expect(must(ledger.getRecipient(ID_A, ID_B))).toMatchObject({ createdAt: Date.parse("2026-02-01T00:00:00Z") });
    expect(must(ledger.getRecipient(ID_A, PARENT)).clientId).toBeNull();
  });

  it("names a recipient step's refusal", () => {
    const ledger = emptyLedger();
    const error = errorOf(applyFixture(ledger, { clients: [], accounts: [], recipients: [{ clientId: null, ...recipient }, { clientId: ID_A, ...recipient }] }));
    expect(error).toMatchObject({ code: "clientNotFound", field: "recipients[1]", message: `recipients[1]: Client ${ID_A} was not found` });
    const bad = errorOf(applyFixture(ledger, { clients: [], accounts: [], recipients: [{ clientId: null, ...recipient, accountNumber: "x" }] }));
    expect(bad).toMatchObject({ code: "validationError", field: "recipients[0].accountNumber" });
  });
});
