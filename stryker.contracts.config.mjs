// Mutation testing of the contracts code (`npm run mutation:contracts`; docs/testing.md): the options of
// stryker.config.mjs, over contracts/ and its own tests, with its own incremental file and report.
import sandbox from "./stryker.config.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...sandbox,
  vitest: { configFile: "vitest.contracts-mutation.config.ts" },
  mutate: [
    "contracts/**/*.ts",
    "!**/*.test.ts",
    // Test scaffolding, not the product.
    "!contracts/test-helpers.ts",
    // The consumer tests' Pact interactions: a mutant there changes what is checked, not the code that checks.
    "!contracts/consumers/**",
  ],
  incrementalFile: "stryker-contracts-incremental.json",
  htmlReporter: { fileName: "reports/mutation-contracts/index.html" },
  jsonReporter: { fileName: "reports/mutation-contracts/mutation.json" },
};
