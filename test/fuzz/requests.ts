/**
 * Generated requests: for every operation of both specs, a valid request built from the spec's schemas
 * (steered by hints.ts), and mutations that break it in the ways clients and attackers do — wrong types,
 * missing and extra fields, prototype-named keys at any depth, deep nesting, huge strings and numbers, odd
 * amounts, unicode, hostile path segments and query names, wrong content types, malformed JSON, bad Prefer,
 * tenant and Authorization headers, wrong methods and unknown routes. A step is a small plain value, so
 * fast-check can print it and shrink it; materialize.ts turns it into a request.
 */
import fc from "fast-check";
import { MAX_BODY_BYTES } from "../../sandbox/http/index.js";
import { examplesOf, type Json } from "../support/spec.js";
import { bearerOf, CURRENCIES, hintsFor } from "./hints.js";
import { marker } from "./markers.js";
import { arbitraryFor, type SchemaContext } from "./schema-arbitrary.js";
import { allOperations, modelFor, type OperationInfo } from "./spec-model.js";

/** Keys named after Object.prototype's members (and friends), used as body keys and query names. */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__", "prototype"];

/** Tenant names the steps use: a few valid ones, so the host never reaches its tenant limit. */
export const VALID_TENANTS = ["team-a", "team-b", "constructor", "A.b-c_9", "t".repeat(64)];
/** Names the spec's pattern refuses. */
export const INVALID_TENANTS = [" ", "team a", "-lead", "_x", ".x", "t".repeat(65), "ünï", "a/b", "__proto__", "x\u0000", "../default", "team-a "];

/** What a step sends as its body before mutations. */
export type BodyPlan = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "multipart"; value: unknown } | { kind: "snapshot" };

/** A value inserted at a body location that is not an ordinary JSON value of the generator. */
export type Special =
  | { kind: "deep"; depth: number; shape: "object" | "array" | "mixed"; key: string }
  | { kind: "hugeString"; length: number; char: string }
  | { kind: "raw"; text: string }
  | { kind: "text"; value: string };

/** One way to break or bend a request. Locations (`at`) index the body's nodes, modulo their count. */
export type Mutation =
  | { on: "violate"; at: number; how: number }
  | { on: "replace"; at: number; value: unknown }
  | { on: "drop"; at: number }
  | { on: "addKey"; at: number; key: string; value: unknown }
  | { on: "special"; at: number; special: Special }
  | { on: "text"; how: "truncate" | "append" | "replace" | "bom" | "pad" | "duplicateKey"; text: string; n: number }
  | { on: "contentType"; value: string | null }
  | { on: "pathParam"; index: number; value: string }
  | { on: "query"; name: string; value: string }
  | { on: "rawQuery"; text: string }
  | { on: "dropQuery"; index: number }
  | { on: "header"; name: "prefer" | "x-sandbox-tenant" | "authorization"; value: string | null }
  | { on: "method"; value: string }
  | { on: "path"; value: string }
  | { on: "case"; upper: boolean };

/** One generated request, before its markers are resolved. */
export interface Step {
  /** Operation key, e.g. `finlego:createPayment`. */
  op: string;
  /** The index `@` markers stand for. */
  focus: number;
  /** Path parameter values in template order, not yet percent-encoded. */
  path: string[];
  query: [string, string][];
  headers: { tenant?: string; authorization?: string; prefer?: string; contentType: string; extra: [string, string][] };
  body: BodyPlan;
  mutations: Mutation[];
}

const HUGE = MAX_BODY_BYTES + 1;

/** Arbitrary of one step over every operation of both specs, valid or mutated in equal measure. */
export function stepArbitrary(): fc.Arbitrary<Step> {
  // Operations the sandbox serves (those whose spec documents no 501) come up four times as often, so that
  // sequences such as draft, pend, post happen; the others still meet every hostile input.
  return fc.oneof(...allOperations.map((op) => ({ weight: Object.hasOwn(op.responses, "501") ? 1 : 4, arbitrary: operationStep(op) })));
}

const stepCache = new Map<string, fc.Arbitrary<Step>>();

/** Arbitrary of a step on one operation. */
export function operationStep(op: OperationInfo): fc.Arbitrary<Step> {
  let found = stepCache.get(op.key);
  if (found) return found;
  const ctx: SchemaContext = { resolve: modelFor(op.template).resolve, hint: hintsFor(op) };
  const mutations = fc.oneof({ weight: 1, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 1, arbitrary: fc.array(mutationArbitrary(op), { minLength: 1, maxLength: 3 }) });
  found = fc.record({
    op: fc.constant(op.key),
    focus: fc.nat(999),
    path: fc.tuple(...op.pathParams.map((p) => arbitraryFor(p.schema, ctx, p.name, ["path", p.name]).map(String))),
    query: queryArbitrary(op, ctx),
    headers: headersArbitrary(op, ctx),
    body: bodyArbitrary(op, ctx),
    mutations,
  });
  stepCache.set(op.key, found);
  return found;
}

function queryArbitrary(op: OperationInfo, ctx: SchemaContext): fc.Arbitrary<[string, string][]> {
  const params = op.queryParams.map((p) => {
    const value = arbitraryFor(p.schema, ctx, p.name, ["query", p.name]).map((v) => queryPairs(p.name, v));
    return p.required ? value : fc.option(value, { nil: [] as [string, string][], freq: 2 });
  });
  return fc.tuple(...params).map((lists) => lists.flat());
}

/** Serialises a query value: arrays as repeated keys (the form style OpenAPI defaults to). */
function queryPairs(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.map((item) => [name, String(item)]);
  return [[name, typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)]];
}

function headersArbitrary(op: OperationInfo, ctx: SchemaContext): fc.Arbitrary<Step["headers"]> {
  const tenant = fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: fc.constantFrom("team-a", "team-b") }, { weight: 1, arbitrary: fc.constantFrom(...VALID_TENANTS) });
  // The owner of the focus client account (of the focus OTP's account, transfer or payee, where the request names one).
  const owner = `Bearer ${marker(bearerOf(op), "@")}`;
  const authorization = op.bearer
    ? fc.oneof({ weight: 8, arbitrary: fc.constant(owner) }, { weight: 2, arbitrary: fc.nat(9).map((i) => `Bearer ${marker("client", i)}`) }, { weight: 1, arbitrary: fc.constant(owner.replace("Bearer", "bearer")) })
    : fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(owner) });
  const prefer = op.api === "finlego" ? fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: validPrefer(op) }) : fc.constant(undefined);
  const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "Application/JSON");
  // Prefer and X-Sandbox-Tenant are documented header parameters too; they are generated on purpose above.
  const own = op.headerParams.filter((p) => !/^(prefer|x-sandbox-tenant)$/i.test(p.name));
  const extra = fc.tuple(...own.map((p) => arbitraryFor(p.schema, ctx, p.name, ["header", p.name]).map((v): [string, string] => [p.name.toLowerCase(), String(v)])));
  return fc.record({ tenant, authorization, prefer, contentType, extra }, { requiredKeys: ["contentType", "extra"] });
}

/** Prefer values the operation documents: its error statuses, their listed codes, small delays. */
function validPrefer(op: OperationInfo): fc.Arbitrary<string> {
  const statuses = Object.keys(op.responses).filter((s) => /^[45]\d\d$/.test(s));
  const coded = Object.entries(op.errorCodes).flatMap(([status, codes]) => codes.map((code) => `code=${status}, error=${code}`));
  const options: fc.Arbitrary<string>[] = [fc.integer({ min: 0, max: 2 }).map((ms) => `delay=${ms}`)];
  if (statuses.length > 0) {
    options.push(fc.constantFrom(...statuses).map((s) => `code=${s}`));
    options.push(fc.constantFrom(...statuses).map((s) => `CODE="${s}"; delay=1`));
  }
  if (coded.length > 0) options.push(fc.constantFrom(...coded));
  return fc.oneof(...options);
}

function bodyArbitrary(op: OperationInfo, ctx: SchemaContext): fc.Arbitrary<BodyPlan> {
  if (!op.body) return fc.constant({ kind: "none" });
  const json = op.body.media["application/json"];
  const multipart = op.body.media["multipart/form-data"];
  const schema = json ?? multipart;
  const kind = json !== undefined ? "json" : "multipart";
  const generated = arbitraryFor(schema, ctx, undefined, ["body"]).map((value): BodyPlan => ({ kind, value }));
  const examples = examplesOf(modelFor(op.template).document.paths[op.template][op.method.toLowerCase()].requestBody?.content?.[json ? "application/json" : "multipart/form-data"]);
  const options: fc.WeightedArbitrary<BodyPlan>[] = [{ weight: 10, arbitrary: generated }];
  if (examples.length > 0) options.push({ weight: 1, arbitrary: fc.constantFrom(...examples.map((e): BodyPlan => ({ kind, value: e.value }))) });
  if (op.operationId === "importSnapshot") options.push({ weight: 8, arbitrary: fc.constant<BodyPlan>({ kind: "snapshot" }) });
  const planned = fc.oneof(...options);
  return op.body.required ? planned : fc.oneof({ weight: 4, arbitrary: planned }, { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: "none" }) });
}

function mutationArbitrary(op: OperationInfo): fc.Arbitrary<Mutation> {
  const at = fc.nat(200);
  const options: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 5, arbitrary: fc.record({ on: fc.constant("violate"), at, how: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.record({ on: fc.constant("replace"), at, value: fc.jsonValue({ maxDepth: 2 }) }) },
    { weight: 2, arbitrary: fc.record({ on: fc.constant("drop"), at }) },
    { weight: 4, arbitrary: fc.record({ on: fc.constant("addKey"), at, key: keyArbitrary, value: keyValueArbitrary }) },
    { weight: 5, arbitrary: fc.record({ on: fc.constant("special"), at, special: specialArbitrary }) },
    { weight: 3, arbitrary: textMutationArbitrary },
    { weight: 2, arbitrary: fc.record({ on: fc.constant("contentType"), value: contentTypeArbitrary }) },
    { weight: 2, arbitrary: fc.record({ on: fc.constant("query"), name: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom(...op.queryParams.map((p) => p.name), "q"), fc.string({ maxLength: 8 })), value: queryValueArbitrary }) },
    { weight: 1, arbitrary: fc.record({ on: fc.constant("rawQuery"), text: fc.constantFrom("&%zz=%", "&&&", "=x", "a=%E0%A4%A", "__proto__[x]=1", "constructor.prototype=1", "?") }) },
    { weight: 1, arbitrary: fc.record({ on: fc.constant("dropQuery"), index: fc.nat(10) }) },
    { weight: 3, arbitrary: fc.record({ on: fc.constant("header"), name: fc.constant("prefer"), value: preferArbitrary(op) }) },
    { weight: 2, arbitrary: fc.record({ on: fc.constant("header"), name: fc.constant("x-sandbox-tenant"), value: fc.oneof(fc.constantFrom(...INVALID_TENANTS), fc.constant(""), fc.constant(null)) }) },
    { weight: 1, arbitrary: fc.record({ on: fc.constant("method"), value: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "get", "FOO") }) },
    { weight: 1, arbitrary: fc.record({ on: fc.constant("path"), value: fc.constantFrom(...HOSTILE_PATHS) }) },
    { weight: 1, arbitrary: fc.record({ on: fc.constant("case"), upper: fc.boolean() }) },
  ];
  if (op.pathParams.length > 0) options.push({ weight: 4, arbitrary: fc.record({ on: fc.constant("pathParam"), index: fc.nat(3), value: segmentArbitrary }) });
  if (op.bearer) options.push({ weight: 3, arbitrary: fc.record({ on: fc.constant("header"), name: fc.constant("authorization"), value: authorizationArbitrary }) });
  return fc.oneof(...options) as fc.Arbitrary<Mutation>;
}

const keyArbitrary = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

const keyValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  // JSON.parse makes `__proto__` an own key, as it does for the sandbox.
  fc.constantFrom<unknown>({}, [], null, 1, "x", { isAdmin: true }, { toString: 1 }, JSON.parse('{"__proto__":{"polluted":true}}')),
);

const specialArbitrary: fc.Arbitrary<Special> = fc.oneof(
  {
    // Keys that bodies have and fault rules look at: a deep value under them reaches a body-matching rule.
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("deep" as const),
      depth: fc.constantFrom(50, 1_000, 5_000, 20_000),
      shape: fc.constantFrom("object" as const, "array" as const, "mixed" as const),
      key: fc.constantFrom("a", "currency", "amount", "transactions"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("hugeString" as const), length: fc.constantFrom(300, 100_000, HUGE), char: fc.constantFrom("a", "€", "😀") }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      text: fc.constantFrom("1e400", "-1e400", "1e308", "-0", "0.1e-400", "9007199254740993", "123456789012345678901234567890", "1.005", "12.345", "0.001", "-12.34", "-0.01", "1e-7", "5e-324", "99999999999999.99", "1E2", "0.30000000000000004"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("text" as const), value: fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("\u0000", "\ud800", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "e\u0301", "\u202eevil", "\ufeff", "𝟘𝟙", "中文")) }) },
);

const textMutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ on: fc.constant("text" as const), how: fc.constant("truncate" as const), text: fc.constant(""), n: fc.nat(400) }),
  fc.record({ on: fc.constant("text" as const), how: fc.constant("append" as const), text: fc.constantFrom("}", ",", "x", "\u0000", "]", '{"a":1}', "//"), n: fc.constant(0) }),
  fc.record({
    on: fc.constant("text" as const),
    how: fc.constant("replace" as const),
    text: fc.constantFrom("", "null", "42", '"x"', "[]", "true", "<payment/>", "amount=1&currency=eur", "{'a':1}", "{a:1}", "NaN", '{"a":1,}', "\ufeff{}", "{", "[", '{"a":', "\u0000", " "),
    n: fc.constant(0),
  }),
  fc.record({ on: fc.constant("text" as const), how: fc.constantFrom("bom" as const, "duplicateKey" as const), text: fc.constant(""), n: fc.constant(0) }),
  fc.record({ on: fc.constant("text" as const), how: fc.constant("pad" as const), text: fc.constant(" "), n: fc.constantFrom(100, HUGE) }),
);

const contentTypeArbitrary = fc.constantFrom(
  null,
  "",
  "text/plain",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "application/problem+json",
  "application/vnd.api+json",
  "application/jsonx",
  "application/octet-stream",
);

const queryValueArbitrary = fc.oneof(
  fc.constantFrom("", "x", "-1", "0", "1e3", "true", "null", "[]", "1,2", "%00", "\u0000", "..", "a".repeat(3000), marker("account", "@")),
  fc.string({ unit: "grapheme", maxLength: 10 }),
);

const segmentArbitrary = fc.oneof(
  fc.constantFrom("..", ".", "%2e%2e", "%2E%2E%2F%2E%2E", "%00", "a%00b", "%", "%zz", "%2F", "a%2Fb", "%E2%82%AC", "€", "%20", " ", "null", "undefined", "0", "-1"),
  fc.constantFrom("constructor", "__proto__", "toString", "*", "x".repeat(300), "x".repeat(5_000), `${marker("account", "@")}%00`, `${marker("payment", "@")}/..`),
  fc.constantFrom(marker("accountUpper", "@"), marker("number", "@"), marker("client", "@")),
);

const authorizationArbitrary = fc.constantFrom(
  null,
  "",
  "Basic Zm9vOmJhcg==",
  "Bearer",
  "Bearer ",
  "Bearer 00000000-0000-4000-8000-000000000009",
  `Bearer ${marker("account", "@")}`,
  `Bearer ${marker("owner", "@")} extra`,
  `Bearer ${"x".repeat(5_000)}`,
  `BEARER ${marker("owner", "@")}`,
  `Token ${marker("owner", "@")}`,
);

function preferArbitrary(op: OperationInfo): fc.Arbitrary<string | null> {
  const invalid = fc.constantFrom(
    "code=abc",
    "code=200",
    "code=418",
    "code=999",
    "delay=10001",
    "delay=-1",
    "delay=1.5",
    "foo=bar",
    "code=404, error=noSuchCode",
    "error=insufficientFunds",
    "respond-async",
    ";;",
    "code",
    "code==404",
    "code=4040",
    "é=1",
    "code=404;delay=x",
    "return=minimal",
    "",
  );
  return fc.oneof(invalid, op.api === "finlego" ? validPrefer(op) : fc.constant("code=404"), fc.constant(null));
}

/** Paths no operation serves, or that try to climb out of one. */
const HOSTILE_PATHS = [
  "/",
  "/internal",
  "/internal/",
  "/internal/Payments/x/y/z/w",
  "/__sandbox",
  "/__sandbox/",
  "/__sandbox/nothing",
  "/__SANDBOX/HEALTH",
  "//internal//Payments",
  "/internal/../internal/Payments",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/%00",
  `/${"a".repeat(5_000)}`,
  `/internal/Payments/${"x/".repeat(500)}`,
  "/v2",
  "/Accounts/",
  "/__proto__",
  "/constructor/prototype",
  "/ü/€",
  `/internal/Currencies/${CURRENCIES[0]}/..`,
];

/** Operation keys, for the report of which operations were reached. */
export const operationKeys: string[] = allOperations.map((op) => op.key);

/** The spec's request schema of an operation's JSON (or multipart) body. */
export function bodySchemaOf(op: OperationInfo): Json {
  return op.body?.media["application/json"] ?? op.body?.media["multipart/form-data"];
}
