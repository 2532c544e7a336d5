// The MSW adapter's options, seen through its handlers (MSW's getResponse: no server, no network) and its typed handle.
import { getResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { validatedHandlers, validatedMswSandbox } from "../../test/support/validated.js";
import { DEMO_IDS } from "../core/index.js";
import { BROWSER_STATE_FORMAT, DEFAULT_STORAGE_KEY } from "./storage.js";
import type { MswSandbox } from "./index.js";
import { MemoryStorage } from "../../test/support/memory-storage.js";

const MARCH = "2026-03-02T10:00:00.000Z";
const payment = (amount: number) => ({ parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43", parentType: "transfer" as const, debtorAccountId: DEMO_IDS.accounts.emmaEur, creditorAccountId: DEMO_IDS.accounts.lukasEur, currency: "eur" as const, amount });
const json = { "content-type": "application/json" };
const answer = (sandbox: MswSandbox, url: string, init?: RequestInit) => getResponse(sandbox.handlers, new Request(url, init));
const clockOf = async (sandbox: MswSandbox) => (await sandbox.control.GET("/__sandbox/clock")).data;
const tenantsOf = async (sandbox: MswSandbox) => (await sandbox.control.GET("/__sandbox/tenants")).data?.map((t) => t.name);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("createHandlers", () => {
  it("gives the handlers of a sandbox of its own with the same options: the API under baseUrl, each call the same state", async () => {
    const handlers = validatedHandlers({ baseUrl: "https://bank.example/api", frozenAt: MARCH });
    const clock = await getResponse(handlers, new Request("https://bank.example/api/__sandbox/clock"));
    expect(clock?.status).toBe(200);
    expect(((await clock!.json()) as { now: string }).now).toBe(MARCH);
    const created = await getResponse(handlers, new Request("https://bank.example/api/internal/Payments", { method: "POST", headers: json, body: JSON.stringify(payment(1.25)) }));
    expect(created?.status).toBe(200);
    const { paymentId } = (await created!.json()) as { paymentId: string };
    const post = (on: typeof handlers) => getResponse(on, new Request(`https://bank.example/api/internal/Payments/${paymentId}/post`, { method: "POST", headers: json, body: "{}" }));
    // The payment exists here (create posted it, so posting again is refused), and in no other sandbox.
    expect((await post(handlers))?.status).toBe(422);
    // Nothing outside baseUrl, and another call of createHandlers is another sandbox.
    expect(await getResponse(handlers, new Request("https://bank.example/__sandbox/clock"))).toBeUndefined();
    expect((await post(validatedHandlers({ baseUrl: "https://bank.example/api" })))?.status).toBe(404);
  });
});

describe("the MSW sandbox's options", () => {
  it("seed: the same seed gives the same ids, another seed other ids", async () => {
    const idOf = async (sandbox: MswSandbox) => (await sandbox.client().POST("/internal/Payments", { body: payment(1) })).data?.paymentId;
    const seven = await idOf(validatedMswSandbox({ seed: 7 }));
    expect(seven).toMatch(/^[0-9a-f-]{36}$/);
    expect(await idOf(validatedMswSandbox({ seed: 7 }))).toBe(seven);
    expect(await idOf(validatedMswSandbox({ seed: 8 }))).not.toBe(seven);
    expect(await idOf(validatedMswSandbox())).toBe(await idOf(validatedMswSandbox({ seed: 1 })));
  });

  it("frozenAt: every tenant's clock stands at that instant, given as ISO 8601 or epoch ms", async () => {
    expect(await clockOf(validatedMswSandbox({ frozenAt: MARCH }))).toEqual({ now: MARCH, frozen: true });
    const fromMs = validatedMswSandbox({ frozenAt: Date.parse(MARCH) });
    expect(await clockOf(fromMs)).toEqual({ now: MARCH, frozen: true });
    const other = await fromMs.control.GET("/__sandbox/clock", { params: { header: { "X-Sandbox-Tenant": "other" } } });
    expect(other.data).toEqual({ now: MARCH, frozen: true });
    expect((await clockOf(validatedMswSandbox()))?.frozen).toBe(false);
  });

  it("tenant: a request through the handlers that names no tenant acts on it, one that names its own acts on that", async () => {
    const sandbox = validatedMswSandbox({ baseUrl: "http://bank.test/api", tenant: "shop" });
    const made = await answer(sandbox, "http://bank.test/api/internal/Payments", { method: "POST", headers: json, body: JSON.stringify(payment(1)) });
    expect(made?.status).toBe(200);
    expect(await tenantsOf(sandbox)).toEqual(["default", "shop"]);
    const inDefault = await answer(sandbox, "http://bank.test/api/__sandbox/journal/count", { headers: { "x-sandbox-tenant": "default" } });
    expect(await inDefault?.json()).toEqual({ count: 0 });
    const inShop = await sandbox.control.GET("/__sandbox/journal/count", { params: { header: { "X-Sandbox-Tenant": "shop" } } });
    expect(inShop.data).toEqual({ count: 1 });
    const own = await answer(sandbox, "http://bank.test/api/__sandbox/journal/count");
    expect(await own?.json()).toEqual({ count: 1 });
  });

  it("baseUrl: the handlers answer under it, trailing slashes or not, and nothing beside it", async () => {
    const sandbox = validatedMswSandbox({ baseUrl: "http://bank.test/api//" });
    expect((await answer(sandbox, "http://bank.test/api/__sandbox/health"))?.status).toBe(200);
    expect((await answer(sandbox, "http://bank.test/api?x=1"))?.status).toBe(404);
    expect(await answer(sandbox, "http://bank.test/apix/__sandbox/health")).toBeUndefined();
    expect(await answer(sandbox, "http://other.test/api/__sandbox/health")).toBeUndefined();
    expect(await answer(sandbox, "http://bank.test/__sandbox/health")).toBeUndefined();
    expect(await answer(validatedMswSandbox(), "http://127.0.0.1:4010/__sandbox/health").then((r) => r?.status)).toBe(200);
  });

  it("baseUrl: a path is taken relative to the page in a browser", async () => {
    vi.stubGlobal("location", { href: "http://page.test/app/index.html" });
    const sandbox = validatedMswSandbox({ baseUrl: "/api" });
    expect((await answer(sandbox, "http://page.test/api/__sandbox/health"))?.status).toBe(200);
    expect(await answer(sandbox, "http://page.test/app/api/__sandbox/health")).toBeUndefined();
    expect((await sandbox.control.GET("/__sandbox/health")).response.status).toBe(200);
  });

  it("persist left out: nothing is kept, and clearPersisted has nothing to forget", async () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    const sandbox = validatedMswSandbox();
    await sandbox.client().POST("/internal/Payments", { body: payment(1) });
    expect(storage.getItem(DEFAULT_STORAGE_KEY)).toBeNull();
    expect(() => sandbox.clearPersisted()).not.toThrow();
  });

  it("persist with a kept state that does not import: the seed, with the sandbox's own seed and frozen clock", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    storage.setItem(DEFAULT_STORAGE_KEY, JSON.stringify({ format: BROWSER_STATE_FORMAT, tenants: { default: { format: "nonsense" } } }));
    const sandbox = validatedMswSandbox({ persist: "localStorage", frozenAt: MARCH, seed: 7 });
    expect(await clockOf(sandbox)).toEqual({ now: MARCH, frozen: true });
    const id = (await sandbox.client().POST("/internal/Payments", { body: payment(1) })).data?.paymentId;
    expect(id).toBe((await validatedMswSandbox({ seed: 7 }).client().POST("/internal/Payments", { body: payment(1) })).data?.paymentId);
  });
});
