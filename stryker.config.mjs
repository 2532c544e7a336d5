// Mutation testing (`npm run mutation`; docs/testing.md): StrykerJS with the Vitest runner over the sandbox.
// Incremental: results are kept in stryker-incremental.json (committed), so a run after a small change re-tests
// only the mutants it touches. Reports go to reports/mutation/ (not committed). The contracts code has its own
// run, stryker.contracts.config.mjs, which takes this one's options.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  mutate: [
    "sandbox/core/**/*.ts",
    "sandbox/http/**/*.ts",
    "sandbox/msw/**/*.ts",
    "!**/*.test.ts",
    // Test scaffolding beside the code, not the product.
    "!sandbox/core/test-helpers.ts",
    // Generated from the specs (npm run generate); a mutant there is a different spec, checked by test/spec.
    "!sandbox/http/generated/**",
  ],
  incremental: true,
  incrementalFile: "stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // The machines are shared two-core boxes: one test process by default (`--concurrency 2` when alone).
  concurrency: 1,
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  thresholds: { high: 90, low: 80, break: null },
};
