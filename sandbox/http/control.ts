/** Handlers of the sandbox's own control API (openapi/sandbox-control.yaml), acting on one tenant. */
import { DEMO_FIXTURE, EMPTY_FIXTURE, type FaultRuleInput, type Fixture, type Ledger, type Result } from "../core/index.js";
import { toMajor, toMinor, toRateMicros, type Currency, type Transfer } from "../core/index.js";
import { fxRateDto, iso, isoOrNull } from "./dto.js";
import { finlegoApi } from "./apis.js";
import { documentedErrorStatuses } from "./forced.js";
import { MAGIC_VALUES } from "./magic.js";
import type { operations as ControlOperations } from "../../client/generated/sandbox-control.js";
import type { HandlerFailure, TypedHandler } from "./operations/context.js";
import type { ResetTarget } from "./state.js";
import type { Tenant, TenantHost } from "./tenants.js";

/** What the control handlers act on. */
export interface ControlContext {
  tenant: Tenant;
  host: TenantHost;
  startedAt: string;
  version: string;
}

/** The handler of one control operation, typed by openapi/sandbox-control.yaml's generated types. */
type ControlHandler<K extends keyof ControlOperations> = TypedHandler<ControlOperations[K], ControlContext>;

/** Control handlers keyed by the operationIds they serve. */
type ControlHandlerTable = { [K in keyof ControlOperations]: ControlHandler<K> };

// A Map, not an object: the name comes from the request, and `constructor` must name no fixture.
const FIXTURES = new Map<string, { fixture: Fixture; description: string }>([
  ["demo", { fixture: DEMO_FIXTURE, description: "Four clients (two individuals, two companies) with accounts in eur, usd, gbp, chf and pln funded from the treasury, a treasury account per currency, fee accounts and a little payment history." }],
  ["empty", { fixture: EMPTY_FIXTURE, description: "No clients: one treasury account per currency and nothing else." }],
]);

const SNAPSHOT_FORMAT = "finlego-sandbox/snapshot@1";

function counts(ledger: Ledger) {
  const snapshot = ledger.exportState();
  return { clients: snapshot.clients.length, accounts: snapshot.accounts.length, payments: snapshot.payments.length };
}

function clockView({ tenant }: ControlContext) {
  return { now: iso(tenant.state.clock.now()), frozen: tenant.state.clock.frozen };
}

function seeded(result: Result<Ledger>, code: "invalidFixture" | "invalidSnapshot"): { status: 200; body: ReturnType<typeof counts> } | HandlerFailure {
  if (!result.ok) return { problem: { code, detail: result.error.message, errors: { [result.error.field ?? "$"]: [result.error.message] } } };
  return { status: 200, body: counts(result.value) };
}

/** Rules that name an operation may only answer its documented error statuses. */
function checkRuleTarget(input: FaultRuleInput): string | undefined {
  const { operationId } = input.match;
  if (operationId === undefined) return undefined;
  const route = finlegoApi.router.routes.find((r) => r.operationId === operationId);
  if (!route) return `match.operationId: ${operationId} is not an operation of openapi/finlego.yaml`;
  const status = input.respond.status;
  const documented = documentedErrorStatuses(route.operation);
  if (status !== undefined && !documented.includes(status)) return `respond.status: ${status} is not a documented error of ${operationId}; allowed: ${documented.join(", ")}`;
  return undefined;
}

const incomingPayment: ControlHandler<"simulateIncomingPayment"> = ({ body }, { tenant }) => {
  const ledger = tenant.state.ledger;
  // The schema's oneOf: exactly one of accountId and accountNumber.
  const byId = "accountId" in body && body.accountId !== undefined;
  const named = byId ? body.accountId! : (body.accountNumber ?? "");
  const account = byId ? ledger.getAccount(named) : ledger.getAccountByNumber(named);
  if (!account) {
    return { error: { code: "accountNotFound", message: `Account ${named} was not found.` } };
  }
  const amountMinor = toMinor(body.amount);
  if (amountMinor === undefined || amountMinor <= 0) return { fieldErrors: { amount: ["must be a positive amount with at most 2 decimals"] } };
  const currency = body.currency ?? account.currency;
  // Checked before the payment's parent id is drawn, so a refused payment leaves even the id sequence as it was.
  if (currency !== account.currency) return { error: { code: "currencyMismatch", message: `Account ${account.id} holds ${account.currency}, not ${currency}.` } };
  const made = ledger.fundFromTreasury(account.id, amountMinor, "transfer");
  // A field error about the account names the field the request used (it may have named it by number).
  if (!made.ok && made.error.code === "validationError" && made.error.field === "accountId") return { fieldErrors: { [byId ? "accountId" : "accountNumber"]: [made.error.message] } };
  if (!made.ok) return { error: made.error };
  const after = ledger.getAccount(account.id)!;
  const leg = made.value.transactions[0]!;
  return {
    status: 200,
    body: { paymentId: made.value.id, accountId: account.id, accountNumber: account.accountNumber, currency, amount: toMajor(amountMinor), balance: toMajor(after.balanceMinor), createdDate: iso(leg.createdAt) },
  };
};

/** A transfer as the simulations answer it (the FinLego routes read the whole of it). */
function simulatedTransfer(t: Transfer) {
  return { id: t.id, direction: t.direction, status: t.status, statusReason: t.statusReason, paymentIds: t.paymentIds, completedDate: isoOrNull(t.completedAt) };
}

function fxTable(ledger: Ledger) {
  return { base: "eur" as const, rates: ledger.fxRates().map(fxRateDto) };
}

const updateFxRates: ControlHandler<"updateFxRates"> = ({ body }, { tenant }) => {
  const rates: { currency: Currency; perBaseMicros: number }[] = [];
  const errors: Record<string, string[]> = {};
  body.rates.forEach((r, i) => {
    const micros = toRateMicros(r.rate);
    if (micros === undefined) errors[`rates[${i}].rate`] = ["must be positive, at most 1000000, with at most 6 decimals"];
    else rates.push({ currency: r.currency, perBaseMicros: micros });
  });
  if (Object.keys(errors).length > 0) return { fieldErrors: errors };
  const set = tenant.state.ledger.setFxRates(rates);
  return set.ok ? { status: 200, body: fxTable(tenant.state.ledger) } : { error: set.error };
};

const incomingTransfer: ControlHandler<"simulateIncomingTransfer"> = ({ body }, { tenant }) => {
  const amountMinor = toMinor(body.amount);
  if (amountMinor === undefined || amountMinor <= 0) return { fieldErrors: { amount: ["must be a positive amount with at most 2 decimals"] } };
  const { amount: _amount, ...rest } = body;
  const received = tenant.state.ledger.receiveIncoming({ ...rest, amountMinor });
  if (!received.ok) return { error: received.error };
  const { request, transfer } = received.value;
  return { status: 200, body: { requestId: request.id, requestStatus: request.status, transfer: transfer && simulatedTransfer(transfer) } };
};

/** Control handlers by operationId. */
export const controlHandlers: ControlHandlerTable = {
  getSandboxHealth: (_ctx, { startedAt, version }) => ({ status: 200, body: { status: "ok", version, startedAt } }),

  resetSandbox: ({ body }, { tenant }) => {
    const to: ResetTarget = body?.to ?? "seed";
    const ledger = tenant.state.reset(to);
    tenant.rules.clear();
    tenant.journal.clear();
    return { status: 200, body: { to, ...counts(ledger) } };
  },

  listFixtures: () => ({ status: 200, body: [...FIXTURES].map(([name, { description }]) => ({ name, description })) }),

  seedSandbox: ({ body }, { tenant }) => {
    if ("fixture" in body) {
      const named = FIXTURES.get(body.fixture);
      if (!named) return notFound("fixtureNotFound", `No fixture is named ${body.fixture}; GET /__sandbox/fixtures lists them.`);
      return seeded(tenant.state.seedFrom(named.fixture), "invalidFixture");
    }
    return seeded(tenant.state.seedFrom(body.document), "invalidFixture");
  },

  exportSnapshot: (_ctx, control) => ({ status: 200, body: { format: SNAPSHOT_FORMAT, clock: clockView(control), ledger: control.tenant.state.export() } }),

  importSnapshot: ({ body }, { tenant }) => {
    const imported = tenant.state.import(body.ledger);
    if (!imported.ok) return seeded(imported, "invalidSnapshot");
    tenant.state.clock.set(Date.parse(body.clock.now), body.clock.frozen);
    return { status: 200, body: counts(imported.value) };
  },

  listJournal: ({ params }, { tenant }) => {
    const filter = journalFilter(params.query);
    return { status: 200, body: { total: tenant.journal.count(filter), entries: tenant.journal.find(filter, params.query.limit) } };
  },
  countJournal: ({ params }, { tenant }) => ({ status: 200, body: { count: tenant.journal.count(journalFilter(params.query)) } }),
  clearJournal: (_ctx, { tenant }) => ({ status: 200, body: { cleared: tenant.journal.clear() } }),

  getClock: (_ctx, control) => ({ status: 200, body: clockView(control) }),
  setClock: ({ body }, control) => {
    control.tenant.state.clock.set(Date.parse(body.now), body.frozen ?? control.tenant.state.clock.frozen);
    return { status: 200, body: clockView(control) };
  },
  advanceClock: ({ body }, control) => {
    const ms = (((body.days ?? 0) * 24 + (body.hours ?? 0)) * 60 + (body.minutes ?? 0)) * 60_000 + (body.seconds ?? 0) * 1000 + (body.ms ?? 0);
    control.tenant.state.clock.advance(ms);
    return { status: 200, body: clockView(control) };
  },

  listFaultRules: (_ctx, { tenant }) => ({ status: 200, body: tenant.rules.list() }),
  addFaultRule: ({ body }, { tenant }) => {
    const wrong = checkRuleTarget(body);
    if (wrong) return { fieldErrors: { [wrong.split(":")[0]!]: [wrong.slice(wrong.indexOf(":") + 2)] } };
    const added = tenant.rules.add(body);
    return added.ok ? { status: 201, body: added.value } : { error: added.error };
  },
  deleteFaultRule: ({ params }, { tenant }) => {
    const id = params.path.ruleId;
    if (tenant.rules.remove(id)) return { status: 204 };
    return notFound("ruleNotFound", `No fault rule ${id} in this tenant.`);
  },
  clearFaultRules: (_ctx, { tenant }) => ({ status: 200, body: { cleared: tenant.rules.clear() } }),

  listTenants: (_ctx, { host }) => ({ status: 200, body: host.list().map((t) => ({ name: t.name, ...counts(t.state.ledger) })) }),
  deleteTenant: ({ params }, { host, tenant }) => {
    const name = params.path.tenant;
    // The default tenant is reseeded, not removed: at this request's instant, whichever tenant asks, so a replay reseeds it alike.
    const other = name === host.defaultTenant.name && tenant !== host.defaultTenant ? host.defaultTenant.state.clock : undefined;
    other?.pin(tenant.state.clock.now());
    const removed = host.remove(name);
    other?.unpin();
    if (removed) return { status: 204 };
    return notFound("tenantNotFound", `No tenant is named ${name}.`);
  },

  simulateIncomingPayment: incomingPayment,

  getTransferProcessing: (_ctx, { tenant }) => ({ status: 200, body: tenant.state.ledger.transferProcessing() }),

  setTransferProcessing: ({ body }, { tenant }) => {
    const set = tenant.state.ledger.setTransferProcessing(body);
    return set.ok ? { status: 200, body: set.value } : { error: set.error };
  },

  simulateTransferOutcome: ({ params, body }, { tenant }) => {
    const moved = tenant.state.ledger.simulateTransferOutcome(params.path.transferId, body.outcome, body.reason);
    return moved.ok ? { status: 200, body: simulatedTransfer(moved.value) } : { error: moved.error };
  },

  simulateIncomingTransfer: incomingTransfer,

  getFxRates: (_ctx, { tenant }) => ({ status: 200, body: fxTable(tenant.state.ledger) }),

  updateFxRates,

  listMagicValues: () => ({ status: 200, body: MAGIC_VALUES }),
};

function journalFilter(query: { method?: string; operationId?: string; status?: number; path?: string }) {
  return {
    ...(query.method !== undefined && { method: query.method }),
    ...(query.operationId !== undefined && { operationId: query.operationId }),
    ...(query.status !== undefined && { status: query.status }),
    ...(query.path !== undefined && { path: query.path }),
  };
}

function notFound(code: "fixtureNotFound" | "ruleNotFound" | "tenantNotFound", detail: string): HandlerFailure {
  return { problem: { code, detail } };
}
