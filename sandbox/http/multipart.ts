/**
 * multipart/form-data bodies (RFC 7578): which requests carry bytes rather than text, a parser over the raw
 * bytes, and the one reading of such a body the entry does, checked against the operation's schema. A part
 * with a `filename` is a file; every other part is a text field. Browser-safe: Uint8Array and TextDecoder only.
 * docs/decisions/014-bytes-bodies-and-documents.md says why bodies may be bytes.
 */
import { mediaTypeOf } from "./body.js";
import { validationProblem } from "./problems.js";
import type { Route } from "./router.js";
import type { SandboxRequest, SandboxResponse } from "./types.js";
import type { SpecValidator } from "./validation.js";

/** Most parts a multipart body may have (the bulk upload's 10 files and its fields fit many times). */
export const MAX_FORM_PARTS = 64;
/** Most bytes of one part's headers. */
export const MAX_PART_HEADER_BYTES = 8 * 1024;

/** One file of a multipart body: the field it came in, its file name and declared type, its bytes. */
export interface FilePart {
  field: string;
  fileName: string;
  /** The part's media type (lower case, without parameters); undefined when the part declares none. */
  contentType: string | undefined;
  bytes: Uint8Array;
}

/**
 * A multipart body as a handler gets it: the text fields as the operation's schema types them (a file's field
 * holds its file name there, so the schema can require it), and the file parts in the order they came.
 */
export interface MultipartBody<Fields = Record<string, unknown>> {
  fields: Fields;
  files: FilePart[];
}

/** True for the media types whose bodies adapters pass as bytes (`SandboxRequest.bytes`): multipart ones. */
export function carriesBytes(contentType: string | undefined): boolean {
  return mediaTypeOf(contentType)?.startsWith("multipart/") ?? false;
}

/** The body of a request that passed its media-type check, parsed and checked against the operation's form schema. */
export function readFormData(validator: SpecValidator, route: Route, request: SandboxRequest): { value: MultipartBody; parsed: unknown } | { response: SandboxResponse; parsed?: unknown } {
  // A text body (a test, or a log written before bytes bodies) stands for its UTF-8 bytes.
  const bytes = request.bytes ?? utf8Encoder.encode(request.body ?? "");
  const form = parseFormData(bytes, request.headers["content-type"]);
  if ("problem" in form) return { response: validationProblem({ $: [`The multipart body ${form.problem}.`] }, request.path) };
  const errors = validator.checkBody(route, form.fields);
  if (errors) return { response: validationProblem(errors, request.path), parsed: form.fields };
  return { value: form, parsed: form.fields };
}

/** The files a multipart body carries under one field name. */
export function filesOf(body: MultipartBody<unknown>, field: string): FilePart[] {
  return body.files.filter((f) => f.field === field);
}

/**
 * Parses a multipart/form-data body; the problem says what is wrong (a predicate: "has no boundary ...").
 * Text fields given more than once become lists (the schema then says whether a list is allowed).
 */
export function parseFormData(bytes: Uint8Array, contentType: string | undefined): MultipartBody | { problem: string } {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return { problem: "has no boundary: send Content-Type multipart/form-data; boundary=..." };
  const delimiter = ascii(`--${boundary}`);
  const next = ascii(`\r\n--${boundary}`);
  const fields = Object.create(null) as Record<string, unknown>;
  const files: FilePart[] = [];
  // The first delimiter opens the body, or follows a preamble's CRLF.
  const opening = indexOfBytes(bytes, delimiter, 0) === 0 ? 0 : indexOfBytes(bytes, next, 0);
  if (opening < 0) return { problem: `has no part opened by its boundary ${boundary}` };
  let at = opening === 0 && bytes[0] === DASH ? 0 : opening + 2;
  for (let parts = 0; ; parts++) {
    at += delimiter.length;
    if (bytes[at] === DASH && bytes[at + 1] === DASH) return { fields, files };
    while (bytes[at] === SPACE || bytes[at] === TAB) at++;
    if (bytes[at] !== CR || bytes[at + 1] !== LF) return { problem: "has a boundary line that does not end with CRLF" };
    if (parts === MAX_FORM_PARTS) return { problem: `has more than ${MAX_FORM_PARTS} parts` };
    const headersEnd = indexOfBytes(bytes, HEADERS_END, at);
    if (headersEnd < 0 || headersEnd - at > MAX_PART_HEADER_BYTES) return { problem: `has a part whose headers do not end with an empty line within ${MAX_PART_HEADER_BYTES} bytes` };
    const end = indexOfBytes(bytes, next, headersEnd + 4);
    if (end < 0) return { problem: "ends before its closing boundary" };
    const part = partOf(utf8Decoder.decode(bytes.subarray(at + 2, headersEnd)), bytes.subarray(headersEnd + 4, end));
    if ("problem" in part) return part;
    if (part.fileName !== undefined) files.push({ field: part.name, fileName: part.fileName, contentType: part.contentType, bytes: part.bytes });
    addField(fields, part.name, part.fileName ?? utf8Decoder.decode(part.bytes));
    at = end + 2;
  }
}

type Part = { name: string; fileName: string | undefined; contentType: string | undefined; bytes: Uint8Array };

function partOf(headerText: string, bytes: Uint8Array): Part | { problem: string } {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of headerText === "" ? [] : headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) return { problem: `has a part header that is not "Name: value" (${line.slice(0, 60)})` };
    const name = line.slice(0, colon).trim().toLowerCase();
    if (name === "content-disposition") disposition = line.slice(colon + 1).trim();
    if (name === "content-type") contentType = mediaTypeOf(line.slice(colon + 1));
  }
  const params = disposition === undefined ? undefined : dispositionParams(disposition);
  const name = params?.get("name");
  if (params === undefined || name === undefined || name === "") return { problem: 'has a part without Content-Disposition: form-data; name="..."' };
  return { name, fileName: params.get("filename*") ?? params.get("filename"), contentType, bytes };
}

/** The parameters of `form-data; name="a"; filename="b.pdf"` (quoted or not; `filename*` in RFC 8187 form decoded). */
function dispositionParams(value: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/gy;
  const type = /^\s*form-data\s*/i.exec(value);
  if (!type) return undefined;
  pattern.lastIndex = type[0].length;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    const key = match[1]!.toLowerCase();
    // Only \" and \\ are escapes: a Windows path (C:\Users\...) keeps its backslashes, so its last segment is found.
    const raw = match[2] !== undefined ? match[2].replace(/\\(["\\])/g, "$1") : match[3]!.trim();
    const decoded = key.endsWith("*") ? extendedValue(raw) : raw;
    if (decoded !== undefined) params.set(key, decoded);
  }
  return params;
}

// RFC 8187: charset'language'percent-encoded, of which only UTF-8 is sent in practice.
function extendedValue(raw: string): string | undefined {
  const match = /^utf-8'[^']*'(.*)$/i.exec(raw);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType ?? "");
  return match?.[1] ?? match?.[2];
}

function addField(fields: Record<string, unknown>, name: string, value: string): void {
  const previous = fields[name];
  fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
}

/** The first index of `needle` in `bytes` at or after `from`, or -1 (a native scan for its first byte, then a compare). */
function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  const last = bytes.length - needle.length;
  for (let i = bytes.indexOf(first, from); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
const CR = 13;
const LF = 10;
const DASH = 45;
const SPACE = 32;
const TAB = 9;
const HEADERS_END = Uint8Array.of(CR, LF, CR, LF);
