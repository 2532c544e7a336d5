/**
 * What must hold for every answer, judged from the specs alone (the fuzzer's own router and ajv, never the
 * sandbox's): no 5xx unless asked for, every status documented (or one of the sandbox's global answers),
 * every body valid against its documented schema, no 2xx for a request that breaks the spec, forced answers
 * as asked, refused requests and reads change nothing, a request changes no other tenant, and the journal
 * records what was answered. For ledgers: the invariants, per-currency conservation and sound records.
 *
 * Where the spec leaves room the oracle is lenient, and says so: an empty header counts as an absent one,
 * a body without a Content-Type counts as JSON, HEAD is GET without the body (RFC 9110), a multipart body is
 * judged by its media type only, and a query parameter given twice conforms if one of its values does.
 */
import { ACCOUNT_STATUSES, ACCOUNT_TYPES, CLIENT_STATUSES, CLIENT_TYPES, CURRENCIES, PARENT_TYPES, TRANSACTION_STATES, type FaultRule, type LedgerSnapshot } from "../../sandbox/core/index.js";
import { MAX_BODY_BYTES, SandboxState, type JournalEntry, type SandboxRequest, type SandboxResponse, type Tenant, type TenantHost } from "../../sandbox/http/index.js";
import type { Json } from "../support/spec.js";
import { controlModel, modelFor, routeBySpec, type OperationInfo, type SpecModel, type SpecRoute } from "./spec-model.js";

/**
 * Answers the sandbox gives on any path that the specs do not document (they cannot: they answer a path or a
 * method no operation has). Each must be a ProblemDetails body with its code, and only where its condition
 * holds. 413, 415 and 501 left this list when the specs documented them on their operations; an entry leaves
 * it when the specs document it.
 */
export const GLOBAL_ANSWERS: Record<number, { code: string; when: string }> = {
  404: { code: "routeNotFound", when: "no operation of the spec serves the path" },
  405: { code: "methodNotAllowed", when: "the path is served, but not for this method (with an Allow header)" },
};

/** Body fields that hold money in major units, which the spec allows at most 2 decimals. */
const MONEY_FIELDS = new Set(["amount", "initialBalance", "limit"]);

/** The tenant names the sandbox accepts, from the control spec's X-Sandbox-Tenant parameter. */
const TENANT_PATTERN = new RegExp(controlModel.document.components.parameters.Tenant.schema.pattern);

/** One request, its answer, and what the sandbox looked like around it. */
export interface Observation {
  request: SandboxRequest;
  response: SandboxResponse;
  /** The journal entry this request added, if any. */
  journal: JournalEntry | undefined;
  /** The tenant's fault rules just before the request. */
  rulesBefore: FaultRule[];
  /**
   * The tenant's ledger (JSON) before and after; undefined where the tenant did not exist. `before` is the ledger
   * after the automatic transfer steps that were due when the request came: the tenant runs them before anything
   * sees it (docs/domain/transfers.md#processing), so they are not the request's doing (undefined, not judged,
   * when they could not be run on a copy of the tenant).
   */
  before: string | undefined;
  after: string | undefined;
  /** Client ids of the tenant before the request (lower case). */
  clients: Set<string>;
  /** The tenant named by the request existed before it. */
  tenantExisted: boolean;
  /** The host held its maximum of tenants before the request. */
  hostFull: boolean;
  /** Other tenants whose ledger the request changed (a tenant it deleted is not one). */
  othersChanged: string[];
  /** How many automatic transfer steps were due when the request came (run before it). */
  dueSteps: number;
}

/** Checks one answer; returns the problems found (none when it is right). */
export function checkAnswer(o: Observation): string[] {
  const { request, response } = o;
  const model = modelFor(request.path);
  const route = routeBySpec(model.operations, request.method, request.path);
  const problems: string[] = [];
  const tenant = request.headers["x-sandbox-tenant"];
  // An empty header counts as absent (HTTP stacks hand both over alike); anything else must match the pattern.
  const badTenant = tenant !== undefined && tenant !== "" && !TENANT_PATTERN.test(tenant);
  const refused = response.fault !== undefined || response.status >= 400;
  if (o.before !== undefined && o.after !== undefined && o.before !== o.after) {
    if (refused) problems.push(`a refused request (${response.fault ?? response.status}) changed the tenant's ledger`);
    else if (/^(GET|HEAD)$/i.test(request.method)) problems.push(`a ${request.method.toUpperCase()} changed the tenant's ledger`);
  }
  problems.push(...checkJournal(o, model, route, badTenant));
  // Deleting a tenant is the one way to change another: the default tenant is reset instead of deleted.
  const deleted = route.kind === "operation" && route.operation.operationId === "deleteTenant" && response.status === 204 ? route.params.tenant : undefined;
  for (const name of o.othersChanged.filter((n) => n !== deleted)) problems.push(`a request to tenant ${request.headers["x-sandbox-tenant"] || "default"} changed tenant ${name}'s ledger`);
  if (response.fault) return [...problems, ...checkBrokenConnection(o)];
  const head = request.method.toUpperCase() === "HEAD";
  if (badTenant) expectProblem(problems, model, response, 400, "invalidTenant", head);
  else if (o.hostFull && !o.tenantExisted) expectProblem(problems, model, response, 503, "tenantLimitReached", head);
  else if (route.kind === "notFound") expectProblem(problems, model, response, 404, "routeNotFound", head);
  else if (route.kind === "methodNotAllowed") {
    expectProblem(problems, model, response, 405, "methodNotAllowed", head);
    if (response.status === 405 && !sameSet(response.headers.allow?.split(/,\s*/) ?? [], route.allowed)) problems.push(`Allow is '${response.headers.allow}', the spec serves ${route.allowed.join(", ")}`);
  } else problems.push(...checkOperationAnswer(o, model, route.operation, route.params));
  return problems;
}

function checkOperationAnswer(o: Observation, model: SpecModel, op: OperationInfo, params: Record<string, string>): string[] {
  const { request, response } = o;
  const problems: string[] = [];
  const status = response.status;
  const code = problemCode(response);
  const forced = forcedStatus(o, op);
  if (forced !== undefined && status !== forced && !(o.journal?.fault === "prefer" && status === 400)) problems.push(`${o.journal?.fault} asked for ${forced}, the answer is ${status}`);
  // 501 notImplemented is how the sandbox answers an operation it does not serve yet (documented on each of them).
  const notImplemented = status === 501 && (code === "notImplemented" || (request.method.toUpperCase() === "HEAD" && response.body === undefined));
  if (status >= 500 && status !== forced && !notImplemented) problems.push(`${status} ${code ?? ""} that nobody asked for`);
  const documented = Object.hasOwn(op.responses, String(status));
  // A rule matched by method, path, query or body alone may answer any 400-599 (the control spec says so).
  const ruled = forced === status && o.journal?.fault?.startsWith("rule:") === true;
  if (!documented && !ruled) problems.push(`status ${status} is not documented for ${op.key}`);
  if (code !== undefined && Object.values(GLOBAL_ANSWERS).some((g) => g.code === code)) problems.push(`${code} although ${op.key} serves ${request.method} ${op.template}`);
  // An upload's file (not its body) may be too large or of a type not taken: fileTooLarge and unsupportedFileType.
  if (status === 413 && forced !== 413 && code !== "fileTooLarge" && bodyBytes(request) <= MAX_BODY_BYTES) problems.push(`413 for a body of ${bodyBytes(request)} bytes`);
  if (status === 415 && forced !== 415 && code !== "unsupportedFileType" && hasDocumentedContentType(op, request)) problems.push(`415 for content type '${request.headers["content-type"] ?? "(none)"}', which ${op.key} documents`);
  if (request.method.toUpperCase() === "HEAD") {
    if (response.body !== undefined || response.bytes !== undefined) problems.push("a HEAD answer with a body");
  } else problems.push(...checkBody(model, op, response, documented));
  if (status >= 200 && status < 300) {
    const breaches = specBreaches(model, op, params, o);
    if (breaches.length > 0) problems.push(`answered ${status} to a request that breaks the spec: ${breaches.join("; ")}`);
    if (op.api === "finlego" && preferredCode(request) !== undefined) problems.push(`answered ${status} although Prefer asked for code=${preferredCode(request)}`);
  }
  return problems;
}

/**
 * The journal records each FinLego request of a tenant once, with the answer's status (0 for a broken
 * connection) and the operation the spec routes it to; control requests are not journaled.
 */
function checkJournal(o: Observation, model: SpecModel, route: SpecRoute, badTenant: boolean): string[] {
  const { journal, response } = o;
  if (model.api === "control") return journal ? ["a control request was journaled"] : [];
  if (badTenant || (o.hostFull && !o.tenantExisted)) return journal ? ["a request refused for its tenant was journaled"] : [];
  if (!journal) return ["a FinLego request was not journaled"];
  const status = response.fault ? 0 : response.status;
  const operationId = route.kind === "operation" ? route.operation.operationId : null;
  const problems: string[] = [];
  if (journal.status !== status) problems.push(`the journal says ${journal.status}, the answer was ${status}`);
  if (journal.operationId !== operationId) problems.push(`the journal says operation ${journal.operationId}, the spec routes to ${operationId}`);
  if (journal.path !== o.request.path || journal.method !== o.request.method.toUpperCase()) problems.push(`the journal says ${journal.method} ${journal.path}`);
  return problems;
}

/** The status a Prefer header, a fault rule or a magic value forced, as the journal records it. */
function forcedStatus(o: Observation, op: OperationInfo): number | undefined {
  const fault = o.journal?.fault;
  if (!fault || op.api !== "finlego") return undefined;
  if (fault === "prefer") return preferredCode(o.request);
  if (fault === "magic") return o.response.status === 503 ? 503 : undefined;
  const rule = o.rulesBefore.find((r) => `rule:${r.id}` === fault);
  return rule?.respond.status;
}

function checkBrokenConnection(o: Observation): string[] {
  const rule = o.rulesBefore.find((r) => `rule:${r.id}` === o.journal?.fault);
  return rule?.respond.fault === o.response.fault ? [] : [`a broken connection (${o.response.fault}) that no fault rule asked for`];
}

/** The code a Prefer header asks for, if it names one (whether or not the operation documents it). */
function preferredCode(request: SandboxRequest): number | undefined {
  for (const token of (request.headers.prefer ?? "").split(/[,;]/)) {
    const match = /^\s*code\s*=\s*"?(\d{3})"?\s*$/i.exec(token);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function expectProblem(problems: string[], model: SpecModel, response: SandboxResponse, status: number, code: string, head: boolean): void {
  // A HEAD answer is the GET answer without its body: only the status can be compared.
  if (head) {
    if (response.status !== status || response.body !== undefined) problems.push(`expected ${status} without a body, got ${response.status}${response.body === undefined ? "" : " with a body"}`);
    return;
  }
  if (response.status !== status || problemCode(response) !== code) {
    problems.push(`expected ${status} ${code}, got ${response.status} ${problemCode(response) ?? ""}`);
    return;
  }
  problems.push(...checkJson(model, model.problemSchema, response, "application/problem+json"));
}

/** Checks the body against the documented response (or ProblemDetails for a global answer). */
function checkBody(model: SpecModel, op: OperationInfo, response: SandboxResponse, documented: boolean): string[] {
  const media = mediaOf(response.headers["content-type"]);
  if (!documented) return checkJson(model, model.problemSchema, response, "application/problem+json");
  const content: Record<string, Json> | undefined = op.responses[String(response.status)]?.content;
  if (!content) return response.body ? [`${response.status} has a body, but ${op.key} documents none`] : [];
  const key = Object.keys(content).find((type) => type.toLowerCase() === media);
  if (!key) return [`${response.status} answered ${media ?? "no content type"}, ${op.key} documents ${Object.keys(content).join(", ")}`];
  if (!key.includes("json")) return checkBinary(response, key);
  return checkJson(model, content[key]?.schema ?? true, response, key);
}

/** The first bytes of every PDF. */
const PDF_SIGNATURE = "%PDF-";

/** A documented body that is not JSON: text, or bytes (document downloads); a PDF starts as one does. */
function checkBinary(response: SandboxResponse, media: string): string[] {
  const bytes = response.bytes ?? (response.body === undefined ? undefined : Buffer.from(response.body, "utf8"));
  if (bytes === undefined || bytes.length === 0) return [`${response.status} ${media} without a body`];
  if (media === "application/pdf" && Buffer.from(bytes.subarray(0, PDF_SIGNATURE.length)).toString("latin1") !== PDF_SIGNATURE) return [`${response.status} application/pdf that is not a PDF`];
  return [];
}

function checkJson(model: SpecModel, schema: Json, response: SandboxResponse, expectedMedia: string): string[] {
  const media = mediaOf(response.headers["content-type"]);
  if (media !== expectedMedia) return [`content type ${media ?? "(none)"} where ${expectedMedia} was expected`];
  let body: unknown;
  try {
    body = JSON.parse(response.body ?? "");
  } catch {
    return [`the ${media} body is not JSON`];
  }
  const validate = model.validator(schema);
  const problems = validate(body) ? [] : [`the body breaks its documented schema: ${validate.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`).join(", ")}`];
  const status = (body as { status?: unknown })?.status;
  if (media === "application/problem+json" && status !== response.status) problems.push(`problem status ${String(status)} in a ${response.status} answer`);
  return problems;
}

/** Ways the request breaks the spec (empty when it conforms). Lenient wherever the spec leaves room. */
export function specBreaches(model: SpecModel, op: OperationInfo, params: Record<string, string>, o: Observation): string[] {
  const { request } = o;
  const breaches: string[] = [];
  if (op.bearer) {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (!token || !o.clients.has(token.toLowerCase())) breaches.push("Authorization does not name a known client");
  }
  for (const p of op.pathParams) if (!model.validator(p.schema)(params[p.name])) breaches.push(`path parameter ${p.name}`);
  const query = new URLSearchParams(request.query);
  for (const p of op.queryParams) {
    const values = query.getAll(p.name);
    if (values.length === 0) {
      if (p.required) breaches.push(`query parameter ${p.name} is missing`);
    } else if (!queryConforms(model, p.schema, values)) breaches.push(`query parameter ${p.name}`);
  }
  for (const p of op.headerParams) {
    if (p.name.toLowerCase() === "x-sandbox-tenant") continue; // judged on its own, before routing
    const value = request.headers[p.name.toLowerCase()];
    if (value === undefined ? p.required : !model.validator(p.schema)(value)) breaches.push(`header ${p.name}`);
  }
  breaches.push(...bodyBreaches(model, op, request));
  return breaches;
}

function queryConforms(model: SpecModel, schema: Json, values: string[]): boolean {
  const resolved = model.resolve(schema);
  const validate = model.validator(schema);
  if (resolved?.type === "array") {
    const itemType = model.resolve(resolved.items ?? {})?.type;
    const lists = [values, values.flatMap((v) => v.split(",").filter((s) => s.length > 0))];
    return lists.some((list) => validate(list.map((v) => coerce(v, itemType))));
  }
  return values.some((v) => validate(coerce(v, resolved?.type)));
}

/** Query text to the schema's type, as a form-encoded query carries it. */
function coerce(value: string, type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes("integer") || types.includes("number")) && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

function bodyBreaches(model: SpecModel, op: OperationInfo, request: SandboxRequest): string[] {
  if (!op.body) return [];
  const text = request.body;
  if (text === undefined || text.length === 0) return op.body.required ? ["the required body is missing"] : [];
  const documented = documentedMedia(op, requestMedia(request));
  if (!documented) return [`content type '${request.headers["content-type"]}' is not documented`];
  if (!documented.includes("json")) return /boundary=/i.test(request.headers["content-type"] ?? "") ? [] : ["a multipart body without a boundary"];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return ["the body is not JSON"];
  }
  const validate = model.validator(op.body.media[documented]);
  if (!validate(value)) return [`the body breaks the schema (${validate.errors?.[0]?.instancePath || "/"} ${validate.errors?.[0]?.message})`];
  return moneyBreaches(value);
}

/** A documented request media type that the sent one is (a `+json` type counts as JSON). */
function documentedMedia(op: OperationInfo, media: string): string | undefined {
  const types = Object.keys(op.body?.media ?? {});
  return types.find((t) => t.toLowerCase() === media) ?? (/^application\/[\w.-]+\+json$/.test(media) ? types.find((t) => t === "application/json") : undefined);
}

function hasDocumentedContentType(op: OperationInfo, request: SandboxRequest): boolean {
  if (request.body === undefined || request.body.length === 0) return false;
  return documentedMedia(op, requestMedia(request)) !== undefined;
}

/**
 * The media type of a request body. A body without a Content-Type counts as JSON, and so does an empty header:
 * HTTP stacks hand both over alike (as with an empty X-Sandbox-Tenant, which names the default tenant).
 */
function requestMedia(request: SandboxRequest): string {
  return mediaOf(request.headers["content-type"]) ?? "application/json";
}

/** Money fields with more than 2 decimals or beyond a double's range, anywhere in the body (walked without recursion). */
function moneyBreaches(body: unknown): string[] {
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    for (const [key, value] of Object.entries(node)) {
      if (MONEY_FIELDS.has(key) && typeof value === "number" && (!Number.isFinite(value) || decimalsOf(value) > 2)) return [`${key} ${value} is not an amount with at most 2 decimals`];
      if (value !== null && typeof value === "object") stack.push(value);
    }
  }
  return [];
}

function decimalsOf(value: number): number {
  const [mantissa = "", exponent = "0"] = String(value).split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

function problemCode(response: SandboxResponse): string | undefined {
  if (!mediaOf(response.headers["content-type"])?.includes("json")) return undefined;
  try {
    const code = (JSON.parse(response.body ?? "") as { code?: unknown })?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

function mediaOf(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase() || undefined;
}

function bodyBytes(request: SandboxRequest): number {
  return request.body === undefined ? 0 : Buffer.byteLength(request.body, "utf8");
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The ledger invariants and per-currency conservation in every tenant of the host. */
export function checkLedgers(host: TenantHost): string[] {
  return host.list().flatMap((tenant) => checkLedger(tenant));
}

/** One tenant's ledger: `verify()`, conservation, references, transfers against their payments, and its snapshot's round trip. */
export function checkLedger(tenant: Tenant): string[] {
  const problems: string[] = [];
  const verdict = tenant.state.ledger.verify();
  if (!verdict.ok) problems.push(`ledger.verify(): ${verdict.problems.join("; ")}`);
  const snapshot = tenant.state.export();
  problems.push(...conservation(snapshot), ...references(snapshot), ...transferRecords(snapshot), ...roundTrip(snapshot, tenant.state.clock.now()));
  return problems.map((p) => `tenant ${tenant.name}: ${p}`);
}

/**
 * A tenant's snapshot imports (what `GET /__sandbox/snapshot` gives, `PUT` takes back), and the ledger it
 * restores exports the same snapshot again. Problems start with `snapshot`.
 */
export function roundTrip(snapshot: LedgerSnapshot, now: number): string[] {
  let restored: LedgerSnapshot;
  try {
    restored = new SandboxState({ frozenAt: now, snapshot }).export();
  } catch (error) {
    return [`snapshot: the tenant's own snapshot does not import: ${error instanceof Error ? error.message : String(error)}`];
  }
  const differs = (Object.keys(snapshot) as (keyof LedgerSnapshot)[]).filter((key) => JSON.stringify(restored[key]) !== JSON.stringify(snapshot[key]));
  return differs.length === 0 ? [] : [`snapshot: imported and exported again, it differs in ${differs.join(", ")}`];
}

/**
 * The records are what the core's types say they are (ids are uuids, amounts safe integers, enums in range),
 * client ids are unique, and every client account names a client that exists. Problems start with `record`.
 */
export function references(snapshot: LedgerSnapshot): string[] {
  const problems: string[] = [];
  const check = (kind: string, record: Record<string, unknown>, shape: Record<string, (v: unknown) => boolean>) => {
    for (const [field, valid] of Object.entries(shape)) {
      if (!valid(record[field])) problems.push(`record: ${kind} ${String(record.id)} has ${field} ${abbreviateJson(record[field])}`);
    }
  };
  const clients = new Set<unknown>();
  for (const client of snapshot.clients) {
    check("client", client as unknown as Record<string, unknown>, CLIENT_SHAPE);
    if (clients.has(client.id)) problems.push(`record: two clients have the id ${String(client.id)}`);
    clients.add(client.id);
  }
  for (const account of snapshot.accounts) {
    check("account", account as unknown as Record<string, unknown>, ACCOUNT_SHAPE);
    if (account.clientId !== null && !clients.has(account.clientId)) problems.push(`record: account ${account.id} names client ${abbreviateJson(account.clientId)}, which does not exist`);
  }
  for (const payment of snapshot.payments) {
    check("payment", payment as unknown as Record<string, unknown>, PAYMENT_SHAPE);
    for (const leg of payment.transactions) check("leg", leg as unknown as Record<string, unknown>, LEG_SHAPE);
  }
  return problems.slice(0, 8);
}

/** The state of a transfer's payment for each status (docs/domain/transfers.md#lifecycle). */
const PAYMENT_STATE_OF: Partial<Record<string, string>> = {
  pendingConfirmation: "draft",
  confirmed: "pending",
  processing: "pending",
  completed: "posted",
  canceled: "canceled",
  failed: "canceled",
  rejected: "canceled",
};

/**
 * The orchestrator's records agree with the ledger's money: every payment a transfer names exists, each of its
 * legs is in the state the transfer's status goes with, and only an incoming transfer that credited nobody
 * (unrecognized or rejected) has no payment. Problems start with `transfer`.
 */
export function transferRecords(snapshot: LedgerSnapshot): string[] {
  const payments = new Map(snapshot.payments.map((p) => [p.id, p]));
  const problems: string[] = [];
  for (const t of snapshot.transfers ?? []) {
    const expected = PAYMENT_STATE_OF[t.status];
    if (t.paymentIds.length === 0 && !(t.direction === "incoming" && (t.status === "unrecognized" || t.status === "rejected"))) problems.push(`transfer: ${t.id} is a ${t.status} ${t.direction} transfer without a payment`);
    for (const id of t.paymentIds) {
      const payment = payments.get(id);
      const states = [...new Set(payment?.transactions.map((leg) => leg.state))];
      if (payment === undefined) problems.push(`transfer: ${t.id} names payment ${id}, which does not exist`);
      else if (states.length !== 1 || states[0] !== expected) problems.push(`transfer: ${t.id} is ${t.status} but its payment ${id} is ${states.join("/") || "without legs"}, not ${expected ?? "absent"}`);
    }
  }
  return problems.slice(0, 8);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown) => typeof v === "string" && UUID.test(v);
const text = (v: unknown) => typeof v === "string";
const orNull = (is: (v: unknown) => boolean) => (v: unknown) => v === null || is(v);
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === "string" && values.includes(v);
const integer = (v: unknown) => Number.isSafeInteger(v);
const CLIENT_SHAPE = { id: uuid, type: oneOf(CLIENT_TYPES), status: oneOf(CLIENT_STATUSES), email: text, phone: orNull(text), firstName: orNull(text), lastName: orNull(text), companyName: orNull(text), country: text, createdAt: integer };
const ACCOUNT_SHAPE = {
  id: uuid,
  accountNumber: text,
  clientId: orNull(uuid),
  name: orNull(text),
  currency: oneOf(CURRENCIES),
  type: oneOf(ACCOUNT_TYPES),
  status: oneOf(ACCOUNT_STATUSES),
  allowNegativeBalance: (v: unknown) => typeof v === "boolean",
  balanceMinor: integer,
  heldMinor: integer,
  pendingIncomingMinor: integer,
  order: integer,
  createdAt: integer,
  updatedAt: orNull(integer),
  closedAt: orNull(integer),
};
const PAYMENT_SHAPE = { id: uuid, parentId: uuid, parentType: oneOf(PARENT_TYPES), obligatoryAt: orNull(integer), createdAt: integer };
const LEG_SHAPE = { id: uuid, paymentId: uuid, currency: oneOf(CURRENCIES), amountMinor: integer, state: oneOf(TRANSACTION_STATES), createdAt: integer, postedAt: orNull(integer) };

function abbreviateJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}

/**
 * Per currency, posted debits equal posted credits (each counted in its account's currency), every account's
 * balances follow from its legs, and the balances of a currency sum to zero.
 */
export function conservation(snapshot: LedgerSnapshot): string[] {
  const problems: string[] = [];
  const accounts = new Map(snapshot.accounts.map((a) => [a.id, { account: a, posted: 0, held: 0, incoming: 0 }]));
  const debits = new Map<string, number>();
  const credits = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);
  for (const leg of snapshot.payments.flatMap((p) => p.transactions)) {
    const debtor = accounts.get(leg.debtorAccountId);
    const creditor = accounts.get(leg.creditorAccountId);
    if (!debtor || !creditor) {
      problems.push(`leg ${leg.id} names an unknown account`);
      continue;
    }
    if (!Number.isSafeInteger(leg.amountMinor) || leg.amountMinor <= 0) problems.push(`leg ${leg.id} moves ${leg.amountMinor} minor units`);
    if (leg.state === "posted") {
      add(debits, debtor.account.currency, leg.amountMinor);
      add(credits, creditor.account.currency, leg.amountMinor);
      debtor.posted -= leg.amountMinor;
      creditor.posted += leg.amountMinor;
    } else if (leg.state === "pending") {
      debtor.held += leg.amountMinor;
      creditor.incoming += leg.amountMinor;
    }
  }
  for (const currency of new Set([...debits.keys(), ...credits.keys()])) {
    if (debits.get(currency) !== credits.get(currency)) problems.push(`${currency}: posted debits ${debits.get(currency) ?? 0} != posted credits ${credits.get(currency) ?? 0}`);
  }
  const sums = new Map<string, number>();
  for (const { account, posted, held, incoming } of accounts.values()) {
    add(sums, account.currency, account.balanceMinor);
    if (account.balanceMinor !== posted || account.heldMinor !== held || account.pendingIncomingMinor !== incoming) {
      problems.push(`account ${account.id}: stored ${account.balanceMinor}/${account.heldMinor}/${account.pendingIncomingMinor}, legs give ${posted}/${held}/${incoming}`);
    }
  }
  for (const [currency, sum] of sums) if (sum !== 0) problems.push(`${currency}: balances sum to ${sum}, not 0`);
  return problems;
}
