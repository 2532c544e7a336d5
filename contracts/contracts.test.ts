/**
 * The contracts in one file: the consumer suites write their pacts into an empty folder, and once they have
 * all run, in whatever order, the committed pacts must equal what they wrote; the committed pacts agree with
 * the spec and verify against a sandbox through the user's own command.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it, type RunnerTask } from "vitest";
import { repoRoot } from "../test/support/spec.js";
import { describeFinlegoWeb } from "./consumers/finlego-web.js";
import { describePaymentsIntegration } from "./consumers/payments-integration.js";
import { isRecord } from "./pact-file.js";
import type { ContractsReport } from "./provider/verify.js";
import { checkContracts } from "./provider/verify.js";
import { countInteractions } from "./report.js";

const PACTS = join(repoRoot, "contracts", "pacts");
// A fresh folder per run: Pact merges into an existing file, so stale interactions would linger.
const written = mkdtempSync(join(tmpdir(), "finlego-pacts-"));
const reports = mkdtempSync(join(tmpdir(), "finlego-pact-report-"));

describeFinlegoWeb(written);
describePaymentsIntegration(written);

// The pacts are complete only when every consumer test has run, so they are compared after all of them,
// whatever order the tests ran in (a failure here fails the file). A run that filtered or failed a consumer
// test wrote incomplete pacts: that run's failures say so, and nothing is compared.
// eslint-disable-next-line no-empty-pattern -- Vitest hands the file as the second argument, after a destructured context.
afterAll(({}, file) => {
  try {
    if (!consumerTestsOf(file.tasks).every((test) => test.result?.state === "pass")) return;
    if (process.env.UPDATE_PACTS === "1") {
      for (const stale of jsonFiles(PACTS)) rmSync(join(PACTS, stale));
      cpSync(written, PACTS, { recursive: true });
    }
    // The committed pacts are what the consumer suites wrote (UPDATE_PACTS=1 npx vitest run contracts rewrites them).
    expect(jsonFiles(PACTS)).toEqual(["finlego-web-finlego-core-banking.json", "payments-integration-finlego-core-banking.json"]);
    expect(jsonFiles(written)).toEqual(jsonFiles(PACTS));
    for (const name of jsonFiles(PACTS)) expect(contractOf(join(written, name)), name).toEqual(contractOf(join(PACTS, name)));
  } finally {
    for (const folder of [written, reports]) rmSync(folder, { recursive: true, force: true });
  }
});

/** The tests of the consumer suites (named "consumer ..."), however deep. */
function consumerTestsOf(tasks: readonly RunnerTask[], inConsumer = false): RunnerTask[] {
  return tasks.flatMap((task) => {
    const consumer = inConsumer || task.name.startsWith("consumer ");
    if (task.type === "suite") return consumerTestsOf(task.tasks, consumer);
    return consumer ? [task] : [];
  });
}

/**
 * A pact without the versions of the Pact library that wrote it: those change with an upgrade of the
 * library, not of the contract. Nothing else in a pact file varies between runs.
 */
function contractOf(file: string): unknown {
  const pact: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isRecord(pact) || !isRecord(pact.metadata)) return pact;
  const { "pact-js": _js, pactRust: _rust, ...metadata } = pact.metadata;
  return { ...pact, metadata };
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".json")).sort();

describe("the committed pacts in contracts/pacts", () => {
  it("agree with openapi/finlego.yaml, every request and every expected response", () => {
    const report = checkContracts([PACTS]);
    const problems = report.pacts.flatMap((pact) => pact.interactions.flatMap((i) => i.spec.map((p) => `${i.description}: ${p}`)));
    expect(problems).toEqual([]);
    expect(countInteractions(report)).toEqual({ passed: 32, failed: 0, pendingFailed: 0 });
  });

  it("verify against a sandbox started for the run, with `npm run contracts:verify`", async () => {
    // Beside the written pacts, not among them: the comparison above reads every JSON file there.
    const reportFile = join(reports, "report.json");
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "contracts:verify", "--", "--pact", "contracts/pacts", "--json", reportFile], {
      cwd: repoRoot,
      env: { ...process.env, PACT_DO_NOT_TRACK: "true" },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`contracts:verify failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
    const report: ContractsReport = JSON.parse(readFileSync(reportFile, "utf8"));
    const failures = report.pacts.flatMap((pact) => pact.interactions.filter((i) => i.provider !== "passed").map((i) => `${i.description}: ${i.mismatches.join("; ")}`));
    expect(failures).toEqual([]);
    expect(report.target).toMatchObject({ sandbox: true, startedForRun: true });
    expect(report.pacts.flatMap((pact) => pact.interactions)).toHaveLength(32);
    expect(stdout).toContain("32 interactions: 32 passed, 0 failed.");
  });
});
