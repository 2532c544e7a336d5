import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/spec.js";

// The core and the HTTP entry must run unchanged in a browser (MSW's service worker runs them there):
// bundling them for the browser platform fails on any node:* import or Node-only package.
describe("browser safety", () => {
  it.each(["sandbox/core/index.ts", "sandbox/http/index.ts"])("%s bundles for a browser with no Node built-ins", async (entry) => {
    const result = await build({
      entryPoints: [`${repoRoot}/${entry}`],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => /^node:|express|lowdb|\/msw\//.test(file))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\brequire\(["']node:/);
  });

  it("keeps the core free of express, msw, node:* and of ambient time and randomness", async () => {
    const result = await build({ entryPoints: [`${repoRoot}/sandbox/core/index.ts`], bundle: true, platform: "neutral", format: "esm", write: false, logLevel: "silent", metafile: true });
    const coreInputs = Object.keys(result.metafile.inputs);
    expect(coreInputs.every((file) => file.startsWith("sandbox/core/"))).toBe(true);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(|randomUUID\(/);
  });
});
