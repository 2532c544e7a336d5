import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["client/**/*.test.ts", "sandbox/**/*.test.ts", "test/**/*.test.ts", "contracts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
