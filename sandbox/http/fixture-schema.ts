/**
 * The fixture format (what `--seed` files and `POST /__sandbox/seed {document}` carry) as a standalone JSON
 * Schema, cut from the control spec's `Fixture` schema so there is one description of it. The bundler writes
 * it to openapi/fixture.schema.json, which the package exports for editors and other tools.
 */
import type { ValidateFunction } from "ajv/dist/2020.js";
import { sandboxControlSpec } from "./generated/specs.js";
import type { JsonSchema, OpenApiDocument } from "./openapi-types.js";
import { createAjv, toFieldErrors, type FieldErrors } from "./validation.js";

const COMPONENT_REF = "#/components/schemas/";

/** The `$id` of the fixture schema. */
export const FIXTURE_SCHEMA_ID = "urn:finlego-sandbox:fixture";

/** The fixture format as a JSON Schema (draft 2020-12) with its parts in `$defs`, from the control spec's components. */
export function fixtureSchema(components: OpenApiDocument["components"] = sandboxControlSpec.components): JsonSchema {
  const all = (components?.schemas ?? {}) as Record<string, JsonSchema>;
  const defs = new Map<string, JsonSchema>();
  const pending = ["Fixture"];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (defs.has(name)) continue;
    const schema = all[name];
    if (schema === undefined) throw new Error(`the control spec has no schema ${name}`);
    defs.set(name, relink(schema, (ref) => pending.push(ref)) as JsonSchema);
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: FIXTURE_SCHEMA_ID,
    title: "finlego-sandbox fixture",
    description: "Seed data for finlego-sandbox (`--seed file.json`, `POST /__sandbox/seed {document}`): clients, then accounts, then payment steps.",
    $ref: "#/$defs/Fixture",
    $defs: Object.fromEntries([...defs].sort(([a], [b]) => a.localeCompare(b))),
  };
}

// Points component refs at $defs and reports each schema it names.
function relink(node: unknown, found: (name: string) => void): unknown {
  if (Array.isArray(node)) return node.map((item) => relink(item, found));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF)) {
      const name = value.slice(COMPONENT_REF.length);
      found(name);
      out[key] = `#/$defs/${name}`;
    } else {
      out[key] = relink(value, found);
    }
  }
  return out;
}

let validate: ValidateFunction | undefined;

/** Checks a parsed fixture document against the schema; returns the field errors or undefined. */
export function checkFixture(document: unknown): FieldErrors | undefined {
  validate ??= createAjv().compile(fixtureSchema());
  if (validate(document)) return undefined;
  return toFieldErrors(validate.errors, "");
}
