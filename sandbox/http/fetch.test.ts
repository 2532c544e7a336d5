import { describe, expect, it } from "vitest";
import { validatedEntry } from "../../test/support/validated.js";
import { fetchHandler, handleFetch, toFetchResponse, toSandboxRequest } from "./fetch.js";

const ORIGIN = "http://sandbox.test";
const utf8 = new TextEncoder();

describe("toSandboxRequest", () => {
  it("takes the method, the path without basePath, the query without '?' and the headers in lower case", async () => {
    const request = new Request(`${ORIGIN}/api/internal/Accounts?page=2&pageSize=5`, { headers: { Prefer: "code=404", "X-Sandbox-Tenant": "team-a" } });
    expect(await toSandboxRequest(request, { basePath: "/api", tenant: "fallback" })).toStrictEqual({
      method: "GET",
      path: "/internal/Accounts",
      query: "page=2&pageSize=5",
      // The request's own tenant wins over the face's.
      headers: { prefer: "code=404", "x-sandbox-tenant": "team-a" },
    });
  });

  it("serves basePath itself as the root, and leaves a path outside basePath (or without one) as it is", async () => {
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api`), { basePath: "/api" })).toStrictEqual({ method: "GET", path: "/", query: "", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api?x=1`), { basePath: "/api" })).toStrictEqual({ method: "GET", path: "/", query: "x=1", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/other/health`), { basePath: "/api" })).toStrictEqual({ method: "GET", path: "/other/health", query: "", headers: {} });
    // The base is a whole path segment: /apiary is not under /api, and a trailing slash on the base changes nothing.
    expect(await toSandboxRequest(new Request(`${ORIGIN}/apiary/x`), { basePath: "/api" })).toStrictEqual({ method: "GET", path: "/apiary/x", query: "", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api/x`), { basePath: "/api/" })).toStrictEqual({ method: "GET", path: "/x", query: "", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api/x`), { basePath: "/api//" })).toStrictEqual({ method: "GET", path: "/x", query: "", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api/`), { basePath: "/api" })).toStrictEqual({ method: "GET", path: "/", query: "", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api/internal/Accounts`))).toStrictEqual({ method: "GET", path: "/api/internal/Accounts", query: "", headers: {} });
    expect(await toSandboxRequest(new Request(`${ORIGIN}/api/internal/Accounts`), { basePath: "" })).toStrictEqual({ method: "GET", path: "/api/internal/Accounts", query: "", headers: {} });
  });

  it("names the face's tenant for a request that names none, and no tenant when the face has none", async () => {
    expect(await toSandboxRequest(new Request(`${ORIGIN}/Accounts`), { tenant: "team-b" })).toStrictEqual({ method: "GET", path: "/Accounts", query: "", headers: { "x-sandbox-tenant": "team-b" } });
    const own = await toSandboxRequest(new Request(`${ORIGIN}/Accounts`, { headers: { "x-sandbox-tenant": "team-c" } }));
    expect(own).toStrictEqual({ method: "GET", path: "/Accounts", query: "", headers: { "x-sandbox-tenant": "team-c" } });
  });

  it("passes a JSON body on as text, and an empty body as no body, as on a socket", async () => {
    const json = '{"amount":12.5}';
    const post = new Request(`${ORIGIN}/internal/Payments?dry=1`, { method: "POST", headers: { "content-type": "application/json" }, body: json });
    expect(await toSandboxRequest(post)).toStrictEqual({ method: "POST", path: "/internal/Payments", query: "dry=1", headers: { "content-type": "application/json" }, body: json });
    const empty = new Request(`${ORIGIN}/internal/Payments`, { method: "POST", headers: { "content-type": "application/json" }, body: "" });
    expect(await toSandboxRequest(empty)).toStrictEqual({ method: "POST", path: "/internal/Payments", query: "", headers: { "content-type": "application/json" } });
    const none = new Request(`${ORIGIN}/internal/Payments`, { method: "DELETE" });
    expect(await toSandboxRequest(none)).toStrictEqual({ method: "DELETE", path: "/internal/Payments", query: "", headers: {} });
  });

  it("passes a multipart body on as its bytes, and an empty one as no body", async () => {
    const type = "multipart/form-data; boundary=b0undary";
    const form = utf8.encode('--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-\xff\r\n--b0undary--\r\n');
    const upload = new Request(`${ORIGIN}/api/internal/Clients/c/documents?kind=passport`, { method: "POST", headers: { "content-type": type }, body: form });
    expect(await toSandboxRequest(upload, { basePath: "/api" })).toStrictEqual({
      method: "POST",
      path: "/internal/Clients/c/documents",
      query: "kind=passport",
      headers: { "content-type": type },
      bytes: new Uint8Array(form),
    });
    const empty = new Request(`${ORIGIN}/internal/Clients/c/documents`, { method: "POST", headers: { "content-type": type }, body: new Uint8Array(0) });
    expect(await toSandboxRequest(empty)).toStrictEqual({ method: "POST", path: "/internal/Clients/c/documents", query: "", headers: { "content-type": type } });
  });
});

describe("toFetchResponse", () => {
  it("answers the status, headers and body text", async () => {
    const response = toFetchResponse({ status: 422, headers: { "content-type": "application/problem+json" }, body: '{"code":"insufficientFunds"}' });
    expect([response.status, response.headers.get("content-type"), await response.text()]).toEqual([422, "application/problem+json", '{"code":"insufficientFunds"}']);
  });

  it("answers binary bodies as their bytes", async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]);
    const response = toFetchResponse({ status: 200, headers: { "content-type": "application/pdf" }, bytes });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it("gives a 204 and a 304 no body, even when the answer carries text, and none when there is none", async () => {
    for (const status of [204, 304]) {
      const response = toFetchResponse({ status, headers: { etag: '"1"' }, body: "" });
      expect([response.status, response.headers.get("etag"), response.body]).toEqual([status, '"1"', null]);
    }
    const headOf = toFetchResponse({ status: 200, headers: { "content-length": "42" } });
    expect([headOf.status, headOf.headers.get("content-length"), headOf.body]).toEqual([200, "42", null]);
  });

  it("turns a broken connection into a network error", () => {
    const response = toFetchResponse({ status: 0, headers: {}, fault: "connectionReset" });
    expect([response.type, response.status]).toEqual(["error", 0]);
  });
});

describe("handleFetch and fetchHandler", () => {
  it("serve a request under basePath in the face's tenant, and a 204 without a body", async () => {
    const entry = validatedEntry();
    const created = await handleFetch(entry, new Request(`${ORIGIN}/api/__sandbox/clock`), { basePath: "/api", tenant: "fetch-face" });
    expect(created.status).toBe(200);
    const tenants = (await (await handleFetch(entry, new Request(`${ORIGIN}/__sandbox/tenants`))).json()) as { name: string }[];
    expect(tenants.map((t) => t.name)).toContain("fetch-face");
    const deleted = await fetchHandler(entry, { basePath: "/api" })(new Request(`${ORIGIN}/api/__sandbox/tenants/fetch-face`, { method: "DELETE" }));
    expect([deleted.status, deleted.body]).toEqual([204, null]);
  });

  it("reject like fetch, with a TypeError naming the request, where a fault rule breaks the connection", async () => {
    const entry = validatedEntry();
    const fetch = fetchHandler(entry);
    const rule = await fetch(new Request(`${ORIGIN}/__sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ match: { operationId: "listCurrencies" }, respond: { fault: "connectionReset" } }) }));
    expect(rule.status).toBe(201);
    const broken = new Request(`${ORIGIN}/internal/Currencies?x=1`);
    await expect(fetch(broken)).rejects.toThrow(new TypeError(`fetch failed: a fault rule broke the connection (GET ${ORIGIN}/internal/Currencies?x=1)`));
    // handleFetch, for MSW, answers the network error itself.
    expect((await handleFetch(entry, new Request(`${ORIGIN}/internal/Currencies`))).type).toBe("error");
  });
});
