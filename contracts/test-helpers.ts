/** Test helpers of the contracts suites: run the `contracts` command as a user does, and edit pacts. */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../test/support/spec.js";
import { isRecord } from "./pact-file.js";
import type { ContractsReport, InteractionReport } from "./provider/verify.js";

/** The committed pacts. */
export const PACTS_DIR = join(repoRoot, "contracts", "pacts");

/** What a run of the command gave: its exit status, its output and the report it wrote with --json. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  report: ContractsReport | undefined;
}

/**
 * Runs `finlego-sandbox contracts <args>` in its own process, as the bin does (the Pact verifier writes its
 * own output to the process's stdout, which a child process keeps out of the test's), with --json.
 */
export function runContractsCli(args: string[]): Promise<CommandRun> {
  const reportFile = join(mkdtempSync(join(tmpdir(), "finlego-contracts-")), "report.json");
  const command = ["--import", "tsx", "sandbox/server/cli.ts", "contracts", ...args, "--json", reportFile];
  return new Promise((resolve) => {
    execFile(process.execPath, command, { cwd: repoRoot, env: { ...process.env, PACT_DO_NOT_TRACK: "true" }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      let report: ContractsReport | undefined;
      try {
        report = JSON.parse(readFileSync(reportFile, "utf8"));
      } catch {
        report = undefined;
      }
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, report });
    });
  });
}

/** One interaction of a report by its description. */
export function interactionIn(report: ContractsReport | undefined, description: string): InteractionReport | undefined {
  return report?.pacts.flatMap((pact) => pact.interactions).find((interaction) => interaction.description === description);
}

/**
 * A copy of a committed pact, with `edit` applied to the interaction of each description (and only the
 * interactions `only` names, when given), written to a temp file.
 */
export function editedPact(name: string, edits: Record<string, (interaction: Record<string, unknown>) => void>, only?: string[]): string {
  const pact: unknown = JSON.parse(readFileSync(join(PACTS_DIR, name), "utf8"));
  if (!isRecord(pact) || !Array.isArray(pact.interactions)) throw new Error(`${name} is not a pact`);
  const interactions = pact.interactions.filter(isRecord).filter((i) => only === undefined || (typeof i.description === "string" && only.includes(i.description)));
  pact.interactions = interactions;
  for (const [description, edit] of Object.entries(edits)) {
    const interaction = interactions.find((i) => i.description === description);
    if (!interaction) throw new Error(`${name} has no interaction "${description}"`);
    edit(interaction);
  }
  const file = join(mkdtempSync(join(tmpdir(), "finlego-pact-")), name);
  writeFileSync(file, JSON.stringify(pact, null, 2));
  return file;
}

/** A nested object of a parsed pact, by keys; throws when the path is not there (the test is then wrong). */
export function objectAt(root: Record<string, unknown>, ...keys: (string | number)[]): Record<string, unknown> {
  let at: unknown = root;
  for (const key of keys) at = Array.isArray(at) && typeof key === "number" ? at[key] : isRecord(at) ? at[String(key)] : undefined;
  if (!isRecord(at)) throw new Error(`no object at ${keys.join(".")}`);
  return at;
}
