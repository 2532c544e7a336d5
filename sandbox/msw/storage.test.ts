import { afterEach, describe, expect, it, vi } from "vitest";
import type { LedgerSnapshot } from "../core/index.js";
import { BROWSER_STATE_FORMAT, DEFAULT_STORAGE_KEY, openBrowserStore } from "./storage.js";
import { MemoryStorage } from "../../test/support/memory-storage.js";

// The store keeps whatever TenantHost.export() gives; its shape does not matter here.
const TENANTS = { default: { marker: 1 }, t2: { marker: 2 } } as unknown as Record<string, LedgerSnapshot>;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the browser store", () => {
  it("is off when persistence is not asked for, whatever storage there is", () => {
    expect(openBrowserStore(undefined)).toBeUndefined();
    expect(openBrowserStore(false)).toBeUndefined();
    vi.stubGlobal("localStorage", new MemoryStorage());
    expect(openBrowserStore(false)).toBeUndefined();
  });

  it("keeps every tenant as one document of its own format under the key finlego-sandbox, and reads them back", () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    expect([DEFAULT_STORAGE_KEY, BROWSER_STATE_FORMAT]).toEqual(["finlego-sandbox", "finlego-sandbox/browser-state@1"]);
    const store = openBrowserStore("localStorage")!;
    expect(store.read()).toBeUndefined();
    store.write(TENANTS);
    expect([...storage.items.keys()]).toEqual(["finlego-sandbox"]);
    expect(JSON.parse(storage.getItem("finlego-sandbox")!)).toEqual({ format: "finlego-sandbox/browser-state@1", tenants: TENANTS });
    expect(openBrowserStore({ storage: "localStorage" })!.read()).toEqual(TENANTS);
    store.clear();
    expect(storage.items.size).toBe(0);
  });

  it("uses the key it is given, in the storage it is given", () => {
    const local = new MemoryStorage();
    const session = new MemoryStorage();
    vi.stubGlobal("localStorage", local);
    vi.stubGlobal("sessionStorage", session);
    const store = openBrowserStore({ storage: "sessionStorage", key: "bank" })!;
    store.write(TENANTS);
    expect([[...session.items.keys()], local.items.size]).toEqual([["bank"], 0]);
    expect(openBrowserStore({ storage: "sessionStorage", key: "bank" })!.read()).toEqual(TENANTS);
    expect(openBrowserStore("sessionStorage")!.read()).toBeUndefined();
    store.clear();
    expect(session.items.size).toBe(0);
  });

  it("reads nothing from a value that is not its document: another format, or not JSON, even after it wrote one", () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    const store = openBrowserStore("localStorage")!;
    store.write(TENANTS);
    storage.setItem(DEFAULT_STORAGE_KEY, "not json");
    expect(store.read()).toBeUndefined();
    storage.setItem(DEFAULT_STORAGE_KEY, JSON.stringify({ format: "finlego-sandbox/browser-state@0", tenants: TENANTS }));
    expect(store.read()).toBeUndefined();
  });

  it("warns at the first write that does not fit, and only then", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubGlobal("sessionStorage", new MemoryStorage(10));
    const store = openBrowserStore("sessionStorage")!;
    store.write(TENANTS);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe("finlego-sandbox: the state could not be kept in sessionStorage (QuotaExceededError); it lasts until the page reloads");
    store.write(TENANTS);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("needs the storage to exist", () => {
    expect(() => openBrowserStore("sessionStorage")).toThrow("persist: sessionStorage is not available here; persistence needs a browser (or leave persist out)");
  });
});
