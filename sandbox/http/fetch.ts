/**
 * The entry's Fetch-API face: a `Request` in, a `Response` out. The MSW adapter and in-process clients use it;
 * the express adapter speaks SandboxRequest directly, since building a `Request` per call would cost it more
 * than the rest of a request (docs/decisions/002-http-entry-contract.md). Browser-safe.
 */
import type { HttpEntry } from "./entry.js";
import { carriesBytes } from "./multipart.js";
import type { SandboxRequest, SandboxResponse } from "./types.js";

/** Where the sandbox is mounted: requests under `basePath` are served with it removed. */
export interface FetchFaceOptions {
  /** A path prefix the sandbox is served under (e.g. `/api`); "" or absent for the root. */
  basePath?: string;
  /** The tenant for requests that name none with `X-Sandbox-Tenant`. */
  tenant?: string;
}

/** A function from Request to Response, as fetch and MSW's resolvers are. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Serves a Fetch request through the entry. A broken connection (fault rules' `connectionReset` and
 * `emptyResponse`) has no Fetch form but a network error, so both become `Response.error()`, which fetch
 * rejects with a TypeError as it does for a dropped connection.
 */
export async function handleFetch(entry: HttpEntry, request: Request, options: FetchFaceOptions = {}): Promise<Response> {
  return toFetchResponse(await entry.handle(await toSandboxRequest(request, options)));
}

/**
 * The entry as a fetch function, for clients that reach the sandbox in-process (no socket, no MSW). Like
 * fetch, it rejects with a TypeError where the connection would have broken.
 */
export function fetchHandler(entry: HttpEntry, options: FetchFaceOptions = {}): FetchHandler {
  return async (request) => {
    const response = await handleFetch(entry, request, options);
    if (response.type === "error") throw new TypeError(`fetch failed: a fault rule broke the connection (${request.method} ${request.url})`);
    return response;
  };
}

/** A path without the base path, when it is the base or lies under it (`/api` serves `/api/x`, not `/apiary/x`). */
function withoutBase(pathname: string, basePath: string): string {
  const base = basePath.replace(/\/+$/, "");
  if (base === "") return pathname;
  if (pathname === base) return "/";
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : pathname;
}

/** Translates a Fetch request: lower-case headers, the path without `basePath`, the query without `?`. */
export async function toSandboxRequest(request: Request, options: FetchFaceOptions = {}): Promise<SandboxRequest> {
  const url = new URL(request.url);
  const path = withoutBase(url.pathname, options.basePath ?? "");
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  if (options.tenant !== undefined && headers["x-sandbox-tenant"] === undefined) headers["x-sandbox-tenant"] = options.tenant;
  // GET and HEAD carry no body in Fetch; for the rest an empty body is no body, as on a socket.
  if (request.body !== null && carriesBytes(headers["content-type"])) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return { method: request.method, path, query: url.search.slice(1), headers, ...(bytes.length > 0 && { bytes }) };
  }
  const text = request.body === null ? undefined : await request.text();
  return { method: request.method, path, query: url.search.slice(1), headers, ...(text !== undefined && text !== "" && { body: text }) };
}

/** Translates the entry's answer; a 204 or a HEAD answer has no body. */
export function toFetchResponse(answer: SandboxResponse): Response {
  if (answer.fault !== undefined) return Response.error();
  const body = answer.bytes ?? answer.body;
  const noBody = answer.status === 204 || answer.status === 304 || body === undefined;
  return new Response(noBody ? null : body, { status: answer.status, headers: answer.headers });
}
