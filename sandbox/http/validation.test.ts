import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { finlegoSpec, sandboxControlSpec } from "./generated/specs.js";
import type { JsonSchema, OpenApiDocument } from "./openapi-types.js";

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
