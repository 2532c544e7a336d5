// The suites `npm run mutation` runs against each mutant of sandbox/ (stryker.config.mjs): the tests that
// exercise it in-process. Left out, each for a reason:
// - tests that spawn the CLI or a sandbox process: a child process never runs the active mutant;
// - the HTTP fuzz (test/fuzz, ~7 s): run against every mutant Stryker cannot place on tests (code that runs
//   at import time, "static" mutants) it would dominate the run; test/http checks what its oracle checks;
// - the contracts' tests: they have their own run (vitest.contracts-mutation.config.ts);
// - the spec, generated client, package, browser and benchmark tests, which run no mutated code.
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import base from "./vitest.config.js";

/** Test files that never see an active mutant: they run the sandbox in a process of its own. */
const OUT_OF_PROCESS_TESTS = ["test/regressions/cli-*.test.ts", "test/server/persistence-crash.test.ts"];

/** Where a test file runs in a mutant's run: the fast unit tests beside the code first, then by folder. */
const RUN_ORDER = [/^sandbox\/(?!core\/ledger\.property)/, /^test\/http\//, /^test\/errors\//, /^sandbox\//, /^test\/regressions\//, /^test\/msw\//, /^test\/parity\//, /^test\/server\//];

/**
 * Stryker stops a mutant's run at its first failing test, so the files most likely to fail it quickly run
 * first: the unit tests of the mutated code before the HTTP suites, the property test and the servers.
 */
class FastestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const path = relative(file.project.config.root, file.moduleId);
      const at = RUN_ORDER.findIndex((pattern) => pattern.test(path));
      return at === -1 ? RUN_ORDER.length : at;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    ...base.test,
    include: ["sandbox/**/*.test.ts", "test/{http,errors,regressions,parity,msw,server}/**/*.test.ts"],
    exclude: [...OUT_OF_PROCESS_TESTS, "**/node_modules/**"],
    sequence: { sequencer: FastestFirst },
    // One module graph for all the files of a mutant's run: the sandbox is imported once per run instead of once
    // per test file (a run of the whole suite takes 27 s instead of 64 s here). Stryker's runner starts a fresh
    // worker for each mutant, so a static mutant (code run at import) is still evaluated anew. The tests do not
    // depend on each other's modules (they pass in any order, docs/testing.md).
    isolate: false,
  },
});
