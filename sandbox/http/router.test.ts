import { beforeEach, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "./openapi-types.js";
import { createRouter, type Router } from "./router.js";

const op = (operationId: string) => ({ operationId, responses: {} });

// A small spec with the shapes the router has to tell apart: literal and templated segments side by side,
// several methods on one path, methods beyond GET and POST, and an operation without an operationId.
const spec: OpenApiDocument = {
  openapi: "3.1.0",
  paths: {
    "/Items": { get: op("listItems"), delete: op("clearItems"), post: op("createItem") },
    "/Items/{itemId}": { get: op("getItem"), put: op("replaceItem") },
    "/Items/special": { post: op("special") },
    "/a/{x}/b": { get: op("aXB") },
    "/{y}/c/d": { get: op("yCD") },
    "/probe": { head: op("headProbe"), options: op("optionsProbe"), trace: op("traceProbe"), patch: op("patchProbe") },
    "/files/pre{name}": { get: op("prefixed") },
    "/files/{name}suffix": { get: op("suffixed") },
    "/anonymous": { get: { responses: {} } },
  },
};

describe("createRouter", () => {
  // A fresh router per test: each test builds (and so runs) the code it checks.
  let router: Router;
  beforeEach(() => {
    router = createRouter(spec);
  });

  it("lists every operation that has an operationId, with its upper-case method and template", () => {
    expect(router.routes.map((r) => [r.method, r.template, r.operationId])).toEqual([
      ["GET", "/Items", "listItems"],
      ["POST", "/Items", "createItem"],
      ["DELETE", "/Items", "clearItems"],
      ["GET", "/Items/{itemId}", "getItem"],
      ["PUT", "/Items/{itemId}", "replaceItem"],
      ["POST", "/Items/special", "special"],
      ["GET", "/a/{x}/b", "aXB"],
      ["GET", "/{y}/c/d", "yCD"],
      ["PATCH", "/probe", "patchProbe"],
      ["HEAD", "/probe", "headProbe"],
      ["OPTIONS", "/probe", "optionsProbe"],
      ["TRACE", "/probe", "traceProbe"],
      ["GET", "/files/pre{name}", "prefixed"],
      ["GET", "/files/{name}suffix", "suffixed"],
    ]);
    expect(router.routes[0]?.operation).toBe(spec.paths?.["/Items"]?.get);
  });

  it("matches a literal path with each of its methods, in any case", () => {
    for (const [method, id] of [["GET", "listItems"], ["delete", "clearItems"], ["POST", "createItem"]]) {
      const found = router.match(method!, "/items");
      expect(found).toEqual({ kind: "found", route: expect.objectContaining({ operationId: id }), pathParams: {} });
    }
    const upper = router.match("GET", "/ITEMS");
    expect(upper.kind === "found" && upper.route.operationId).toBe("listItems");
  });

  it("ignores a trailing slash and empty segments", () => {
    for (const path of ["/Items/", "//Items", "/Items//", "/Items/42/"]) {
      const found = router.match("GET", path);
      expect(found.kind, path).toBe("found");
    }
    expect(router.match("GET", "/Items/42/")).toMatchObject({ pathParams: { itemId: "42" } });
  });

  it("decodes path parameters, and keeps a segment that is not valid percent-encoding as it came", () => {
    expect(router.match("GET", "/Items/a%20b")).toMatchObject({ kind: "found", pathParams: { itemId: "a b" } });
    expect(router.match("GET", "/Items/%E0%A4%A")).toMatchObject({ kind: "found", pathParams: { itemId: "%E0%A4%A" } });
  });

  it("treats a template named literally as a parameter value, not as the literal template", () => {
    expect(router.match("GET", "/Items/{itemId}")).toMatchObject({ kind: "found", route: { operationId: "getItem" }, pathParams: { itemId: "{itemId}" } });
  });

  it("prefers a literal segment, and falls back to the parameter when the literal has no such method", () => {
    expect(router.match("POST", "/Items/special")).toMatchObject({ kind: "found", route: { operationId: "special" }, pathParams: {} });
    expect(router.match("GET", "/Items/special")).toMatchObject({ kind: "found", route: { operationId: "getItem" }, pathParams: { itemId: "special" } });
  });

  it("forgets the parameters of a branch that did not match", () => {
    const found = router.match("GET", "/a/c/d");
    expect(found).toEqual({ kind: "found", route: expect.objectContaining({ operationId: "yCD" }), pathParams: { y: "a" } });
  });

  it("answers HEAD with the GET operation", () => {
    expect(router.match("HEAD", "/Items")).toMatchObject({ kind: "found", route: { operationId: "listItems", method: "GET" } });
    expect(router.match("HEAD", "/Items/7")).toMatchObject({ kind: "found", route: { operationId: "getItem" }, pathParams: { itemId: "7" } });
  });

  it("gives the sorted allowed methods, HEAD with GET, for a path known under other methods", () => {
    expect(router.match("PATCH", "/Items")).toEqual({ kind: "methodNotAllowed", allowed: ["DELETE", "GET", "HEAD", "POST"] });
    expect(router.match("DELETE", "/Items/1")).toEqual({ kind: "methodNotAllowed", allowed: ["GET", "HEAD", "PUT"] });
    expect(router.match("GET", "/probe")).toEqual({ kind: "methodNotAllowed", allowed: ["HEAD", "OPTIONS", "PATCH", "TRACE"] });
    expect(router.match("OPTIONS", "/probe")).toMatchObject({ kind: "found", route: { operationId: "optionsProbe" } });
    expect(router.match("TRACE", "/probe")).toMatchObject({ kind: "found", route: { operationId: "traceProbe" } });
  });

  it("does not route an operation without an operationId", () => {
    expect(router.match("GET", "/anonymous")).toEqual({ kind: "notFound" });
  });

  it("answers notFound for an unknown path", () => {
    expect(router.match("GET", "/nowhere")).toEqual({ kind: "notFound" });
    expect(router.match("GET", "/Items/1/2")).toEqual({ kind: "notFound" });
  });

  it("reads only a whole segment in braces as a parameter", () => {
    expect(router.match("GET", "/files/pre{name}")).toMatchObject({ kind: "found", route: { operationId: "prefixed" }, pathParams: {} });
    expect(router.match("GET", "/files/{name}suffix")).toMatchObject({ kind: "found", route: { operationId: "suffixed" }, pathParams: {} });
    expect(router.match("GET", "/files/report")).toEqual({ kind: "notFound" });
  });

  it("routes a spec without paths to nothing", () => {
    const empty = createRouter({ openapi: "3.1.0" });
    expect(empty.routes).toEqual([]);
    expect(empty.match("GET", "/")).toEqual({ kind: "notFound" });
  });
});
