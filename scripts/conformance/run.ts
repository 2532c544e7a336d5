/**
 * The conformance run: the sandbox on a free port, two Prism proxies in front of it (one validating
 * requests, one passing them on), the scenario through them, and the verdict: every violation Prism
 * reported, every answer other than the scenario expected, and every documented status of a stateful
 * operation that no exchange reached. `npm run conformance` prints it; test/conformance/prism.test.ts
 * runs it in `npm test`.
 */
import { createRequire } from "node:module";
import { finlegoApi } from "../../sandbox/http/apis.js";
import type { HttpEntry } from "../../sandbox/http/index.js";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { startSandbox } from "../../sandbox/server/index.js";
import { prismProxyArgs, startPrism } from "../prism.js";
import { Exchanges, type Exchange, type Section, type Upstreams } from "./exchanges.js";
import { runScenario } from "./scenario.js";

/** The sandbox's clock during the run (the error triggers move it). */
const FROZEN_AT = "2026-03-02T10:00:00Z";

/** What one stateful operation's exchanges reached. */
export interface OperationCoverage {
  operationId: string;
  exchanges: number;
  /** Statuses the operation documents. */
  documented: number[];
  /** Statuses its exchanges got, judged clean by Prism. */
  seen: number[];
  violations: number;
  mismatches: number;
}

/** The verdict of one run. */
export interface ConformanceReport {
  prismVersion: string;
  exchanges: Exchange[];
  /** Requests whose bodies were too large for Prism, sent to the sandbox directly and not judged. */
  pastPrism: number;
  operations: OperationCoverage[];
  /** One line per problem: a violation, a mismatch, a documented status never reached. Empty when the run passes. */
  failures: string[];
  durationMs: number;
}

/** The sandbox on a free port with both Prism proxies in front of it. */
export interface JudgedSandbox {
  upstreams: Upstreams;
  entry: HttpEntry;
  /** A fresh record of exchanges through these proxies. */
  exchanges(): Exchanges;
  /** Stops both proxies (by their own PIDs) and the sandbox. */
  close(): Promise<void>;
}

/** Starts the sandbox and, in front of it, a validating Prism proxy and one with --validate-request=false. */
export async function startJudgedSandbox(): Promise<JudgedSandbox> {
  const sandbox = await startSandbox({ port: 0, frozenAt: FROZEN_AT });
  const started = await Promise.allSettled([startPrism(prismProxyArgs(sandbox.url, "validating")), startPrism(prismProxyArgs(sandbox.url, "passing"))]);
  const close = async () => {
    await Promise.all(started.map((p) => (p.status === "fulfilled" ? p.value.stop() : undefined)));
    await sandbox.close();
  };
  const [validating, passing] = started;
  if (validating?.status !== "fulfilled" || passing?.status !== "fulfilled") {
    await close();
    throw started.find((p) => p.status === "rejected")?.reason ?? new Error("a Prism proxy did not start");
  }
  const upstreams: Upstreams = { sandbox: sandbox.url, proxies: { validating: validating.value.url, passing: passing.value.url } };
  return { upstreams, entry: sandbox.entry, exchanges: () => new Exchanges(upstreams, sandbox.entry), close };
}

/** Runs the whole scenario through Prism and judges it. */
export async function runConformance(): Promise<ConformanceReport> {
  const started = performance.now();
  const judged = await startJudgedSandbox();
  try {
    const exchanges = judged.exchanges();
    await runScenario(exchanges);
    return judgeRun(exchanges, performance.now() - started);
  } finally {
    await judged.close();
  }
}

/** Joins the exchanges with the spec: per-operation coverage and the list of failures. */
export function judgeRun(record: Exchanges, durationMs: number): ConformanceReport {
  const exchanges = record.all;
  const failures: string[] = [...record.broken];
  for (const e of exchanges) {
    const where = `${e.operationId ?? "(no operation)"} ${e.method} ${e.path} [${e.section}, ${e.proxy} proxy] -> ${e.status}`;
    for (const violation of e.violations) failures.push(`${where}: ${violation}`);
    if (e.mismatch) failures.push(`${where}: ${e.mismatch}`);
  }
  const operations = finlegoApi.router.routes
    .filter((route) => route.operationId in operationHandlers)
    .map((route): OperationCoverage => {
      const own = exchanges.filter((e) => e.operationId === route.operationId);
      const documented = Object.keys(route.operation.responses ?? {}).filter((s) => /^\d{3}$/.test(s)).map(Number);
      const seen = [...new Set(own.filter((e) => e.violations.length === 0 && !e.mismatch).map((e) => e.status))].sort();
      const missing = documented.filter((status) => !seen.includes(status));
      if (missing.length > 0) failures.push(`${route.operationId}: no clean exchange reached ${missing.join(", ")}`);
      return { operationId: route.operationId, exchanges: own.length, documented, seen, violations: own.filter((e) => e.violations.length > 0).length, mismatches: own.filter((e) => e.mismatch).length };
    });
  return { prismVersion: prismVersion(), exchanges, pastPrism: record.pastPrism, operations, failures, durationMs };
}

/** The report as the command prints it. */
export function formatReport(report: ConformanceReport): string {
  const count = (section: Section) => report.exchanges.filter((e) => e.section === section).length;
  const sections: Section[] = ["valid", "prefer", "invalid", "state", "outage"];
  const proxied = (proxy: string) => report.exchanges.filter((e) => e.proxy === proxy).length;
  const width = Math.max(...report.operations.map((o) => o.operationId.length));
  const lines = [
    `Conformance judged by Prism ${report.prismVersion} (prism proxy openapi/finlego.yaml <sandbox> --errors), ${(report.durationMs / 1000).toFixed(1)} s`,
    `${report.exchanges.length} exchanges: ${proxied("validating")} through the validating proxy, ${proxied("passing")} through the one with --validate-request=false`,
    `by section: ${sections.map((s) => `${s} ${count(s)}`).join(", ")}`,
    ...(report.pastPrism > 0 ? [`${report.pastPrism} requests with bodies over Prism's 10 MB limit went to the sandbox directly, not judged`] : []),
    "",
    `${"operation".padEnd(width)}  exchanges  violations  mismatches  statuses reached (of those documented)`,
    ...report.operations.map((o) => {
      const statuses = o.documented.map((s) => (o.seen.includes(s) ? String(s) : `(${s} missing)`)).join(" ");
      return `${o.operationId.padEnd(width)}  ${String(o.exchanges).padStart(9)}  ${String(o.violations).padStart(10)}  ${String(o.mismatches).padStart(10)}  ${statuses}`;
    }),
    "",
    report.failures.length === 0 ? `no violations: every answer of ${report.operations.length} stateful operations conforms to the spec` : `${report.failures.length} failures:`,
    ...report.failures.map((f) => `  ${f}`),
  ];
  return lines.join("\n");
}

function prismVersion(): string {
  const manifest: unknown = createRequire(import.meta.url)("@stoplight/prism-cli/package.json");
  return typeof manifest === "object" && manifest !== null && "version" in manifest ? String(manifest.version) : "?";
}
