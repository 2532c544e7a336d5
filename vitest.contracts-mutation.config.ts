// The suites `npm run mutation:contracts` runs against each mutant of contracts/ (stryker.contracts.config.mjs).
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

export default defineConfig({
  test: { ...base.test, include: ["contracts/**/*.test.ts"] },
});
