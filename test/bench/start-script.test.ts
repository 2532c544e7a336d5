// `npm start` (scripts/start.mjs) runs the command from JavaScript transpiled once per change of the sources,
// the way bench/cold-start.ts measures it: it serves, and a second start reuses the transpiled copy.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startListening } from "../../scripts/listening.js";
import { repoRoot } from "../support/spec.js";

const caches = join(repoRoot, "node_modules", ".cache", "finlego-sandbox", "start");

async function startOnce(): Promise<void> {
  const server = await startListening({ command: process.execPath, args: ["scripts/start.mjs", "--port", "0"], listening: /listening on (http:\/\/\S+)/, name: "scripts/start.mjs" });
  try {
    const health = await fetch(`${server.url}/__sandbox/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe("ok");
  } finally {
    await server.stop();
  }
}

/** The transpiled copies, by folder name, with the time their command was written. */
function copies(): Map<string, number> {
  const found = new Map<string, number>();
  for (const name of existsSync(caches) ? readdirSync(caches) : []) {
    const cli = join(caches, name, "sandbox", "server", "cli.js");
    if (existsSync(cli)) found.set(name, statSync(cli).mtimeMs);
  }
  return found;
}

describe("npm start (scripts/start.mjs)", () => {
  it("serves the sandbox from a transpiled copy of the sources, and a second start reuses that copy", async () => {
    await startOnce();
    const first = copies();
    expect(first.size).toBeGreaterThanOrEqual(1);
    await startOnce();
    const second = copies();
    // The same copy, not written again (unless the sources changed meanwhile, as they may in a shared checkout).
    for (const [name, written] of second) if (first.has(name)) expect(written).toBe(first.get(name));
  });
});
