/**
 * Browser persistence for the MSW adapter: every tenant's ledger in localStorage or sessionStorage through
 * lowdb, written after each request that changed a state and before its answer is returned, so a reload
 * keeps whatever the page was told. It keeps what the server's state document keeps (ledgers; not fault
 * rules, the journal or clocks), in the same shape (`TenantHost.export()`). Each write serialises every
 * tenant (about 21 KB for the demo data, growing with each payment): fine for a page someone clicks through,
 * and bounded by the storage quota (about 5 MB), past which the page goes on unpersisted with one warning.
 */
import { LowSync } from "lowdb";
import { LocalStorage, SessionStorage } from "lowdb/browser";
import type { LedgerSnapshot } from "../core/index.js";

/** The storage key when none is given. */
export const DEFAULT_STORAGE_KEY = "finlego-sandbox";

/** The format of the stored document; another one is ignored (and overwritten) rather than misread. */
export const BROWSER_STATE_FORMAT = "finlego-sandbox/browser-state@1";

/** Where to keep the state: a storage name, or one with the key to keep it under. */
export type PersistOption = false | "localStorage" | "sessionStorage" | { storage: "localStorage" | "sessionStorage"; key?: string };

interface BrowserState {
  format: typeof BROWSER_STATE_FORMAT;
  tenants: Record<string, LedgerSnapshot>;
}

/** The opened store: the kept tenants, a write of all of them, and forgetting them. */
export interface BrowserStore {
  read(): Record<string, LedgerSnapshot> | undefined;
  write(tenants: Record<string, LedgerSnapshot>): void;
  clear(): void;
}

/** Opens the storage `persist` names; undefined when persistence is off. */
export function openBrowserStore(persist: PersistOption | undefined): BrowserStore | undefined {
  if (persist === undefined || persist === false) return undefined;
  const kind = typeof persist === "string" ? persist : persist.storage;
  const key = (typeof persist === "object" && persist.key) || DEFAULT_STORAGE_KEY;
  if (typeof globalThis[kind] === "undefined") throw new Error(`persist: ${kind} is not available here; persistence needs a browser (or leave persist out)`);
  const db = new LowSync<BrowserState | null>(kind === "localStorage" ? new LocalStorage(key) : new SessionStorage(key), null);
  let warned = false;
  return {
    read() {
      try {
        db.read();
      } catch {
        return undefined; // Not JSON: someone else's value under our key; it is replaced on the first write.
      }
      return db.data?.format === BROWSER_STATE_FORMAT ? db.data.tenants : undefined;
    },
    write(tenants) {
      db.data = { format: BROWSER_STATE_FORMAT, tenants };
      try {
        db.write();
      } catch (error) {
        // A full storage (quota) must not fail the request that was answered: the page goes on unpersisted.
        if (!warned) console.warn(`finlego-sandbox: the state could not be kept in ${kind} (${error instanceof Error ? error.message : String(error)}); it lasts until the page reloads`);
        warned = true;
      }
    },
    clear() {
      globalThis[kind].removeItem(key);
    },
  };
}
