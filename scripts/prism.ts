/**
 * Prism 5 (@stoplight/prism-cli) beside the sandbox: `prism mock` as users run it (the benchmark's
 * yardstick) and `prism proxy` in front of the sandbox (the conformance run's judge). Prism is started from
 * its own JavaScript entry with this node, never through npx, so the child's PID is Prism's and stopping it
 * stops exactly Prism. docs/decisions/011-prism-beside-the-sandbox.md says what Prism can and cannot judge.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startListening, type ListeningServer } from "./listening.js";

/** Prism's CLI entry (what node_modules/.bin/prism links to). */
export const PRISM_ENTRY = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");

/** The FinLego spec as Prism reads it. */
export const FINLEGO_SPEC = fileURLToPath(new URL("../openapi/finlego.yaml", import.meta.url));

const LISTENING = /Prism is listening on (http:\/\/\S+)/;

/** The arguments of `prism mock <spec>` on a free port, with Prism's default logging. */
export function prismMockArgs(port = 0): string[] {
  return [PRISM_ENTRY, "mock", FINLEGO_SPEC, "--port", String(port)];
}

/** How a proxy treats requests: `validating` answers invalid ones itself (422); `passing` forwards them. */
export type ProxyMode = "validating" | "passing";

/** `prism proxy <spec> <upstream> --errors`: every response judged against the spec. */
export function prismProxyArgs(upstream: string, mode: ProxyMode): string[] {
  return [PRISM_ENTRY, "proxy", FINLEGO_SPEC, upstream, "--errors", "--port", "0", ...(mode === "passing" ? ["--validate-request=false"] : [])];
}

/** Starts Prism with these arguments (from prismMockArgs or prismProxyArgs) and resolves once it listens. */
export function startPrism(args: string[]): Promise<ListeningServer> {
  return startListening({ command: process.execPath, args, listening: LISTENING, name: `prism ${args[1]}`, keepLines: false });
}
