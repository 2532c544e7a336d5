// Code lint for the TypeScript sources (`npm run lint` also lints the specs with Redocly).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "client/generated/**", "**/*.d.ts", ".tmp/**", "examples/*/dist/**", "test-artifacts/**", ".stryker-tmp/**", "reports/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // The pages' scripts run in a browser; tsc checks them (sandbox/ui/tsconfig.json), browser globals included.
    files: ["sandbox/ui/**/*.js"],
    rules: { "no-undef": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Every suite makes its sandbox through test/support/validated.ts, so response validation cannot be left off by accident.
    files: ["test/**/*.ts", "contracts/**/*.test.ts"],
    ignores: ["test/support/validated.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/sandbox/http/index.js", "**/sandbox/http/entry.js", "**/sandbox/server/index.js", "**/sandbox/server/start.js", "**/sandbox/msw/index.js"],
              importNames: ["createHttpEntry", "startSandbox", "createHandlers", "createMswSandbox"],
              message: "Use validatedEntry, startValidatedSandbox or validatedMswSandbox from test/support/validated.ts: they keep response validation on.",
            },
          ],
        },
      ],
    },
  },
  {
    // The suites mutation testing runs (vitest.mutation.config.ts): code run in a beforeAll belongs to no test, so
    // Stryker would run every test for each of its mutants (a "static" mutant, docs/testing.md).
    files: ["sandbox/**/*.test.ts", "test/{http,errors,regressions,parity,msw,server}/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='beforeAll']", message: "Make shared sandboxes with sharedFromFirstTest (test/support/validated.ts), so mutation testing places their code on tests." },
      ],
    },
  },
  {
    files: ["sandbox/core/**/*.ts"],
    rules: {
      // The core must run unchanged in a browser and stay deterministic.
      "no-restricted-imports": ["error", { patterns: ["node:*", "express", "msw", "lowdb", "lowdb/*"] }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Use the injected Clock." },
        { object: "Math", property: "random", message: "Use the injected IdGenerator." },
        { object: "crypto", property: "randomUUID", message: "Use the injected IdGenerator." },
      ],
    },
  },
);
