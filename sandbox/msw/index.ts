/**
 * The MSW adapter: the sandbox's HTTP entry as MSW request handlers, for `setupWorker` in a browser and
 * `setupServer` in Node tests. One handler serves everything under the base URL through the entry's Fetch
 * face; the control API is there too (`<baseUrl>/__sandbox/...`). Requests elsewhere are not matched, so MSW
 * passes them through as its `onUnhandledRequest` option says.
 */
import { http, type HttpHandler } from "msw";
import { createSandboxControlClient, createFinlegoClient, type FinlegoClient, type SandboxControlClient } from "../../client/index.js";
import { createHttpEntry, fetchHandler, handleFetch, TenantHost, type FetchHandler, type HttpEntry, type SandboxStateOptions } from "../http/index.js";

import { openBrowserStore, type BrowserStore, type PersistOption } from "./storage.js";

/** The base URL the handlers serve when none is given: where the sandbox server listens by default. */
export const DEFAULT_BASE_URL = "http://127.0.0.1:4010";

/** How the handlers' sandbox starts. */
export interface MswSandboxOptions {
  /** Where the API is mocked, e.g. `https://bank.example/api` or `/api` (the page's origin); default DEFAULT_BASE_URL. */
  baseUrl?: string;
  /** Seed of the id generator (default 1): same seed and same requests give the same ids. */
  seed?: number;
  /** The tenant requests act on when they send no `X-Sandbox-Tenant` (default: the default tenant). */
  tenant?: string;
  /** Freeze every tenant's clock at this instant (ISO 8601 or epoch ms); default: the wall clock. */
  frozenAt?: string | number;
  /** Keep the tenants' ledgers in the browser's storage across reloads (see storage.ts); default: not kept. */
  persist?: PersistOption;
  /** Check every answer against the spec (tests); an answer that breaks it becomes a 500. */
  validateResponses?: boolean;
}

/** The handlers and a typed handle on the same sandbox, for tests to drive it without a request going out. */
export interface MswSandbox {
  /** Spread them into `setupServer(...)` or `setupWorker(...)`. */
  handlers: HttpHandler[];
  /** The control API (`/__sandbox/...`), typed by its spec and served in-process: reset, seed, clock, faults, journal. */
  control: SandboxControlClient;
  /** A FinLego client served in-process; `token` is the FrontOffice client's id. */
  client(options?: { token?: string; tenant?: string }): FinlegoClient;
  /** The entry itself, for what the clients do not reach. */
  entry: HttpEntry;
  /** Forgets the kept state (when `persist` is on): the next page load starts from the seed. */
  clearPersisted(): void;
}

/** The MSW request handlers: `setupServer(...createHandlers({ baseUrl }))`. */
export function createHandlers(options: MswSandboxOptions = {}): HttpHandler[] {
  return createMswSandbox(options).handlers;
}

/** The handlers plus a typed handle on the sandbox they serve. */
export function createMswSandbox(options: MswSandboxOptions = {}): MswSandbox {
  const base = baseUrlOf(options.baseUrl ?? DEFAULT_BASE_URL);
  const basePath = base.pathname.replace(/\/+$/, "");
  const origin = base.origin;
  const frozenAt = options.frozenAt === undefined ? undefined : new Date(options.frozenAt).getTime();
  if (frozenAt !== undefined && !Number.isSafeInteger(frozenAt)) throw new RangeError(`frozenAt: ${String(options.frozenAt)} is not a date-time`);
  const state: SandboxStateOptions = { ...(options.seed !== undefined && { seed: options.seed }), ...(frozenAt !== undefined && { frozenAt }) };
  const store = openBrowserStore(options.persist);
  const host = restoredHost(state, store);
  const entry = createHttpEntry({
    host,
    ...(options.validateResponses !== undefined && { validateResponses: options.validateResponses }),
    ...(store && { onCommit: () => store.write(host.export()) }),
  });
  const face = { basePath, ...(options.tenant !== undefined && { tenant: options.tenant }) };
  const mounted = `${origin}${basePath}`;
  // A RegExp so that the base URL itself, any path under it and any query match, and nothing beside it.
  // A broken connection is answered as Response.error(), which MSW turns into a network error.
  const handler = http.all(new RegExp(`^${escapeRegExp(mounted)}(?:[/?#]|$)`), ({ request }) => handleFetch(entry, request, face));
  const inProcess: FetchHandler = fetchHandler(entry, face);
  const clientOf = (tenant = options.tenant, token?: string) => ({ baseUrl: mounted, fetch: inProcess, ...(tenant !== undefined && { tenant }), ...(token !== undefined && { token }) });
  return {
    handlers: [handler],
    control: createSandboxControlClient(clientOf()),
    client: (o = {}) => createFinlegoClient(clientOf(o.tenant ?? options.tenant, o.token)),
    entry,
    clearPersisted: () => store?.clear(),
  };
}

/** The base URL, resolved against the page in a browser; a relative one with no page to resolve it against is refused. */
function baseUrlOf(baseUrl: string): URL {
  const page = globalThis.location?.href;
  if (page === undefined && !URL.canParse(baseUrl)) throw new TypeError(`baseUrl "${baseUrl}" is relative and there is no page to resolve it against; give an absolute URL`);
  return new URL(baseUrl, page);
}

// The kept tenants, or the seed when nothing is kept or what is kept no longer imports (then it is forgotten).
function restoredHost(state: SandboxStateOptions, store: BrowserStore | undefined): TenantHost {
  const snapshots = store?.read();
  if (store === undefined || snapshots === undefined) return new TenantHost({ state });
  try {
    return new TenantHost({ state, snapshots });
  } catch (error) {
    console.warn(`finlego-sandbox: the kept state does not import (${error instanceof Error ? error.message : String(error)}); starting from the seed`);
    store.clear();
    return new TenantHost({ state });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type { PersistOption } from "./storage.js";
