/**
 * The benchmark (`npm run bench`): in-process payment throughput, per-operation cost as the ledger grows
 * to 1,000,000 payments, and HTTP payment create against the floor a minimal express app sets, measured in
 * the same run with the same load generator. Writes bench/RESULTS.md. Targets are checked here, not in tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import autocannon from "autocannon";
import { createLedger, createManualClock, createSeededIds, type Ledger } from "../sandbox/core/index.js";

const quick = process.argv.includes("--quick");
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

interface Pair {
  ledger: Ledger;
  treasury: string;
  clients: string[];
}

/** A ledger with a treasury and a handful of client accounts in eur. */
function setUp(): Pair {
  const ledger = createLedger({ clock: createManualClock(Date.parse("2026-01-01T09:00:00Z")), ids: createSeededIds(7) });
  const treasury = must(ledger.createAccount({ currency: "eur", type: "treasury" })).id;
  const clients: string[] = [];
  for (let i = 0; i < 8; i++) {
    const client = must(ledger.addClient({ type: "individual", email: `bench${i}@example.com`, phone: null, firstName: "Bench", lastName: `${i}`, companyName: null, country: "DE" }));
    clients.push(must(ledger.createAccount({ clientId: client.id, currency: "eur", type: "client" })).id);
  }
  return { ledger, treasury, clients };
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Creates `count` posted payments treasury -> clients; returns operations per second. */
function createPayments(pair: Pair, count: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    must(pair.ledger.createPayment({ parentId: PARENT, parentType: "transfer", debtor: { id: pair.treasury }, creditor: { id: pair.clients[i & 7]! }, currency: "eur", amountMinor: 100 + (i % 50) }));
  }
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Runs draft -> pend -> post cycles client -> client, reading the leg back; returns operations (4 per cycle) per second. */
function lifecycle(pair: Pair, cycles: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < cycles; i++) {
    const from = pair.clients[i & 7]!;
    const to = pair.clients[(i + 1) & 7]!;
    const { payment } = must(pair.ledger.draftPayment({ parentId: PARENT, parentType: "transfer", legs: [{ debtor: { id: from }, creditor: { id: to }, currency: "eur", amountMinor: 1 }] }));
    must(pair.ledger.pendPayments({ paymentIds: [payment.id] }));
    must(pair.ledger.postPayments({ paymentIds: [payment.id] }));
    if (!pair.ledger.getTransaction(payment.transactions[0]!.id)) throw new Error("leg not found");
  }
  return (cycles * 4) / (Number(process.hrtime.bigint() - start) / 1e9);
}


/** Lets the collector finish the background work a burst left (a sandbox between bursts gets that time). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 500));

/**
 * Per-operation cost as the ledger grows, garbage collection included: at ~1k stored, ten fresh ledgers that
 * hold 1,000 payments and take 40,000 operations each; at 1M, one ledger filled to 1,000,000 payments that
 * takes 600,000. Each side starts after a pause: right after filling a million payments the collector still
 * owes that burst's work, and the first operations would pay for the fill rather than for the size.
 */
type Kind = "create" | "lifecycle";

/** Operations per second of one kind on a ledger that already holds `stored` payments. */
function rateOf(kind: Kind, pair: Pair, ops: number): number {
  return kind === "create" ? createPayments(pair, ops) : lifecycle(pair, ops / 4);
}

/** Measures one kind at ~1k and at `fill` stored payments, in this process (a fresh one: see inProcessInChild). */
async function scaling(kind: Kind, fill: number) {
  rateOf(kind, fundedLedger(), 200_000); // warm-up: let the JIT settle before anything is measured
  let smallSeconds = 0;
  for (let i = 0; i < 10; i++) {
    const pair = fundedLedger();
    await settle();
    smallSeconds += 40_000 / rateOf(kind, pair, 40_000);
  }
  const big = setUp();
  createPayments(big, fill);
  await settle();
  let bigSeconds = 0;
  for (let i = 0; i < 3; i++) bigSeconds += 200_000 / rateOf(kind, big, 200_000);
  return { at1k: 400_000 / smallSeconds, atBig: 600_000 / bigSeconds };
}

/** A ledger holding 1,000 payments, which also fund the client accounts the cycles move money between. */
function fundedLedger(): Pair {
  const pair = setUp();
  createPayments(pair, 1_000);
  return pair;
}


/**
 * Runs the in-process measurement in a process of its own, so its heap of millions of payments starts clean
 * (not after the HTTP rounds' load generator) and is gone afterwards.
 */
async function inProcessInChild(kind: Kind): Promise<{ at1k: number; atBig: number }> {
  const args = ["--max-old-space-size=8192", "--import", "tsx", "bench/run.ts", `--in-process-only=${kind}`, ...(quick ? ["--quick"] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const line = output.split("\n").find((l) => l.startsWith("RESULT "));
  if (code !== 0 || !line) throw new Error(`the in-process benchmark failed (exit ${code}): ${output}`);
  return JSON.parse(line.slice("RESULT ".length));
}

/** The run whose at1k/atBig ratio is the median of the runs. */
function medianRun(runs: { at1k: number; atBig: number }[]) {
  const sorted = [...runs].sort((a, b) => a.at1k / a.atBig - b.at1k / b.atBig);
  return { ...sorted[Math.floor(sorted.length / 2)]!, ratios: runs.map((r) => r.at1k / r.atBig) };
}

/**
 * Both kinds, each in a fresh process so that neither pays for the other's million payments, three times
 * each: the collector's timing moves a single run's ratio by a tenth or more, so the median run is reported.
 */
async function inProcess() {
  const runs = quick ? 1 : 3;
  const creates = [];
  const cycles = [];
  for (let i = 0; i < runs; i++) {
    creates.push(await inProcessInChild("create"));
    cycles.push(await inProcessInChild("lifecycle"));
  }
  const create = medianRun(creates);
  const cycle = medianRun(cycles);
  return {
    fill: quick ? 200_000 : 1_000_000,
    at1k: create.at1k,
    atBig: create.atBig,
    costRatio: create.at1k / create.atBig,
    costRatios: create.ratios,
    cycleAt1k: cycle.at1k,
    cycleAtBig: cycle.atBig,
    cycleRatio: cycle.at1k / cycle.atBig,
    cycleRatios: cycle.ratios,
  };
}

async function startServer(kind: "baseline" | "sandbox"): Promise<{ child: ChildProcess; url: string }> {
  // Both servers run with the heap limit the sandbox's own commands use (docs/decisions/008-heap-limit.md).
  const child = spawn(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", "bench/servers.ts", kind], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function load(url: string, body: string, seconds: number) {
  const result = await autocannon({
    url: `${url}/internal/Payments`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections: 10,
    duration: seconds,
  });
  return { rps: result.requests.average, non2xx: result.non2xx, errors: result.errors, p99: result.latency.p99 };
}

/**
 * Express's floor and the sandbox's payment create, measured in alternating rounds with the same load
 * generator, so drift in the machine's load hits both alike; the ratio is the median of the rounds' ratios.
 */
async function overHttp() {
  const seconds = quick ? 3 : 6;
  const rounds = quick ? 2 : 5;
  const sandbox = await startServer("sandbox");
  const accounts = (await (await fetch(`${sandbox.url}/v2/ledger/internal/Accounts?currency=eur&pageSize=100`)).json()) as { items: { id: string; type: string; status: string }[] };
  const treasury = accounts.items.find((a) => a.type === "treasury")!;
  const client = accounts.items.find((a) => a.type === "client" && a.status === "active")!;
  const body = JSON.stringify({ parentId: PARENT, parentType: "transfer", debtorAccountId: treasury.id, creditorAccountId: client.id, currency: "eur", amount: 1.25 });
  const baseline = await startServer("baseline");
  try {
    await load(baseline.url, body, quick ? 2 : 5); // warm-up: both JITs settle before anything is measured
    await load(sandbox.url, body, quick ? 2 : 5);
    const floors: Awaited<ReturnType<typeof load>>[] = [];
    const creates: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < rounds; i++) {
      floors.push(await load(baseline.url, body, seconds));
      creates.push(await load(sandbox.url, body, seconds));
    }
    const ratios = creates.map((c, i) => c.rps / floors[i]!.rps).sort((a, b) => a - b);
    const mean = (list: Awaited<ReturnType<typeof load>>[]) => ({
      rps: list.reduce((sum, r) => sum + r.rps, 0) / list.length,
      p99: Math.max(...list.map((r) => r.p99)),
      non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
    });
    return { floor: mean(floors), create: mean(creates), ratio: ratios[Math.floor(ratios.length / 2)]!, ratios, rounds, seconds };
  } finally {
    sandbox.child.kill();
    baseline.child.kill();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main() {
  const only = process.argv.find((a) => a.startsWith("--in-process-only="));
  if (only) {
    const kind = only.slice("--in-process-only=".length) as Kind;
    console.log(`RESULT ${JSON.stringify(await scaling(kind, quick ? 200_000 : 1_000_000))}`);
    return;
  }
  const http = await overHttp();
  console.log(`HTTP: express floor ${fmt(http.floor.rps)} req/s, sandbox payment create ${fmt(http.create.rps)} req/s (${(http.ratio * 100).toFixed(0)}%), non-2xx ${http.create.non2xx}`);
  const local = await inProcess();
  console.log(`in-process: createPayment ${fmt(local.at1k)} -> ${fmt(local.atBig)} ops/s (x${local.costRatio.toFixed(2)}), lifecycle ${fmt(local.cycleAt1k)} -> ${fmt(local.cycleAtBig)} ops/s (x${local.cycleRatio.toFixed(2)}) from ~1k to ${fmt(local.fill)} stored`);
  const targets = [
    ["in-process payment operations >= 200,000/s", Math.min(local.at1k, local.cycleAt1k, local.atBig, local.cycleAtBig) >= 200_000],
    ["per-operation cost at 1,000,000 payments <= 1.25x the cost at 1,000: lifecycle operations (draft, pend, post, read)", local.cycleRatio <= 1.25 || quick],
    ["per-operation cost at 1,000,000 payments <= 1.25x the cost at 1,000: createPayment alone (every operation stores a payment)", local.costRatio <= 1.25 || quick],
    ["HTTP payment create >= 80% of the express floor", http.ratio >= 0.8],
    ["HTTP payment create answered only 2xx", http.create.non2xx === 0 && http.create.errors === 0],
  ] as const;
  const report = [
    "# Benchmark results",
    "",
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}${quick ? " (quick run)" : ""}. Produced by \`npm run bench\` (V8 heap limit 8 GiB, see docs/decisions/008-heap-limit.md).`,
    "",
    "| measure | result |",
    "| --- | --- |",
    `| in-process createPayment, 1k stored (10 ledgers × 40,000 ops) | ${fmt(local.at1k)} ops/s |`,
    `| in-process createPayment, ${fmt(local.fill)} stored (3 × 200,000 ops) | ${fmt(local.atBig)} ops/s |`,
    `| cost per createPayment, ${fmt(local.fill)} vs 1k stored (median of runs: ${local.costRatios.map((r) => `${r.toFixed(2)}×`).join(", ")}) | ${local.costRatio.toFixed(2)}× |`,
    `| in-process draft → pend → post → read (4 ops per cycle), 1k stored (10 ledgers × 40,000 ops) | ${fmt(local.cycleAt1k)} ops/s |`,
    `| the same cycle, ${fmt(local.fill)} stored (3 × 200,000 ops) | ${fmt(local.cycleAtBig)} ops/s |`,
    `| cost per lifecycle operation, ${fmt(local.fill)} vs 1k stored (median of runs: ${local.cycleRatios.map((r) => `${r.toFixed(2)}×`).join(", ")}) | ${local.cycleRatio.toFixed(2)}× |`,
    `| HTTP floor: minimal express 5 app, \`res.json\` of a fixed object (autocannon, 10 connections; mean of ${http.rounds} × ${http.seconds} s) | ${fmt(http.floor.rps)} req/s, p99 ${http.floor.p99} ms |`,
    `| HTTP POST /internal/Payments through the sandbox (same load, alternating rounds) | ${fmt(http.create.rps)} req/s, p99 ${http.create.p99} ms |`,
    `| sandbox / floor, median of the rounds (each round: ${http.ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(", ")}) | ${(http.ratio * 100).toFixed(1)}% |`,
    "",
    "| target | met |",
    "| --- | --- |",
    ...targets.map(([name, met]) => `| ${name} | ${met ? "yes" : "**no**"} |`),
    "",
  ].join("\n");
  writeFileSync("bench/RESULTS.md", report);
  console.log(report);
  process.exit(targets.every(([, met]) => met) ? 0 : 1);
}

await main();
