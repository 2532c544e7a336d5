/**
 * The typed FinLego client: openapi-fetch over the types openapi-typescript generates from
 * openapi/finlego.yaml, with the sandbox's conventions (bearer token, tenant header) built in.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/finlego.js";
import type { paths as SandboxControlPaths } from "./generated/sandbox-control.js";

export type { paths, components, operations } from "./generated/finlego.js";
export type {
  paths as SandboxControlPaths,
  components as SandboxControlComponents,
  operations as SandboxControlOperations,
} from "./generated/sandbox-control.js";

/** The header that selects an isolated sandbox state (tenant). */
export const TENANT_HEADER = "X-Sandbox-Tenant";

/** Options shared by the FinLego and sandbox-control clients. */
export interface FinlegoClientOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Bearer token for FrontOffice routes; in the sandbox it is the current client's id. */
  token?: string;
  /** Sandbox tenant sent as `X-Sandbox-Tenant`, so parallel test runs never share state. */
  tenant?: string;
  /**
   * The fetch to use. By default `globalThis.fetch` is looked up on every request (not captured when the
   * client is made), so MSW interception works whether it starts before or after the client is created.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent with every request (e.g. `Prefer: code=404` in a test). */
  headers?: Record<string, string>;
}

/** A client typed by the FinLego spec: `client.POST("/internal/Payments/draft", { body })`. */
export type FinlegoClient = Client<paths>;

/** A client typed by the sandbox's own control API (`/__sandbox/...`). */
export type SandboxControlClient = Client<SandboxControlPaths>;

/** Builds the headers every request carries from the options. */
function defaultHeaders(options: FinlegoClientOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.tenant !== undefined) headers[TENANT_HEADER] = options.tenant;
  return headers;
}

/** Resolves fetch per request so a fetch patched later (MSW, test spies) is the one used. */
function lateFetch(options: FinlegoClientOptions): (request: Request) => Promise<Response> {
  return (request) => (options.fetch ?? globalThis.fetch)(request);
}

/** Creates a typed client for the FinLego API (the sandbox or anything that serves openapi/finlego.yaml). */
export function createFinlegoClient(options: FinlegoClientOptions): FinlegoClient {
  return createClient<paths>({ baseUrl: options.baseUrl, headers: defaultHeaders(options), fetch: lateFetch(options) });
}

/** Creates a typed client for the sandbox's control API (`/__sandbox/...`). */
export function createSandboxControlClient(options: FinlegoClientOptions): SandboxControlClient {
  return createClient<SandboxControlPaths>({
    baseUrl: options.baseUrl,
    headers: defaultHeaders(options),
    fetch: lateFetch(options),
  });
}
