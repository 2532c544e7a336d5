/**
 * Checks pact interactions against openapi/finlego.yaml, offline: the operation exists, the request is one
 * it accepts, and the expected response is one it documents for that status. It uses the sandbox's own
 * router and validators (sandbox/http/apis.ts), so a pact is held to exactly the spec the sandbox serves.
 */
import { finlegoApi } from "../sandbox/http/apis.js";
import { isJsonMediaType, mediaTypeOf } from "../sandbox/http/body.js";
import { errorCodesOf } from "../sandbox/http/forced.js";
import { finlegoSpec } from "../sandbox/http/generated/specs.js";
import type { OpenApiDocument } from "../sandbox/http/openapi-types.js";
import { requiresBearer, type Route } from "../sandbox/http/router.js";
import { createSpecValidator, type FieldErrors } from "../sandbox/http/validation.js";
import { isRecord, type PactBody, type PactHttpInteraction } from "./pact-file.js";

/**
 * Statuses whose point is a request the operation refuses (schema, size, media type, credentials): for these
 * the request is not held to the spec, only the response is.
 */
const REFUSED_REQUEST_STATUSES: ReadonlySet<number> = new Set([400, 401, 413, 415]);

/** How deep `allOf`/`anyOf`/`oneOf`/`$ref` may nest around one value before the walk gives up on it. */
const MAX_COMPOSITION_DEPTH = 16;

/**
 * A pact's expected body lists only the fields its consumer reads (the provider may send more), so it is
 * checked against the spec with every `required` left out: each field it has must be valid, none is missing.
 */
const partialResponses = createSpecValidator(withoutRequired(finlegoSpec));

/** What the spec says about one interaction: the operation it is, and every disagreement found. */
export interface SpecVerdict {
  operationId: string | undefined;
  problems: string[];
}

/** Checks one HTTP interaction's request and expected response against the FinLego spec. */
export function checkInteractionAgainstSpec(interaction: PactHttpInteraction): SpecVerdict {
  const { request, response } = interaction;
  const matched = finlegoApi.router.match(request.method, request.path);
  if (matched.kind === "notFound") return { operationId: undefined, problems: [`no operation of openapi/finlego.yaml serves ${request.method} ${request.path}`] };
  if (matched.kind === "methodNotAllowed") {
    return { operationId: undefined, problems: [`${request.path} allows ${matched.allowed.join(", ")} in openapi/finlego.yaml, not ${request.method}`] };
  }
  const { route, pathParams } = matched;
  const problems = REFUSED_REQUEST_STATUSES.has(response.status) ? [] : requestProblems(route, pathParams, interaction);
  problems.push(...responseProblems(route, interaction));
  return { operationId: route.operationId, problems };
}

function requestProblems(route: Route, pathParams: Record<string, string>, { request }: PactHttpInteraction): string[] {
  const problems: string[] = [];
  const params = finlegoApi.validator.checkParams(route, { ...pathParams }, request.query);
  if ("errors" in params) problems.push(...fieldProblems("request", params.errors));
  if (requiresBearer(route.operation) && !/^Bearer\s+\S+$/i.test(request.headers.authorization ?? "")) {
    problems.push(`request: ${route.operationId} is a FrontOffice operation and needs Authorization: Bearer <clientId>`);
  }
  const info = finlegoApi.validator.bodyInfo(route);
  const body = request.body;
  if (body === undefined) {
    if (info.required) problems.push(`request: ${route.operationId} requires a ${info.types.join(" or ")} body`);
    return problems;
  }
  if (info.types.length === 0) return [...problems, `request: ${route.operationId} takes no body`];
  const type = mediaTypeOf(body.contentType) ?? "application/json";
  if (isJsonMediaType(type) ? !info.types.includes("application/json") : !info.types.includes(type)) {
    return [...problems, `request: ${route.operationId} takes ${info.types.join(" or ")}, not ${type}`];
  }
  if (!isJsonMediaType(type)) return problems;
  const errors = finlegoApi.validator.checkBody(route, body.content);
  if (errors) problems.push(...fieldProblems("request body", errors));
  return problems;
}

function responseProblems(route: Route, { response }: PactHttpInteraction): string[] {
  const responses = route.operation.responses ?? {};
  if (!(String(response.status) in responses) && !("default" in responses)) {
    const documented = Object.keys(responses).join(", ");
    return [`response: ${route.operationId} never answers ${response.status} (it documents ${documented})`];
  }
  // A pact that states no body accepts any body: only the status is held to the spec.
  if (response.body === undefined) return [];
  const contentType = response.body.contentType ?? response.headers["content-type"];
  const mismatch = partialResponses.checkResponse(route, response.status, contentType, response.body.content);
  if (mismatch) return [`response ${response.status}: ${mismatch}`];
  const schema = responseSchema(route, response.status, contentType);
  const undeclared = schema ? undeclaredFields([schema], response.body.content, "$", 0) : [];
  if (undeclared.length > 0) return undeclared.map((path) => `response ${response.status}: ${path} is not a field openapi/finlego.yaml documents for ${route.operationId}`);
  return errorCodeProblems(route, response.status, response.body);
}

/** A problem's `code` must be one the operation lists for that status (`x-error-codes`), when it lists any. */
function errorCodeProblems(route: Route, status: number, body: PactBody): string[] {
  const code = isRecord(body.content) ? body.content.code : undefined;
  const listed = errorCodesOf(route.operation, status);
  if (typeof code !== "string" || listed.length === 0 || listed.includes(code)) return [];
  return [`response ${status}: code ${code} is not one ${route.operationId} answers with ${status} (${listed.join(", ")})`];
}

function fieldProblems(where: string, errors: FieldErrors): string[] {
  return Object.entries(errors).map(([field, messages]) => `${where}: ${field} ${messages.join("; ")}`);
}

/** The schema of a documented response for a status and media type, `$ref`s resolved at the top. */
function responseSchema(route: Route, status: number, contentType: string | undefined): Record<string, unknown> | undefined {
  const responses = route.operation.responses ?? {};
  const response = resolve(responses[String(status)] ?? responses.default);
  const content = isRecord(response) ? response.content : undefined;
  const media = isRecord(content) ? content[mediaTypeOf(contentType) ?? "application/json"] : undefined;
  return isRecord(media) && isRecord(media.schema) ? media.schema : undefined;
}

/**
 * The paths of fields in a value that its schemas do not declare: an expectation the real API could never
 * meet (a renamed field, say). Objects whose schemas declare no properties, or allow any, are open.
 */
function undeclaredFields(schemas: Record<string, unknown>[], value: unknown, path: string, depth: number): string[] {
  const flat = schemas.flatMap((schema) => branches(schema, depth));
  if (Array.isArray(value)) {
    const items = flat.map((schema) => schema.items).filter(isRecord);
    return items.length === 0 ? [] : value.flatMap((item, index) => undeclaredFields(items, item, `${path}[${index}]`, depth + 1));
  }
  if (!isRecord(value)) return [];
  const declared = flat.map((schema) => schema.properties).filter(isRecord);
  const open = flat.some((schema) => schema.additionalProperties !== undefined && schema.additionalProperties !== false);
  if (declared.length === 0 || open) return [];
  return Object.entries(value).flatMap(([key, field]) => {
    const fieldSchemas = declared.map((properties) => properties[key]).filter(isRecord);
    return fieldSchemas.length === 0 ? [`${path}.${key}`] : undeclaredFields(fieldSchemas, field, `${path}.${key}`, depth + 1);
  });
}

/** A schema and every schema composed into it (`$ref`, `allOf`, `anyOf`, `oneOf`), each resolved. */
function branches(schema: Record<string, unknown>, depth: number): Record<string, unknown>[] {
  const resolved = resolve(schema);
  if (!isRecord(resolved) || depth > MAX_COMPOSITION_DEPTH) return [];
  const composed = [resolved.allOf, resolved.anyOf, resolved.oneOf].flatMap((list) => (Array.isArray(list) ? list.filter(isRecord) : []));
  return [resolved, ...composed.flatMap((branch) => branches(branch, depth + 1))];
}

/** Follows local `#/...` references in the FinLego spec. */
function resolve(node: unknown): unknown {
  let current = node;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && hops <= MAX_COMPOSITION_DEPTH; hops++) {
    current = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), finlegoSpec);
  }
  return current;
}

/** A copy of a spec without any `required` list, for checking example bodies that list only some fields. */
function withoutRequired(spec: OpenApiDocument): OpenApiDocument {
  // A property named `required` holds a schema (an object), the keyword a list: only lists go.
  return JSON.parse(JSON.stringify(spec), (key, value: unknown) => (key === "required" && Array.isArray(value) ? undefined : value));
}
