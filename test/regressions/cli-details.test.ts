/** The command's small promises: --version, a strict --port, --seed files refused with the file and field named, HEAD. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SANDBOX_VERSION } from "../../sandbox/http/index.js";
import { readFixture } from "../../sandbox/server/index.js";
import { repoRoot } from "../support/spec.js";
import { testSandbox } from "../support/http.js";

/** Runs the CLI to its exit (each case here exits at once). */
function runCli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), "finlego-fixture-"));
const fixtureFile = (name: string, text: string) => {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
};

describe("the command line", () => {
  it("prints the package version for --version and -v", () => {
    for (const flag of ["--version", "-v"]) {
      const run = runCli([flag]);
      expect([run.code, run.stdout.trim()]).toEqual([0, SANDBOX_VERSION]);
    }
  });

  it("takes --port in decimal 0-65535 only, and says so without a stack trace", () => {
    for (const port of ["0x10", "1e3", "65536", "-1", " 80"]) {
      const run = runCli([`--port=${port}`]);
      expect(run.code, port).toBe(1);
      expect(run.stderr, port).toContain(`--port must be a decimal number 0-65535, got ${port}`);
      expect(run.stderr, port).not.toMatch(/\n\s+at /);
    }
  });

  it("refuses a --seed file that is not JSON, naming the file", () => {
    const file = fixtureFile("broken.json", "{ clients: [] }");
    const run = runCli(["--port", "0", "--seed", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the seed fixture ${file} is not valid JSON`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("readFixture", () => {
  it("names the file and every field that breaks the fixture format", () => {
    const file = fixtureFile("shape.json", JSON.stringify({ clients: {}, accounts: [{ currency: "xyz", type: "client", colour: 1 }] }));
    expect(() => readFixture(file)).toThrow(new RegExp(`the seed fixture ${file} does not match the fixture format`));
    try {
      readFixture(file);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("clients: must be array");
      expect(message).toContain("accounts[0].currency: must be one of: cad, cny");
      expect(message).toContain("accounts[0].colour: is not a known field");
    }
  });

  it("says which treasury account to add when an account's initial balance has none to come from", () => {
    const file = fixtureFile("no-treasury.json", JSON.stringify({ clients: [], accounts: [{ currency: "sek", type: "fee", name: "Fees SEK", initialBalance: 5 }] }));
    expect(() => readFixture(file)).toThrow(`the seed fixture ${file} does not apply`);
    expect(() => readFixture(file)).toThrow('add {"type": "treasury", "currency": "sek", "name": "Treasury SEK"} to accounts before this one');
  });

  it("names a missing file", () => {
    expect(() => readFixture(join(scratch, "absent.json"))).toThrow(`cannot read the seed fixture ${join(scratch, "absent.json")}: ENOENT`);
  });

  it("reads a good fixture", () => {
    const fixture = { clients: [], accounts: [{ currency: "sek", type: "treasury", name: "Treasury SEK" }, { currency: "sek", type: "fee", initialBalance: 5 }] };
    expect(readFixture(fixtureFile("good.json", JSON.stringify(fixture)))).toEqual(fixture);
  });
});

describe("HEAD", () => {
  it("answers wherever GET does, with GET's status and headers and no body, and lists HEAD where GET is allowed", async () => {
    const sandbox = testSandbox();
    const get = await sandbox.call("GET", "/internal/Currencies");
    const head = await sandbox.call("HEAD", "/internal/Currencies");
    expect([head.status, head.text]).toEqual([200, undefined]);
    expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(get.text ?? "")));
    const missing = await sandbox.call("HEAD", "/v2/ledger/internal/Accounts/0b39e5f4-58a4-4b5a-9d8b-7e1f0c3f9a11");
    expect([missing.status, missing.text]).toEqual([404, undefined]);
    const control = await sandbox.call("HEAD", "/__sandbox/health");
    expect(control.status).toBe(200);
    const wrong = await sandbox.call("DELETE", "/internal/Currencies");
    expect([wrong.status, wrong.headers.allow]).toEqual([405, "GET, HEAD, POST"]);
    const journal = await sandbox.call("GET", "/__sandbox/journal", { query: { method: "HEAD" } });
    expect(journal.json.entries.map((e: { path: string }) => e.path)).toEqual(["/internal/Currencies", "/v2/ledger/internal/Accounts/0b39e5f4-58a4-4b5a-9d8b-7e1f0c3f9a11"]);
  });
});
