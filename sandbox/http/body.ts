/**
 * Request bodies: the one size policy, the one JSON parser with its nesting limit, and media-type checks.
 * Every limit is checked here, before anything else (fault-rule matching, validation, handlers) walks a body,
 * so no request can make the sandbox recurse or allocate beyond these bounds.
 */
import { controlApi, finlegoApi, isControlPath } from "./apis.js";
import { MAX_TENANT_DOCUMENT_BYTES } from "../core/index.js";

/** Largest request body accepted by every operation that takes one (1 MiB); larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Largest body of the control operations that carry a whole ledger (snapshot import, seeding from a
 * posted document): 128 MiB, about 150,000 payments; docs/decisions/010-request-limits.md says why.
 */
export const MAX_IMPORT_BODY_BYTES = 128 * 1024 * 1024;

/** Operations whose bodies may be as large as MAX_IMPORT_BODY_BYTES. */
export const IMPORT_OPERATIONS: ReadonlySet<string> = new Set(["importSnapshot", "seedSandbox"]);

/**
 * Largest body of a document upload: what a tenant may hold in documents at all, 32 MiB (one file may have
 * 10 MiB, MAX_DOCUMENT_BYTES; a bulk upload carries up to ten).
 */
export const MAX_UPLOAD_BODY_BYTES = MAX_TENANT_DOCUMENT_BYTES;

/** The document uploads, whose bodies may be as large as MAX_UPLOAD_BODY_BYTES. */
export const UPLOAD_OPERATIONS: ReadonlySet<string> = new Set(["uploadClientDocument", "uploadClientDocuments", "uploadRelatedIndividualDocument"]);

/** Deepest nesting of arrays and objects a JSON body may have; the spec's deepest body nests 4 levels. */
export const MAX_JSON_DEPTH = 32;

/** The body limit of the operation a request is routed to (MAX_BODY_BYTES when it is routed nowhere). */
export function requestBodyLimitBytes(method: string, path: string): number {
  const api = isControlPath(path) ? controlApi : finlegoApi;
  const matched = api.router.match(method, path);
  return matched.kind === "found" ? bodyLimitBytes(matched.route.operationId) : MAX_BODY_BYTES;
}

/** The body limit of an operation, by its operationId. */
export function bodyLimitBytes(operationId: string | undefined): number {
  if (operationId === undefined) return MAX_BODY_BYTES;
  return IMPORT_OPERATIONS.has(operationId) ? MAX_IMPORT_BODY_BYTES : UPLOAD_OPERATIONS.has(operationId) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

const encoder = new TextEncoder();

/** The UTF-8 size of a body, or a bound that is enough to compare with `limitBytes`. */
export function isOverLimit(text: string, limitBytes: number): boolean {
  // Cheap bounds first: a string of n UTF-16 units encodes to between n and 3n bytes.
  if (text.length > limitBytes) return true;
  if (text.length * 3 <= limitBytes) return false;
  return encoder.encode(text).length > limitBytes;
}

/** A parsed JSON text, or why it could not be had (a predicate: "is not valid JSON: ..."). */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON text and refuses values nested deeper than MAX_JSON_DEPTH (checked without recursion). */
export function parseJson(text: string): ParsedJson {
  let value: unknown;
  try {
    // V8's JSON.parse does not recurse, so even a body nested a million levels parses without a stack overflow.
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `is not valid JSON: ${(error as Error).message}` };
  }
  const depth = nestingDepth(value, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) return { ok: false, message: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels` };
  return { ok: true, value };
}

/** The nesting depth of a JSON value, counted up to `stopAfter + 1` with an explicit stack. */
export function nestingDepth(value: unknown, stopAfter: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAfter) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, level]);
  }
  return deepest;
}

/** The media type of a Content-Type header, lower case without parameters (`application/json`). */
export function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** True for `application/json` and the `+json` types (`application/merge-patch+json`, ...). */
export function isJsonMediaType(type: string | undefined): boolean {
  return type !== undefined && /^application\/([\w.+-]*\+)?json$/.test(type);
}
