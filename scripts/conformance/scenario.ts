/**
 * The conformance scenario: valid requests that reach every stateful operation with a success, then every
 * documented error each can answer, each judged by Prism (scripts/conformance/exchanges.ts): by `Prefer`
 * for every documented status and listed code; by state, through the repository's error-trigger registry
 * (test/errors/triggers.ts); invalid requests (400, 401, 413, 415) through the proxy that passes them on;
 * outages (503) by magic value, fault rule and the tenant limit.
 */
import { documentedErrorStatuses, errorCodesOf } from "../../sandbox/http/forced.js";
import { MAX_BODY_BYTES, MAX_TENANTS, requestBodyLimitBytes } from "../../sandbox/http/index.js";
import { finlegoApi } from "../../sandbox/http/apis.js";
import { finlegoSpec } from "../../sandbox/http/generated/specs.js";
import { MAGIC_OUTAGE_AMOUNT } from "../../sandbox/http/magic.js";
import type { OpenApiOperation, OpenApiParameter } from "../../sandbox/http/openapi-types.js";
import { errorTriggers } from "../../test/errors/triggers.js";
import { scenario, type CallOptions, type Reply } from "../../test/support/http.js";
import { formText } from "../../test/support/multipart.js";
import { isMultipart, PRISM_MAX_BODY_BYTES, type Exchanges, type ValidRequest } from "./exchanges.js";
import { validClientRequests, validDocumentRequests, validOnboardingRequests, validTransferRequests } from "./valid-more.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
/** A well-formed id that names nothing in the sandbox. */
const UNKNOWN = "00000000-0000-4000-8000-0000000000c1";
/** The sandbox's OTP code (docs/domain/accounts.md). */
const OTP_CODE = "000000";

/** Runs every section in turn. */
export async function runScenario(x: Exchanges): Promise<void> {
  x.section = "valid";
  await validRequests(x);
  x.section = "prefer";
  await preferred(x);
  x.section = "invalid";
  await invalidRequests(x);
  x.section = "state";
  await stateErrors(x);
  x.section = "outage";
  await outages(x);
}

/** Valid requests to every stateful operation, in the order a user would send them; each expects a success. */
async function validRequests(x: Exchanges): Promise<void> {
  const api = x.through("validating");
  const ok = (method: string, path: string, options: CallOptions = {}, status = 200) => x.send("validating", method, path, options, { status });
  const s = await scenario(api);
  const asClient = { authorization: `Bearer ${s.clientId}` };
  const [a, b, fee] = [await s.clientAccount(100), await s.clientAccount(0), await s.systemAccount()];
  const aNumber = String((await s.account(a)).accountNumber);
  const treasuryNumber = String((await s.account(s.treasuryEur)).accountNumber);

  const opened = await ok("POST", "/Accounts", { body: { currency: "eur", name: "Conformance" }, headers: asClient });
  await ok("GET", `/Accounts/${a}`, { headers: asClient });
  await ok("GET", `/Accounts/${aNumber}`, { headers: asClient });
  await ok("PATCH", `/Accounts/${a}`, { body: { name: "Renamed" }, headers: asClient });
  const otp = await ok("POST", "/Accounts/send-otp", { body: { accountId: opened.json.id, operation: "activate" }, headers: asClient });
  await ok("POST", "/Accounts/otp-verification", { body: { otpId: otp.json.otpId, code: OTP_CODE }, headers: asClient });
  await ok("POST", "/v2/ledger/internal/Accounts/search", { body: { currencies: ["eur"], types: ["client"], page: 1, pageSize: 10 } });
  await ok("POST", "/v2/ledger/internal/Accounts/by-account-numbers", { body: { accountNumbers: [aNumber, treasuryNumber] } });
  await ok("GET", "/v2/ledger/internal/Accounts/getAggregatedAmounts", { query: { currency: "eur" } });
  await ok("POST", "/v2/internal/Accounts/recalculate", { body: { accountIds: [a] } });
  await ok("POST", "/internal/Accounts/calculateBalances", { body: { accountIds: [a, b], date: "2026-03-02T09:00:00Z" } });
  const empty = await s.clientAccount(0);
  await ok("DELETE", `/Accounts/${empty}`, { headers: asClient }, 204);
  const mine = (await ok("GET", "/Accounts", { headers: asClient })).json as { id: string; status: string }[];
  await ok("PUT", "/Accounts/reorder-accounts", { body: { accountIds: mine.filter((m) => m.status !== "closed").map((m) => m.id).reverse() }, headers: asClient });

  const legs = [
    { debtorAccountId: a, creditorAccountId: b, currency: "eur", amount: 10 },
    { debtorAccountId: a, creditorAccountId: fee, currency: "eur", amount: 0.5 },
  ];
  const draft = async () => (await ok("POST", "/internal/Payments/draft", { body: { parentId: PARENT, parentType: "transfer", obligatoryDate: "2026-03-01T00:00:00Z", transactions: legs } })).json.paymentId as string;
  const byNumbers = { parentId: PARENT, parentType: "transfer", debtorAccountNumber: treasuryNumber, creditorAccountNumber: aNumber, currency: "eur", amount: 12.34 };
  await ok("POST", "/internal/Payments", { body: { ...byNumbers, paymentId: "5d8f6c1e-2b3a-4c5d-8e6f-7a8b9c0d1e2f", limitedIncomingAccountRestrictions: [{ accountId: a, limit: 100000 }] } });
  const [first, second, third, fourth, fifth] = [await draft(), await draft(), await draft(), await draft(), await draft()];
  await ok("POST", `/internal/Payments/${first}/pend`, { body: { limitedIncomingAccountRestrictions: [{ accountId: b, limit: 100000 }] } });
  await ok("POST", `/internal/Payments/${first}/post`);
  await ok("POST", `/internal/Payments/${second}/pend`);
  await ok("POST", `/internal/Payments/${second}/cancel`);
  await ok("POST", "/internal/Payments/pend", { body: { paymentIds: [third, fourth], parentId: PARENT } });
  await ok("POST", "/internal/Payments/post", { body: { paymentIds: [third], parentId: PARENT } });
  await ok("POST", "/internal/Payments/cancel", { body: { paymentIds: [fourth, fifth], parentId: PARENT } });

  const leg = (await ok("GET", "/internal/Transactions", { query: { accountId: a, pageSize: 5 } })).json.items[0].id as string;
  await ok("GET", `/internal/Transactions/${leg}`);
  await ok("GET", "/internal/Transactions", { query: { overdue: "true", state: "draft" } });
  await ok("POST", "/internal/Transactions/query", { body: { accountIds: [a], states: ["posted"], minAmount: 0.5, sortBy: "amount", sortDirection: "asc" } });
  await ok("GET", "/Transactions", { query: { accountId: a }, headers: asClient });
  await ok("GET", "/internal/Transactions/report", { query: { accountId: a } });
  await ok("GET", "/internal/Transactions/report", { query: { accountId: a, format: "json" } });

  await ok("POST", "/internal/DailyAccountBalance/recalculate", { body: { accountIds: [a, b], fromDate: "2026-03-01", toDate: "2026-03-02" } });
  await ok("POST", "/internal/DailyAccountBalance", { body: { accountIds: [a], fromDate: "2026-03-01", toDate: "2026-03-02" } });
  await ok("GET", "/internal/DailyCheck", { query: { date: "2026-03-01" } });
  await ok("GET", "/internal/DailyCheck/details", { query: { date: "2026-03-01", mismatchedOnly: "false" } });
  await ok("GET", "/internal/Reports/ReconciliationReport", { query: { currency: "eur" } });
  await ok("GET", "/internal/TreasuryManagement/summary");
  await ok("POST", "/internal/BackgroundJob/AccountBalanceCheckJob", { query: { currency: "eur" } });

  await ok("GET", "/BaasProvider/available-currencies", { headers: asClient });
  await ok("GET", "/internal/Currencies", { query: { isEnabled: "true" } });
  await ok("GET", "/internal/Currencies/eur");
  await ok("PUT", "/internal/Currencies/nok", { body: { name: "Norwegian Krone", isEnabled: false } });
  await ok("POST", "/internal/Currencies", { body: { code: "nok" } });

  const payee = { name: "Berliner Stadtwerke", accountNumber: "DE02120300000000202051", bic: "BYLADEM1001", bankName: "Deutsche Kreditbank", country: "DE", currency: "eur" };
  await ok("POST", "/internal/integration/Recipients", { body: payee });
  const recipient = (await ok("POST", "/Recipients", { body: { ...payee, name: "Lukas Meyer", accountNumber: "DE89370400440532013000", bic: null }, headers: asClient })).json.id as string;
  await ok("POST", "/internal/Recipients", { body: { ...payee, clientId: s.clientId, currency: "usd", bankName: null } });
  await ok("PUT", `/Recipients/${recipient}/visibility`, { body: { isVisible: false }, headers: asClient });
  await ok("GET", "/Recipients", { query: { search: "meyer", currency: "eur", isVisible: "false" }, headers: asClient });
  await ok("GET", "/v2/Recipients", { query: { pageSize: 1 }, headers: asClient });
  await ok("GET", `/Recipients/${recipient}`, { headers: asClient });
  await ok("GET", `/v2/Recipients/${recipient}`, { headers: asClient });

  await validClientRequests(ok);
  await validDocumentRequests(ok);
  await validOnboardingRequests(ok);
  await validTransferRequests(ok, (method, path, options) => api.call(method, path, options));
}

/** `Prefer: code=<status>` for every documented error status of every stateful operation, and `error=` for every listed code. */
async function preferred(x: Exchanges): Promise<void> {
  for (const valid of x.valid.values()) {
    const operation = operationOf(valid);
    for (const status of documentedErrorStatuses(operation)) {
      const codes = errorCodesOf(operation, status);
      for (const code of codes.length > 0 ? codes : [undefined]) {
        const prefer = code ? `code=${status}, error=${code}` : `code=${status}`;
        // A 400 is always the validation problem, whatever code is listed.
        await replay(x, "validating", valid, { prefer }, { status, ...(status !== 400 && { code: code ?? errorCodesOf(operation, status)[0] }) });
      }
    }
  }
}

/**
 * Requests the sandbox must refuse, through the proxy that passes them on (the validating one would
 * answer 422 itself): a malformed Prefer (every operation), a body of the wrong type, one over the size
 * limit, one of the wrong media type, an unknown bearer token, a malformed path parameter, a query out of
 * range and a malformed tenant name.
 */
async function invalidRequests(x: Exchanges): Promise<void> {
  const oversized = JSON.stringify({ padding: "x".repeat(MAX_BODY_BYTES) });
  for (const valid of x.valid.values()) {
    const operation = operationOf(valid);
    // An undocumented status: Prism decodes Prefer itself (code must be three digits) and answers a malformed one with its own 422.
    await replay(x, "passing", valid, { prefer: "code=418" }, { status: 400, code: "validationError" });
    if (operation.requestBody) {
      // A JSON body of the wrong type; a form without its file.
      const wrong = isMultipart(valid.options) ? { ...valid.options, ...formText([{ name: "documentType", content: "bankStatement" }]) } : { ...valid.options, rawBody: undefined, body: [] };
      await x.send("passing", valid.method, valid.path, wrong, { status: 400, code: "validationError" });
      // Bodies over Prism's own limit cannot pass through it (uploads take up to 32 MiB): Prefer reaches their 413.
      if (requestBodyLimitBytes(valid.method, valid.path) < PRISM_MAX_BODY_BYTES) {
        await x.send("passing", valid.method, valid.path, { ...valid.options, rawBody: oversized }, { status: 413, code: "payloadTooLarge" });
      }
      await x.send("passing", valid.method, valid.path, { ...valid.options, rawBody: "plain text", headers: { ...valid.options.headers, "content-type": "text/plain" } }, { status: 415, code: "unsupportedMediaType" });
    }
    if (operation.security?.some((requirement) => "bearerAuth" in requirement)) {
      // Prism answers a request without a bearer token itself (always, whatever --validate-request says), so the sandbox's own 401 is for a token it does not know.
      await replay(x, "passing", valid, { authorization: `Bearer ${UNKNOWN}` }, { status: 401, code: "unauthorized" });
    }
    const uuidParam = parametersOf(valid, "path").find((p) => p.schema?.format === "uuid");
    if (uuidParam) await x.send("passing", valid.method, withPathParam(valid, uuidParam.name, "not-a-uuid"), valid.options, { status: 400, code: "validationError" });
    if (parametersOf(valid, "query").some((p) => p.name === "pageSize")) {
      await x.send("passing", valid.method, valid.path, { ...valid.options, query: { ...valid.options.query, pageSize: 0 } }, { status: 400, code: "validationError" });
    }
  }
  const create = x.valid.get("createPayment");
  if (create) {
    await x.send("passing", create.method, create.path, { ...create.options, body: { ...bodyOf(create), amount: 1.001 } }, { status: 400, code: "validationError" });
    await replay(x, "passing", create, { "x-sandbox-tenant": "not a tenant!" }, { status: 400, code: "invalidTenant" });
  }
}

/** Every documented 404 and 422 reached by state: each trigger of the registry on a freshly reset sandbox. */
async function stateErrors(x: Exchanges): Promise<void> {
  const sandbox = x.through("validating");
  for (const trigger of errorTriggers) {
    await reset(x);
    const s = await scenario(sandbox);
    let reply: Reply;
    try {
      reply = await trigger.run({ sandbox, s, asClient: { authorization: `Bearer ${s.clientId}` } });
    } catch (error) {
      x.broken.push(`${trigger.operationId} ${trigger.status} ${trigger.code} (${trigger.how}): the trigger could not run: ${(error as Error).message}`);
      continue;
    }
    // The trigger's last request is the one it is about: judge its answer against the trigger's claim.
    const last = x.all[x.all.length - 1]!;
    if (reply.status !== trigger.status || reply.json?.code !== trigger.code) last.mismatch = `expected ${trigger.status} ${trigger.code} (${trigger.how}), got ${reply.status} ${reply.json?.code ?? ""}`;
  }
  await reset(x);
}

/** 503 by the magic outage amount, by a fault rule, and when a new tenant would pass the tenant limit. */
async function outages(x: Exchanges): Promise<void> {
  for (const operationId of ["createPayment", "draftPayment"]) {
    const valid = x.valid.get(operationId);
    if (!valid) continue;
    const body = bodyOf(valid);
    const legs = body.transactions;
    const magic = Array.isArray(legs) ? { ...body, transactions: legs.map((leg: object) => ({ ...leg, amount: MAGIC_OUTAGE_AMOUNT })) } : { ...body, amount: MAGIC_OUTAGE_AMOUNT };
    await x.send("validating", valid.method, valid.path, { ...valid.options, body: magic }, { status: 503, code: "serviceUnavailable" });
  }
  const account = x.valid.get("getLedgerAccount");
  if (account) {
    await control(x, "POST", "/__sandbox/faults", { match: { operationId: "getLedgerAccount" }, respond: { status: 503 }, times: 1 });
    await replay(x, "validating", account, {}, { status: 503 });
  }
  const list = x.valid.get("listCurrencies");
  if (list) {
    const fillers = await fillTenants(x);
    await replay(x, "validating", list, { "x-sandbox-tenant": "one-too-many" }, { status: 503, code: "tenantLimitReached" });
    for (const name of fillers) await control(x, "DELETE", `/__sandbox/tenants/${name}`);
  }
}

/** Creates tenants until the sandbox holds MAX_TENANTS; returns their names. */
async function fillTenants(x: Exchanges): Promise<string[]> {
  const live = (await control(x, "GET", "/__sandbox/tenants")).json as unknown[];
  const names = Array.from({ length: MAX_TENANTS - live.length }, (_, i) => `conformance-filler-${i}`);
  for (const name of names) await x.send("validating", "GET", "/__sandbox/health", { headers: { "x-sandbox-tenant": name } });
  return names;
}

function replay(x: Exchanges, proxy: "validating" | "passing", valid: ValidRequest, headers: Record<string, string>, expected: { status: number; code?: string }): Promise<Reply> {
  return x.send(proxy, valid.method, valid.path, { ...valid.options, headers: { ...valid.options.headers, ...headers } }, expected);
}

async function reset(x: Exchanges): Promise<void> {
  const reply = await control(x, "POST", "/__sandbox/reset", { to: "seed" });
  if (reply.status !== 200) throw new Error(`reset failed: ${reply.status} ${reply.text ?? ""}`);
}

/** A control request, straight to the sandbox (the control API is not part of the FinLego spec Prism judges). */
function control(x: Exchanges, method: string, path: string, body?: unknown): Promise<Reply> {
  return x.send("validating", method, path, body === undefined ? {} : { body });
}

function operationOf(valid: ValidRequest): OpenApiOperation {
  const matched = finlegoApi.router.match(valid.method, valid.path);
  if (matched.kind !== "found") throw new Error(`${valid.method} ${valid.path} routes to no operation`);
  return matched.route.operation;
}

function parametersOf(valid: ValidRequest, where: "path" | "query"): OpenApiParameter[] {
  return (operationOf(valid).parameters ?? []).map(resolveParameter).filter((p) => p.in === where);
}

/** A parameter, or the shared one its `#/components/parameters/...` ref names. */
function resolveParameter(parameter: OpenApiParameter): OpenApiParameter {
  const name = parameter.$ref?.replace("#/components/parameters/", "");
  return name === undefined ? parameter : ((finlegoSpec.components?.parameters?.[name] as OpenApiParameter | undefined) ?? parameter);
}

/** The valid request's path with one path parameter replaced. */
function withPathParam(valid: ValidRequest, name: string, value: string): string {
  const matched = finlegoApi.router.match(valid.method, valid.path);
  if (matched.kind !== "found") throw new Error(`${valid.method} ${valid.path} routes to no operation`);
  const params: Record<string, string> = { ...matched.pathParams, [name]: value };
  return matched.route.template.replace(/\{([^}]+)\}/g, (_, param: string) => encodeURIComponent(params[param] ?? ""));
}

/** The JSON body a valid request was sent with (the scenario sends objects). */
function bodyOf(valid: ValidRequest): Record<string, unknown> {
  return (valid.options.body ?? {}) as Record<string, unknown>;
}
