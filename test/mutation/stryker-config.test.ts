/**
 * Smoke test of the mutation-testing setup (`npm run mutation`, docs/testing.md): the Stryker configuration
 * loads and holds to Stryker's own schema, points at folders and files that exist, keeps its reports out of
 * git and its incremental results in it. The mutation run itself is not part of `npm test`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import contractsVitest from "../../vitest.contracts-mutation.config.js";
import sandboxVitest from "../../vitest.mutation.config.js";
import { repoRoot } from "../support/spec.js";

interface StrykerConfig {
  testRunner: string;
  vitest: { configFile: string };
  coverageAnalysis: string;
  mutate: string[];
  incremental: boolean;
  incrementalFile: string;
  htmlReporter: { fileName: string };
  jsonReporter: { fileName: string };
  tempDirName: string;
  [option: string]: unknown;
}

const loadConfig = async (file: string) => (await import(join(repoRoot, file))).default as StrykerConfig;
/** The two runs: sandbox/ (`npm run mutation`) and contracts/ (`npm run mutation:contracts`), with the folders each mutates and its test globs. */
const runs = [
  { script: "mutation", command: "stryker run", config: await loadConfig("stryker.config.mjs"), folders: ["sandbox/core", "sandbox/http", "sandbox/msw"], vitest: sandboxVitest, vitestFile: "vitest.mutation.config.ts" },
  {
    script: "mutation:contracts",
    command: "stryker run stryker.contracts.config.mjs",
    config: await loadConfig("stryker.contracts.config.mjs"),
    folders: ["contracts"],
    vitest: contractsVitest,
    vitestFile: "vitest.contracts-mutation.config.ts",
  },
];
const schema = JSON.parse(readFileSync(join(repoRoot, "node_modules/@stryker-mutator/core/schema/stryker-schema.json"), "utf8")) as { properties: Record<string, unknown> };
const ignored = readFileSync(join(repoRoot, ".gitignore"), "utf8").split("\n");

describe.each(runs.map((run) => [run.script, run] as const))("the Stryker configuration of npm run %s", (_script, run) => {
  const { config } = run;

  it("loads and matches Stryker's schema, with no option Stryker does not know", () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(config).filter((option) => !(option in schema.properties))).toEqual([]);
    expect([config.testRunner, config.coverageAnalysis, config.incremental]).toEqual(["vitest", "perTest", true]);
  });

  it("mutates its folders, never a test file, and every folder and file it names exists", () => {
    const folders = config.mutate.filter((glob) => !glob.startsWith("!")).map((glob) => glob.replace(/\/\*\*.*$/, ""));
    expect(folders).toEqual(run.folders);
    for (const folder of folders) expect(readdirSync(join(repoRoot, folder)).some((file) => file.endsWith(".ts")), folder).toBe(true);
    expect(config.mutate).toContain("!**/*.test.ts");
    for (const exclusion of config.mutate.filter((glob) => glob.startsWith("!") && !glob.includes("*"))) expect(existsSync(join(repoRoot, exclusion.slice(1))), exclusion).toBe(true);
  });

  it("runs its own Vitest configuration, whose test files are the repository's", () => {
    expect(config.vitest.configFile).toBe(run.vitestFile);
    const include = run.vitest.test?.include ?? [];
    expect(include.length).toBeGreaterThan(0);
    expect(include.every((glob) => /^(sandbox|test|contracts)\//.test(glob))).toBe(true);
  });

  it("writes its reports under reports/ and its sandbox in a folder git ignores, keeps its incremental file out of reports/, and is an npm script", () => {
    expect(config.htmlReporter.fileName.startsWith("reports/")).toBe(true);
    expect(config.jsonReporter.fileName.startsWith("reports/")).toBe(true);
    expect(ignored).toEqual(expect.arrayContaining(["reports/", `${config.tempDirName}/`]));
    expect(config.incrementalFile.startsWith("reports/")).toBe(false);
    const scripts = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts[run.script]).toBe(run.command);
  });
});

describe("the committed incremental results of npm run mutation", () => {
  it("hold the mutants of the files measured so far (docs/testing.md)", () => {
    const incremental = JSON.parse(readFileSync(join(repoRoot, runs[0]!.config.incrementalFile), "utf8")) as { files: Record<string, { mutants: unknown[] }> };
    expect(Object.keys(incremental.files).length).toBeGreaterThan(0);
    expect(Object.values(incremental.files).every((file) => file.mutants.length > 0)).toBe(true);
  });
});

describe("npm run mutation:scores", () => {
  it("tables the results per file and per folder, with the score over covered mutants", () => {
    const report = { files: { "sandbox/core/a.ts": { mutants: [{ status: "Killed" }, { status: "Timeout" }, { status: "Survived" }, { status: "NoCoverage" }] }, "sandbox/http/b.ts": { mutants: [{ status: "Survived" }] } } };
    const file = join(repoRoot, ".tmp", "mutation-scores-test.json");
    mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
    writeFileSync(file, JSON.stringify(report));
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "scripts", "mutation-scores.ts"), file], { cwd: repoRoot, encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.trim().split("\n");
      expect(lines).toContain("| `sandbox/core/a.ts` | 4 | 1 | 1 | 1 | 1 | 66.7 % |");
      expect(lines).toContain("| `sandbox/http/b.ts` | 1 | 0 | 0 | 1 | 0 | 0.0 % |");
      expect(lines).toContain("| `sandbox/core` | 4 | 1 | 1 | 1 | 1 | 66.7 % |");
      expect(lines).toContain("| `sandbox/http` | 1 | 0 | 0 | 1 | 0 | 0.0 % |");
    } finally {
      rmSync(file, { force: true });
    }
  });
});
