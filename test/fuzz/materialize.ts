/**
 * Turns a generated step into the request the entry receives: markers resolved against the tenant's state,
 * the body built and serialised, then the mutations applied in order — to the body value, to its text, and to
 * the method, path, query and headers.
 */
import type { SandboxRequest } from "../../sandbox/http/index.js";
import type { Json } from "../support/spec.js";
import { resolveText, resolveValue, type Pools } from "./markers.js";
import { bodySchemaOf, type Mutation, type Special, type Step } from "./requests.js";
import { flatten, setOwn, violationsOf, type SchemaContext } from "./schema-arbitrary.js";
import { modelFor, operationsByKey, type OperationInfo } from "./spec-model.js";

/** What materializing needs from the sandbox: the ids there are, and the tenant's snapshot for imports. */
export interface World {
  pools: Pools;
  snapshot(): unknown;
}

/** JSON text inserted as is (deep nesting, numbers JSON can write but JavaScript cannot hold). */
export class RawJson {
  constructor(readonly text: string) {}
}

const BOUNDARY = "fuzz7MA4YWxkTrZu0gW";

/** Builds the request a step describes. */
export function materialize(step: Step, world: World): SandboxRequest {
  const op = operationsByKey.get(step.op);
  if (!op) throw new Error(`unknown operation ${step.op}`);
  const resolve = (text: string) => resolveText(text, world.pools, step.focus);
  const headers: Record<string, string | undefined> = {
    "x-sandbox-tenant": step.headers.tenant,
    authorization: step.headers.authorization && resolve(step.headers.authorization),
    prefer: step.headers.prefer,
    ...Object.fromEntries(step.headers.extra.map(([name, value]) => [name, resolve(value)])),
  };
  const body = buildBody(op, step, world);
  if (body.text !== undefined) headers["content-type"] = body.multipart ? `multipart/form-data; boundary=${BOUNDARY}` : step.headers.contentType;
  const request = { method: op.method, segments: [...step.path.map((v) => encodeURIComponent(resolve(v)))], pathOverride: undefined as string | undefined, upper: undefined as boolean | undefined };
  const query = step.query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(resolve(value))}`);
  let text = body.text;
  for (const mutation of step.mutations) {
    switch (mutation.on) {
      case "text":
        text = mutateText(text ?? "{}", mutation);
        headers["content-type"] ??= "application/json";
        break;
      case "contentType":
        headers["content-type"] = mutation.value ?? undefined;
        break;
      case "pathParam":
        if (request.segments.length > 0) request.segments[mutation.index % request.segments.length] = resolve(mutation.value);
        break;
      case "query":
        query.push(`${encodeURIComponent(mutation.name)}=${encodeURIComponent(resolve(mutation.value))}`);
        break;
      case "rawQuery":
        query.push(mutation.text);
        break;
      case "dropQuery":
        if (query.length > 0) query.splice(mutation.index % query.length, 1);
        break;
      case "header":
        headers[mutation.name] = mutation.value === null ? undefined : resolve(mutation.value);
        break;
      case "method":
        request.method = mutation.value;
        break;
      case "path":
        request.pathOverride = mutation.value;
        break;
      case "case":
        request.upper = mutation.upper;
        break;
    }
  }
  return {
    method: request.method,
    path: request.pathOverride ?? buildPath(op, request.segments, request.upper),
    query: query.join("&"),
    headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)),
    ...(text !== undefined && { body: text }),
  };
}

function buildPath(op: OperationInfo, values: string[], upper: boolean | undefined): string {
  let next = 0;
  const segments = op.segments.map((segment) => {
    if (/^\{.+\}$/.test(segment)) return values[next++] ?? "";
    return upper === undefined ? segment : upper ? segment.toUpperCase() : segment.toLowerCase();
  });
  return `/${segments.join("/")}`;
}

/** The body's text after its value mutations (undefined when the step sends none). */
function buildBody(op: OperationInfo, step: Step, world: World): { text: string | undefined; multipart: boolean } {
  const valueMutations = step.mutations.filter((m) => m.on === "violate" || m.on === "replace" || m.on === "drop" || m.on === "addKey" || m.on === "special");
  const plan = step.body;
  if (plan.kind === "none" && valueMutations.length === 0) return { text: undefined, multipart: false };
  const holder: { root: unknown } = { root: plan.kind === "snapshot" ? world.snapshot() : plan.kind === "none" ? {} : resolveValue(plan.value, world.pools, step.focus) };
  const ctx: SchemaContext = { resolve: modelFor(op.template).resolve };
  // Mutation values are copied (markers resolved) before they go in: fast-check hands out shared instances.
  const copy = (value: unknown) => resolveValue(value, world.pools, step.focus);
  for (const mutation of valueMutations) mutateValue(holder, mutation, bodySchemaOf(op), ctx, copy);
  const multipart = plan.kind === "multipart" && isPlainObject(holder.root);
  return { text: multipart ? toMultipart(holder.root as Record<string, unknown>) : toJsonText(holder.root), multipart };
}

/** A node of a body value and how to reach it. */
interface Location {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  path: (string | number)[];
}

/** Every node of a value, root first (capped: a location index only needs a few hundred). */
function locationsOf(holder: { root: unknown }): Location[] {
  const out: Location[] = [];
  const stack: Location[] = [{ parent: holder as unknown as Record<string, unknown>, key: "root", path: [] }];
  while (stack.length > 0 && out.length < 300) {
    const location = stack.pop()!;
    out.push(location);
    const value = (location.parent as Record<string | number, unknown>)[location.key];
    if (Array.isArray(value)) value.forEach((_, i) => stack.push({ parent: value, key: i, path: [...location.path, i] }));
    else if (isPlainObject(value)) for (const key of Object.keys(value).reverse()) stack.push({ parent: value, key, path: [...location.path, key] });
  }
  return out;
}

function mutateValue(holder: { root: unknown }, mutation: Mutation, schema: Json, ctx: SchemaContext, copy: (value: unknown) => unknown): void {
  const all = locationsOf(holder);
  const pickFrom = (list: Location[], at: number) => (list.length === 0 ? undefined : list[at % list.length]);
  const set = (location: Location, value: unknown) => {
    if (Array.isArray(location.parent)) location.parent[location.key as number] = value;
    else setOwn(location.parent, String(location.key), value);
  };
  const read = (location: Location) => (location.parent as Record<string | number, unknown>)[location.key];
  switch (mutation.on) {
    case "violate": {
      const location = pickFrom(all, mutation.at)!;
      const options = violationsOf(schemaAt(schema, location.path, ctx), ctx, read(location));
      set(location, options.length > 0 ? copy(options[mutation.how % options.length]) : null);
      return;
    }
    case "replace":
      set(pickFrom(all, mutation.at)!, copy(mutation.value));
      return;
    case "drop": {
      const location = pickFrom(all.slice(1), mutation.at);
      if (!location) return;
      if (Array.isArray(location.parent)) location.parent.splice(location.key as number, 1);
      else delete location.parent[location.key as string];
      return;
    }
    case "addKey": {
      const objects = all.filter((l) => isPlainObject(read(l)));
      const location = pickFrom(objects, mutation.at);
      if (location) setOwn(read(location) as Record<string, unknown>, mutation.key, copy(mutation.value));
      else set(all[0]!, Object.defineProperty({}, mutation.key, { value: copy(mutation.value), enumerable: true, writable: true, configurable: true }));
      return;
    }
    case "special":
      set(pickFrom(all, mutation.at)!, specialValue(mutation.special));
      return;
  }
}

/** The schema that describes the value at a path of a body (following properties, items, refs and branches). */
export function schemaAt(schema: Json, path: (string | number)[], ctx: SchemaContext): Json {
  let at: Json = schema;
  for (const key of path) {
    const { base, groups } = flatten(at, ctx);
    if (typeof key === "number") {
      at = base?.items ?? groups.flat().map((b) => flatten(b, ctx).base?.items).find(Boolean) ?? true;
      continue;
    }
    const own = (s: Json) => (s?.properties && Object.hasOwn(s.properties, key) ? s.properties[key] : undefined);
    at = own(base) ?? groups.flat().map((b) => own(flatten(b, ctx).base)).find(Boolean) ?? (typeof base?.additionalProperties === "object" ? base.additionalProperties : true);
  }
  return at;
}

function specialValue(special: Special): unknown {
  switch (special.kind) {
    case "deep":
      return new RawJson(deepText(special.depth, special.shape, special.key));
    case "hugeString":
      return special.char.repeat(Math.ceil(special.length / special.char.length));
    case "raw":
      return new RawJson(special.text);
    case "text":
      return special.value;
  }
}

/** JSON nested `depth` levels deep under `key`, as text (never built as a value, so nothing here recurses). */
export function deepText(depth: number, shape: "object" | "array" | "mixed", key = "a"): string {
  const name = JSON.stringify(key);
  if (shape === "object") return `{${name}:`.repeat(depth) + "1" + "}".repeat(depth);
  if (shape === "array") return "[".repeat(depth) + "1" + "]".repeat(depth);
  const half = Math.ceil(depth / 2);
  return `{${name}:[`.repeat(half) + "1" + "]}".repeat(half);
}

/** JSON.stringify, with RawJson nodes written as their text. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => (item instanceof RawJson ? `\u2063${raws.push(item.text) - 1}\u2063` : item));
  if (text === undefined) return "null";
  return raws.length === 0 ? text : text.replace(/"\u2063(\d+)\u2063"/g, (_all, i: string) => raws[Number(i)]!);
}

function toMultipart(value: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, field] of Object.entries(value)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      const isFile = name === "file" || name === "files";
      const disposition = `form-data; name="${name}"${isFile ? `; filename="${name}.pdf"\r\nContent-Type: application/pdf` : ""}`;
      parts.push(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n${typeof item === "string" ? item : toJsonText(item)}\r\n`);
    }
  }
  return `${parts.join("")}--${BOUNDARY}--\r\n`;
}

function mutateText(text: string, mutation: Extract<Mutation, { on: "text" }>): string {
  switch (mutation.how) {
    case "truncate":
      return text.slice(0, mutation.n % Math.max(text.length, 1));
    case "append":
      return text + mutation.text;
    case "replace":
      return mutation.text;
    case "bom":
      return `\ufeff${text}`;
    case "pad":
      return text + mutation.text.repeat(mutation.n);
    case "duplicateKey": {
      const first = /^\{"((?:[^"\\]|\\.)*)":/.exec(text);
      return first ? `{"${first[1]}":null,${text.slice(1)}` : text;
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof RawJson);
}

/** A request shortened for a report: long strings keep their head and tail and say how long they were. */
export function describeRequest(request: SandboxRequest): Record<string, unknown> {
  return {
    method: request.method,
    path: abbreviate(request.path),
    query: abbreviate(request.query),
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, v === undefined ? v : abbreviate(v)])),
    body: request.body === undefined ? undefined : abbreviate(request.body),
  };
}

/** Shortens a long string to its head and tail. */
export function abbreviate(text: string, limit = 400): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit - 120)}…[${text.length} chars in all]…${text.slice(-80)}`;
}
