/**
 * Verifies pacts: every interaction against openapi/finlego.yaml (offline), then against a provider with the
 * Pact verifier: a sandbox started for the run (the default) or any base URL. On a sandbox, provider states
 * are applied to an isolated tenant through its control API; elsewhere they are only passed on as values.
 */
// Type-only: pact's JSON types are not exported from its index.
import type { AnyJson, JsonMap } from "@pact-foundation/pact/src/common/jsonTypes.js";
import { createSandboxControlClient } from "../../client/index.js";
import { jsonEqual } from "../../sandbox/core/index.js";
import { startSandbox, type RunningSandbox } from "../../sandbox/server/start.js";
import { listPactFiles, readPactFile, type PactDocument, type PactHttpInteraction } from "../pact-file.js";
import { loadPact } from "../pact-library.js";
import { hasPassed } from "../report.js";
import { checkInteractionAgainstSpec } from "../spec-check.js";
import { parseVerifierResults, type VerifierOutcome } from "./results.js";
import { ProviderStateSession, unknownStateMessage, type StateFailure } from "./session.js";
import { PROVIDER_STATES } from "./states.js";

/** How one interaction fared. */
export interface InteractionReport {
  description: string;
  states: string[];
  operationId: string | undefined;
  /** V4 `pending`: failures are shown but do not fail the run. */
  pending: boolean;
  /** Disagreements with openapi/finlego.yaml. */
  spec: string[];
  /** `not run` when only the spec was checked. */
  provider: "passed" | "failed" | "not run";
  /** Provider mismatches and provider states that could not be set up. */
  mismatches: string[];
}

/** How one pact file fared. */
export interface PactReport {
  file: string;
  consumer: string;
  provider: string;
  specification: string;
  interactions: InteractionReport[];
  /** Problems of the whole pact (a message interaction, a verifier that could not run). */
  problems: string[];
}

/** The whole run: what was verified against what, and the verdict. */
export interface ContractsReport {
  /** The provider verified against, or undefined when only the spec was checked. */
  target: { url: string; sandbox: boolean; startedForRun: boolean } | undefined;
  pacts: PactReport[];
  notices: string[];
  ok: boolean;
}

/** Options of verifyContracts. */
export interface VerifyContractsOptions {
  /** Pact files or folders of them. */
  pacts: string[];
  /** The provider to verify against; default: a sandbox started for the run (demo data). */
  baseUrl?: string;
}

/** Checks every interaction of the pacts against the spec, offline (no provider, no Pact library). */
export function checkContracts(pacts: string[]): ContractsReport {
  return finish(undefined, readPacts(pacts).map((document) => specReport(document)), []);
}

/** Checks the pacts against the spec, then verifies them against the provider. */
export async function verifyContracts(options: VerifyContractsOptions): Promise<ContractsReport> {
  const documents = readPacts(options.pacts);
  const { Verifier } = await loadPact();
  const target = await openTarget(options.baseUrl);
  try {
    const { url, sandbox } = target;
    const notices = sandbox ? [] : [`${url} is not a finlego-sandbox: provider states are not applied there, so its data must already meet them`];
    const reports: PactReport[] = [];
    for (const document of documents) {
      const report = specReport(document);
      const tenant = `pact-${process.pid}-${Date.now().toString(36)}`;
      const session = sandbox ? new ProviderStateSession({ baseUrl: url, tenant }) : undefined;
      const outcome = await runVerifier(Verifier, document, url, session);
      await session?.close();
      reports.push(mergeProviderResults(report, document, outcome, session?.failures));
    }
    return finish({ url, sandbox, startedForRun: target.started !== undefined }, reports, notices);
  } finally {
    await target.started?.close();
  }
}

/** The provider: a sandbox started for the run (its answers checked against the spec), or the base URL as it is. */
async function openTarget(baseUrl: string | undefined): Promise<{ url: string; sandbox: boolean; started?: RunningSandbox }> {
  if (baseUrl === undefined) {
    const started = await startSandbox({ port: 0, validateResponses: true });
    return { url: started.url, sandbox: true, started };
  }
  const url = baseUrl.replace(/\/+$/, "");
  return { url, sandbox: await isSandbox(url) };
}

function readPacts(paths: string[]): PactDocument[] {
  return paths.flatMap(listPactFiles).map(readPactFile);
}

function specReport(document: PactDocument): PactReport {
  return {
    file: document.file,
    consumer: document.consumer,
    provider: document.provider,
    specification: document.specification,
    interactions: document.interactions.map((interaction) => {
      const verdict = checkInteractionAgainstSpec(interaction);
      return { description: interaction.description, states: interaction.providerStates.map((s) => s.name), operationId: verdict.operationId, pending: interaction.pending, spec: verdict.problems, provider: "not run", mismatches: [] };
    }),
    problems: document.otherInteractions.map(({ description, type }) => `"${description}" is a ${type} interaction: the FinLego API has only HTTP request/response interactions`),
  };
}

async function isSandbox(url: string): Promise<boolean> {
  try {
    const { data } = await createSandboxControlClient({ baseUrl: url }).GET("/__sandbox/health");
    return data?.status === "ok";
  } catch (error) {
    throw new Error(`cannot reach ${url}: ${(error as Error).message}`, { cause: error });
  }
}

type VerifierClass = Awaited<ReturnType<typeof loadPact>>["Verifier"];
type StateHandlers = NonNullable<ConstructorParameters<VerifierClass>[0]["stateHandlers"]>;

/** One Pact verifier run over one pact file; the verifier's JSON results, parsed. */
async function runVerifier(Verifier: VerifierClass, document: PactDocument, url: string, session: ProviderStateSession | undefined): Promise<VerifierOutcome> {
  if (document.interactions.length === 0) return { results: new Map(), error: undefined };
  // Setup per state; the teardown is the afterEach hook, which pact-js runs once the interaction's last state is
  // torn down. ({setup, teardown} handlers do the same, but pact 16.5's types refuse them: pact-js issue #1164.)
  const stateHandlers: StateHandlers = {};
  for (const interaction of document.interactions) {
    for (const { name } of interaction.providerStates) {
      stateHandlers[name] = session
        ? (params: AnyJson | undefined) => session.setup(name, params)
        : // Not a sandbox: nothing to set up, but the state's parameters still fill `fromProviderState` values.
          async (params: AnyJson | undefined): Promise<JsonMap> => (typeof params === "object" && params !== null && !Array.isArray(params) ? params : {});
    }
  }
  const verifier = new Verifier({
    provider: document.provider,
    providerBaseUrl: url,
    pactUrls: [document.file],
    logLevel: "error",
    stateHandlers,
    ...(session && {
      beforeEach: () => session.begin().catch(() => undefined),
      afterEach: () => session.end().catch(() => undefined),
      customProviderHeaders: [`X-Sandbox-Tenant: ${session.tenant}`],
    }),
  });
  try {
    return parseVerifierResults(await verifier.verifyProvider(), document);
  } catch (error) {
    return parseVerifierResults((error as Error).message, document);
  }
}

/** Adds the verifier's verdicts and the state failures to the spec report; `failures` is undefined when no states were applied. */
function mergeProviderResults(report: PactReport, document: PactDocument, outcome: VerifierOutcome, failures: StateFailure[] | undefined): PactReport {
  const problems = [...report.problems];
  if (outcome.error) problems.push(outcome.error);
  problems.push(...(failures ?? []).filter((f) => f.kind === "reset").map((f) => `the tenant's reset ${f.state}: ${f.message}`));
  const interactions = report.interactions.map((entry, index) => {
    const interaction = document.interactions[index]!;
    const result = outcome.results.get(interaction.description);
    const stateProblems = failures ? stateFailuresOf(interaction, failures) : [];
    const mismatches = [...stateProblems, ...(result?.mismatches ?? [])];
    const passed = result?.passed === true && stateProblems.length === 0;
    if (!result && !outcome.error) mismatches.push("the Pact verifier reported nothing for this interaction");
    const provider: InteractionReport["provider"] = passed ? "passed" : "failed";
    return { ...entry, provider, mismatches };
  });
  return { ...report, interactions, problems };
}

/** The states of this interaction that could not be set up; a state the sandbox does not know fails even if never called. */
function stateFailuresOf(interaction: PactHttpInteraction, failures: StateFailure[]): string[] {
  const problems: string[] = [];
  for (const state of interaction.providerStates) {
    const failure = failures.find((f) => f.kind === "state" && f.state === state.name && jsonEqual(f.params, state.params));
    if (failure) problems.push(`provider state "${state.name}" ${JSON.stringify(state.params)}: ${failure.message}`);
    else if (!PROVIDER_STATES.has(state.name)) problems.push(`provider state: ${unknownStateMessage(state.name)}`);
  }
  return problems;
}

function finish(target: ContractsReport["target"], pacts: PactReport[], notices: string[]): ContractsReport {
  const failed = pacts.some((pact) => pact.problems.length > 0 || pact.interactions.some((i) => !i.pending && !hasPassed(i)));
  return { target, pacts, notices, ok: !failed };
}
