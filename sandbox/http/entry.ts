/**
 * The framework-neutral HTTP entry: a SandboxRequest in, a SandboxResponse out. It routes by the spec's
 * operations, validates requests against the spec, authenticates FrontOffice routes, dispatches to the
 * operation handlers and maps domain errors to problem+json. Adapters (express, MSW) only translate.
 */
import { LedgerInvariantError } from "../core/index.js";
import { controlHandlers, type ControlContext } from "./control.js";
import { corsHeaders, isPreflight, preflight, type CorsOptions } from "./cors.js";
import { finlegoSpec, SANDBOX_VERSION, sandboxControlSpec } from "./generated/specs.js";
import type { OpenApiOperation } from "./openapi-types.js";
import type { Handler, HandlerOutcome, OperationContext } from "./operations/context.js";
import { operationHandlers } from "./operations/index.js";
import { problem, problemForDomainError, validationProblem } from "./problems.js";
import { createRouter, type Route, type Router } from "./router.js";
import { SandboxState } from "./state.js";
import type { SandboxRequest, SandboxResponse } from "./types.js";
import { createSpecValidator, type SpecValidator } from "./validation.js";

/** Largest request body accepted (1 MiB); larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Options of the HTTP entry. */
export interface HttpEntryOptions {
  /** The state requests act on (default: a new SandboxState with the demo data). */
  state?: SandboxState;
  /** Check every response against the spec and answer 500 on a mismatch (on under test). */
  validateResponses?: boolean;
  /** CORS policy; default: any origin. `false` sends no CORS headers. */
  cors?: CorsOptions | false;
  /** Called after every request that may have changed the state (persistence hooks here). */
  onChange?: () => void;
}

/** The entry: one function from request to response, plus the state it serves. */
export interface HttpEntry {
  handle(request: SandboxRequest): Promise<SandboxResponse>;
  readonly state: SandboxState;
}

interface Api {
  router: Router;
  validator: SpecValidator;
}

const finlegoApi: Api = { router: createRouter(finlegoSpec), validator: createSpecValidator(finlegoSpec) };
const controlApi: Api = { router: createRouter(sandboxControlSpec), validator: createSpecValidator(sandboxControlSpec) };

/** Creates the entry over a state; routers and validators are shared and compiled once. */
export function createHttpEntry(options: HttpEntryOptions = {}): HttpEntry {
  const state = options.state ?? new SandboxState();
  const cors = options.cors === undefined ? { origins: "*" as const } : options.cors;
  const startedAt = new Date().toISOString();
  const control: ControlContext = { state, startedAt, version: SANDBOX_VERSION };

  const handle = async (request: SandboxRequest): Promise<SandboxResponse> => {
    if (cors && isPreflight(request)) return preflight(request, cors);
    const isControl = request.path.toLowerCase().startsWith("/__sandbox/");
    const response = dispatch(request, isControl ? controlApi : finlegoApi, (route) =>
      isControl ? controlHandlers[route.operationId] && ((ctx) => controlHandlers[route.operationId]!(ctx, control)) : operationHandlers[route.operationId],
    );
    const allow = cors ? corsHeaders(request, cors) : undefined;
    if (allow) Object.assign(response.headers, allow);
    if (request.method !== "GET" && response.status < 400) options.onChange?.();
    return response;
  };

  function dispatch(request: SandboxRequest, api: Api, handlerOf: (route: Route) => Handler | undefined): SandboxResponse {
    let route: Route | undefined;
    try {
      const matched = api.router.match(request.method, request.path);
      if (matched.kind === "notFound") return problem(404, { code: "routeNotFound", detail: `No operation serves ${request.method} ${request.path}.` }, request.path);
      if (matched.kind === "methodNotAllowed") {
        const answer = problem(405, { code: "methodNotAllowed", detail: `${request.path} allows ${matched.allowed.join(", ")}.` }, request.path);
        answer.headers.allow = matched.allowed.join(", ");
        return answer;
      }
      route = matched.route;
      const response = run(request, api, route, matched.pathParams, handlerOf(route));
      return options.validateResponses ? checkResponse(api, route, response) : response;
    } catch (error) {
      return internalError(error, request.path);
    }
  }

  function run(request: SandboxRequest, api: Api, route: Route, pathParams: Record<string, string>, handler: Handler | undefined): SandboxResponse {
    if (request.body !== undefined && byteLength(request.body) > MAX_BODY_BYTES) {
      return problem(413, { code: "payloadTooLarge", detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` }, request.path);
    }
    const clientId = requiresClient(route.operation) ? currentClient(request) : undefined;
    if (clientId === null) return problem(401, { code: "unauthorized", detail: "Send Authorization: Bearer <clientId> naming a known client." }, request.path);
    const params = api.validator.checkParams(route, pathParams, request.query);
    if ("errors" in params) return validationProblem(params.errors, request.path);
    const body = readBody(api.validator, route, request);
    if ("response" in body) return body.response;
    if (!handler) {
      return problem(501, { code: "notImplemented", detail: `${route.operationId} (${route.method} ${route.template}) is not implemented in the sandbox yet.` }, request.path);
    }
    const context: OperationContext = { ledger: state.ledger, params: params.params, body: body.value, clientId: clientId ?? undefined };
    return toResponse(handler(context), request.path);
  }

  /** null: the route needs a client and the request names none that exists. */
  function currentClient(request: SandboxRequest): string | null {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
    const id = match?.[1];
    return id && state.ledger.getClient(id) ? id : null;
  }

  function checkResponse(api: Api, route: Route, response: SandboxResponse): SandboxResponse {
    const type = response.headers["content-type"];
    const body = response.body === undefined ? undefined : type?.includes("json") ? JSON.parse(response.body) : response.body;
    const mismatch = api.validator.checkResponse(route, response.status, type, body);
    if (!mismatch) return response;
    return problem(500, { code: "responseContractViolation", detail: `${route.operationId} answered ${response.status} outside the spec: ${mismatch}` });
  }

  return { handle, state };
}

function requiresClient(operation: OpenApiOperation): boolean {
  return operation.security?.some((requirement) => "bearerAuth" in requirement) ?? false;
}

function readBody(validator: SpecValidator, route: Route, request: SandboxRequest): { value: unknown } | { response: SandboxResponse } {
  const info = validator.bodyInfo(route);
  const text = request.body;
  if (text === undefined || text.length === 0) {
    return info.required ? { response: validationProblem({ $: ["A request body is required."] }, request.path) } : { value: undefined };
  }
  if (info.types.length === 0) return { value: undefined };
  const type = request.headers["content-type"] ?? "application/json";
  if (!info.types.includes("application/json") || !/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    return { response: problem(415, { code: "unsupportedMediaType", detail: `Send ${info.types.join(" or ")}.` }, request.path) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { response: validationProblem({ $: [`The body is not valid JSON: ${(error as Error).message}`] }, request.path) };
  }
  const errors = validator.checkBody(route, value);
  return errors ? { response: validationProblem(errors, request.path) } : { value };
}

function toResponse(outcome: HandlerOutcome, instance: string): SandboxResponse {
  if ("error" in outcome) return problemForDomainError(outcome.error, instance);
  if ("fieldErrors" in outcome) return validationProblem(outcome.fieldErrors, instance);
  const headers: Record<string, string> = { ...outcome.headers };
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
  return problem(500, { code: broken ? "ledgerInvariantBroken" : "internalError", detail: (error as Error)?.message ?? String(error) }, instance);
}

const encoder = new TextEncoder();
function byteLength(text: string): number {
  // Cheap bound first: a string of n UTF-16 units encodes to at most 3n bytes.
  return text.length * 3 <= MAX_BODY_BYTES ? text.length : encoder.encode(text).length;
}
