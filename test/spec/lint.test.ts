import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/spec.js";

// The local binaries, not npx, so npm's own warnings never mix into the output under test.
const run = ([tool, ...args]: string[]) => spawnSync(`${repoRoot}/node_modules/.bin/${tool}`, args, { cwd: repoRoot, encoding: "utf8" });

describe("npm run lint", () => {
  it.each(["openapi/finlego.yaml", "openapi/sandbox-control.yaml"])("finds no error in %s (Redocly recommended)", (file) => {
    const lint = run(["redocly", "lint", "--format=summary", file]);
    expect(lint.stdout + lint.stderr).not.toMatch(/\berror\b/i);
    expect(lint.status).toBe(0);
  });

  it("finds no ESLint problem in the code", () => {
    const lint = run(["eslint", "--max-warnings=0", "."]);
    expect(lint.stdout + lint.stderr).toBe("");
    expect(lint.status).toBe(0);
  });
});
