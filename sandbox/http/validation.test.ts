import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeEach, describe, expect, it } from "vitest";
import { finlegoSpec, sandboxControlSpec } from "./generated/specs.js";
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from "./openapi-types.js";
import type { Route } from "./router.js";
import { createAjv, createSpecValidator, toFieldErrors, type SpecValidator } from "./validation.js";

// Every schema in a spec: the component schemas and each `schema` of a parameter, body or response.
function schemasOf(node: unknown, at: string, found: [string, JsonSchema][] = []): [string, JsonSchema][] {
  if (node === null || typeof node !== "object") return found;
  for (const [key, value] of Object.entries(node)) {
    const where = `${at}/${key}`;
    if (key === "schema" && value !== null && typeof value === "object") found.push([where, value as JsonSchema]);
    else schemasOf(value, where, found);
  }
  return found;
}

// Where the spec has a schema that the JSON Schema 2020-12 meta-schema refuses.
function invalidSchemas(spec: Pick<OpenApiDocument, "paths" | "components">): string[] {
  const ajv = new Ajv2020({ strict: false });
  const components = Object.entries(spec.components?.schemas ?? {}).map(([name, schema]): [string, JsonSchema] => [`#/components/schemas/${name}`, schema as JsonSchema]);
  const all = [...components, ...schemasOf(spec.paths, "#/paths"), ...schemasOf(spec.components, "#/components")];
  return all.filter(([, schema]) => !ajv.validateSchema(schema)).map(([where]) => where);
}

describe("the specs' schemas", () => {
  // The entry's validators skip ajv's meta-schema check (about 30 ms per ajv instance at start, and it could
  // not see inside `components`), so this is where a schema that is not JSON Schema is caught.
  it.each([
    ["finlego", finlegoSpec],
    ["sandbox-control", sandboxControlSpec],
  ])("every schema of the %s spec is valid JSON Schema 2020-12", (_name, spec) => {
    expect(invalidSchemas(spec)).toEqual([]);
  });

  it("names a component schema or an operation's schema that is not JSON Schema", () => {
    const bad = { type: "strin" };
    const spec = {
      paths: { "/x": { get: { responses: { 200: { content: { "application/json": { schema: bad } } } } } } },
      components: { schemas: { Bad: bad, Good: { type: "string" } } },
    };
    expect(invalidSchemas(spec)).toEqual(["#/components/schemas/Bad", "#/paths//x/get/responses/200/content/application/json/schema"]);
  });
});

const ok = (description = "OK", content?: Record<string, { schema: JsonSchema }>) => (content ? { description, content } : { description });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

// A small spec with one operation per kind of check the validator makes.
const testSpec: OpenApiDocument = {
  openapi: "3.1.0",
  paths: {
    "/things/{thingId}": {
      parameters: [{ $ref: "#/components/parameters/ThingId" }],
      get: {
        operationId: "getThing",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", default: 20 } },
          { name: "ids", in: "query", schema: { type: "array", items: { type: "string" } } },
          { name: "tag", in: "query", schema: { type: "string" } },
          { name: "free", in: "query" },
          { name: "kind", in: "query", required: true, schema: { type: "string", enum: ["a", "b"] } },
        ],
        responses: {
          200: ok("OK", json({ $ref: "#/components/schemas/Thing" })),
          204: ok("No content"),
          404: { $ref: "#/components/responses/NotFound" },
        },
      },
      put: {
        operationId: "putThing",
        requestBody: { $ref: "#/components/requestBodies/Thing" },
        responses: { default: ok("Any", json({ type: "object" })) },
      },
      post: {
        operationId: "uploadThing",
        requestBody: {
          required: true,
          content: { "multipart/form-data": { schema: { type: "object", required: ["count"], properties: { count: { type: "integer" } } } } },
        },
      },
      patch: {
        operationId: "rawThing",
        requestBody: { content: { "application/pdf": { schema: { type: "string" } } } },
        responses: { 200: ok("OK", json({ type: "object", properties: { size: { type: "integer", default: 1 } } })) },
      },
    },
  },
  components: {
    parameters: { ThingId: { name: "thingId", in: "path", schema: { type: "integer" } } },
    requestBodies: { Thing: { required: true, content: json({ $ref: "#/components/schemas/Thing" }) } },
    responses: { NotFound: { description: "Not found", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/ProblemDetails" } } } } },
    schemas: {
      ProblemDetails: { type: "object", required: ["title"], properties: { title: { type: "string" }, status: { type: "integer" } } },
      Thing: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: { type: "string" },
          colour: { type: "string", enum: ["red", "green"] },
          lines: { type: "array", items: { type: "object", properties: { qty: { type: "integer" } } } },
          line2: { type: "integer" },
          "2nd": { type: "integer" },
          "a/b": { type: "object", properties: { "x~y": { type: "string" } } },
          contact: { oneOf: [{ type: "string", format: "email" }, { type: "integer", minimum: 0 }] },
          either: { anyOf: [{ type: "string" }, { type: "boolean" }] },
          choice: { oneOf: [{ type: "number" }, { type: "integer" }] },
          at: { type: "string", format: "date-time" },
          mode: { type: "string" },
          code: { type: "string" },
          note: { type: ["string", "null"], examples: [null] },
        },
        if: { properties: { mode: { const: "coded" } }, required: ["mode"] },
        then: { required: ["code"] },
      },
    },
  },
};

const route = (method: string, operationId: string): Route => {
  const operation = testSpec.paths!["/things/{thingId}"]![method.toLowerCase()] as OpenApiOperation;
  return { method, template: "/things/{thingId}", operationId, operation };
};
const getThing = route("GET", "getThing");
const putThing = route("PUT", "putThing");
const uploadThing = route("POST", "uploadThing");
const rawThing = route("PATCH", "rawThing");

describe("checkParams", () => {
  // A fresh validator per test: each test compiles (and so runs) the code it checks.
  let validator: SpecValidator;
  beforeEach(() => {
    validator = createSpecValidator(testSpec);
  });

  it("coerces path and query parameters, fills defaults and reads array parameters from repeats and comma lists", () => {
    expect(validator.checkParams(getThing, { thingId: "7" }, "kind=a&ids=x,y&ids=z&ids=&tag=p,q")).toEqual({
      params: { path: { thingId: 7 }, query: { limit: 20, ids: ["x", "y", "z"], tag: "p,q", kind: "a" } },
    });
    expect(validator.checkParams(getThing, { thingId: "7" }, "kind=b&limit=5&ids=one&free=a,b")).toEqual({
      params: { path: { thingId: 7 }, query: { limit: 5, ids: ["one"], kind: "b", free: "a,b" } },
    });
  });

  it("reports each bad parameter under its name", () => {
    expect(validator.checkParams(getThing, {}, "limit=x&kind=c")).toEqual({
      errors: { thingId: ["is required"], limit: ["must be integer"], kind: ["must be one of: a, b"] },
    });
    expect(validator.checkParams(getThing, { thingId: "x" }, "")).toEqual({ errors: { thingId: ["must be integer"], kind: ["is required"] } });
  });

  it("checks the path item's parameters for an operation without its own, and keeps unknown query names", () => {
    expect(validator.checkParams(putThing, { thingId: "3" }, "anything=1&constructor=2")).toEqual({ params: { path: { thingId: 3 }, query: { anything: "1", constructor: "2" } } });
  });
});

describe("checkBody", () => {
  // A fresh validator per test: each test compiles (and so runs) the code it checks.
  let validator: SpecValidator;
  beforeEach(() => {
    validator = createSpecValidator(testSpec);
  });

  it("accepts a valid body and tells what the operation accepts", () => {
    expect(validator.checkBody(putThing, { name: "n", lines: [{ qty: 1 }] })).toBeUndefined();
    expect(validator.bodyInfo(putThing)).toEqual({ required: true, types: ["application/json"] });
    expect(validator.bodyInfo(getThing)).toEqual({ required: false, types: [] });
    expect(validator.bodyInfo(rawThing)).toEqual({ required: false, types: ["application/pdf"] });
    expect(validator.checkBody(rawThing, "%PDF")).toBeUndefined();
  });

  it("lists every bad field with its message", () => {
    const body = { colour: "blue", extra: 1, lines: Array.from({ length: 11 }, (_, i) => ({ qty: i === 10 ? "x" : i })), line2: "x", "2nd": "x" };
    expect(validator.checkBody(putThing, body)).toEqual({
      name: ["is required"],
      extra: ["is not a known field"],
      colour: ["must be one of: red, green"],
      "lines[10].qty": ["must be integer"],
      line2: ["must be integer"],
      "2nd": ["must be integer"],
    });
  });

  it("unescapes JSON pointers into field names", () => {
    expect(validator.checkBody(putThing, { name: "n", "a/b": { "x~y": 1 } })).toEqual({ "a/b.x~y": ["must be string"] });
    expect(validator.checkBody(putThing, { name: "n", note: null })).toBeUndefined();
    expect(validator.checkBody(putThing, { name: "n", note: 1 })).toEqual({ note: ["must be string,null"] });
  });

  it("reports a body that is not an object under $, and does not coerce JSON", () => {
    expect(validator.checkBody(putThing, "text")).toEqual({ $: ["must be object"] });
    expect(validator.checkBody(putThing, { name: 5 })).toEqual({ name: ["must be string"] });
  });

  it("leaves out the anyOf, oneOf and if summaries, keeping the branches' own errors", () => {
    expect(validator.checkBody(putThing, { name: "n", contact: -1 })).toEqual({ contact: ["must be string", "must be >= 0"] });
    expect(validator.checkBody(putThing, { name: "n", either: 3 })).toEqual({ either: ["must be string", "must be boolean"] });
    expect(validator.checkBody(putThing, { name: "n", mode: "coded" })).toEqual({ code: ["is required"] });
  });

  it("says the body does not match the schema when only a summary error is left", () => {
    expect(validator.checkBody(putThing, { name: "n", choice: 1 })).toEqual({ $: ["does not match the schema"] });
  });

  it("coerces multipart fields in place and checks them", () => {
    const fields: Record<string, unknown> = { count: "3" };
    expect(validator.checkBody(uploadThing, fields)).toBeUndefined();
    expect(fields).toEqual({ count: 3 });
    expect(validator.checkBody(uploadThing, { count: "three" })).toEqual({ count: ["must be integer"] });
    expect(validator.checkBody(uploadThing, {})).toEqual({ count: ["is required"] });
    expect(validator.bodyInfo(uploadThing)).toEqual({ required: true, types: ["multipart/form-data"] });
  });
});

describe("checkResponse", () => {
  // A fresh validator per test: each test compiles (and so runs) the code it checks.
  let validator: SpecValidator;
  beforeEach(() => {
    validator = createSpecValidator(testSpec);
  });
  const thing = { name: "n" };

  it("accepts a documented response, with parameters on its media type", () => {
    expect(validator.checkResponse(getThing, 200, "application/json", thing)).toBeUndefined();
    expect(validator.checkResponse(getThing, 200, "application/json ; charset=utf-8", thing)).toBeUndefined();
    expect(validator.checkResponse(getThing, 204, undefined, undefined)).toBeUndefined();
    expect(validator.checkResponse(getThing, 404, "application/problem+json", { title: "Not Found", status: 404 })).toBeUndefined();
    expect(validator.checkResponse(putThing, 409, "application/json", {})).toBeUndefined();
  });

  it("describes a body that does not match, without coercing or filling it", () => {
    expect(validator.checkResponse(getThing, 200, "application/json", { name: 1 })).toBe("data/name must be string");
    expect(validator.checkResponse(getThing, 404, "application/problem+json", { status: 404 })).toBe("data must have required property 'title'");
    expect(validator.checkResponse(getThing, 200, "application/json", { name: "n", at: "yesterday" })).toBe('data/at must match format "date-time"');
    const body = {};
    expect(validator.checkResponse(rawThing, 200, "application/json", body)).toBeUndefined();
    expect(body).toEqual({});
    expect(validator.checkResponse(rawThing, 200, "application/json", { size: "2" })).toBe("data/size must be integer");
  });

  it("names an undocumented status or media type", () => {
    expect(validator.checkResponse(getThing, 500, "application/json", {})).toBe("status 500 with application/json is not documented for getThing");
    expect(validator.checkResponse(getThing, 200, "text/plain", "x")).toBe("status 200 with text/plain is not documented for getThing");
    expect(validator.checkResponse(getThing, 200, undefined, undefined)).toBe("status 200 with no body is not documented for getThing");
    expect(validator.checkResponse(getThing, 204, "application/json", {})).toBe("status 204 with application/json is not documented for getThing");
    expect(validator.checkResponse(uploadThing, 201, undefined, undefined)).toBe("status 201 with no body is not documented for uploadThing");
  });

  it("accepts only a problem where no operation matched", () => {
    expect(validator.checkResponse(undefined, 404, "application/problem+json; charset=utf-8", { title: "Not Found" })).toBeUndefined();
    expect(validator.checkResponse(undefined, 404, "application/problem+json", {})).toBe("data must have required property 'title'");
    expect(validator.checkResponse(undefined, 404, "application/json", {})).toBe("status 404 with application/json is not documented for this path");
    expect(validator.checkResponse(undefined, 405, undefined, undefined)).toBe("status 405 with no body is not documented for this path");
  });

  it("validates nothing for a spec without paths", () => {
    const bare = createSpecValidator({ openapi: "3.1.0" });
    expect(bare.checkBody(putThing, { anything: 1 })).toBeUndefined();
    expect(bare.checkParams(getThing, { thingId: "x" }, "")).toEqual({ params: { path: { thingId: "x" }, query: {} } });
    expect(bare.checkResponse(getThing, 200, "application/json", {})).toBe("status 200 with application/json is not documented for getThing");
  });
});

describe("createAjv", () => {
  it("checks formats and coerces nothing", () => {
    const validate = createAjv().compile({ type: "object", properties: { id: { type: "string", format: "uuid" }, n: { type: "integer", default: 1 } } });
    expect(validate({ id: "not-a-uuid" })).toBe(false);
    const body = { id: "0b6a3a0e-4a8f-4f8e-9d38-0d4f5b2a1c3e", n: "2" };
    expect(validate(body)).toBe(false);
    const empty = {};
    expect(validate(empty)).toBe(true);
    expect(empty).toEqual({});
  });
});

describe("toFieldErrors", () => {
  it("gives nothing for no errors", () => {
    expect(toFieldErrors(null, "")).toEqual({});
    expect(toFieldErrors([], "body")).toEqual({});
  });

  it("puts a prefix before the field and says is invalid when ajv gives no message", () => {
    expect(toFieldErrors([{ keyword: "x", instancePath: "/a/0", schemaPath: "#", params: {} }], "body")).toEqual({ "body.a[0]": ["is invalid"] });
    expect(toFieldErrors([{ keyword: "enum", instancePath: "", schemaPath: "#", params: {} }], "")).toEqual({ $: ["must be one of: "] });
  });
});
