/**
 * The HTTP benchmark, side by side in one run: the express floor, the node:http ceiling and Prism's mock
 * (bench/servers.ts, scripts/prism.ts) against five kinds of sandbox request, all under the same load
 * (autocannon on loopback, the same connection count). Every server is started once; then, round after
 * round, each target is loaded for the same few seconds, in an order that rotates each round so that no
 * target always follows the same neighbour, and each target's numbers are the median of its rounds. The
 * sandbox's ratios are medians of per-round ratios (sandbox / floor of the same round), so a burst of other
 * load on this shared machine hits both sides of a ratio alike.
 *
 * Beside req/s and latency, each round reads the server process's CPU time (/proc/<pid>/stat, all threads,
 * collector included): CPU microseconds per request is what the server spent, whatever else the machine
 * was doing, and the load generator's own share of the two cores does not count against it.
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { startListening, type ListeningServer } from "../scripts/listening.js";
import { prismMockArgs, startPrism } from "../scripts/prism.js";
import type { BenchServerKind } from "./servers.js";
import { fmt, ms, times, type BenchSection } from "./report.js";
import { median } from "./scale.js";

/** How the HTTP measurement is run. */
export interface HttpOptions {
  rounds: number;
  seconds: number;
  /** One load of each target before the rounds, so that every JIT has settled. */
  warmupSeconds: number;
  connections: number;
}

/** `npm run bench`: five rounds of 5 s per target. */
export const FULL_HTTP: HttpOptions = { rounds: 5, seconds: 5, warmupSeconds: 3, connections: 10 };
/** `npm run bench -- --quick`. */
export const QUICK_HTTP: HttpOptions = { rounds: 2, seconds: 2, warmupSeconds: 1, connections: 10 };
/** `npm run bench -- --smoke`: the harness end to end, a second per target (test/bench/harness.test.ts). */
export const SMOKE_HTTP: HttpOptions = { rounds: 1, seconds: 1, warmupSeconds: 0, connections: 10 };

/** The targets the issue sets for the HTTP path. */
const MIN_CREATE_VS_FLOOR = 0.8;
const MIN_CREATE_VS_PRISM = 5;
const MAX_P99_VS_FLOOR = 1.5;

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const USER_HZ = 100;

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";
const UNKNOWN_PAYMENT = "472e651e-5a1e-424d-8098-23858bf03ad7";
const JSON_HEADERS = { "content-type": "application/json" };

type ServerName = BenchServerKind | "prism";

/** One kind of load on one server. */
interface Target {
  key: string;
  label: string;
  server: ServerName;
  /** The status every answer must have. */
  status: number;
  requests: autocannon.Request[];
}

/** What one round of one target measured. */
export interface RoundSample {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the server process per answered request, or null where /proc is not there to read. */
  cpuUsPerRequest: number | null;
  /** Answers with another status than the target's, plus errors and timeouts. */
  unexpected: number;
}

/** One target's rounds and their medians. */
export interface TargetResult extends RoundSample {
  key: string;
  label: string;
  rounds: RoundSample[];
  /** Sandbox targets: median per-round ratio of req/s to the floor's, the ceiling's and Prism's. */
  vsFloor?: number;
  vsCeiling?: number;
  vsPrism?: number;
}

/** The accounts the sandbox targets act on (demo data). */
export interface DemoAccounts {
  treasury: string;
  /** The account payments credit. */
  client: string;
  /** An account no payment of the benchmark touches, whose transactions the query reads. */
  quiet: string;
}

/** Starts every server, runs the rounds and returns the report section. */
export async function measureHttp(options: HttpOptions): Promise<BenchSection> {
  const servers = await startServers();
  try {
    const targets = targetsFor(await demoAccounts(servers.sandbox.url));
    const urlOf = (t: Target) => servers[t.server].url;
    for (const target of targets) if (options.warmupSeconds > 0) await load(target, urlOf(target), servers[target.server].pid, options.warmupSeconds, options.connections);
    const samples = new Map<string, RoundSample[]>(targets.map((t) => [t.key, []]));
    for (let round = 0; round < options.rounds; round++) {
      // Rotated each round: every target runs early and late, after different neighbours.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const target of order) samples.get(target.key)!.push(await load(target, urlOf(target), servers[target.server].pid, options.seconds, options.connections));
    }
    return report(targets, samples, options);
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}

async function startServers(): Promise<Record<ServerName, ListeningServer>> {
  const own = (kind: BenchServerKind) =>
    // The heap limit the sandbox's own commands use (docs/decisions/008-heap-limit.md), for all three alike.
    startListening({ command: process.execPath, args: ["--max-old-space-size=8192", "--import", "tsx", "bench/servers.ts", kind], listening: /^PORT (\d+)/, name: `bench server ${kind}` });
  const [floor, ceiling, sandbox, prism] = await Promise.all([own("floor"), own("ceiling"), own("sandbox"), startPrism(prismMockArgs())]);
  return { floor, ceiling, sandbox, prism };
}

/** The demo accounts of a running sandbox that the benchmark's requests use. */
export async function demoAccounts(url: string): Promise<DemoAccounts> {
  const list = (await (await fetch(`${url}/v2/ledger/internal/Accounts?currency=eur&pageSize=100`)).json()) as { items: { id: string; type: string; status: string }[] };
  const clients = list.items.filter((a) => a.type === "client" && a.status === "active");
  const treasury = list.items.find((a) => a.type === "treasury");
  if (!treasury || clients.length < 2) throw new Error("the demo data has no eur treasury and two active eur client accounts");
  return { treasury: treasury.id, client: clients[0]!.id, quiet: clients[1]!.id };
}

/** The body of the benchmark's payment create: 1.25 eur from the treasury to a client account. */
export function createBody(accounts: DemoAccounts): string {
  return JSON.stringify({ parentId: PARENT, parentType: "transfer", debtorAccountId: accounts.treasury, creditorAccountId: accounts.client, currency: "eur", amount: 1.25 });
}

/** The eight targets; the three references all take the sandbox's payment create request. */
function targetsFor(accounts: DemoAccounts): Target[] {
  const create: autocannon.Request = { method: "POST", path: "/internal/Payments", headers: JSON_HEADERS, body: createBody(accounts) };
  const draft = JSON.stringify({ parentId: PARENT, parentType: "transfer", transactions: [{ debtorAccountId: accounts.treasury, creditorAccountId: accounts.client, currency: "eur", amount: 0.5 }] });
  return [
    { key: "floor", label: "express floor (one middleware, writeHead + end of a fixed JSON text)", server: "floor", status: 200, requests: [create] },
    { key: "ceiling", label: "node:http ceiling (the same, no express)", server: "ceiling", status: 200, requests: [create] },
    { key: "prism", label: "Prism 5 `prism mock openapi/finlego.yaml`, payment create", server: "prism", status: 200, requests: [create] },
    { key: "create", label: "sandbox: POST /internal/Payments (create)", server: "sandbox", status: 200, requests: [create] },
    {
      key: "lifecycle",
      label: "sandbox: draft → pend → post, one payment per three requests",
      server: "sandbox",
      status: 200,
      requests: [
        { method: "POST", path: "/internal/Payments/draft", headers: JSON_HEADERS, body: draft, onResponse: (_status, body, context) => remember(context, body) },
        { method: "POST", setupRequest: (request, context) => ({ ...request, path: `/internal/Payments/${paymentIdOf(context)}/pend` }) },
        { method: "POST", setupRequest: (request, context) => ({ ...request, path: `/internal/Payments/${paymentIdOf(context)}/post` }) },
      ],
    },
    { key: "getAccount", label: "sandbox: GET /v2/ledger/internal/Accounts/{accountId}", server: "sandbox", status: 200, requests: [{ method: "GET", path: `/v2/ledger/internal/Accounts/${accounts.client}` }] },
    {
      key: "query",
      label: "sandbox: POST /internal/Transactions/query (one account, a page of 20)",
      server: "sandbox",
      status: 200,
      requests: [{ method: "POST", path: "/internal/Transactions/query", headers: JSON_HEADERS, body: JSON.stringify({ accountIds: [accounts.quiet], pageSize: 20 }) }],
    },
    {
      key: "prefer404",
      label: "sandbox: POST /internal/Payments/{id}/pend with Prefer: code=404",
      server: "sandbox",
      status: 404,
      requests: [{ method: "POST", path: `/internal/Payments/${UNKNOWN_PAYMENT}/pend`, headers: { prefer: "code=404" } }],
    },
  ];
}

/** Keeps the drafted payment's id in the connection's context for the pend and post that follow. */
function remember(context: object, body: string): void {
  Object.assign(context, { paymentId: (JSON.parse(body) as { paymentId?: string }).paymentId });
}

function paymentIdOf(context: object): string {
  const id = "paymentId" in context ? context.paymentId : undefined;
  if (typeof id !== "string") throw new Error("the draft's answer had no paymentId");
  return id;
}

/** Loads one target for `seconds` and measures it (latency of every answer, the server's CPU time). */
async function load(target: Target, url: string, pid: number, seconds: number, connections: number): Promise<RoundSample> {
  const latencies: number[] = [];
  const cpuBefore = cpuMsOf(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, requests: target.requests, connections, duration: seconds }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  });
  const cpuAfter = cpuMsOf(pid);
  const answered = result.requests.total;
  const expected = result.statusCodeStats?.[`${target.status}`]?.count ?? 0;
  latencies.sort((a, b) => a - b);
  return {
    rps: answered / result.duration,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuUsPerRequest: cpuBefore === null || cpuAfter === null || answered === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / answered,
    unexpected: answered - expected + result.errors + result.timeouts,
  };
}

/** The value below which `share` of the sorted values lie. */
function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/** User and system CPU time of a process in ms, from /proc (Linux); null elsewhere. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

function summarise(target: Target, rounds: RoundSample[]): TargetResult {
  const cpu = rounds.map((r) => r.cpuUsPerRequest).filter((c): c is number => c !== null);
  return {
    key: target.key,
    label: target.label,
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    cpuUsPerRequest: cpu.length > 0 ? median(cpu) : null,
    unexpected: rounds.reduce((sum, r) => sum + r.unexpected, 0),
  };
}

function report(targets: Target[], samples: Map<string, RoundSample[]>, options: HttpOptions): BenchSection {
  const results = targets.map((t) => summarise(t, samples.get(t.key)!));
  const byKey = (key: string) => results.find((r) => r.key === key)!;
  const ratio = (of: TargetResult, to: TargetResult) => median(of.rounds.map((r, i) => r.rps / to.rounds[i]!.rps));
  for (const r of results.filter((r) => targets.find((t) => t.key === r.key)!.server === "sandbox")) {
    r.vsFloor = ratio(r, byKey("floor"));
    r.vsCeiling = ratio(r, byKey("ceiling"));
    r.vsPrism = ratio(r, byKey("prism"));
  }
  const create = byKey("create");
  const floor = byKey("floor");
  const cpu = (r: TargetResult) => (r.cpuUsPerRequest === null ? "n/a" : `${fmt(r.cpuUsPerRequest)} µs`);
  const ratios = (r: TargetResult) => (r.vsFloor === undefined ? "" : `${times(r.vsFloor)} / ${times(r.vsCeiling!)} / ${times(r.vsPrism!)}`);
  return {
    summary: `HTTP (${options.connections} connections, median of ${options.rounds} × ${options.seconds} s): payment create ${fmt(create.rps)} req/s = ${times(create.vsFloor!)} the express floor (${fmt(floor.rps)}), ${times(create.vsCeiling!)} node:http (${fmt(byKey("ceiling").rps)}), ${times(create.vsPrism!)} Prism mock (${fmt(byKey("prism").rps)}); p99 ${ms(create.p99Ms)} vs the floor's ${ms(floor.p99Ms)}`,
    rows: [
      `| HTTP side by side: autocannon, ${options.connections} connections, loopback; median of ${options.rounds} rounds × ${options.seconds} s per target, order rotated each round | req/s · p50 · p99 · server CPU per request · sandbox ÷ floor / ceiling / Prism (median of per-round ratios) |`,
      ...results.map((r) => `| ${r.label} | ${fmt(r.rps)} · ${ms(r.p50Ms)} · ${ms(r.p99Ms)} · ${cpu(r)}${r.vsFloor === undefined ? "" : ` · ${ratios(r)}`}${r.unexpected > 0 ? ` · **${r.unexpected} unexpected answers**` : ""} |`),
    ],
    targets: [
      [`HTTP payment create >= ${MIN_CREATE_VS_FLOOR}× the express floor`, create.vsFloor! >= MIN_CREATE_VS_FLOOR],
      [`HTTP payment create >= ${MIN_CREATE_VS_PRISM}× Prism's mock`, create.vsPrism! >= MIN_CREATE_VS_PRISM],
      [`HTTP payment create p99 <= ${MAX_P99_VS_FLOOR}× the floor's p99`, create.p99Ms <= MAX_P99_VS_FLOOR * floor.p99Ms],
      ["every HTTP target answered only its expected status (no errors, no timeouts)", results.every((r) => r.unexpected === 0)],
    ],
    data: { options, targets: results },
  };
}
