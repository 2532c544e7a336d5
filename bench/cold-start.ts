/**
 * Cold start: from spawning a command to the first request it answers, for the built CLI
 * (dist/sandbox/server/cli.js, as the `finlego-sandbox` bin runs it), for `npm start` (the README's command)
 * and for Prism's mock. Each command is given a free port and polled with a request every POLL_MS from the
 * moment it is spawned; the runs alternate between the commands, and each command's time is the median.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { stopProcessTree } from "../scripts/listening.js";
import { prismMockArgs } from "../scripts/prism.js";
import { fmt, type BenchSection } from "./report.js";
import { median } from "./scale.js";

/** The issue's targets, in milliseconds. */
const MAX_CLI_MS = 500;
const MAX_NPM_START_MS = 700;
/** How often a starting command is asked whether it answers yet. */
const POLL_MS = 5;
/** A command that has not answered by then counts as failed. */
const GIVE_UP_MS = 30_000;
/** The built CLI, which `npm run build` writes. */
const BUILT_CLI = "dist/sandbox/server/cli.js";

/** One command whose cold start is measured. */
interface ColdCommand {
  key: "cli" | "npmStart" | "prism";
  label: string;
  command: string;
  args: (port: number) => string[];
  maxMs?: number;
}

const COMMANDS: ColdCommand[] = [
  // As the bin's `#!/usr/bin/env -S node --max-old-space-size=8192` line runs it.
  { key: "cli", label: `built CLI (\`node --max-old-space-size=8192 ${BUILT_CLI}\`)`, command: process.execPath, args: (port) => ["--max-old-space-size=8192", BUILT_CLI, "--port", String(port)], maxMs: MAX_CLI_MS },
  { key: "npmStart", label: "`npm start`", command: "npm", args: (port) => ["start", "--", "--port", String(port)], maxMs: MAX_NPM_START_MS },
  { key: "prism", label: "Prism 5 `prism mock openapi/finlego.yaml`", command: process.execPath, args: (port) => prismMockArgs(port) },
];

/** Measures each command `runs` times, alternating between them. */
export async function measureColdStart(runs: number): Promise<BenchSection> {
  const commands = COMMANDS.filter((c) => c.key !== "cli" || existsSync(BUILT_CLI));
  const times = new Map<string, number[]>(commands.map((c) => [c.key, []]));
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < commands.length; i++) {
      const command = commands[(i + run) % commands.length]!;
      times.get(command.key)!.push(await coldStart(command));
    }
  }
  const results = commands.map((c) => ({ key: c.key, label: c.label, maxMs: c.maxMs, runsMs: times.get(c.key)!, medianMs: median(times.get(c.key)!) }));
  const missing = commands.length < COMMANDS.length ? ` (no ${BUILT_CLI}: run \`npm run build\` first to measure the built CLI)` : "";
  return {
    summary: `cold start, median of ${runs}: ${results.map((r) => `${r.key} ${fmt(r.medianMs)} ms`).join(", ")}${missing}`,
    rows: results.map((r) => `| cold start, spawn to first answered request: ${r.label} (median of ${runs}: ${r.runsMs.map(fmt).join(", ")} ms) | ${fmt(r.medianMs)} ms |`),
    targets: results.filter((r) => r.maxMs !== undefined).map((r): [string, boolean] => [`cold start of the ${r.label} <= ${r.maxMs} ms`, r.medianMs <= r.maxMs!]),
    data: { runs, results },
  };
}

/** Spawns the command on a free port and times it until it answers a request. */
async function coldStart(command: ColdCommand): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command.command, command.args(port), { stdio: "ignore" });
  try {
    while (!(await answers(port))) {
      if (child.exitCode !== null) throw new Error(`${command.label} exited with ${child.exitCode} before it answered`);
      if (performance.now() - started > GIVE_UP_MS) throw new Error(`${command.label} did not answer within ${GIVE_UP_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return performance.now() - started;
  } finally {
    await stopProcessTree(child);
  }
}

/** True once something on the port answers an HTTP request (any status). */
async function answers(port: number): Promise<boolean> {
  try {
    await (await fetch(`http://127.0.0.1:${port}/internal/Currencies`)).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
