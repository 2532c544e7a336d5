/**
 * The README's "Contracts with Pact" section, run as a consumer team would: its consumer test writes a pact,
 * and its CI commands check the pact against the spec and verify it against a sandbox.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../test/support/spec.js";
import { runContractsCli } from "./test-helpers.js";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Contracts with Pact"), readme.indexOf("\n## ", readme.indexOf("## Contracts with Pact") + 1));
const snippet = /<!-- snippet: pact-consumer[^\n]*\n```ts\n([\s\S]*?)```/.exec(section)?.[1];
const ciCommands = [...section.matchAll(/^npx finlego-sandbox contracts (.*?)\s*(#.*)?$/gm)].map((match) => match[1]!.split(/\s+/));

describe("the README's contracts section", () => {
  const project = mkdtempSync(join(tmpdir(), "finlego-consumer-"));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("has a consumer test and the CI commands to check and verify its pact", () => {
    expect(snippet).toContain('from "finlego-sandbox/client"');
    expect(ciCommands.map((args) => args[0])).toEqual(["check", "verify", "verify"]);
  });

  // The consumer test runs once, before the tests that read its pact, whatever order they run in.
  beforeAll(async () => {
    // A consumer project: the installed packages, and the package's client where its import names it.
    symlinkSync(join(repoRoot, "node_modules"), join(project, "node_modules"));
    writeFileSync(join(project, "consumer.mts"), snippet!.replace('"finlego-sandbox/client"', JSON.stringify(join(repoRoot, "client", "index.ts"))));
    await promisify(execFile)(process.execPath, ["--import", "tsx", "consumer.mts"], { cwd: project, env: { ...process.env, PACT_DO_NOT_TRACK: "true" } });
  });

  it("writes a pact with the consumer test", () => {
    expect(existsSync(join(project, "pacts", "my-payments-app-finlego-core-banking.json"))).toBe(true);
  });

  it.each(ciCommands.filter((args) => !args.includes("--base-url")).map((args) => [args.join(" "), args] as const))(
    "passes `contracts %s` on that pact",
    async (_line, args) => {
      const run = await runContractsCli(args.map((arg) => (arg === "pacts" ? join(project, "pacts") : arg)));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain("1 interaction: 1 passed, 0 failed.");
    },
  );
});
