/**
 * Request and response validation against the spec with ajv. Each validator is compiled once, the first
 * time its operation is used, and kept; nothing is compiled per request.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema, OpenApiBody, OpenApiDocument, OpenApiParameter } from "./openapi-types.js";
import type { Route } from "./router.js";

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS; under NodeNext its callable arrives as `.default` (or as the module in bundlers).
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const SPEC_ID = "spec";

/** Field path -> messages, as ValidationProblemDetails carries them. */
export type FieldErrors = Record<string, string[]>;

/**
 * An empty FieldErrors without a prototype: field names come from requests, and a field called
 * `constructor` or `__proto__` must be a field like any other, not Object.prototype's member.
 */
export function createFieldErrors(): FieldErrors {
  return Object.create(null) as FieldErrors;
}

/** Adds one message for a field to errors made by createFieldErrors. */
export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Parsed, coerced parameters of a request. */
export interface RequestParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

interface OperationValidators {
  path?: ValidateFunction;
  query?: ValidateFunction;
  queryArrays: Set<string>;
  /** Stops at the first error: the fast check every valid request takes. */
  body?: ValidateFunction;
  /** Collects every error, compiled only when a body first fails, to list all bad fields in the 400. */
  bodyErrors?: () => ValidateFunction;
  bodyInfo: { required: boolean; types: string[] };
}

/** Validators for one spec, compiled lazily per operation. */
export interface SpecValidator {
  /** Coerces and checks path and query parameters; returns them or the field errors. */
  checkParams(route: Route, pathParams: Record<string, string>, query: string): { params: RequestParams } | { errors: FieldErrors };
  /** Checks a parsed JSON body, or a multipart body's fields (coerced in place); returns field errors or undefined. */
  checkBody(route: Route, body: unknown): FieldErrors | undefined;
  /** The request media types the operation accepts and whether a body is required. */
  bodyInfo(route: Route): { required: boolean; types: string[] };
  /** Checks a response against the documented one; returns a description of the mismatch or undefined. */
  checkResponse(route: Route | undefined, status: number, contentType: string | undefined, body: unknown): string | undefined;
}

/** Compiles nothing yet: validators are built on first use of each operation. */
export function createSpecValidator(spec: OpenApiDocument): SpecValidator {
  const document = rewriteRefs(spec) as OpenApiDocument;
  const ajv = newAjv(false);
  const firstError = newAjv(false, false);
  const coercing = newAjv("array");
  for (const instance of [ajv, firstError, coercing]) instance.addSchema({ $id: SPEC_ID, components: document.components ?? {} });
  // Keyed by the route object itself: no key string to build on every request.
  const cache = new Map<Route, OperationValidators>();
  const responseCache = new Map<string, ValidateFunction | null>();
  const resolve = <T>(node: T & { $ref?: string }): T => resolveRef(document, node);

  const validatorsFor = (route: Route): OperationValidators => {
    let found = cache.get(route);
    if (!found) cache.set(route, (found = compileOperation(document, route, { ajv, firstError, coercing }, resolve)));
    return found;
  };

  return {
    checkParams: (route, pathParams, query) => checkParams(validatorsFor(route), pathParams, query),
    checkBody: (route, body) => {
      const validators = validatorsFor(route);
      if (!validators.body || validators.body(body)) return undefined;
      const all = validators.bodyErrors!();
      all(body);
      return toFieldErrors(all.errors, "");
    },
    bodyInfo: (route) => validatorsFor(route).bodyInfo,
    checkResponse: (route, status, contentType, body) => {
      const key = `${route?.method} ${route?.template} ${status} ${contentType}`;
      let validate = responseCache.get(key);
      if (validate === undefined) {
        validate = compileResponse(document, route, status, contentType, ajv, resolve);
        responseCache.set(key, validate);
      }
      if (validate === null) return `status ${status} with ${contentType ?? "no body"} is not documented for ${route?.operationId ?? "this path"}`;
      return validate(body) ? undefined : ajv.errorsText(validate.errors);
    },
  };
}

/** An ajv for JSON Schema 2020-12 with the formats (uuid, date-time, email, ...) the specs use. */
export function createAjv(): Ajv2020 {
  return newAjv(false);
}

function newAjv(coerceTypes: false | "array", allErrors = true): Ajv2020 {
  // No meta-schema check at run time: it cost about 30 ms for each of the six instances made at start and
  // checked nothing inside `components` (not a JSON Schema keyword); validation.test.ts checks every schema
  // of both specs against the meta-schema instead (docs/decisions/012-browser-bundle.md).
  const ajv = new Ajv2020({ strict: false, allErrors, coerceTypes, useDefaults: coerceTypes !== false, validateSchema: false });
  addFormats(ajv);
  return ajv;
}

function compileOperation(
  document: OpenApiDocument,
  route: Route,
  { ajv, firstError, coercing }: { ajv: Ajv2020; firstError: Ajv2020; coercing: Ajv2020 },
  resolve: <T>(node: T & { $ref?: string }) => T,
): OperationValidators {
  const pathItem = document.paths?.[route.template] ?? {};
  const operation = (pathItem[route.method.toLowerCase()] ?? {}) as { parameters?: OpenApiParameter[]; requestBody?: OpenApiBody };
  const parameters = [...((pathItem.parameters as OpenApiParameter[]) ?? []), ...(operation.parameters ?? [])].map(resolve);
  const objectSchema = (where: "path" | "query"): JsonSchema | undefined => {
    const list = parameters.filter((p) => p.in === where);
    if (list.length === 0) return undefined;
    return {
      type: "object",
      properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? {}])),
      required: list.filter((p) => p.required || where === "path").map((p) => p.name),
    };
  };
  const pathSchema = objectSchema("path");
  const querySchema = objectSchema("query");
  const queryArrays = new Set(parameters.filter((p) => p.in === "query" && p.schema?.type === "array").map((p) => p.name));
  const body = operation.requestBody ? resolve(operation.requestBody) : undefined;
  const json = body?.content?.["application/json"]?.schema;
  // A multipart body's fields are all text, and a field given once is one value: the coercing instance reads
  // "3" as a number and one file as a list of one where the schema asks for that (sandbox/http/multipart.ts).
  const form = json === undefined ? body?.content?.["multipart/form-data"]?.schema : undefined;
  let bodyErrors: ValidateFunction | undefined;
  return {
    path: pathSchema && coercing.compile(pathSchema),
    query: querySchema && coercing.compile(querySchema),
    queryArrays,
    body: json ? firstError.compile(json) : form && coercing.compile(form),
    bodyErrors: () => (bodyErrors ??= json ? ajv.compile(json) : coercing.compile(form!)),
    bodyInfo: { required: body?.required === true, types: Object.keys(body?.content ?? {}) },
  };
}

function checkParams(v: OperationValidators, pathParams: Record<string, string>, query: string): { params: RequestParams } | { errors: FieldErrors } {
  // The router made pathParams for this request alone, so the coercing validator may change it in place.
  const path: Record<string, unknown> = pathParams;
  const queryValues = parseQuery(query, v.queryArrays);
  const errors = createFieldErrors();
  if (v.path && !v.path(path)) Object.assign(errors, toFieldErrors(v.path.errors, ""));
  if (v.query && !v.query(queryValues)) Object.assign(errors, toFieldErrors(v.query.errors, ""));
  return Object.keys(errors).length > 0 ? { errors } : { params: { path, query: queryValues } };
}

/** Repeated keys and comma lists both make arrays for array parameters. */
function parseQuery(query: string, arrays: Set<string>): Record<string, unknown> {
  // No prototype: query names are the client's (`?constructor=1` is just an unknown parameter).
  const values = Object.create(null) as Record<string, unknown>;
  if (!query) return values;
  for (const [key, value] of new URLSearchParams(query)) {
    if (arrays.has(key)) {
      const list = (values[key] as string[] | undefined) ?? [];
      list.push(...value.split(",").filter((part) => part.length > 0));
      values[key] = list;
    } else {
      values[key] = value;
    }
  }
  return values;
}

function compileResponse(
  document: OpenApiDocument,
  route: Route | undefined,
  status: number,
  contentType: string | undefined,
  ajv: Ajv2020,
  resolve: <T>(node: T & { $ref?: string }) => T,
): ValidateFunction | null {
  const problemSchema = { $ref: `${SPEC_ID}#/components/schemas/ProblemDetails` };
  const media = contentType?.split(";")[0]?.trim();
  if (!route) return media === "application/problem+json" ? ajv.compile(problemSchema) : null;
  const operation = (document.paths?.[route.template]?.[route.method.toLowerCase()] ?? {}) as { responses?: Record<string, OpenApiBody> };
  const documented = operation.responses?.[String(status)] ?? operation.responses?.default;
  // Every status an operation can answer is documented on it (413, 415 and 501 included): anything else is a mismatch.
  if (!documented) return null;
  const content = resolve(documented).content;
  if (!content) return media === undefined ? ajv.compile(true as unknown as JsonSchema) : null;
  const schema = media ? content[media]?.schema : undefined;
  return schema ? ajv.compile(schema) : null;
}

/** Turns ajv errors into `field.path: [messages]`, the shape of ValidationProblemDetails. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix: string): FieldErrors {
  const out = createFieldErrors();
  for (const error of errors ?? []) {
    if (error.keyword === "anyOf" || error.keyword === "oneOf" || error.keyword === "if") continue;
    let field = pointerToField(error.instancePath, prefix);
    const params = error.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
    if (params.missingProperty) field = joinField(field, params.missingProperty);
    if (params.additionalProperty) field = joinField(field, params.additionalProperty);
    const message =
      error.keyword === "required"
        ? "is required"
        : error.keyword === "additionalProperties"
          ? "is not a known field"
          : error.keyword === "enum"
            ? `must be one of: ${(params.allowedValues ?? []).join(", ")}`
            : (error.message ?? "is invalid");
    addFieldError(out, field || "$", message);
  }
  if (Object.keys(out).length === 0 && errors && errors.length > 0) out.$ = ["does not match the schema"];
  return out;
}

function pointerToField(pointer: string, prefix: string): string {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.reduce((field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : joinField(field, part)), prefix);
}

function joinField(field: string, name: string): string {
  return field ? `${field}.${name}` : name;
}

function resolveRef<T>(document: OpenApiDocument, node: T & { $ref?: string }): T {
  if (!node?.$ref) return node;
  const parts = node.$ref.replace(/^spec#\//, "").replace(/^#\//, "").split("/");
  const target = parts.reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], document);
  return resolveRef(document, target as T & { $ref?: string });
}

/** Points every local `#/...` ref at the registered spec so detached schemas resolve. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${SPEC_ID}${value}` : rewriteRefs(value);
  }
  return out;
}
