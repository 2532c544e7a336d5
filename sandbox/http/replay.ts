/**
 * Changes and their replay. The sandbox is deterministic (seeded ids per tenant, an injected clock), so a
 * tenant's state is its seed plus the state-changing requests it answered, each run at a known instant.
 * The entry hands these changes to its commit hook (persistence logs them) and runs logged ones again at
 * start. Browser-safe. docs/decisions/005-persistence.md says why a command log.
 */
import { decodeBase64, encodeBase64 } from "../core/index.js";
import { controlApi } from "./apis.js";
import { createStatesAt } from "./state.js";
import type { Tenant, TenantHost, TenantRefusal } from "./tenants.js";
import type { SandboxRequest, SandboxResponse } from "./types.js";

/** Control operations that change a ledger, so are logged; fault rules, the journal and the clock are not persisted. */
export const LOGGED_CONTROL_OPERATIONS: ReadonlySet<string> = new Set([
  "resetSandbox", "seedSandbox", "importSnapshot", "deleteTenant", "simulateIncomingPayment",
  "setTransferProcessing", "simulateTransferOutcome", "simulateIncomingTransfer", "updateFxRates",
]);

/** The request headers a handler reads; the tenant is kept apart and Prefer is what a replay leaves out. */
const LOGGED_HEADERS = ["authorization", "content-type"] as const;

/** A tenant made from the seed on first use, at `atMs` by its new clock. */
export interface TenantCreated {
  kind: "tenant";
  tenant: string;
  atMs: number;
}

/** A request that changed its tenant's state: what was asked, at which instant, and how it was answered. */
export interface RequestApplied {
  kind: "request";
  tenant: string;
  atMs: number;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
  /** A bytes body (a multipart upload), base64 (RFC 4648) so the log stays JSON. */
  bodyBase64?: string;
  status: number;
  /** The answer's body when it was first run (persistence keeps a checksum of it); absent in a replay. */
  answer?: string;
}

/**
 * The automatic steps that fell due on a tenant by `atMs` (transfers moving on by themselves), run before the
 * request that found them due: logged so a replay runs them at the same instant, whatever that request was.
 */
export interface StepsSettled {
  kind: "settle";
  tenant: string;
  atMs: number;
}

/** One change to the sandbox's state, in the order the changes happened. */
export type Change = TenantCreated | StepsSettled | RequestApplied;

/** What running a logged change again gave: the answer of a request, or why the change does not fit the state. */
export type ReplayResult = { ok: true; response?: SandboxResponse } | { ok: false; problem: string };

/** Runs a logged request on its tenant, past Prefer, fault rules and the journal (the entry supplies it). */
export type Rerun = (request: SandboxRequest, tenant: Tenant) => SandboxResponse;

/** Tells which requests changed state and which tenants are new, for the entry's commit hook. */
export class ChangeRecorder {
  private readonly known = new WeakSet<Tenant>();

  /** Starts with the host's tenants as they are (restored or seeded before any request). */
  constructor(host: TenantHost) {
    for (const tenant of host.list()) this.known.add(tenant);
  }

  /**
   * The changes one dispatched request made, in order (undefined: none): its tenant's creation if the
   * request made it, the automatic steps that ran before it (`settled`), and the request itself if it changed
   * state. `atMs` is the instant it ran at.
   */
  changes(tenant: Tenant | TenantRefusal, request: SandboxRequest, response: SandboxResponse, atMs: number, isControl: boolean, settled: boolean): Change[] | undefined {
    if (typeof tenant === "string") return undefined;
    const list: Change[] = [];
    if (!this.known.has(tenant)) {
      list.push({ kind: "tenant", tenant: tenant.name, atMs: tenant.state.createdAtMs });
      this.known.add(tenant);
    }
    if (settled) list.push({ kind: "settle", tenant: tenant.name, atMs });
    if (changesState(request, response, isControl)) list.push(appliedRequest(tenant.name, request, response, atMs));
    return list.length > 0 ? list : undefined;
  }

  /** Notes a tenant made by a replay, so that its first live request does not log it as new again. */
  remember(tenant: Tenant): void {
    this.known.add(tenant);
  }
}

/** Runs one logged change again: makes the tenant as of its time, or runs the request with its tenant's clock pinned at its time. */
export function replayChange(change: Change, host: TenantHost, recorder: ChangeRecorder | undefined, rerun: Rerun): ReplayResult {
  const exists = host.list().some((t) => t.name === change.tenant);
  if (change.kind === "tenant") {
    if (exists) return { ok: false, problem: `it creates tenant ${change.tenant}, which already exists` };
    const tenant = createStatesAt(change.atMs, () => host.get(change.tenant));
    if (typeof tenant === "string") return { ok: false, problem: `tenant ${change.tenant} cannot be created (${tenant})` };
    recorder?.remember(tenant);
    return { ok: true };
  }
  const tenant = exists ? host.get(change.tenant) : undefined;
  if (tenant === undefined || typeof tenant === "string") return { ok: false, problem: `tenant ${change.tenant} does not exist` };
  if (change.kind === "settle") {
    tenant.state.clock.pin(change.atMs);
    try {
      return tenant.state.ledger.settleDue() > 0 ? { ok: true } : { ok: false, problem: "no automatic step was due at its instant" };
    } finally {
      tenant.state.clock.unpin();
    }
  }
  const bytes = change.bodyBase64 === undefined ? undefined : decodeBase64(change.bodyBase64);
  if (change.bodyBase64 !== undefined && bytes === undefined) return { ok: false, problem: "its bodyBase64 is not base64" };
  const request: SandboxRequest = { method: change.method, path: change.path, query: change.query, headers: { ...change.headers }, ...(change.body !== undefined && { body: change.body }), ...(bytes && { bytes }) };
  tenant.state.clock.pin(change.atMs);
  try {
    return { ok: true, response: rerun(request, tenant) };
  } finally {
    tenant.state.clock.unpin();
  }
}

/**
 * A request changed state when it is not a read, was answered below 400 and not broken off by a fault rule
 * (a Prefer or rule status, or a magic value, answers an error and changes nothing). Of the control API,
 * only the operations that change a ledger count.
 */
function changesState(request: SandboxRequest, response: SandboxResponse, isControl: boolean): boolean {
  const method = request.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || response.status >= 400 || response.fault) return false;
  if (!isControl) return true;
  const matched = controlApi.router.match(request.method, request.path);
  return matched.kind === "found" && LOGGED_CONTROL_OPERATIONS.has(matched.route.operationId);
}

function appliedRequest(tenant: string, request: SandboxRequest, response: SandboxResponse, atMs: number): RequestApplied {
  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    kind: "request",
    tenant,
    atMs,
    method: request.method,
    path: request.path,
    query: request.query,
    headers,
    ...(request.body !== undefined && { body: request.body }),
    ...(request.bytes !== undefined && { bodyBase64: encodeBase64(request.bytes) }),
    status: response.status,
    ...(response.body !== undefined && { answer: response.body }),
  };
}
