/**
 * `finlego-sandbox contracts <check|verify|states>` (and `npm run contracts:verify`): checks pacts against
 * the spec, verifies them against a sandbox or any FinLego base URL, lists the provider states.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { PROVIDER_STATES } from "./provider/states.js";
import { checkContracts, verifyContracts, type ContractsReport } from "./provider/verify.js";
import { formatReport } from "./report.js";

/** The usage text of the `contracts` subcommand. */
export const CONTRACTS_USAGE = `finlego-sandbox contracts - Pact contracts against the FinLego spec and the sandbox

Usage:
  finlego-sandbox contracts check  --pact <file or folder> [--json <file>]
  finlego-sandbox contracts verify --pact <file or folder> [--base-url <url>] [--json <file>]
  finlego-sandbox contracts states

  check       every interaction against openapi/finlego.yaml, offline: the operation exists, the
              request is valid, the response is valid for its status
  verify      check, then replay every interaction with the Pact verifier against a sandbox started
              for the run (demo data) or --base-url; provider states are applied through the
              control API when the target is a finlego-sandbox (needs @pact-foundation/pact)
  states      the provider states the sandbox knows, with their parameters

  --pact <path>      a pact file, or a folder of them (repeatable)
  --base-url <url>   the provider to verify against instead of a sandbox started for the run
  --json <file>      also write the report as JSON
  -h, --help         show this help

Exit status: 0 when every interaction passed, 1 on any mismatch, 2 on wrong usage.`;

/** Runs the subcommand with its arguments (after `contracts`); resolves to the exit status. */
export async function runContractsCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { pact: { type: "string", multiple: true }, "base-url": { type: "string" }, json: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${CONTRACTS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  if (values.help || action === undefined) {
    (values.help ? console.log : console.error)(CONTRACTS_USAGE);
    return values.help ? 0 : 2;
  }
  if (action === "states" && extra.length === 0) {
    console.log(describeStates());
    return 0;
  }
  const pacts = values.pact ?? [];
  if ((action !== "check" && action !== "verify") || extra.length > 0 || pacts.length === 0 || (action === "check" && values["base-url"] !== undefined)) {
    console.error(`${action !== "check" && action !== "verify" ? `unknown action: ${action}` : "give at least one --pact (and --base-url only with verify)"}\n\n${CONTRACTS_USAGE}`);
    return 2;
  }
  let report: ContractsReport;
  try {
    const baseUrl = values["base-url"];
    report = action === "check" ? checkContracts(pacts) : await verifyContracts({ pacts, ...(baseUrl !== undefined && { baseUrl }) });
  } catch (error) {
    // A pact that cannot be read, a provider that cannot be reached, Pact not installed: a message, no stack.
    console.error(`finlego-sandbox contracts ${action}: ${(error as Error).message}`);
    return 1;
  }
  console.log(formatReport(report));
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  return report.ok ? 0 : 1;
}

/** The known provider states and their parameters, as `contracts states` prints them. */
export function describeStates(): string {
  const lines = ["Provider states the sandbox sets up (docs/contracts.md):", ""];
  for (const state of PROVIDER_STATES.values()) {
    lines.push(`"${state.name}"`, `    ${state.description}`);
    for (const param of state.params) lines.push(`    ${param.name}${param.required ? "" : "?"}: ${param.type} - ${param.description}`);
    lines.push("");
  }
  return lines.join("\n");
}
