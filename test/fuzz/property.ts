/**
 * The fuzz property shared by the bounded test (test/fuzz/fuzz.test.ts) and `npm run fuzz`: a scenario is a
 * few valid warm-up requests, a few fault rules and a sequence of generated requests, run against a fresh
 * in-process sandbox (demo data, frozen clock). Every answer goes through the oracle, every ledger a request
 * changed is checked right after it, and every tenant's ledger at the end.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import type { LedgerSnapshot } from "../../sandbox/core/index.js";
import { SandboxState, MAX_TENANTS, type HttpEntry, type SandboxRequest, type SandboxResponse, type Tenant } from "../../sandbox/http/index.js";
import type { Json } from "../support/spec.js";
import { OPEN_BUGS, type OpenBug } from "./known-bugs.js";
import { poolsOf } from "./markers.js";
import { abbreviate, describeRequest, materialize, type World } from "./materialize.js";
import { checkAnswer, checkLedger, type Observation } from "./oracle.js";
import { operationStep, stepArbitrary, type Step } from "./requests.js";
import { modelFor, operationsByKey, routeBySpec } from "./spec-model.js";
import { validatedEntry } from "../support/validated.js";

/** The instant every scenario's clocks stand at. */
export const FROZEN_AT = Date.parse("2026-03-02T10:00:00Z");

/**
 * Fault rules a scenario may start with: the README's body-matching example (its delay shortened, a fuzz run
 * must not sleep), body-only rules that look into every FinLego request, and the other kinds of answer.
 */
export const RULE_TEMPLATES: Json[] = [
  { match: { operationId: "createPayment", body: { currency: "eur" } }, respond: { status: 422, code: "insufficientFunds", delayMs: 1 }, times: 2 },
  { match: { body: { currency: "eur" } }, respond: { status: 422, code: "insufficientFunds" } },
  { match: { body: { amount: 30 } }, respond: { status: 503 } },
  { match: { method: "POST", body: { "transactions.0.amount": 12.5 } }, respond: { status: 502 } },
  { match: { body: { constructor: 1, "a.b": null } }, respond: { status: 409 } },
  { match: { operationId: "draftPayment", body: { parentType: "transfer" } }, respond: { status: 503 } },
  { match: { path: "/**" }, respond: { status: 503 }, probability: 0.2, seed: 7 },
  { match: { operationId: "getLedgerAccount" }, respond: { fault: "connectionReset" } },
  { match: { method: "GET", path: "/v2/**" }, respond: { delayMs: 1 } },
  { match: { query: { currency: "usd" } }, respond: { status: 504, code: "gatewayTimeout" } },
  { match: { method: "PATCH" }, respond: { fault: "emptyResponse" }, times: 1 },
  { match: { operationId: "listTransactions" }, respond: { status: 500 } },
];

/**
 * Operations that make what others act on (drafts to pend, pending accounts to activate, disabled currencies
 * to add, money on accounts, payees, transfers, incoming transfers, the processing mode) and the next steps of
 * those lifecycles: a scenario may start with a few valid requests to them, so that chains such as draft, pend,
 * post or open, send OTP, verify happen.
 */
const LIFECYCLE = [
  "finlego:draftPayment",
  "finlego:createPayment",
  "finlego:pendPayment",
  "finlego:pendPayments",
  "finlego:openAccount",
  "finlego:sendAccountOtp",
  "finlego:verifyAccountOtp",
  "finlego:updateCurrency",
  "control:simulateIncomingPayment",
  "finlego:addRecipient",
  "finlego:addSystemRecipient",
  "finlego:createOutgoingTransfer",
  "finlego:confirmOutgoingTransfer",
  "finlego:createFxTransfer",
  "finlego:createIntegrationOutgoingTransfer",
  "control:simulateIncomingTransfer",
  "control:setTransferProcessing",
];

/**
 * Lifecycles in order, too deep for single warm-up steps met in any order: a warm-up may run the first steps of
 * one chain, all on one focus (the focus client account, its owner's payee, then the transfer awaiting
 * confirmation, the one confirmed...), after a processing mode the warm-up may have set.
 */
const CHAINS = [
  ["finlego:openAccount", "finlego:sendAccountOtp", "finlego:verifyAccountOtp"],
  ["finlego:addRecipient", "finlego:createOutgoingTransfer", "finlego:confirmOutgoingTransfer", "control:simulateTransferOutcome", "finlego:downloadTransferDocument"],
  ["finlego:addRecipient", "finlego:createOutgoingTransfer", "finlego:generateTransferConfirmationCode", "finlego:confirmOutgoingTransferV2", "finlego:cancelOutgoingTransfer"],
  ["finlego:addRecipientInternal", "finlego:createIntegrationOutgoingTransfer", "finlego:continueOutgoingTransfer", "finlego:executeTransfer", "finlego:downloadClientTransferDocument"],
  ["control:simulateIncomingTransfer", "finlego:processIncomingRequest", "finlego:assignIncomingTransfer", "finlego:getIncomingTransfer"],
];
/** Most warm-up units (single steps or chains) a scenario starts with. */
const MAX_WARM_UP_UNITS = 6;

/** A fresh sandbox's story: valid warm-up requests, fault rules, then the generated requests. */
export interface Scenario {
  warmUp: Step[];
  rules: { tenant?: string; rule: Json }[];
  steps: Step[];
}

/** Scenarios of up to `maxSteps` generated requests. */
export function scenarioArbitrary(maxSteps = 24): fc.Arbitrary<Scenario> {
  const lifecycle = LIFECYCLE.map((key) => warmUpStep(key).map((step) => [step]));
  const chains = CHAINS.map((keys) =>
    fc
      .tuple(fc.integer({ min: 1, max: keys.length }), fc.tuple(...keys.map(warmUpStep)))
      .map(([length, steps]) => steps.slice(0, length).map((step): Step => ({ ...step, focus: steps[0]!.focus }))),
  );
  const unit = fc.oneof({ weight: 2, arbitrary: fc.oneof(...lifecycle) }, { weight: 1, arbitrary: fc.oneof(...chains) });
  const rule = fc.record({ tenant: fc.constantFrom(undefined, undefined, "team-a"), rule: fc.constantFrom(...RULE_TEMPLATES) }, { requiredKeys: ["rule"] });
  return fc.record({
    warmUp: fc.array(unit, { maxLength: MAX_WARM_UP_UNITS }).map((units) => units.flat()),
    rules: fc.array(rule, { maxLength: 2, size: "max" }),
    steps: fc.array(stepArbitrary(), { minLength: 1, maxLength: maxSteps, size: "max" }),
  });
}

/** A valid step on an operation of the default tenant, without Prefer or mutations. */
function warmUpStep(key: string): fc.Arbitrary<Step> {
  const op = operationsByKey.get(key);
  if (!op) throw new Error(`no operation ${key} in the specs`);
  return operationStep(op).map((step): Step => ({ ...step, headers: { ...step.headers, tenant: undefined, prefer: undefined }, mutations: [] }));
}

/** What a run saw: requests sent, answers per operation, hits of known open bugs. */
export class FuzzStats {
  requests = 0;
  /** Operation key (or `(no operation)`) to answer (`422 insufficientFunds`, `200`, `connectionReset`) to count. */
  readonly answers = new Map<string, Map<string, number>>();
  /** Open bug id to how many answers it explained. */
  readonly openBugHits = new Map<string, number>();

  private readonly hash = createHash("sha256");

  record(request: SandboxRequest, response: SandboxResponse): void {
    this.requests++;
    this.hash.update(JSON.stringify([request.method, request.path, request.query, request.headers, request.body ?? null]));
    const route = routeBySpec(modelFor(request.path).operations, request.method, request.path);
    const key = route.kind === "operation" ? route.operation.key : "(no operation)";
    const counts = this.answers.get(key) ?? new Map<string, number>();
    const answer = response.fault ?? `${response.status}${response.status >= 400 ? ` ${problemCodeOf(response.body)}` : ""}`;
    counts.set(answer, (counts.get(answer) ?? 0) + 1);
    this.answers.set(key, counts);
  }

  /** A digest of every request sent, in order: the same seed must give the same digest. */
  digest(): string {
    return this.hash.copy().digest("hex");
  }

  /** Operations answered 2xx at least once. */
  succeeded(): Set<string> {
    return new Set([...this.answers].filter(([, counts]) => [...counts.keys()].some((a) => /^2\d\d/.test(a))).map(([key]) => key));
  }
}

function problemCodeOf(body: string | undefined): string {
  try {
    return String((JSON.parse(body ?? "") as { code?: unknown }).code ?? "");
  } catch {
    return "";
  }
}

/** A failed check, with what is needed to reproduce it. */
export class FuzzFailure extends Error {
  constructor(
    readonly problems: string[],
    readonly request: SandboxRequest | undefined,
    readonly response: SandboxResponse | undefined,
    readonly history: string[],
  ) {
    super(formatFailure(problems, request, response, history));
    this.name = "FuzzFailure";
  }
}

/** Options of one scenario run. */
export interface RunOptions {
  stats?: FuzzStats;
  /** Open bugs whose answers are counted instead of failing the run (default: OPEN_BUGS). */
  tolerated?: OpenBug[];
}

/** Runs one scenario on a fresh sandbox; throws a FuzzFailure at the first wrong answer or broken ledger. */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<void> {
  // Tenants a request creates start frozen too: one made on the wall clock would put that time into later requests (snapshots).
  const entry = validatedEntry({ state: new SandboxState({ frozenAt: FROZEN_AT }), stateOptions: { frozenAt: FROZEN_AT } });
  const history: string[] = [];
  const tolerated = options.tolerated ?? OPEN_BUGS;
  // Tenants whose ledger a tolerated open bug broke: nothing more is judged in them in this scenario.
  const tainted = new Set<string>();
  const send = async (request: SandboxRequest) => {
    const observation = await exchange(entry, request).catch((error: unknown) => {
      throw new FuzzFailure([`the entry threw instead of answering: ${error instanceof Error ? error.stack : String(error)}`], request, undefined, history);
    });
    options.stats?.record(request, observation.response);
    const name = request.headers["x-sandbox-tenant"] || "default";
    // What a tenant answers after an open bug broke its ledger is beyond the spec: sent, not judged.
    const problems = tainted.has(name) ? [] : [...observation.restoreProblems, ...checkAnswer(observation)];
    // A request that changed a ledger must leave it sound: checked here, so the report names that request.
    const tenant = entry.host.list().find((t) => t.name === name);
    // So must the transfer steps that were due when it came: they ran in the tenant before it.
    if (tenant && !tainted.has(name) && (observation.before !== observation.after || observation.dueSteps > 0)) problems.push(...checkLedger(tenant));
    const bug = problems.length > 0 ? tolerated.find((b) => b.matches(observation, problems)) : undefined;
    if (bug) {
      options.stats?.openBugHits.set(bug.id, (options.stats.openBugHits.get(bug.id) ?? 0) + 1);
      if (problems.some((p) => p.startsWith("tenant "))) tainted.add(name);
    } else if (problems.length > 0) throw new FuzzFailure(problems, request, observation.response, history);
    history.push(`${request.method} ${abbreviate(request.path, 120)}${request.query ? `?${abbreviate(request.query, 80)}` : ""} -> ${observation.response.fault ?? observation.response.status}`);
    return observation;
  };
  for (const step of scenario.warmUp) await send(materialize(step, worldFor(entry, step)));
  for (const { tenant, rule } of scenario.rules) {
    const headers: Record<string, string> = { "content-type": "application/json", ...(tenant && { "x-sandbox-tenant": tenant }) };
    const added = await send({ method: "POST", path: "/__sandbox/faults", query: "", headers, body: JSON.stringify(rule) });
    if (added.response.status !== 201) throw new FuzzFailure(["a valid fault rule was not added"], added.request, added.response, history);
  }
  for (const step of scenario.steps) await send(materialize(step, worldFor(entry, step)));
  const broken = entry.host.list().filter((t) => !tainted.has(t.name)).flatMap((t) => checkLedger(t));
  if (broken.length > 0) throw new FuzzFailure(broken, undefined, undefined, history);
}

/** What the fuzzer saw around one request, and whether the tenant's own snapshot failed to restore before it. */
interface Exchange extends Observation {
  restoreProblems: string[];
}

/** Sends one request and observes the tenant it names before and after. */
async function exchange(entry: HttpEntry, request: SandboxRequest): Promise<Exchange> {
  const name = request.headers["x-sandbox-tenant"] || "default";
  const find = () => entry.host.list().find((t) => t.name === name);
  const tenant = find();
  const snapshot = tenant?.state.export();
  const raw = snapshot && JSON.stringify(snapshot);
  const due = tenant && snapshot ? dueLedger(tenant, snapshot) : undefined;
  const lastSeq = tenant?.journal.find({}, 1)[0]?.seq ?? 0;
  // Other tenants are compared around requests that may change something (reads are checked on their own tenant).
  const mayChange = !/^(GET|HEAD)$/i.test(request.method);
  const others = new Map(mayChange ? entry.host.list().filter((t) => t !== tenant).map((t) => [t, JSON.stringify(t.state.export())] as const) : []);
  const observation = {
    request,
    rulesBefore: tenant?.rules.list() ?? [],
    clients: new Set((snapshot?.clients ?? []).map((c) => String(c.id).toLowerCase())),
    tenantExisted: tenant !== undefined,
    hostFull: entry.host.list().length >= MAX_TENANTS,
  };
  const response = await entry.handle({ ...request, headers: { ...request.headers } });
  keepClocksFrozen(entry);
  const after = find();
  const latest = after?.journal.find({}, 1)[0];
  // A tenant the request created starts with the seed's clients: those are the ones it could name.
  if (!tenant && after) for (const c of after.state.export().clients) observation.clients.add(String(c.id).toLowerCase());
  const alive = new Set(entry.host.list());
  const othersChanged = [...others].filter(([t, before]) => alive.has(t) && JSON.stringify(t.state.export()) !== before).map(([t]) => t.name);
  const afterJson = after && JSON.stringify(after.state.export());
  // A request that left the ledger as it was ran no due step either (one refused before the tenant saw it);
  // when the due steps could not be run on a copy, what they change is unknown and the change is not judged.
  const unknown = due !== undefined && due.problems.length > 0 && afterJson !== raw;
  const beforeJson = unknown ? undefined : due !== undefined && due.steps > 0 && afterJson !== raw ? JSON.stringify(due.ledger) : raw;
  const journal = latest && latest.seq > lastSeq ? latest : undefined;
  return { ...observation, before: beforeJson, response, after: afterJson, journal, othersChanged, dueSteps: due?.steps ?? 0, restoreProblems: due?.problems ?? [] };
}

/**
 * The ledger as a request to the tenant finds it: transfers that move on by themselves do so when the tenant is
 * next asked anything, before the request is handled (docs/domain/transfers.md#processing). When a step is due,
 * it runs on a copy restored from the tenant's snapshot (its id generator included), at the tenant's instant. A
 * snapshot that does not restore is a problem of its own; the request is then judged against the ledger as it was.
 */
function dueLedger(tenant: Tenant, snapshot: LedgerSnapshot): { ledger: LedgerSnapshot; steps: number; problems: string[] } {
  const now = tenant.state.clock.now();
  if (!(snapshot.transfers ?? []).some((t) => t.dueAt !== null && t.dueAt <= now)) return { ledger: snapshot, steps: 0, problems: [] };
  try {
    const copy = new SandboxState({ frozenAt: now, snapshot });
    const steps = copy.ledger.settleDue();
    return { ledger: copy.export(), steps, problems: [] };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ledger: snapshot, steps: 0, problems: [`tenant ${tenant.name}'s own snapshot does not restore (to run its due transfer steps): ${why}`] };
  }
}

/**
 * A running clock would make answers (and so the ids later requests pick) depend on the wall clock; the
 * fuzzer freezes any clock a request set running, at the time it shows, so a seed always gives the same run.
 */
function keepClocksFrozen(entry: HttpEntry): void {
  for (const tenant of entry.host.list()) if (!tenant.state.clock.frozen) tenant.state.clock.set(tenant.state.clock.now(), true);
}

function worldFor(entry: HttpEntry, step: Step): World {
  let name = step.headers.tenant;
  for (const m of step.mutations) if (m.on === "header" && m.name === "x-sandbox-tenant") name = m.value ?? undefined;
  const host = entry.host;
  // A tenant a request creates starts from the same seed as the default one, so the default's ids stand in.
  const tenant = host.list().find((t) => t.name === (name || "default")) ?? host.defaultTenant;
  return {
    pools: poolsOf(tenant, host),
    snapshot: () => ({ format: "finlego-sandbox/snapshot@1", clock: { now: new Date(tenant.state.clock.now()).toISOString(), frozen: true }, ledger: tenant.state.export() }),
  };
}

function formatFailure(problems: string[], request: SandboxRequest | undefined, response: SandboxResponse | undefined, history: string[]): string {
  const lines = ["The sandbox answered outside its spec:", ...problems.map((p) => `  - ${p}`)];
  if (history.length > 0) lines.push(`after ${history.length} earlier request(s) on a fresh sandbox (demo data, clock frozen at ${new Date(FROZEN_AT).toISOString()}):`, ...history.map((h) => `    ${h}`));
  if (request) lines.push("request:", indent(JSON.stringify(describeRequest(request), null, 2)));
  if (response) {
    const shown = { status: response.status, headers: response.headers, ...(response.fault && { fault: response.fault }), body: response.body === undefined ? undefined : abbreviate(response.body, 1500) };
    lines.push("answer:", indent(JSON.stringify(shown, null, 2)));
  }
  return lines.join("\n");
}

function indent(text: string): string {
  return text.replace(/^/gm, "    ");
}

/** Options of a fuzz campaign. */
export interface FuzzOptions {
  runs: number;
  seed: number;
  maxSteps?: number;
  /** Fail on open bugs too (the default tolerates the ones in known-bugs.ts). */
  strict?: boolean;
}

/** The outcome of a campaign: stats, and the smallest failing scenario fast-check found, if any. */
export interface FuzzResult {
  stats: FuzzStats;
  durationMs: number;
  failure?: { counterexample: Scenario; error: unknown; numShrinks: number; seed: number; path?: string };
}

/** Runs `runs` scenarios from `seed`; on a failure, shrinks it to the smallest scenario that still fails. */
export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const stats = new FuzzStats();
  const started = performance.now();
  const tolerated = options.strict ? [] : OPEN_BUGS;
  // Shrinking re-runs scenarios after the first failure; those must not count as requests of the campaign.
  let counting = true;
  const property = fc.asyncProperty(scenarioArbitrary(options.maxSteps), async (scenario) => {
    try {
      await runScenario(scenario, { tolerated, ...(counting && { stats }) });
    } catch (error) {
      counting = false;
      throw error;
    }
  });
  const details = await fc.check(property, { numRuns: options.runs, seed: options.seed });
  const durationMs = performance.now() - started;
  if (!details.failed || !details.counterexample) return { stats, durationMs };
  return { stats, durationMs, failure: { counterexample: details.counterexample[0], error: details.errorInstance, numShrinks: details.numShrinks, seed: details.seed, ...(details.counterexamplePath && { path: details.counterexamplePath }) } };
}
