import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundleForBrowser } from "../../scripts/browser-bundle.js";
import { repoRoot } from "../support/spec.js";

// The core, the HTTP entry and the MSW adapter must run unchanged in a browser (MSW's service worker runs
// them there): bundling them for the browser platform fails on any node:* import or Node-only package, and
// esbuild adds no polyfills, so what is bundled is what runs.
describe("browser safety", () => {
  it.each([
    { entry: "sandbox/core/index.ts", imports: [] },
    { entry: "sandbox/http/index.ts", imports: [] },
    // msw stays the app's own import; lowdb comes in only with its web-storage adapter.
    { entry: "sandbox/msw/index.ts", imports: ["msw"] },
  ])("$entry bundles for a browser with no Node built-ins", async ({ entry, imports }) => {
    const { code, metafile } = await bundleForBrowser(entry);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain(entry);
    expect(inputs.filter((file) => /^node:|express|steno|lowdb\/lib\/(node|adapters\/node)|node_modules\/msw\//.test(file))).toEqual([]);
    expect(Object.values(metafile.outputs).flatMap((output) => output.imports.map((i) => i.path))).toEqual(imports);
    const text = new TextDecoder().decode(code);
    expect(text).not.toMatch(/\brequire\(["'](node:|fs|path|crypto|stream|buffer)/);
  });

  it("bundles the README's browser snippet, with finlego-sandbox/msw from the sources and msw left to the app", async () => {
    const readme = readFileSync(`${repoRoot}/README.md`, "utf8");
    const snippet = /<!-- snippet: msw-browser[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet, "README.md has the msw-browser snippet").toBeDefined();
    const result = await build({
      stdin: { contents: snippet!, loader: "ts", resolveDir: repoRoot },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
      alias: { "finlego-sandbox/msw": "./sandbox/msw/index.ts" },
      external: ["msw", "msw/*"],
    });
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.metafile.inputs)).toContain("sandbox/msw/index.ts");
    expect(result.outputFiles[0]!.text).toMatch(/setupWorker/);
  });

  it("keeps the core free of express, msw, node:* and of ambient time and randomness", async () => {
    const result = await build({ entryPoints: [`${repoRoot}/sandbox/core/index.ts`], bundle: true, platform: "neutral", format: "esm", write: false, logLevel: "silent", metafile: true });
    const coreInputs = Object.keys(result.metafile.inputs);
    expect(coreInputs.every((file) => file.startsWith("sandbox/core/"))).toBe(true);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(|randomUUID\(/);
  });
});
