/**
 * CORS for local development: a frontend on its own dev-server port calls the sandbox directly.
 * Any origin by default; a list restricts it.
 */
import type { SandboxRequest, SandboxResponse } from "./types.js";

/** Which origins may call the sandbox from a browser. */
export interface CorsOptions {
  origins: "*" | string[];
}

const ALLOWED_HEADERS = "Authorization, Content-Type, Prefer, X-Sandbox-Tenant";
const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const EXPOSED_HEADERS = "Content-Disposition, Allow";

/** True for a CORS preflight request. */
export function isPreflight(request: SandboxRequest): boolean {
  return request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined;
}

function allowedOrigin(request: SandboxRequest, cors: CorsOptions): string | undefined {
  const origin = request.headers.origin;
  if (cors.origins === "*") return origin ?? "*";
  return origin !== undefined && cors.origins.includes(origin) ? origin : undefined;
}

/** Headers that let the browser read a response; none for requests without an Origin (not from a browser page). */
export function corsHeaders(request: SandboxRequest, cors: CorsOptions): Record<string, string> | undefined {
  if (request.headers.origin === undefined) return undefined;
  const origin = allowedOrigin(request, cors);
  if (!origin) return undefined;
  return { "access-control-allow-origin": origin, "access-control-expose-headers": EXPOSED_HEADERS, vary: "Origin" };
}

/** Answers a preflight: 204 with the allowed methods and headers, or 403 for an origin not on the list. */
export function preflight(request: SandboxRequest, cors: CorsOptions): SandboxResponse {
  const origin = allowedOrigin(request, cors);
  if (!origin) return { status: 403, headers: { vary: "Origin" } };
  return {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": ALLOWED_METHODS,
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
      vary: "Origin",
    },
  };
}
