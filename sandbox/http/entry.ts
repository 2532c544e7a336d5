/**
 * The framework-neutral HTTP entry: a SandboxRequest in, a SandboxResponse out. It picks the tenant, routes
 * by the spec's operations, applies Prefer, fault rules and magic values, validates requests against the
 * spec, authenticates FrontOffice routes, dispatches to the operation handlers, maps domain errors to
 * problem+json and keeps the request journal. Adapters (express, MSW) only translate.
 */
import { LedgerInvariantError } from "../core/index.js";
import { controlHandlers, type ControlContext } from "./control.js";
import { corsHeaders, isPreflight, preflight, type CorsOptions } from "./cors.js";
import { documentedErrorStatuses, preferredError, simulatedError } from "./forced.js";
import { controlApi, finlegoApi, isControlPath, type Api } from "./apis.js";
import { SANDBOX_VERSION } from "./generated/specs.js";
import { magicOutcome } from "./magic.js";
import { handlerIn, type Handler, type HandlerOutcome } from "./operations/context.js";
import { operationHandlers } from "./operations/index.js";
import { parsePrefer } from "./prefer.js";
import { problemForDomainError, sandboxProblem, validationProblem } from "./problems.js";
import { requiresBearer, type Route } from "./router.js";
import { ChangeRecorder, replayChange, type Change, type ReplayResult } from "./replay.js";
import type { SandboxState, SandboxStateOptions } from "./state.js";
import { DEFAULT_TENANT, TenantHost, type Tenant, type TenantRefusal } from "./tenants.js";
import type { JournalRecord } from "./journal.js";
import type { SandboxRequest, SandboxResponse } from "./types.js";
import type { SpecValidator } from "./validation.js";
import { bodyLimitBytes, isJsonMediaType, isOverLimit, mediaTypeOf, parseJson } from "./body.js";
import { readFormData } from "./multipart.js";


/** Options of the HTTP entry. */
export interface HttpEntryOptions {
  /** The tenants requests act on (default: a new host seeded per `stateOptions`). */
  host?: TenantHost;
  /** The default tenant's state, when the caller built it (tests). */
  state?: SandboxState;
  /** How every tenant's state starts when the entry makes the host. */
  stateOptions?: SandboxStateOptions;
  /** Check every response against the spec and answer 500 on a mismatch (on under test). */
  validateResponses?: boolean;
  /** CORS policy; default: any origin. `false` sends no CORS headers. */
  cors?: CorsOptions | false;
  /**
   * Awaited with the changes of every request that changed a state or made a tenant, before its answer
   * is returned (persistence writes its log here). Called in the order the changes happened.
   */
  onCommit?: (changes: Change[]) => void | Promise<void>;
  /**
   * Told of every answered request but CORS preflights, once its answer is ready (the server's request log
   * listens here). It runs on the request's path, so it must be quick and must not throw.
   */
  onAnswered?: (answered: AnsweredRequest) => void;
}

/** A request the entry answered, as `onAnswered` hears of it. */
export interface AnsweredRequest {
  /** The tenant it acted on; for a refused tenant, the header as it was sent. */
  tenant: string;
  /** A control (`/__sandbox`) request: never journaled. */
  control: boolean;
  /** A FinLego read sent with X-Sandbox-Observer: never journaled, past Prefer and fault rules. */
  observer: boolean;
  /** What the journal records of a FinLego request: method, path, status, duration, how it was forced. */
  record: Readonly<JournalRecord>;
}

/**
 * The header that marks a FinLego GET or HEAD as an observer's read (the inspector's, a dashboard's): it is
 * answered as usual, but Prefer and fault rules pass it by and the journal does not record it, so looking
 * at a tenant neither fills its journal nor uses up the rules set for the app under test.
 */
export const OBSERVER_HEADER = "x-sandbox-observer";

/** The entry: one function from request to response, plus the tenants it serves. */
export interface HttpEntry {
  handle(request: SandboxRequest): Promise<SandboxResponse>;
  /**
   * The same answer, given at once when nothing has to wait for it (no change to commit, no delay asked)
   * and as a promise otherwise: an adapter that can write at once spares the request a turn of the event loop.
   */
  respond(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
  readonly host: TenantHost;
  /** The default tenant's state. */
  readonly state: SandboxState;
  /** Runs a logged change again (persistence's replay at start): no Prefer, fault rules, journal or commit hook. */
  replay(change: Change): ReplayResult;
}


/** What dispatching one FinLego request gave: the answer and how it came about. */
interface Outcome {
  response: SandboxResponse;
  route?: Route;
  fault: string | null;
  delayMs: number;
}

/** Creates the entry; routers and validators are shared and compiled once. */
export function createHttpEntry(options: HttpEntryOptions = {}): HttpEntry {
  const host =
    options.host ?? new TenantHost({ ...(options.state && { defaultState: options.state }), ...(options.stateOptions && { state: options.stateOptions }) });
  const cors = options.cors === undefined ? { origins: "*" as const } : options.cors;
  const startedAt = new Date().toISOString();
  const recorder = options.onCommit && new ChangeRecorder(host);

  /**
   * Answers a request: at once, or through a promise when its changes must first be committed (persistence)
   * or it asks for a delay. The express adapter writes an answer given at once in the same tick.
   */
  const respond = (request: SandboxRequest): SandboxResponse | Promise<SandboxResponse> => {
    if (cors && isPreflight(request)) return preflight(request, cors);
    const started = performance.now();
    const tenant = host.get(request.headers["x-sandbox-tenant"]);
    const isControl = isControlPath(request.path);
    const observer = !isControl && request.headers[OBSERVER_HEADER] !== undefined;
    // One instant per request, which its log record keeps and a replay pins again (docs/decisions/005-persistence.md).
    const atMs = typeof tenant === "string" ? 0 : tenant.state.clock.pin();
    let settled = false;
    // Transfers that move on by themselves do so before anything sees the tenant (docs/domain/transfers.md#processing);
    // FinLego requests meet Prefer and fault rules; control requests and observers' reads never do.
    const outcome =
      typeof tenant === "string"
        ? plain(tenantRefused(tenant, request))
        : observer && !isRead(request)
          ? plain(observerRefused(request))
          : guarded(request, () => {
              settled = tenant.state.ledger.settleDue() > 0;
              return dispatch(isControl ? CONTROL : FINLEGO, request, tenant, !isControl && !observer);
            });
    if (typeof tenant !== "string") tenant.state.clock.unpin();
    // Handed over before any await, so the hook sees changes in the order they happened.
    const changes = recorder?.changes(tenant, request, outcome.response, atMs, isControl, settled);
    const kind: RequestKind = { control: isControl, observer };
    if (!changes && outcome.delayMs === 0) return finish(request, tenant, kind, outcome, started);
    return (async () => {
      if (changes) await options.onCommit!(changes);
      if (outcome.delayMs > 0) await sleep(outcome.delayMs);
      return finish(request, tenant, kind, outcome, started);
    })();
  };

  /** The last steps of every answer: HEAD without its body, CORS headers, the journal and `onAnswered`. */
  function finish(request: SandboxRequest, tenant: Tenant | TenantRefusal, kind: RequestKind, outcome: Outcome, started: number): SandboxResponse {
    const { response } = outcome;
    // HEAD: the GET answer's status and headers (its length included), without its body.
    if (request.method.toUpperCase() === "HEAD" && (response.body !== undefined || response.bytes !== undefined)) {
      response.headers["content-length"] = String(response.bytes?.length ?? utf8.encode(response.body!).length);
      delete response.body;
      delete response.bytes;
    }
    const allow = cors ? corsHeaders(request, cors) : undefined;
    if (allow) Object.assign(response.headers, allow);
    const journaled = typeof tenant !== "string" && !kind.control && !kind.observer;
    if (!journaled && !options.onAnswered) return response;
    const entry = journalRecord(request, outcome, performance.now() - started);
    if (journaled) tenant.journal.record(entry);
    options.onAnswered?.({ tenant: typeof tenant === "string" ? (request.headers["x-sandbox-tenant"] ?? DEFAULT_TENANT) : tenant.name, ...kind, record: entry });
    return response;
  }

  /**
   * The one request pipeline, for FinLego and control operations alike: route (404, 405), body size (413),
   * one read of the body (415, 400 for malformed JSON), then, with `faults`, Prefer and fault rules, then
   * the operation itself (run). Answers are checked against the API's spec when the entry validates them.
   */
  function dispatch(api: ApiKind, request: SandboxRequest, tenant: Tenant, faults: boolean): Outcome {
    const matched = api.spec.router.match(request.method, request.path);
    if (matched.kind === "notFound") return plain(sandboxProblem({ code: "routeNotFound", detail: `No ${api.noun} serves ${request.method} ${request.path}.` }, request.path));
    if (matched.kind === "methodNotAllowed") return plain(methodNotAllowed(request, matched.allowed));
    const { route, pathParams } = matched;
    const tooLarge = oversizedBody(api.spec.validator, route, request);
    if (tooLarge) return { response: tooLarge, route, fault: null, delayMs: 0 };
    const body = readBody(api.spec.validator, route, request);
    if (!faults) return { response: checked(api.spec, route, run(api, request, tenant, route, pathParams, body).response), route, fault: null, delayMs: 0 };
    const prefer = parsePrefer(request.headers.prefer);
    if ("problem" in prefer) return { response: validationProblem({ Prefer: [prefer.problem] }, request.path), route, fault: null, delayMs: 0 };
    const delayMs = prefer.preference.delayMs ?? 0;
    if (prefer.preference.status !== undefined) {
      return { response: checked(api.spec, route, preferredError(route.operation, route.operationId, prefer.preference, request.path)), route, fault: "prefer", delayMs };
    }
    // Rules see what the body parsed to: a JSON value, or a multipart body's text fields (never its files' bytes).
    const ruled = applyRule(request, tenant, route, pathParams, "parsed" in body ? body.parsed : "value" in body ? body.value : undefined);
    if (ruled?.response) return { response: ruled.response, route, fault: ruled.fault, delayMs: Math.max(delayMs, ruled.delayMs) };
    const response = run(api, request, tenant, route, pathParams, body);
    const fault = response.magic ? "magic" : (ruled?.fault ?? (delayMs > 0 ? "prefer" : null));
    return { response: checked(api.spec, route, response.response), route, fault, delayMs: Math.max(delayMs, ruled?.delayMs ?? 0) };
  }

  /** Fires the tenant's first matching fault rule; a delay-only rule lets the real answer through, later. */
  function applyRule(request: SandboxRequest, tenant: Tenant, route: Route, pathParams: Record<string, string>, body: unknown) {
    if (tenant.rules.size === 0) return undefined;
    // The body as readBody parsed it (depth-checked), or undefined when it could not be read: rules never walk raw input.
    const rule = tenant.rules.fire({ operationId: route.operationId, method: request.method, path: request.path, query: queryObject(request.query, pathParams), body });
    if (!rule) return undefined;
    const fault = `rule:${rule.id}`;
    const delayMs = rule.respond.delayMs ?? 0;
    if (rule.respond.fault) return { response: { status: 0, headers: {}, fault: rule.respond.fault }, fault, delayMs };
    if (rule.respond.status === undefined) return { response: undefined, fault, delayMs };
    const detail = `Simulated by fault rule ${rule.id}${rule.name ? ` (${rule.name})` : ""}. Nothing was changed.`;
    const answer = simulatedError(route.operation, rule.respond.status, rule.respond.code, detail, request.path);
    // A rule that matches by method, path or body may answer outside the spec on purpose (a gateway's 502).
    const documented = documentedErrorStatuses(route.operation).includes(rule.respond.status);
    return { response: documented ? checked(finlegoApi, route, answer) : answer, fault, delayMs };
  }

  /** Runs the operation: the current client (401), parameters and body (400), its handler (501 without one) or a magic value. */
  function run(api: ApiKind, request: SandboxRequest, tenant: Tenant, route: Route, pathParams: Record<string, string>, body: ReadBody): { response: SandboxResponse; magic?: boolean } {
    const clientId = requiresBearer(route.operation) ? currentClient(request, tenant) : undefined;
    if (clientId === null) return { response: sandboxProblem({ code: "unauthorized", detail: "Send Authorization: Bearer <clientId> naming a known client." }, request.path) };
    const params = api.spec.validator.checkParams(route, pathParams, request.query);
    if ("errors" in params) return { response: validationProblem(params.errors, request.path) };
    if ("response" in body) return { response: body.response };
    const handler = api.handler(route.operationId);
    if (!handler) {
      return { response: sandboxProblem({ code: "notImplemented", detail: `${route.operationId} (${route.method} ${route.template}) is not implemented in the sandbox yet.` }, request.path) };
    }
    const magic = api.magic ? magicOutcome(route.operationId, body.value, tenant.state.ledger, pathParams.paymentId) : undefined;
    if (magic) return { response: simulatedError(route.operation, magic.status, magic.code, magic.detail, request.path), magic: true };
    const context = { ledger: tenant.state.ledger, params: params.params, body: body.value, clientId: clientId ?? undefined };
    return { response: toResponse(handler(context, { tenant, host, startedAt, version: SANDBOX_VERSION }), request.path) };
  }

  function checked(spec: Api, route: Route, response: SandboxResponse): SandboxResponse {
    return options.validateResponses ? checkResponse(spec, route, response) : response;
  }

  function currentClient(request: SandboxRequest, tenant: Tenant): string | null {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    const id = match?.[1];
    // The stored id, not the token as sent: handlers compare it with accounts' clientId (an upper-case uuid names the same client).
    return (id && tenant.state.ledger.getClient(id)?.id) || null;
  }

  function guarded(request: SandboxRequest, run: () => Outcome): Outcome {
    try {
      return run();
    } catch (error) {
      return plain(internalError(error, request.path));
    }
  }

  /**
   * A logged request run again on its tenant, past Prefer, fault rules and the journal. Magic values stay:
   * they only answer errors, which are never logged, so a replay that meets one does not match its log.
   */
  function rerun(request: SandboxRequest, tenant: Tenant): SandboxResponse {
    const isControl = isControlPath(request.path);
    return guarded(request, () => dispatch(isControl ? CONTROL : FINLEGO, request, tenant, false)).response;
  }

  return {
    handle: async (request) => respond(request),
    respond,
    host,
    replay: (change) => replayChange(change, host, recorder, rerun),
    get state() {
      return host.defaultTenant.state;
    },
  };
}

const utf8 = new TextEncoder();

/** One API the pipeline serves: its spec's router and validators, its handlers, and whether magic values apply. */
interface ApiKind {
  spec: Api;
  /** What its operations are called in a 404. */
  noun: string;
  handler(operationId: string): Handler<ControlContext> | undefined;
  magic: boolean;
}

// FinLego handlers take no context beyond the request; the extra argument is ignored by them.
const FINLEGO: ApiKind = { spec: finlegoApi, noun: "operation", handler: (id) => handlerIn<ControlContext>(operationHandlers, id), magic: true };
const CONTROL: ApiKind = { spec: controlApi, noun: "control operation", handler: (id) => handlerIn<ControlContext>(controlHandlers, id), magic: false };

function plain(response: SandboxResponse): Outcome {
  return { response, fault: null, delayMs: 0 };
}

/** Which of the entry's paths a request took: the control API, or an observer's FinLego read. */
type RequestKind = Pick<AnsweredRequest, "control" | "observer">;

function journalRecord(request: SandboxRequest, outcome: Outcome, durationMs: number): JournalRecord {
  return {
    atMs: Date.now(),
    method: request.method.toUpperCase(),
    path: request.path,
    query: request.query,
    operationId: outcome.route?.operationId ?? null,
    status: outcome.response.status,
    durationMs: Math.round(durationMs * 1000) / 1000,
    fault: outcome.fault,
  };
}

function isRead(request: SandboxRequest): boolean {
  const method = request.method.toUpperCase();
  return method === "GET" || method === "HEAD";
}

function observerRefused(request: SandboxRequest): SandboxResponse {
  const message = "marks a read: send it with GET or HEAD only";
  return validationProblem({ "X-Sandbox-Observer": [message] }, request.path);
}

function tenantRefused(reason: "invalidTenant" | "tenantLimitReached", request: SandboxRequest): SandboxResponse {
  if (reason === "invalidTenant") {
    const message = "must be 1-64 of A-Za-z0-9._- and start with a letter or digit";
    return sandboxProblem({ code: "invalidTenant", detail: `X-Sandbox-Tenant ${message}.`, errors: { "X-Sandbox-Tenant": [message] } }, request.path);
  }
  const answer = sandboxProblem({ code: "tenantLimitReached", detail: "The sandbox holds its maximum of tenants; DELETE /__sandbox/tenants/{tenant} frees one." }, request.path);
  answer.headers["retry-after"] = "1";
  return answer;
}

function methodNotAllowed(request: SandboxRequest, allowed: string[]): SandboxResponse {
  const answer = sandboxProblem({ code: "methodNotAllowed", detail: `${request.path} allows ${allowed.join(", ")}.` }, request.path);
  answer.headers.allow = allowed.join(", ");
  return answer;
}

function checkResponse(api: Api, route: Route, response: SandboxResponse): SandboxResponse {
  if (response.fault) return response;
  const type = response.headers["content-type"];
  // A binary body's schema is a string with a contentMediaType, which JSON Schema checks as a string: an empty one stands for its bytes.
  const body = response.bytes !== undefined ? "" : response.body === undefined ? undefined : type?.includes("json") ? JSON.parse(response.body) : response.body;
  const mismatch = api.validator.checkResponse(route, response.status, type, body);
  if (!mismatch) return response;
  return sandboxProblem({ code: "responseContractViolation", detail: `${route.operationId} answered ${response.status} outside the spec: ${mismatch}` });
}

/**
 * A request body as the pipeline reads it once: the value, or the answer that refuses it and, when the
 * body was well-formed JSON within the limits but broke the schema, what it parsed to (rules may match it).
 */
type ReadBody = { value: unknown; parsed?: unknown } | { response: SandboxResponse; parsed?: unknown };

/** The one body-size policy: 413 when an operation that takes a body gets more than its limit. */
function oversizedBody(validator: SpecValidator, route: Route, request: SandboxRequest): SandboxResponse | undefined {
  if ((request.body === undefined && request.bytes === undefined) || validator.bodyInfo(route).types.length === 0) return undefined;
  const limitBytes = bodyLimitBytes(route.operationId);
  if (request.bytes ? request.bytes.length <= limitBytes : !isOverLimit(request.body!, limitBytes)) return undefined;
  return sandboxProblem({ code: "payloadTooLarge", detail: `The body of ${route.operationId} is limited to ${limitBytes} bytes.` }, request.path);
}

/**
 * Reads the body once, before fault rules or handlers see it: its media type must be one the operation
 * accepts, JSON must parse within the nesting limit and match the schema. A multipart upload is parsed from
 * its bytes (sandbox/http/multipart.ts) and its text fields checked against the operation's form schema.
 */
function readBody(validator: SpecValidator, route: Route, request: SandboxRequest): ReadBody {
  const info = validator.bodyInfo(route);
  const text = request.body;
  if ((text === undefined || text.length === 0) && !request.bytes?.length) {
    return info.required ? { response: validationProblem({ $: ["A request body is required."] }, request.path) } : { value: undefined };
  }
  if (info.types.length === 0) return { value: undefined };
  const type = mediaTypeOfHeader(request.headers["content-type"]) ?? "application/json";
  const json = isJsonMediaType(type);
  if (json ? !info.types.includes("application/json") : !info.types.includes(type)) {
    return { response: sandboxProblem({ code: "unsupportedMediaType", detail: `Send ${info.types.join(" or ")}, not ${type}.` }, request.path) };
  }
  if (!json) return readFormData(validator, route, request);
  const parsed = parseJson(text ?? "");
  if (!parsed.ok) return { response: validationProblem({ $: [`The body ${parsed.message}.`] }, request.path) };
  const errors = validator.checkBody(route, parsed.value);
  return errors ? { response: validationProblem(errors, request.path), parsed: parsed.value } : { value: parsed.value };
}

/** The last Content-Type header read and its media type: a client sends the same one request after request. */
const lastContentType: { header: string | undefined; type: string | undefined } = { header: undefined, type: undefined };

/** mediaTypeOf, remembering the last header: splitting, trimming and lower-casing it cost a microsecond per request. */
function mediaTypeOfHeader(header: string | undefined): string | undefined {
  if (header !== lastContentType.header) {
    lastContentType.type = mediaTypeOf(header);
    lastContentType.header = header;
  }
  return lastContentType.type;
}

function toResponse(outcome: HandlerOutcome, instance: string): SandboxResponse {
  if ("error" in outcome) return problemForDomainError(outcome.error, instance);
  if ("fieldErrors" in outcome) return validationProblem(outcome.fieldErrors, instance);
  if ("problem" in outcome) return sandboxProblem(outcome.problem, instance);
  const headers: Record<string, string> = outcome.headers ? { ...outcome.headers } : {};
  if (outcome.json !== undefined) {
    headers["content-type"] = "application/json; charset=utf-8";
    return { status: outcome.status, headers, body: outcome.json };
  }
  if (outcome.bytes !== undefined) {
    headers["content-type"] = outcome.contentType ?? "application/octet-stream";
    return { status: outcome.status, headers, bytes: outcome.bytes };
  }
  if (outcome.body === undefined) return { status: outcome.status, headers };
  if (outcome.contentType) {
    headers["content-type"] = `${outcome.contentType}; charset=utf-8`;
    return { status: outcome.status, headers, body: String(outcome.body) };
  }
  headers["content-type"] = "application/json; charset=utf-8";
  return { status: outcome.status, headers, body: JSON.stringify(outcome.body) };
}

function internalError(error: unknown, instance: string): SandboxResponse {
  const broken = error instanceof LedgerInvariantError;
  // A 500 is always a bug (or a broken ledger): say so loudly where the operator sees it.
  console.error(broken ? "LEDGER INVARIANT BROKEN:" : "sandbox error:", error);
  return sandboxProblem({ code: broken ? "ledgerInvariantBroken" : "internalError", detail: (error as Error)?.message ?? String(error) }, instance);
}

function queryObject(query: string, pathParams: Record<string, string>): Record<string, unknown> {
  // No prototype: query names are the client's, and rules read them as own fields only.
  const values = Object.assign(Object.create(null) as Record<string, unknown>, pathParams);
  if (query) for (const [key, value] of new URLSearchParams(query)) values[key] = value;
  return values;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

