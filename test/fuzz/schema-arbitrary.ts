/**
 * A small generator from JSON Schema (the subset the two specs use) to fast-check arbitraries of values that
 * satisfy it, and a list of values that break one schema node. Covered: type (with type arrays for nullable),
 * enum, const, format (uuid, date-time, date, email), minimum, maximum, exclusiveMinimum, minLength, maxLength,
 * pattern, required, additionalProperties, minProperties, items, minItems, maxItems, uniqueItems, allOf, oneOf,
 * anyOf and $ref. Whether a generated value really is valid is for the oracle's ajv to say, not for this file.
 */
import fc from "fast-check";
import type { Json } from "../support/spec.js";

/** How a generator reads schemas and where the caller steers it. */
export interface SchemaContext {
  /** Follows a `$ref` (and returns any other node as it is). */
  resolve(node: Json): Json;
  /** A caller's arbitrary for a property or parameter by name and path (ids that exist, small delays, ...). */
  hint?(name: string | undefined, schema: Json, path: readonly string[]): fc.Arbitrary<unknown> | undefined;
}

/** Deeper than this, objects get their required properties only and arrays their fewest items. */
const MAX_DEPTH = 6;
/** Most alternatives a schema's oneOf/anyOf groups may multiply into. */
const MAX_BRANCH_PRODUCT = 16;

/** An arbitrary of values valid against `schema`. */
export function arbitraryFor(schema: Json, ctx: SchemaContext, name?: string, path: readonly string[] = []): fc.Arbitrary<unknown> {
  const flat = flatten(schema, ctx);
  const hinted = ctx.hint?.(name, flat.base, path);
  if (hinted) return hinted;
  if (flat.groups.length > 0) {
    const branches = branchProduct(flat.groups).map((combo) => withoutAlternatives(mergeSchemas(flat.base, ...combo.map((b) => flatten(b, ctx).base)), flat.groups, combo, ctx));
    return fc.oneof(...branches.map((branch) => arbitraryFor(branch, ctx, name, path)));
  }
  return arbitraryOfNode(flat.base, ctx, path);
}

function arbitraryOfNode(schema: Json, ctx: SchemaContext, path: readonly string[]): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) return fc.constant(null);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  const byType = types.filter((t) => t !== "null").map((type) => ({ weight: 10, arbitrary: arbitraryOfType(type, schema, ctx, path) }));
  if (types.includes("null")) byType.push({ weight: 1, arbitrary: fc.constant(null) });
  return fc.oneof(...byType);
}

function arbitraryOfType(type: string, schema: Json, ctx: SchemaContext, path: readonly string[]): fc.Arbitrary<unknown> {
  switch (type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerArbitrary(schema);
    case "number":
      return numberArbitrary(schema);
    case "string":
      return stringArbitrary(schema);
    case "array":
      return arrayArbitrary(schema, ctx, path);
    case "object":
      return objectArbitrary(schema, ctx, path);
    default:
      return fc.constant(null);
  }
}

function integerArbitrary(schema: Json): fc.Arbitrary<number> {
  const min = Math.max(lowerBound(schema, 1) ?? -1000, Number.MIN_SAFE_INTEGER);
  const max = Math.min(schema.maximum ?? min + 1000, Number.MAX_SAFE_INTEGER);
  // Small values first: they are the ones pages, counts and limits are made of.
  return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 20) }) }, { weight: 1, arbitrary: fc.integer({ min, max }) });
}

function numberArbitrary(schema: Json): fc.Arbitrary<number> {
  const min = lowerBound(schema, 0.01) ?? -1000;
  const max = schema.maximum ?? min + 1000;
  const cents = fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((c) => c / 100);
  const whole = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  const any = fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: schema.exclusiveMinimum !== undefined });
  return fc.oneof({ weight: 3, arbitrary: cents }, { weight: 2, arbitrary: whole.filter((n) => n >= min) }, { weight: 1, arbitrary: any });
}

/** The smallest allowed number, `step` above an exclusive minimum. */
function lowerBound(schema: Json, step: number): number | undefined {
  if (typeof schema.exclusiveMinimum === "number") return Math.max(schema.exclusiveMinimum + step, schema.minimum ?? -Infinity);
  return schema.minimum;
}

function stringArbitrary(schema: Json): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? Math.max(minLength + 24, 24);
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "date-time":
      return dateTimeArbitrary();
    case "date":
      return dateTimeArbitrary().map((s) => s.slice(0, 10));
    case "email":
      return fc.emailAddress().filter(fits);
  }
  if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  const upper = Math.min(maxLength, minLength + 24);
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength: upper }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength, maxLength: upper }).filter(fits) },
  );
}

/** ISO 8601 instants between 2020 and 2030, with and without milliseconds. */
export function dateTimeArbitrary(): fc.Arbitrary<string> {
  const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());
  return fc.oneof(instant, instant.map((s) => s.replace(/\.\d{3}Z$/, "Z")));
}

function arrayArbitrary(schema: Json, ctx: SchemaContext, path: readonly string[]): fc.Arbitrary<unknown[]> {
  const minLength: number = schema.minItems ?? 0;
  const deep = path.length >= MAX_DEPTH;
  const maxLength: number = deep ? minLength : Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
  const items = arbitraryFor(schema.items ?? true, ctx, undefined, [...path, "[]"]);
  if (schema.uniqueItems) return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
  return fc.array(items, { minLength, maxLength });
}

function objectArbitrary(schema: Json, ctx: SchemaContext, path: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, Json> = schema.properties ?? {};
  const required: string[] = (schema.required ?? []).filter((key: string) => Object.hasOwn(properties, key) || schema.additionalProperties !== false);
  const optional = Object.keys(properties).filter((key) => !required.includes(key));
  const deep = path.length >= MAX_DEPTH;
  const atLeast = Math.max(0, (schema.minProperties ?? 0) - required.length);
  const arbitraries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of [...required, ...optional]) arbitraries[key] = arbitraryFor(properties[key] ?? true, ctx, key, [...path, key]);
  const chosen = deep ? fc.constant(optional.slice(0, atLeast)) : fc.subarray(optional, { minLength: Math.min(atLeast, optional.length) });
  const extra = extraProperties(schema, ctx, path, deep);
  return fc.tuple(chosen, ...[...required, ...optional].map((key) => arbitraries[key]!), extra).map(([keys, ...rest]) => {
    const extras = rest.pop() as [string, unknown][];
    const out: Record<string, unknown> = {};
    [...required, ...optional].forEach((key, i) => {
      if (required.includes(key) || (keys as string[]).includes(key)) setOwn(out, key, rest[i]);
    });
    for (const [key, value] of extras) if (!Object.hasOwn(properties, key)) setOwn(out, key, value);
    return out;
  });
}

/** Properties beyond the declared ones, where the schema allows them. */
function extraProperties(schema: Json, ctx: SchemaContext, path: readonly string[], deep: boolean): fc.Arbitrary<[string, unknown][]> {
  const none = fc.constant<[string, unknown][]>([]);
  if (deep || schema.additionalProperties === false) return none;
  const declared = Object.keys(schema.properties ?? {}).length > 0;
  const valueSchema = typeof schema.additionalProperties === "object" ? schema.additionalProperties : true;
  const entry = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFor(valueSchema, ctx, undefined, [...path, "*"]));
  // A declared object rarely gets an extra field; a free-form map (additionalProperties only) gets a few.
  return declared ? fc.oneof({ weight: 5, arbitrary: none }, { weight: 1, arbitrary: fc.array(entry, { maxLength: 1 }) }) : fc.array(entry, { maxLength: 3 });
}

/** Sets an own, enumerable property, even one called `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The JSON types a schema allows, from `type` or, without it, from its keywords. */
export function typesOf(schema: Json): string[] {
  if (Array.isArray(schema?.type)) return schema.type;
  if (typeof schema?.type === "string") return [schema.type];
  if (schema?.properties || schema?.additionalProperties !== undefined || schema?.required) return ["object"];
  if (schema?.items) return ["array"];
  return [];
}

/** A schema with `$ref` and `allOf` folded in, and its oneOf/anyOf groups (each a list of branches). */
export function flatten(schema: Json, ctx: SchemaContext): { base: Json; groups: Json[][] } {
  const node = ctx.resolve(schema);
  if (node === null || typeof node !== "object") return { base: node, groups: [] };
  const { allOf, oneOf, anyOf, ...rest } = node;
  let base: Json = rest;
  const groups: Json[][] = [];
  if (Array.isArray(oneOf)) groups.push(oneOf);
  if (Array.isArray(anyOf)) groups.push(anyOf);
  for (const part of allOf ?? []) {
    const flat = flatten(part, ctx);
    base = mergeSchemas(base, flat.base);
    groups.push(...flat.groups);
  }
  return { base, groups };
}

/** Merges schemas as allOf would (approximately): properties and required join, other keywords: last wins. */
export function mergeSchemas(...schemas: Json[]): Json {
  const out: Json = {};
  for (const schema of schemas) {
    if (schema === null || typeof schema !== "object") continue;
    for (const [key, value] of Object.entries<Json>(schema)) {
      if (key === "properties") out.properties = { ...out.properties, ...mergeProperties(out.properties ?? {}, value) };
      else if (key === "required") out.required = [...new Set([...(out.required ?? []), ...value])];
      else if (key === "description") continue;
      else out[key] = value;
    }
  }
  return out;
}

function mergeProperties(into: Record<string, Json>, from: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(from)) out[key] = Object.hasOwn(into, key) ? { allOf: [into[key], value] } : value;
  return out;
}

/**
 * Drops the optional properties that only the branches not taken require: a body that names its debtor by id
 * does not also name it by number (alternatives are meant one at a time, as oneOf says outright).
 */
function withoutAlternatives(merged: Json, groups: Json[][], combo: Json[], ctx: SchemaContext): Json {
  const required = new Set<string>(merged.required ?? []);
  const others = groups.flatMap((group) => group.filter((branch) => !combo.includes(branch))).flatMap((branch) => flatten(branch, ctx).base?.required ?? []);
  const dropped = others.filter((key: string) => !required.has(key));
  if (dropped.length === 0 || !merged.properties) return merged;
  const properties = Object.fromEntries(Object.entries<Json>(merged.properties).filter(([key]) => !dropped.includes(key)));
  return { ...merged, properties };
}

function branchProduct(groups: Json[][]): Json[][] {
  let combos: Json[][] = [[]];
  for (const group of groups) {
    combos = combos.flatMap((combo) => group.map((branch) => [...combo, branch]));
    if (combos.length > MAX_BRANCH_PRODUCT) combos = combos.slice(0, MAX_BRANCH_PRODUCT);
  }
  return combos;
}

/**
 * Values that break one schema node (type, range, length, pattern, format, enum, items, required,
 * additionalProperties), given the valid value that sits there now. Deterministic, so mutations shrink.
 */
export function violationsOf(schema: Json, ctx: SchemaContext, current: unknown): unknown[] {
  const { base } = flatten(schema, ctx);
  if (base === null || typeof base !== "object") return [];
  const out: unknown[] = [...wrongTypes(base)];
  if (Array.isArray(base.enum)) out.push("notAnAllowedValue", typeof base.enum[0] === "string" ? base.enum[0].toUpperCase() + "X" : 12345);
  if ("const" in base) out.push(typeof base.const === "string" ? `${base.const}-not` : "notTheConstant");
  out.push(...numericViolations(base), ...stringViolations(base), ...arrayViolations(base, current), ...objectViolations(base, current));
  return out;
}

function wrongTypes(schema: Json): unknown[] {
  const types = typesOf(schema);
  if (types.length === 0) return [];
  const samples: Record<string, unknown> = { string: "text", number: 1.5, integer: 7, boolean: true, null: null, object: { a: 1 }, array: [1] };
  return Object.entries(samples)
    .filter(([type]) => !types.includes(type) && !(type === "integer" && types.includes("number")))
    .map(([, value]) => value);
}

function numericViolations(schema: Json): unknown[] {
  const out: unknown[] = [];
  const types = typesOf(schema);
  if (!types.includes("number") && !types.includes("integer")) return out;
  if (typeof schema.minimum === "number") out.push(schema.minimum - 1, schema.minimum - 0.01);
  if (typeof schema.exclusiveMinimum === "number") out.push(schema.exclusiveMinimum, schema.exclusiveMinimum - 5);
  if (typeof schema.maximum === "number") out.push(schema.maximum + 1, schema.maximum + 0.5);
  if (types.includes("integer") && !types.includes("number")) out.push(2.5);
  return out;
}

function stringViolations(schema: Json): unknown[] {
  const out: unknown[] = [];
  if (!typesOf(schema).includes("string")) return out;
  if (typeof schema.minLength === "number" && schema.minLength > 0) out.push("a".repeat(schema.minLength - 1));
  if (typeof schema.maxLength === "number") out.push("a".repeat(schema.maxLength + 1));
  if (typeof schema.pattern === "string") out.push(...["", "!!", " x ", "a\nb"].filter((s) => !new RegExp(schema.pattern).test(s)));
  const formats: Record<string, string[]> = {
    uuid: ["not-a-uuid", "3f6c2a9e8b1d4c5e9f7a2d4b6e8c0a13", "{3f6c2a9e-8b1d-4c5e-9f7a-2d4b6e8c0a13}", "3f6c2a9e-8b1d-4c5e-9f7a-2d4b6e8c0a1"],
    "date-time": ["2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "yesterday", "2026-03-02", "2026-03-02T25:00:00Z"],
    date: ["2026-02-30", "02.03.2026", "2026-3-2", "2026-03-02T10:00:00Z"],
    email: ["no-at-sign", "@example.com", "a@"],
  };
  out.push(...(formats[schema.format] ?? []));
  return out;
}

function arrayViolations(schema: Json, current: unknown): unknown[] {
  const out: unknown[] = [];
  if (!typesOf(schema).includes("array")) return out;
  const list = Array.isArray(current) ? current : [];
  if (typeof schema.minItems === "number" && schema.minItems > 0) out.push(list.slice(0, schema.minItems - 1));
  if (typeof schema.maxItems === "number") out.push(Array.from({ length: schema.maxItems + 1 }, (_, i) => list[i % Math.max(list.length, 1)] ?? null));
  if (schema.uniqueItems && list.length > 0) out.push([...list, list[0]]);
  out.push([null], [{}]);
  return out;
}

function objectViolations(schema: Json, current: unknown): unknown[] {
  const out: unknown[] = [];
  if (!typesOf(schema).includes("object")) return out;
  const value = current !== null && typeof current === "object" && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  for (const key of schema.required ?? []) {
    const copy = { ...value };
    delete copy[key];
    out.push(copy);
  }
  if (schema.additionalProperties === false) out.push({ ...value, unknownField: 1 });
  if (typeof schema.minProperties === "number" && schema.minProperties > 0) out.push({});
  return out;
}
