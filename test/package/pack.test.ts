import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlPages } from "../support/pages.js";
import { repoRoot } from "../support/spec.js";

// Packs the package as `npm publish` would and uses it from a scratch project, so a broken exports map,
// a missing build output or a file left out of `files` fails here rather than in another team's install.
describe("the packed package", () => {
  const scratch = mkdtempSync(join(tmpdir(), "finlego-pack-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: "pipe" });

  // One pack and install for every test; each test then works on its own files in the scratch project.
  beforeAll(() => {
    run("npm", ["pack", "--pack-destination", scratch], repoRoot);
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
    if (tarball === undefined) throw new Error("npm pack wrote no tarball");
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    // msw as a user adds it beside the package (an optional peer dependency), at the version the repository pins.
    const msw = JSON.parse(readFileSync(join(repoRoot, "node_modules", "msw", "package.json"), "utf8")).version;
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${tarball}`, `msw@${msw}`], scratch);
  });

  it("installs in a scratch project and serves finlego-sandbox/client to JavaScript and TypeScript", () => {
    writeFileSync(
      join(scratch, "use.mjs"),
      `import { createFinlegoClient, TENANT_HEADER } from "finlego-sandbox/client";
       const client = createFinlegoClient({ baseUrl: "http://127.0.0.1:1" });
       console.log(typeof client.POST, TENANT_HEADER);`,
    );
    expect(run("node", ["use.mjs"], scratch).trim()).toBe("function X-Sandbox-Tenant");

    writeFileSync(
      join(scratch, "use.ts"),
      `import { createFinlegoClient, type components } from "finlego-sandbox/client";
       const client = createFinlegoClient({ baseUrl: "http://127.0.0.1:1", tenant: "t" });
       const currency: components["schemas"]["Currency"] = "eur";
       export const pending = client.GET("/internal/Transactions/{id}", { params: { path: { id: currency } } });`,
    );
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"] }, files: ["use.ts"] }),
    );
    const tsc = join(repoRoot, "node_modules", ".bin", "tsc");
    expect(() => run(tsc, ["-p", "."], scratch)).not.toThrow();
  });

  it("serves the sandbox from the packed files: startSandbox, the in-process entry and the bin", () => {
    writeFileSync(
      join(scratch, "serve.mjs"),
      `import { startSandbox } from "finlego-sandbox/server";
       import { createHttpEntry } from "finlego-sandbox/http";
       const entry = createHttpEntry();
       const health = await entry.handle({ method: "GET", path: "/__sandbox/health", query: "", headers: {} });
       const sandbox = await startSandbox({ port: 0 });
       const reply = await fetch(sandbox.url + "/internal/Currencies");
       console.log(health.status, JSON.parse(health.body).version, reply.status, (await reply.json()).length);
       await sandbox.close();`,
    );
    const version = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version;
    expect(run("node", ["serve.mjs"], scratch).trim()).toBe(`200 ${version} 200 10`);
    expect(run(join(scratch, "node_modules", ".bin", "finlego-sandbox"), ["--help"], scratch)).toContain("--port <n>");
    // A consumer team's pacts checked against the packaged spec, offline, by the packaged bin (Pact itself is not needed for this).
    const pacts = join(scratch, "pacts");
    mkdirSync(pacts);
    for (const file of readdirSync(join(repoRoot, "contracts", "pacts"))) copyFileSync(join(repoRoot, "contracts", "pacts", file), join(pacts, file));
    expect(run(join(scratch, "node_modules", ".bin", "finlego-sandbox"), ["contracts", "check", "--pact", "pacts"], scratch)).toMatch(/(\d+) interactions: \1 passed, 0 failed/);
  });

  it("serves the pages and every asset they reference from the packed files, as npx finlego-sandbox does", async () => {
    const child = spawn(join(scratch, "node_modules", ".bin", "finlego-sandbox"), ["--port", "0", "--quiet"], { cwd: scratch, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
          if (found) resolve(found);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const crawl = await crawlPages(url);
      expect([...crawl.fetched].filter(([, f]) => f.status !== 200).map(([path, f]) => `${path} ${f.status}`)).toEqual([]);
      expect(crawl.external).toEqual([]);
      expect(crawl.fetched.get("/__sandbox/ui/vendor/swagger-ui/swagger-ui-bundle.js")?.bytes).toBeGreaterThan(1_000_000);
      expect(crawl.fetched.get("/openapi.yaml")?.bytes).toBe(readFileSync(join(repoRoot, "openapi", "finlego.yaml")).length);
    } finally {
      child.kill();
    }
  });

  it("runs the README's MSW snippet as a Vitest test: the lifecycle with exact balances and a 422, with no server", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const snippet = /<!-- snippet: msw-node[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet, "README.md has the msw-node snippet").toBeDefined();
    writeFileSync(join(scratch, "payments.test.ts"), snippet!);
    // The test runner is the repository's (linked, not installed): the snippet's own imports come from the scratch project.
    symlinkSync(join(repoRoot, "node_modules", "vitest"), join(scratch, "node_modules", "vitest"), "dir");
    const output = run(process.execPath, [join(repoRoot, "node_modules", "vitest", "vitest.mjs"), "run", "--root", scratch, "--reporter=json"], scratch);
    const results = JSON.parse(output.slice(output.indexOf("{")));
    expect([results.numPassedTests, results.numFailedTests]).toEqual([1, 0]);
  });

  it("serves a CommonJS project through require, every entry point and the fixture schema", () => {
    writeFileSync(
      join(scratch, "use.cjs"),
      `const { createFinlegoClient } = require("finlego-sandbox/client");
       const { createHttpEntry } = require("finlego-sandbox/http");
       const { startSandbox } = require("finlego-sandbox/server");
       const { createLedger } = require("finlego-sandbox/core");
       const { createHandlers } = require("finlego-sandbox/msw");
       const schema = require("finlego-sandbox/fixture.schema.json");
       const entry = createHttpEntry();
       entry.handle({ method: "GET", path: "/internal/Currencies", query: "", headers: {} }).then((answer) => {
         console.log(typeof createFinlegoClient({ baseUrl: "http://127.0.0.1:1" }).GET, typeof startSandbox, typeof createLedger, createHandlers().length, schema.$ref, answer.status);
       });`,
    );
    expect(run("node", ["use.cjs"], scratch).trim()).toBe("function function function 1 #/$defs/Fixture 200");
  });
});
