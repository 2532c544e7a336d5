// The suites `npm run mutation` runs against each mutant of sandbox/ (stryker.config.mjs): the tests that
// exercise it in-process. Left out, each for a reason:
// - tests that spawn the CLI or a sandbox process: a child process never runs the active mutant;
// - the HTTP fuzz (test/fuzz, ~7 s): run against every mutant Stryker cannot place on tests (code that runs
//   at import time, "static" mutants) it would dominate the run; test/http checks what its oracle checks;
// - the contracts' tests: they have their own run (vitest.contracts-mutation.config.ts);
// - the spec, generated client, package, browser and benchmark tests, which run no mutated code.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/** Test files that never see an active mutant: they run the sandbox in a process of its own. */
const OUT_OF_PROCESS_TESTS = ["test/regressions/cli-*.test.ts", "test/server/persistence-crash.test.ts"];

export default defineConfig({
  test: {
    ...base.test,
    include: ["sandbox/**/*.test.ts", "test/{http,errors,regressions,parity,msw,server}/**/*.test.ts"],
    exclude: [...OUT_OF_PROCESS_TESTS, "**/node_modules/**"],
  },
});
