/**
 * Where the sandbox's microseconds per request go beyond the express floor (`npm run bench -- --profile`):
 * the floor and the sandbox run under `node --cpu-prof`, each is loaded with the payment create of the
 * HTTP benchmark, and the samples taken while the load ran (CLOCK_MONOTONIC, which V8's profiler and
 * process.hrtime share) are summed by where their code lives, per answered request. Self time only: each
 * microsecond is counted once, in the function that was running.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startListening } from "../scripts/listening.js";
import { cpuMsOf, createBody, demoAccounts } from "./http.js";
import { fmt, type BenchSection } from "./report.js";
import type { BenchServerKind } from "./servers.js";

/** Seconds of load each server is profiled under, after as long again to warm up. */
const PROFILE_SECONDS = 10;
const CONNECTIONS = 10;

/** The parts of a V8 .cpuprofile this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time in one place of the code, in µs, and per request. */
interface Place {
  name: string;
  us: number;
}

/** One server's profile, summed by category and by function. */
interface Profile {
  requests: number;
  /** CPU time of the whole process (every thread) per request while the load ran, from /proc; null elsewhere. */
  cpuUsPerRequest: number | null;
  categories: Map<string, number>;
  functions: Map<string, number>;
}

/** Where a sampled function lives, coarsely: what a reader of the report can act on. */
function categoryOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)") return "V8 (program)";
  if (url === "") return `native: ${functionName || "(anonymous)"}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (dependency) return `dependency: ${dependency}`;
  if (url.startsWith("node:")) return `node: ${url.slice(5).split("/")[0]}`;
  const own = /\/(sandbox\/[^?]+|bench\/[^?]+)$/.exec(url)?.[1];
  return own ? `sandbox: ${own.replace(/\.[jt]s$/, "")}` : `other: ${url}`;
}

/** Profiles one server under PROFILE_SECONDS of payment creates (the body: the given one, or made from its demo data). */
async function profileServer(kind: BenchServerKind, folder: string, givenBody?: string): Promise<Profile & { body: string }> {
  const dir = join(folder, kind);
  const args = ["--max-old-space-size=8192", "--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx", "bench/servers.ts", kind];
  const server = await startListening({ command: process.execPath, args, listening: /^PORT (\d+)/, name: `profiled ${kind}` });
  try {
    const body = givenBody ?? createBody(await demoAccounts(server.url));
    const load = (seconds: number) => autocannon({ url: `${server.url}/internal/Payments`, method: "POST", headers: { "content-type": "application/json" }, body, connections: CONNECTIONS, duration: seconds });
    await load(PROFILE_SECONDS);
    const cpuBefore = cpuMsOf(server.pid);
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const result = await load(PROFILE_SECONDS);
    const toUs = Number(process.hrtime.bigint() / 1000n);
    const cpuAfter = cpuMsOf(server.pid);
    const cpuUsPerRequest = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
    // SIGTERM: bench/servers.ts exits cleanly, and node writes the profile on exit.
    await server.stop();
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`${kind} wrote no profile`);
    return { ...summarise(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile, fromUs, toUs, result.requests.total), cpuUsPerRequest, body };
  } finally {
    await server.stop();
  }
}

function summarise(profile: CpuProfile, fromUs: number, toUs: number, requests: number): Omit<Profile, "cpuUsPerRequest"> {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const frame = frames.get(profile.samples[i]!)!;
    const category = categoryOf(frame.url, frame.functionName);
    categories.set(category, (categories.get(category) ?? 0) + delta);
    const name = `${frame.functionName || "(anonymous)"} ${category.replace(/^[a-z]+: /, "")}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + delta);
  }
  return { requests, categories, functions };
}

/** Profiles the sandbox, then the floor under the same requests, and compares them per request. */
export async function measureProfile(): Promise<BenchSection> {
  const folder = mkdtempSync(join(tmpdir(), "finlego-bench-profile-"));
  try {
    const sandbox = await profileServer("sandbox", folder);
    const floor = await profileServer("floor", folder, sandbox.body);
    const perRequest = (p: Profile, name: string) => (p.categories.get(name) ?? 0) / p.requests;
    const names = [...new Set([...sandbox.categories.keys(), ...floor.categories.keys()])].filter((n) => n !== "idle");
    const rows: Place[] = names.map((name) => ({ name, us: perRequest(sandbox, name) - perRequest(floor, name) })).sort((a, b) => b.us - a.us);
    const busy = (p: Profile) => [...p.categories].filter(([n]) => n !== "idle").reduce((sum, [, us]) => sum + us, 0) / p.requests;
    const top = [...sandbox.functions].map(([name, us]) => ({ name, us: us / sandbox.requests })).sort((a, b) => b.us - a.us).slice(0, 25);
    const line = (p: Place) => `${p.us >= 0 ? "+" : ""}${p.us.toFixed(1).padStart(6)} µs  ${p.name}`;
    const cpu = (p: Profile) => (p.cpuUsPerRequest === null ? "n/a" : `${p.cpuUsPerRequest.toFixed(1)} µs`);
    const summary = [
      `payment create over HTTP, ${CONNECTIONS} connections, ${PROFILE_SECONDS} s under the profiler after ${PROFILE_SECONDS} s of warm-up:`,
      `  server CPU per request, every thread (/proc): sandbox ${cpu(sandbox)}, express floor ${cpu(floor)}`,
      `  main thread, sampled: sandbox ${busy(sandbox).toFixed(1)} µs per request (${fmt(sandbox.requests)} requests), floor ${busy(floor).toFixed(1)} µs (${fmt(floor.requests)})`,
      "  (samples in system calls such as writev count wall-clock time, also while the thread waits for a core: on a busy machine they swing most)",
      "beyond the floor, per request, by where the code lives (self time):",
      ...rows.filter((r) => Math.abs(r.us) >= 0.5).map(line),
      "the sandbox's heaviest functions, per request (self time):",
      ...top.map(line),
    ].join("\n");
    return { summary, rows: [], targets: [], data: { sandbox: { cpuUsPerRequest: sandbox.cpuUsPerRequest, sampledUs: busy(sandbox) }, floor: { cpuUsPerRequest: floor.cpuUsPerRequest, sampledUs: busy(floor) }, beyondFloor: rows, top } };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
