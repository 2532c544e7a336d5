import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { SandboxState, TenantHost, type HttpEntry } from "../../sandbox/http/index.js";
import { tenantIdSeed } from "../../sandbox/http/tenants.js";
import { testSandbox, type CallOptions, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";
import { validatedEntry } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const A = DEMO_IDS.accounts;
const TREASURY_EUR = DEMO_IDS.treasury.eur;

let sandbox: TestSandbox;
beforeEach(() => {
  sandbox = testSandbox();
});

const as = (tenant: string | undefined, options: CallOptions = {}): CallOptions =>
  tenant === undefined ? options : { ...options, headers: { ...options.headers, "x-sandbox-tenant": tenant } };
const pay = (tenant: string | undefined, from: string, to: string, amount: number) =>
  sandbox.call("POST", "/internal/Payments", as(tenant, { body: { parentId: PARENT, parentType: "transfer", debtorAccountId: from, creditorAccountId: to, currency: "eur", amount } }));
const balanceIn = async (tenant: string | undefined, id: string) => (await sandbox.call("GET", `/v2/ledger/internal/Accounts/${id}`, as(tenant))).json.balance as number;
const ledgerOf = async (tenant: string | undefined) => JSON.stringify((await sandbox.call("GET", "/__sandbox/snapshot", as(tenant))).json.ledger);

/** A second entry over a host that holds at most `maxTenants` tenants, the default one included. */
function limitedEntry(maxTenants: number): HttpEntry {
  return validatedEntry({ host: new TenantHost({ maxTenants }) });
}
const get = (entry: HttpEntry, path: string, tenant?: string) =>
  entry.handle({ method: "GET", path, query: "", headers: tenant === undefined ? {} : { "x-sandbox-tenant": tenant } });

describe("tenants are isolated", () => {
  it("starts every new tenant from the seed, with ids drawn from the seed mixed with the tenant's name", async () => {
    const seededAs = (name: string) => JSON.stringify(new SandboxState({ seed: tenantIdSeed(1, name) }).export());
    expect(await ledgerOf("team-a")).toBe(seededAs("team-a"));
    expect(await ledgerOf("team-b")).toBe(seededAs("team-b"));
    expect(await ledgerOf(undefined)).toBe(JSON.stringify(new SandboxState().export()));
    // Changing the default tenant first does not change what a new tenant starts from.
    expect((await pay(undefined, TREASURY_EUR, A.emmaEur, 10)).status).toBe(200);
    expect(await ledgerOf("team-c")).toBe(seededAs("team-c"));
  });

  it("gives an account created in one tenant an id and number no other tenant knows, the same run after run", async () => {
    const open = (tenant: string | undefined) =>
      sandbox.call("POST", "/v2/internal/Accounts", as(tenant, { body: { currency: "eur", type: "fee", name: "Fees" } }));
    const inX = await open("x");
    const inDefault = await open(undefined);
    expect([inX.status, inDefault.status]).toEqual([200, 200]);
    expect(inX.json.id).not.toBe(inDefault.json.id);
    expect(inX.json.accountNumber).not.toBe(inDefault.json.accountNumber);
    // Forgetting the tenant header is a 404, not someone else's account.
    const forgot = await sandbox.call("GET", `/v2/ledger/internal/Accounts/${inX.json.id}`);
    expect([forgot.status, forgot.json.code]).toEqual([404, "accountNotFound"]);
    // Deterministic: a fresh sandbox with the same seed gives tenant x the same id again.
    const again = testSandbox();
    const inXAgain = await again.call("POST", "/v2/internal/Accounts", as("x", { body: { currency: "eur", type: "fee", name: "Fees" } }));
    expect(inXAgain.json.id).toBe(inX.json.id);
    // Tenant names are case-sensitive: X is another tenant, with other ids.
    const inUpperX = await open("X");
    expect(inUpperX.json.id).not.toBe(inX.json.id);
    expect((await sandbox.call("GET", `/v2/ledger/internal/Accounts/${inX.json.id}`, as("X"))).status).toBe(404);
  });

  it("never shows one tenant's payments, fault rules, journal or clock to another", async () => {
    const made = await pay("team-a", TREASURY_EUR, A.emmaEur, 25);
    expect(made.status).toBe(200);
    const { paymentId } = made.json;
    const find = async (tenant: string | undefined) => (await sandbox.call("GET", "/internal/Transactions", as(tenant, { query: { paymentId } }))).json.items.length;
    expect([await find("team-a"), await find("team-b"), await find(undefined)]).toEqual([1, 0, 0]);
    expect((await balanceIn("team-a", A.emmaEur)) - (await balanceIn("team-b", A.emmaEur))).toBe(25);

    await sandbox.call("POST", "/__sandbox/faults", as("team-a", { body: { match: { operationId: "listAccounts" }, respond: { status: 503 } } }));
    expect((await sandbox.call("GET", "/__sandbox/faults", as("team-a"))).json).toHaveLength(1);
    expect((await sandbox.call("GET", "/__sandbox/faults", as("team-b"))).json).toEqual([]);
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", as("team-a"))).status).toBe(503);
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", as("team-b"))).status).toBe(200);

    const journal = async (tenant: string | undefined) => (await sandbox.call("GET", "/__sandbox/journal", as(tenant))).json.entries.map((e: Json) => e.operationId);
    expect(await journal("team-a")).toEqual(["createPayment", "listTransactions", "getLedgerAccount", "listAccounts"]);
    expect(await journal("team-b")).toEqual(["listTransactions", "getLedgerAccount", "listAccounts"]);
    expect(await journal(undefined)).toEqual(["listTransactions"]);

    await sandbox.call("PUT", "/__sandbox/clock", as("team-a", { body: { now: "2027-07-07T07:07:07Z", frozen: true } }));
    expect((await sandbox.call("GET", "/__sandbox/clock", as("team-a"))).json.now).toBe("2027-07-07T07:07:07.000Z");
    expect((await sandbox.call("GET", "/__sandbox/clock", as("team-b"))).json.now).not.toBe("2027-07-07T07:07:07.000Z");
    expect((await sandbox.call("GET", "/__sandbox/clock")).json).toEqual({ now: "2026-03-02T10:00:00.000Z", frozen: true });
    const later = await pay("team-a", TREASURY_EUR, A.emmaEur, 1);
    expect(later.json.transactions[0].createdDate).toBe("2027-07-07T07:07:07.000Z");
    expect((await pay(undefined, TREASURY_EUR, A.emmaEur, 1)).json.transactions[0].createdDate).toBe("2026-03-02T10:00:00.000Z");
  });

  it("keeps both tenants' ledgers exactly as their own requests predict under 200 interleaved concurrent requests", async () => {
    type Step = { tenant: "team-a" | "team-b"; kind: "in" | "out" | "read"; cents: number };
    const step = fc.record({ tenant: fc.constantFrom<"team-a" | "team-b">("team-a", "team-b"), kind: fc.constantFrom<"in" | "out" | "read">("in", "out", "read"), cents: fc.integer({ min: 1, max: 500 }) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 200, maxLength: 200 }), async (steps: Step[]) => {
        const tenants = [`a-${run}`, `b-${run}`] as const;
        run++;
        const name = (t: Step["tenant"]) => (t === "team-a" ? tenants[0] : tenants[1]);
        const start = { emma: await balanceIn(tenants[0], A.emmaEur), lukas: await balanceIn(tenants[0], A.lukasEur), treasury: await balanceIn(tenants[0], TREASURY_EUR) };
        expect(await balanceIn(tenants[1], A.emmaEur)).toBe(start.emma);

        const replies = await Promise.all(
          steps.map((s) =>
            s.kind === "in"
              ? pay(name(s.tenant), TREASURY_EUR, A.emmaEur, s.cents / 100)
              : s.kind === "out"
                ? pay(name(s.tenant), A.emmaEur, A.lukasEur, s.cents / 100)
                : sandbox.call("GET", `/v2/ledger/internal/Accounts/${A.emmaEur}`, as(name(s.tenant))),
          ),
        );
        // At most 200 * 5.00 eur leave Emma, far less than her seeded balance: every request succeeds.
        expect(replies.every((r) => r.status === 200)).toBe(true);
        for (const tenant of ["team-a", "team-b"] as const) {
          const mine = steps.filter((s) => s.tenant === tenant);
          const cents = (kind: Step["kind"]) => mine.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.cents, 0);
          const [inCents, outCents] = [cents("in"), cents("out")];
          const expected = {
            emma: Math.round(start.emma * 100 + inCents - outCents),
            lukas: Math.round(start.lukas * 100 + outCents),
            treasury: Math.round(start.treasury * 100 - inCents),
          };
          const actual = {
            emma: Math.round((await balanceIn(name(tenant), A.emmaEur)) * 100),
            lukas: Math.round((await balanceIn(name(tenant), A.lukasEur)) * 100),
            treasury: Math.round((await balanceIn(name(tenant), TREASURY_EUR)) * 100),
          };
          expect(actual, tenant).toEqual(expected);
          const payments = (await sandbox.call("GET", "/__sandbox/tenants")).json.find((t: Json) => t.name === name(tenant)).payments;
          expect(payments, tenant).toBe(14 + mine.filter((s) => s.kind !== "read").length);
        }
        // The default tenant saw none of it.
        expect(await balanceIn(undefined, A.emmaEur)).toBe(start.emma);
      }),
      { numRuns: 4 },
    );
  });
});

describe("tenant names and the tenant limit", () => {
  it("refuses a malformed tenant name with 400 invalidTenant on FinLego and control routes, creating no tenant", async () => {
    for (const bad of ["team a", "-team", ".hidden", "a".repeat(65), "équipe", "a/b"]) {
      for (const path of ["/internal/Transactions", "/__sandbox/health"]) {
        const reply = await sandbox.call("GET", path, as(bad));
        expect([reply.status, reply.json.code], `${bad} on ${path}`).toEqual([400, "invalidTenant"]);
        expect(Object.keys(reply.json.errors)).toEqual(["X-Sandbox-Tenant"]);
      }
    }
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", as("a".repeat(64)))).status).toBe(200);
    expect((await sandbox.call("GET", "/v2/ledger/internal/Accounts", as("9.team_B-1"))).status).toBe(200);
    expect((await sandbox.call("GET", "/__sandbox/tenants")).json.map((t: Json) => t.name)).toEqual(["default", "a".repeat(64), "9.team_B-1"]);
  });

  it("refuses a new tenant beyond maxTenants (the default one counts) with 503 tenantLimitReached until one is deleted", async () => {
    const entry = limitedEntry(3);
    expect((await get(entry, "/v2/ledger/internal/Accounts", "one")).status).toBe(200);
    expect((await get(entry, "/v2/ledger/internal/Accounts", "two")).status).toBe(200);
    for (const path of ["/v2/ledger/internal/Accounts", "/__sandbox/health"]) {
      const refused = await get(entry, path, "three");
      expect(refused.status, path).toBe(503);
      expect(JSON.parse(refused.body!).code).toBe("tenantLimitReached");
      expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    }
    // Tenants that live go on being served, and the refusal created nothing.
    expect((await get(entry, "/v2/ledger/internal/Accounts", "one")).status).toBe(200);
    expect(entry.host.list().map((t) => t.name)).toEqual(["default", "one", "two"]);

    const deleted = await entry.handle({ method: "DELETE", path: "/__sandbox/tenants/one", query: "", headers: {} });
    expect(deleted.status).toBe(204);
    expect((await get(entry, "/v2/ledger/internal/Accounts", "three")).status).toBe(200);
    expect((await get(entry, "/v2/ledger/internal/Accounts", "one")).status).toBe(503);
  });

  it("lists the live tenants, default first, with the size of each one's ledger", async () => {
    await pay("team-a", TREASURY_EUR, A.emmaEur, 1);
    await sandbox.call("POST", "/__sandbox/reset", as("team-b", { body: { to: "empty" } }));
    const tenants = await sandbox.call("GET", "/__sandbox/tenants");
    expect(tenants.json).toEqual([
      { name: "default", clients: 4, accounts: 31, payments: 14 },
      { name: "team-a", clients: 4, accounts: 31, payments: 15 },
      { name: "team-b", clients: 0, accounts: 10, payments: 0 },
    ]);
  });

  // README.md (Tenants) and docs/decisions/006-control-api.md: tenant names are case-sensitive.
  it("tells tenant names apart by case: Shop and shop are two tenants, and Default is not the default tenant", async () => {
    await pay("shop", TREASURY_EUR, A.emmaEur, 7);
    expect(await balanceIn("shop", A.emmaEur)).toBe((await balanceIn(undefined, A.emmaEur)) + 7);
    expect(await balanceIn("Shop", A.emmaEur)).toBe(await balanceIn(undefined, A.emmaEur));
    await pay("Default", TREASURY_EUR, A.emmaEur, 1);
    expect(await balanceIn("Default", A.emmaEur)).toBe((await balanceIn(undefined, A.emmaEur)) + 1);
    expect((await sandbox.call("GET", "/__sandbox/tenants")).json.map((t: Json) => t.name)).toEqual(["default", "shop", "Shop", "Default"]);
    expect((await sandbox.call("DELETE", "/__sandbox/tenants/SHOP")).json.code).toBe("tenantNotFound");
    expect((await sandbox.call("DELETE", "/__sandbox/tenants/Shop")).status).toBe(204);
    expect((await sandbox.call("GET", "/__sandbox/tenants")).json.map((t: Json) => t.name)).toEqual(["default", "shop", "Default"]);
  });

  it("forgets a deleted tenant, which comes back fresh from the seed, resets the default tenant instead, and 404s an unknown one", async () => {
    const seeded = JSON.stringify(new SandboxState().export());
    const seededA = JSON.stringify(new SandboxState({ seed: tenantIdSeed(1, "team-a") }).export());
    await pay("team-a", TREASURY_EUR, A.emmaEur, 7);
    await sandbox.call("POST", "/__sandbox/faults", as("team-a", { body: { match: { method: "GET" }, respond: { status: 503 } } }));
    expect((await sandbox.call("DELETE", "/__sandbox/tenants/team-a")).status).toBe(204);
    expect((await sandbox.call("GET", "/__sandbox/tenants")).json.map((t: Json) => t.name)).toEqual(["default"]);
    expect(await ledgerOf("team-a")).toBe(seededA);
    expect((await sandbox.call("GET", "/__sandbox/faults", as("team-a"))).json).toEqual([]);

    await pay(undefined, TREASURY_EUR, A.emmaEur, 7);
    await sandbox.call("POST", "/__sandbox/faults", { body: { match: { operationId: "listAccounts" }, respond: { status: 503 } } });
    expect((await sandbox.call("DELETE", "/__sandbox/tenants/default", as("team-a"))).status).toBe(204);
    expect(await ledgerOf(undefined)).toBe(seeded);
    expect((await sandbox.call("GET", "/__sandbox/faults")).json).toEqual([]);
    expect((await sandbox.call("GET", "/__sandbox/journal/count")).json.count).toBe(0);
    expect((await sandbox.call("GET", "/__sandbox/tenants")).json.map((t: Json) => t.name)).toEqual(["default", "team-a"]);

    const unknown = await sandbox.call("DELETE", "/__sandbox/tenants/team-z");
    expect([unknown.status, unknown.json.code]).toEqual([404, "tenantNotFound"]);
  });
});
