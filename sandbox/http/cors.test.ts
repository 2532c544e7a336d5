import { describe, expect, it } from "vitest";
import { corsHeaders, isPreflight, preflight } from "./cors.js";
import type { SandboxRequest } from "./types.js";

const APP = "http://localhost:5173";
const ANY = { origins: "*" as const };
const LISTED = { origins: [APP, "http://app.test"] };

function request(method: string, headers: Record<string, string>): SandboxRequest {
  return { method, path: "/internal/Payments", query: "", headers };
}

describe("isPreflight", () => {
  it("is an OPTIONS request that names the method it asks for, and nothing else", () => {
    expect(isPreflight(request("OPTIONS", { origin: APP, "access-control-request-method": "POST" }))).toBe(true);
    // Without Access-Control-Request-Method an OPTIONS is a plain request (the router answers it).
    expect(isPreflight(request("OPTIONS", { origin: APP }))).toBe(false);
    // A simple request from a page, even one carrying the header, is not a preflight.
    expect(isPreflight(request("POST", { origin: APP, "access-control-request-method": "POST" }))).toBe(false);
    expect(isPreflight(request("GET", { origin: APP }))).toBe(false);
  });
});

describe("preflight", () => {
  const ALLOWED = {
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": "Authorization, Content-Type, Prefer, X-Sandbox-Tenant",
    "access-control-max-age": "600",
    vary: "Origin",
  };

  it("allows the page's origin the sandbox's methods and headers for 10 minutes, whatever the policy lets it in", () => {
    const asked = { origin: APP, "access-control-request-method": "PATCH", "access-control-request-headers": "authorization, prefer, x-sandbox-tenant" };
    for (const cors of [ANY, LISTED]) {
      expect(preflight(request("OPTIONS", asked), cors)).toEqual({ status: 204, headers: { "access-control-allow-origin": APP, ...ALLOWED } });
    }
  });

  it("allows any origin (*) to a preflight that names none when any origin may call", () => {
    expect(preflight(request("OPTIONS", { "access-control-request-method": "GET" }), ANY)).toEqual({ status: 204, headers: { "access-control-allow-origin": "*", ...ALLOWED } });
  });

  it("refuses an origin that is not on the list with a bare 403 that still varies by Origin", () => {
    expect(preflight(request("OPTIONS", { origin: "http://evil.test", "access-control-request-method": "POST" }), LISTED)).toEqual({ status: 403, headers: { vary: "Origin" } });
    expect(preflight(request("OPTIONS", { "access-control-request-method": "POST" }), LISTED)).toEqual({ status: 403, headers: { vary: "Origin" } });
  });
});

describe("corsHeaders", () => {
  const exposed = (origin: string) => ({ "access-control-allow-origin": origin, "access-control-expose-headers": "Content-Disposition, Allow", vary: "Origin" });

  it("lets a page on an allowed origin read the answer and its Content-Disposition and Allow headers", () => {
    expect(corsHeaders(request("GET", { origin: APP }), ANY)).toEqual(exposed(APP));
    expect(corsHeaders(request("POST", { origin: "http://app.test" }), LISTED)).toEqual(exposed("http://app.test"));
  });

  it("adds nothing for a request without an Origin (not from a page), nor for an origin not on the list", () => {
    expect(corsHeaders(request("GET", {}), ANY)).toBeUndefined();
    expect(corsHeaders(request("GET", {}), LISTED)).toBeUndefined();
    expect(corsHeaders(request("GET", { origin: "http://evil.test" }), LISTED)).toBeUndefined();
  });
});
