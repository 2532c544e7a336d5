import { describe, expect, it } from "vitest";
import {
  bodyLimitBytes,
  isJsonMediaType,
  isOverLimit,
  MAX_BODY_BYTES,
  MAX_IMPORT_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_UPLOAD_BODY_BYTES,
  mediaTypeOf,
  nestingDepth,
  parseJson,
  requestBodyLimitBytes,
} from "./body.js";

/** An array nested `levels` deep: `[[...[]...]]`. */
const nested = (levels: number): unknown => {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
};

describe("the body limits", () => {
  it("are 1 MiB, 128 MiB for a whole ledger (snapshot import, seeding) and 32 MiB for document uploads", () => {
    expect([MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES, MAX_UPLOAD_BODY_BYTES]).toEqual([1024 * 1024, 128 * 1024 * 1024, 32 * 1024 * 1024]);
    expect(bodyLimitBytes("importSnapshot")).toBe(MAX_IMPORT_BODY_BYTES);
    expect(bodyLimitBytes("seedSandbox")).toBe(MAX_IMPORT_BODY_BYTES);
    expect(bodyLimitBytes("uploadClientDocument")).toBe(MAX_UPLOAD_BODY_BYTES);
    expect(bodyLimitBytes("createPayment")).toBe(MAX_BODY_BYTES);
    expect(bodyLimitBytes(undefined)).toBe(MAX_BODY_BYTES);
  });

  it("follow the operation a request is routed to, control or FinLego, and are 1 MiB where it is routed nowhere", () => {
    expect(requestBodyLimitBytes("PUT", "/__sandbox/snapshot")).toBe(MAX_IMPORT_BODY_BYTES);
    expect(requestBodyLimitBytes("POST", "/__sandbox/seed")).toBe(MAX_IMPORT_BODY_BYTES);
    expect(requestBodyLimitBytes("POST", "/internal/Clients/c1/Documents/upload")).toBe(MAX_UPLOAD_BODY_BYTES);
    expect(requestBodyLimitBytes("POST", "/internal/Payments")).toBe(MAX_BODY_BYTES);
    expect(requestBodyLimitBytes("POST", "/nowhere")).toBe(MAX_BODY_BYTES);
    expect(requestBodyLimitBytes("POST", "/__sandbox/nowhere")).toBe(MAX_BODY_BYTES);
  });

  it("count UTF-8 bytes, not characters: a body of exactly the limit passes, one byte more does not", () => {
    expect(isOverLimit("abc", 3)).toBe(false);
    expect(isOverLimit("abcd", 3)).toBe(true);
    // "é" is two bytes, "€" three.
    expect(isOverLimit("é", 2)).toBe(false);
    expect(isOverLimit("é", 1)).toBe(true);
    expect(isOverLimit("éé", 3)).toBe(true);
    expect(isOverLimit("éé", 4)).toBe(false);
    expect(isOverLimit("€", 3)).toBe(false);
    expect(isOverLimit("a€", 3)).toBe(true);
    expect(isOverLimit("€€", 5)).toBe(true);
    expect(isOverLimit("€€", 6)).toBe(false);
    expect(isOverLimit("", 0)).toBe(false);
  });
});

describe("JSON bodies", () => {
  it("nest at most 32 levels", () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(parseJson(JSON.stringify(nested(32)))).toEqual({ ok: true, value: nested(32) });
    expect(parseJson(JSON.stringify(nested(33)))).toEqual({ ok: false, message: "nests arrays and objects deeper than 32 levels" });
    expect(parseJson("{")).toMatchObject({ ok: false, message: expect.stringMatching(/^is not valid JSON: /) });
  });

  it("are measured by their deepest branch, wherever it is, and counted no further than one past the bound", () => {
    expect(nestingDepth(7, 32)).toBe(0);
    expect(nestingDepth(null, 32)).toBe(0);
    expect(nestingDepth({}, 32)).toBe(1);
    expect(nestingDepth([{}, [[]]], 32)).toBe(3);
    expect(nestingDepth([[[]], {}], 32)).toBe(3);
    expect(nestingDepth({ a: { b: [1] }, c: 2 }, 32)).toBe(3);
    expect(nestingDepth(nested(40), 32)).toBe(33);
    expect(nestingDepth(nested(40), 5)).toBe(6);
    expect(nestingDepth(nested(5), 5)).toBe(5);
  });
});

describe("media types", () => {
  it("are read lower case without parameters, and absent when the header is", () => {
    expect(mediaTypeOf("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaTypeOf(" text/plain ")).toBe("text/plain");
    expect(mediaTypeOf("")).toBeUndefined();
    expect(mediaTypeOf("; charset=utf-8")).toBeUndefined();
    expect(mediaTypeOf(undefined)).toBeUndefined();
  });

  it("count as JSON for application/json and the +json types only", () => {
    expect(isJsonMediaType("application/json")).toBe(true);
    expect(isJsonMediaType("application/merge-patch+json")).toBe(true);
    expect(isJsonMediaType("application/vnd.finlego.v2+json")).toBe(true);
    expect(isJsonMediaType("application/problem+json")).toBe(true);
    expect(isJsonMediaType("application/jsonx")).toBe(false);
    expect(isJsonMediaType("xapplication/json")).toBe(false);
    expect(isJsonMediaType("text/json")).toBe(false);
    expect(isJsonMediaType("application/merge patch+json")).toBe(false);
    expect(isJsonMediaType("text/plain")).toBe(false);
    expect(isJsonMediaType("application/xml")).toBe(false);
    expect(isJsonMediaType(undefined)).toBe(false);
  });
});
