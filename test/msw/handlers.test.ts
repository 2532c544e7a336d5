// The MSW adapter's own behaviour: what it matches, what it passes on, its typed handle, its browser persistence.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { DEFAULT_BASE_URL, type MswSandbox } from "../../sandbox/msw/index.js";
import { BROWSER_STATE_FORMAT, DEFAULT_STORAGE_KEY } from "../../sandbox/msw/storage.js";
import { sharedFromFirstTest, validatedMswSandbox } from "../support/validated.js";
import { MemoryStorage } from "../support/memory-storage.js";

const EMMA_EUR = DEMO_IDS.accounts.emmaEur;
const LUKAS_EUR = DEMO_IDS.accounts.lukasEur;
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const payment = (amount: number) => JSON.stringify({ parentId: PARENT, parentType: "transfer", debtorAccountId: EMMA_EUR, creditorAccountId: LUKAS_EUR, currency: "eur", amount });
const json = { "content-type": "application/json" };

describe("the handlers under setupServer", () => {
  let upstream: Server;
  let upstreamUrl: string;
  const seen: string[] = [];
  const server = setupServer();
  // The handlers join the listening server in the first test (see sharedFromFirstTest).
  sharedFromFirstTest(() => server.use(...validatedMswSandbox({ baseUrl: "http://bank.test/api/", tenant: "shop", frozenAt: "2026-03-02T10:00:00Z" }).handlers));

  // eslint-disable-next-line no-restricted-syntax -- starts MSW and a plain upstream server; no sandbox code runs here
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      seen.push(req.url ?? "");
      res.end("upstream");
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    server.listen({ onUnhandledRequest: "bypass" });
  });
  afterAll(async () => {
    server.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it("serves the base URL and everything under it, with the base path removed, and HEAD like GET", async () => {
    expect((await fetch("http://bank.test/api/__sandbox/health")).status).toBe(200);
    const root = await fetch("http://bank.test/api");
    expect([root.status, (await root.json()).code]).toEqual([404, "routeNotFound"]);
    const list = await fetch("http://bank.test/api/v2/ledger/internal/Accounts?currency=eur&pageSize=1");
    expect((await list.json()).items).toHaveLength(1);
    const head = await fetch("http://bank.test/api/v2/ledger/internal/Accounts", { method: "HEAD" });
    expect([head.status, await head.text(), Number(head.headers.get("content-length"))]).toEqual([200, "", expect.any(Number)]);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(100);
  });

  it("passes on what is outside the base URL untouched: another origin, and a path that only starts like the base", async () => {
    expect(await (await fetch(`${upstreamUrl}/api/__sandbox/health`)).text()).toBe("upstream");
    await expect(fetch("http://bank.test/apix/__sandbox/health")).rejects.toThrow(TypeError);
    expect(seen).toEqual(["/api/__sandbox/health"]);
  });

  it("acts on the `tenant` option unless a request names its own tenant", async () => {
    expect((await fetch("http://bank.test/api/internal/Payments", { method: "POST", headers: json, body: payment(1) })).status).toBe(200);
    const tenants = await (await fetch("http://bank.test/api/__sandbox/tenants")).json();
    expect(tenants.map((t: { name: string }) => t.name)).toEqual(["default", "shop"]);
    const own = await (await fetch("http://bank.test/api/__sandbox/journal/count", { headers: { "x-sandbox-tenant": "other" } })).json();
    expect(own).toEqual({ count: 0 });
  });

  it("turns emptyResponse, like connectionReset, into a network error", async () => {
    const rule = { match: { operationId: "listAccounts" }, respond: { fault: "emptyResponse" }, times: 1 };
    expect((await fetch("http://bank.test/api/__sandbox/faults", { method: "POST", headers: json, body: JSON.stringify(rule) })).status).toBe(201);
    await expect(fetch("http://bank.test/api/v2/ledger/internal/Accounts")).rejects.toThrow(TypeError);
    expect((await fetch("http://bank.test/api/v2/ledger/internal/Accounts")).status).toBe(200);
  });
});

describe("the typed handle", () => {
  it("resets, seeds, sets the clock and adds fault rules in-process, with no handler listening", async () => {
    const sandbox = validatedMswSandbox();
    const bank = sandbox.client();
    expect((await sandbox.control.PUT("/__sandbox/clock", { body: { now: "2027-05-01T12:00:00.000Z", frozen: true } })).data?.now).toBe("2027-05-01T12:00:00.000Z");
    const made = await bank.POST("/internal/Payments", { body: JSON.parse(payment(5)) });
    expect(made.data?.transactions[0]?.createdDate).toBe("2027-05-01T12:00:00.000Z");
    await sandbox.control.POST("/__sandbox/faults", { body: { match: { operationId: "createPayment" }, respond: { status: 503 }, times: 1 } });
    expect((await bank.POST("/internal/Payments", { body: JSON.parse(payment(5)) })).response.status).toBe(503);
    expect((await sandbox.control.POST("/__sandbox/seed", { body: { fixture: "empty" } })).data).toEqual({ clients: 0, accounts: 10, payments: 0 });
    expect((await sandbox.control.POST("/__sandbox/reset", { body: { to: "seed" } })).data?.clients).toBe(4);
    expect((await bank.GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: EMMA_EUR } } })).data?.balance).toBe(2795.3);
    const asEmma = sandbox.client({ token: DEMO_IDS.clients.emmaSchneider });
    expect((await asEmma.GET("/Accounts")).response.status).toBe(200);
  });

  it("serves its clients at DEFAULT_BASE_URL by default, and refuses a frozenAt that is not a date or a relative base URL outside a page", () => {
    expect(DEFAULT_BASE_URL).toBe("http://127.0.0.1:4010");
    expect(() => validatedMswSandbox({ frozenAt: "soon" })).toThrow(/frozenAt: soon is not a date-time/);
    expect(() => validatedMswSandbox({ baseUrl: "/api" })).toThrow(/baseUrl "\/api" is relative and there is no page to resolve it against/);
  });
});

describe("browser persistence", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
  const balanceOf = async (sandbox: MswSandbox, tenant?: string) =>
    (await sandbox.client(tenant === undefined ? {} : { tenant }).GET("/v2/ledger/internal/Accounts/{accountId}", { params: { path: { accountId: EMMA_EUR } } })).data?.balance;

  it("keeps every tenant's ledger across a reload, written before the answer; clearPersisted starts over", async () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    const first = validatedMswSandbox({ persist: "localStorage" });
    await first.client().POST("/internal/Payments", { body: JSON.parse(payment(100)) });
    await first.client({ tenant: "t2" }).POST("/internal/Payments", { body: JSON.parse(payment(0.3)) });
    expect(JSON.parse(storage.getItem(DEFAULT_STORAGE_KEY)!).format).toBe(BROWSER_STATE_FORMAT);

    const reloaded = validatedMswSandbox({ persist: "localStorage" });
    expect([await balanceOf(reloaded), await balanceOf(reloaded, "t2")]).toEqual([2695.3, 2795]);
    reloaded.clearPersisted();
    expect(storage.getItem(DEFAULT_STORAGE_KEY)).toBeNull();
    expect(await balanceOf(validatedMswSandbox({ persist: "localStorage" }))).toBe(2795.3);
  });

  it("keeps a reset too, and uses sessionStorage under its own key when told", async () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("sessionStorage", storage);
    const persist = { storage: "sessionStorage", key: "bank" } as const;
    const first = validatedMswSandbox({ persist });
    await first.client().POST("/internal/Payments", { body: JSON.parse(payment(5)) });
    expect(await balanceOf(validatedMswSandbox({ persist }))).toBe(2790.3);
    await first.control.POST("/__sandbox/reset", { body: { to: "empty" } });
    const afterReset = await validatedMswSandbox({ persist }).client().GET("/v2/ledger/internal/Accounts", { params: { query: { pageSize: 100 } } });
    expect(afterReset.data?.items.every((a) => a.type === "treasury")).toBe(true);
    expect(storage.getItem(DEFAULT_STORAGE_KEY)).toBeNull();
  });

  it("starts from the seed with a warning when the kept state does not import, or is not ours", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    storage.setItem(DEFAULT_STORAGE_KEY, JSON.stringify({ format: BROWSER_STATE_FORMAT, tenants: { default: { format: "nonsense" } } }));
    expect(await balanceOf(validatedMswSandbox({ persist: "localStorage" }))).toBe(2795.3);
    expect(warn.mock.calls[0]?.[0]).toMatch(/the kept state does not import/);
    expect(storage.getItem(DEFAULT_STORAGE_KEY)).toBeNull();
    storage.setItem(DEFAULT_STORAGE_KEY, "not json");
    expect(await balanceOf(validatedMswSandbox({ persist: "localStorage" }))).toBe(2795.3);
  });

  it("answers on when the storage is full, warning once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("localStorage", new MemoryStorage(10));
    const sandbox = validatedMswSandbox({ persist: "localStorage" });
    const made = await sandbox.client().POST("/internal/Payments", { body: JSON.parse(payment(5)) });
    await sandbox.client().POST("/internal/Payments", { body: JSON.parse(payment(5)) });
    expect(made.response.status).toBe(200);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/could not be kept in localStorage/);
  });

  it("says persistence needs a browser when the storage does not exist", () => {
    expect(() => validatedMswSandbox({ persist: "localStorage" })).toThrow(/localStorage is not available here/);
  });
});
