/**
 * The fuzzer's own reading of the two specs, independent of the sandbox's router and validators: every
 * operation with its resolved parameters, body and responses, a router that follows the spec's paths, and
 * ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) validators compiled once per schema.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { HTTP_METHODS, readYaml, type Json } from "../support/spec.js";

/** Which of the two specs an operation belongs to. */
export type ApiName = "finlego" | "control";

/** A resolved parameter. */
export interface ParamInfo {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: Json;
}

/** One operation of one spec, with everything the fuzzer needs resolved. */
export interface OperationInfo {
  /** `finlego:createPayment`: short, printable, unique across both specs. */
  key: string;
  api: ApiName;
  operationId: string;
  method: string;
  template: string;
  /** Template segments; a parameter segment is `{name}`. */
  segments: string[];
  pathParams: ParamInfo[];
  queryParams: ParamInfo[];
  headerParams: ParamInfo[];
  body: { required: boolean; media: Record<string, Json> } | undefined;
  /** Needs `Authorization: Bearer <clientId>`. */
  bearer: boolean;
  /** Documented responses by status, refs resolved. */
  responses: Record<string, Json>;
  /** `x-error-codes`: status to the codes the operation lists. */
  errorCodes: Record<string, string[]>;
}

/** One spec: its document, operations and validators. */
export interface SpecModel {
  api: ApiName;
  document: Json;
  operations: OperationInfo[];
  /** Follows `$ref`s inside the document. */
  resolve(node: Json): Json;
  /** A cached ajv validator of a schema object of this document. */
  validator(schema: Json): ValidateFunction;
  /** The document's ProblemDetails schema. */
  problemSchema: Json;
}

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS; under NodeNext its callable arrives as `.default`.
const applyFormats = (addFormats as unknown as { default: AddFormats }).default;

const SPEC_ID = "spec.json";

/** Reads a spec from openapi/ and builds its model. */
export function loadSpec(api: ApiName, file: string): SpecModel {
  const document = readYaml(file);
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  applyFormats(ajv);
  // OpenAPI's numeric and binary formats are annotations here, as they are for the sandbox.
  for (const format of ["double", "float", "int32", "int64", "binary", "byte"]) ajv.addFormat(format, true);
  ajv.addSchema({ $id: SPEC_ID, components: rewriteRefs(document.components ?? {}) });
  const cache = new WeakMap<object, ValidateFunction>();
  const resolve = (node: Json): Json => resolveRef(document, node);
  const validator = (schema: Json): ValidateFunction => {
    const key = typeof schema === "object" && schema !== null ? schema : { const: schema };
    let found = cache.get(key);
    if (!found) cache.set(key, (found = ajv.compile(typeof schema === "boolean" ? schema : rewriteRefs(schema))));
    return found;
  };
  const model: SpecModel = { api, document, operations: [], resolve, validator, problemSchema: document.components.schemas.ProblemDetails };
  model.operations = listSpecOperations(model);
  return model;
}

function listSpecOperations(model: SpecModel): OperationInfo[] {
  const { document, resolve, api } = model;
  const operations: OperationInfo[] = [];
  for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const params: ParamInfo[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve).map((p: Json) => ({
        name: p.name,
        in: p.in,
        required: p.required === true || p.in === "path",
        schema: p.schema ?? {},
      }));
      const body = operation.requestBody ? resolve(operation.requestBody) : undefined;
      const responses = Object.fromEntries(Object.entries<Json>(operation.responses ?? {}).map(([status, response]) => [status, resolve(response ?? {})]));
      operations.push({
        key: `${api}:${operation.operationId}`,
        api,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        segments: splitPath(template),
        pathParams: params.filter((p) => p.in === "path"),
        queryParams: params.filter((p) => p.in === "query"),
        headerParams: params.filter((p) => p.in === "header"),
        body: body && { required: body.required === true, media: Object.fromEntries(Object.entries<Json>(body.content ?? {}).map(([type, media]) => [type, media?.schema ?? {}])) },
        bearer: (operation.security ?? []).some((requirement: Json) => "bearerAuth" in requirement) && !(operation.security ?? []).some((r: Json) => Object.keys(r).length === 0),
        responses,
        errorCodes: operation["x-error-codes"] ?? {},
      });
    }
  }
  return operations;
}

/** Path segments as the sandbox sees them: empty segments (a doubled or trailing slash) do not count. */
export function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

/** What the spec says serves a method and path. */
export type SpecRoute =
  | { kind: "operation"; operation: OperationInfo; params: Record<string, string> }
  | { kind: "methodNotAllowed"; allowed: string[] }
  | { kind: "notFound" };

/**
 * Routes by the spec: literal segments match case-insensitively (the spec says paths are case-insensitive)
 * and win over a parameter at the same position; a parameter takes any one segment, percent-decoded.
 */
export function routeBySpec(operations: OperationInfo[], method: string, path: string): SpecRoute {
  const segments = splitPath(path);
  // HEAD is GET without the body (RFC 9110, 9.3.2): served wherever GET is.
  const upper = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  let best: { operation: OperationInfo; rank: string } | undefined;
  const allowed = new Set<string>();
  for (const operation of operations) {
    const rank = matchRank(operation.segments, segments);
    if (rank === undefined) continue;
    if (operation.method !== upper) {
      allowed.add(operation.method);
      continue;
    }
    if (!best || rank > best.rank) best = { operation, rank };
  }
  if (allowed.has("GET")) allowed.add("HEAD");
  if (!best) return allowed.size > 0 ? { kind: "methodNotAllowed", allowed: [...allowed].sort() } : { kind: "notFound" };
  const params: Record<string, string> = {};
  best.operation.segments.forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined) params[name] = safeDecode(segments[i] ?? "");
  });
  return { kind: "operation", operation: best.operation, params };
}

/** "1" per literal and "0" per parameter, so a string comparison prefers the earliest literal. */
function matchRank(template: string[], segments: string[]): string | undefined {
  if (template.length !== segments.length) return undefined;
  let rank = "";
  for (let i = 0; i < template.length; i++) {
    const part = template[i]!;
    if (/^\{.+\}$/.test(part)) rank += "0";
    else if (part.toLowerCase() === segments[i]!.toLowerCase()) rank += "1";
    else return undefined;
  }
  return rank;
}

/** Percent-decodes a segment; a malformed escape leaves it as sent. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function resolveRef(document: Json, node: Json): Json {
  let at = node;
  for (let hops = 0; at && typeof at === "object" && typeof at.$ref === "string" && hops < 32; hops++) {
    const target = at.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((value: Json, key: string) => value?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
    // OpenAPI 3.1 lets a $ref carry siblings (a description); the target's keywords are what count.
    const { $ref: _ref, ...siblings } = at;
    at = Object.keys(siblings).length > 0 && target && typeof target === "object" ? { ...siblings, ...target } : target;
  }
  return at;
}

/** Points local `#/...` refs at the registered components so detached schemas resolve. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries<Json>(node)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${SPEC_ID}${value}` : rewriteRefs(value);
  }
  return out;
}

/** The FinLego spec (openapi/finlego.yaml). */
export const finlegoModel = loadSpec("finlego", "openapi/finlego.yaml");
/** The sandbox's control spec (openapi/sandbox-control.yaml). */
export const controlModel = loadSpec("control", "openapi/sandbox-control.yaml");
/** Every operation of both specs. */
export const allOperations: OperationInfo[] = [...finlegoModel.operations, ...controlModel.operations];
/** Operations by key (`finlego:createPayment`). */
export const operationsByKey = new Map(allOperations.map((operation) => [operation.key, operation]));

/** The model that serves a path: control paths live under `/__sandbox/`, as the entry dispatches them. */
export function modelFor(path: string): SpecModel {
  return path.toLowerCase().startsWith("/__sandbox/") ? controlModel : finlegoModel;
}
