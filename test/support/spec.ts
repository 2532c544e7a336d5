/** Helpers that read the specs for the test suites: operations, schemas and an ajv that knows them. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** A JSON object as read from YAML; the specs are data, so property access is unchecked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML is untyped by nature
export type Json = any;

export interface SpecOperation {
  method: string;
  path: string;
  operation: Json;
}

/** Reads and parses a YAML file of the repository. */
export function readYaml(file: string): Json {
  return parse(readFileSync(`${repoRoot}/${file}`, "utf8"));
}

/** Lists every operation of a parsed spec. */
export function listOperations(spec: Json): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      if (item[method]) operations.push({ method: method.toUpperCase(), path, operation: item[method] });
    }
  }
  return operations;
}

/** Builds an ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) that resolves `#/components/...` refs of the spec. */
export function createSpecAjv(spec: Json): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...spec, $id: "spec.json" });
  return ajv;
}

/** Validates a value against a schema object of the spec; returns the ajv error text or null. */
export function validateAgainst(ajv: Ajv2020, schema: Json, value: unknown): string | null {
  const validate = ajv.compile({ ...rewriteRefs(schema) });
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

/** Points local refs at the spec registered as `spec.json` so a detached schema can use them. */
function rewriteRefs(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `spec.json${value}` : rewriteRefs(value);
  }
  return out;
}

/** Yields every example of a media type object: `example` and each `examples.*.value`. */
export function examplesOf(media: Json): { name: string; value: unknown }[] {
  const found: { name: string; value: unknown }[] = [];
  if (media?.example !== undefined) found.push({ name: "example", value: media.example });
  for (const [name, example] of Object.entries<Json>(media?.examples ?? {})) {
    if (example?.value !== undefined) found.push({ name, value: example.value });
  }
  return found;
}
