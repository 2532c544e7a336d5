import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/spec.js";
import { startValidatedSandbox } from "../support/validated.js";

/** Runs the CLI until it exits or prints its banner; resolves with the exit code (null if it kept running). */
function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/server/cli.ts", "--port", "0", ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve) => {
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Control API")) {
        child.kill();
        resolve({ code: null, output });
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("an unparseable --frozen-at", () => {
  it("is refused by startSandbox instead of starting a sandbox whose clock is NaN", async () => {
    await expect(startValidatedSandbox({ port: 0, frozenAt: "yesterday" })).rejects.toThrow(/frozen/i);
    await expect(startValidatedSandbox({ port: 0, frozenAt: Number.NaN })).rejects.toThrow(/frozen/i);
  });

  it("makes the command exit with an error that names the flag, as a bad --port does", async () => {
    const { code, output } = await runCli(["--frozen-at", "yesterday"]);
    // 1, as for every refused option (test/regressions/cli-details.test.ts): it exited, and not with success.
    expect(code).toBe(1);
    expect(output).toContain("--frozen-at");
  });

  it("refuses a time without Z or an offset, and an --id-seed that is not a number", async () => {
    const local = await runCli(["--frozen-at", "2026-01-01T09:00:00"]);
    expect(local.code).toBe(1);
    expect(local.output).toContain("--frozen-at must be an ISO 8601 date-time with Z or an offset");
    const seed = await runCli(["--id-seed", "abc"]);
    expect(seed.code).toBe(1);
    expect(seed.output).toContain("--id-seed must be a non-negative integer");
  });

  it("still starts a sandbox frozen at a valid instant", async () => {
    const sandbox = await startValidatedSandbox({ port: 0, frozenAt: "2026-01-01T09:00:00Z" });
    try {
      const clock = await (await fetch(`${sandbox.url}/__sandbox/clock`)).json();
      expect(clock).toEqual({ now: "2026-01-01T09:00:00.000Z", frozen: true });
    } finally {
      await sandbox.close();
    }
  });
});
