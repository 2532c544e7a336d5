/**
 * The benchmark (`npm run bench`): HTTP payment create against the floor a minimal express app sets,
 * measured in the same run with the same load generator, then in-process payment throughput and the
 * per-operation cost at 1,000,000 stored payments against 1,000 (bench/scale.ts). Prints the results and
 * checks the targets (exit 1 when one is missed; targets are checked here, not in tests). Only
 * `npm run bench -- --record` writes them to bench/RESULTS.md; `--quick` is a short look that checks no
 * scale target and cannot be recorded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import autocannon from "autocannon";
import { FULL_SCALE, QUICK_SCALE, measureScale, type ScaleResult } from "./scale.js";
import { measurePersistence } from "./persistence.js";

const quick = process.argv.includes("--quick");
const record = process.argv.includes("--record");
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

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
const times = (r: number) => `${r.toFixed(2)}×`;

/** One line of the console summary for a scale result. */
function scaleLine(name: string, r: ScaleResult): string {
  return `${name}: ${fmt(r.small.opsPerSec)} ops/s at ${fmt(r.options.smallStored)} stored, ${fmt(r.large.opsPerSec)} at ${fmt(r.options.largeStored)}: cost ${times(r.ratio)} (wall-clock ${times(r.wallRatio)}; rounds ${r.roundRatios.map(times).join(" ")})`;
}

/** The report's rows for one kind of operation. */
function scaleRows(name: string, r: ScaleResult): string[] {
  const { smallStored, largeStored, windows, windowMs } = r.options;
  const side = (s: ScaleResult["small"]) =>
    `${fmt(s.opsPerSec)} ops/s; ${fmt(s.cpuNsPerOp)} ns CPU, ${fmt(s.wallNsPerOp)} ns wall-clock per op; ${(s.gcShare * 100).toFixed(0)}% of the time in GC pauses`;
  return [
    `| ${name}, ${fmt(smallStored)} stored (median of ${windows} windows × ${windowMs / 1000} s) | ${side(r.small)} |`,
    `| ${name}, ${fmt(largeStored)} stored (median of ${windows} windows × ${windowMs / 1000} s, interleaved with the above) | ${side(r.large)} |`,
    `| cost per operation, ${fmt(largeStored)} vs ${fmt(smallStored)} stored: CPU time of all threads, GC included (wall-clock: ${times(r.wallRatio)}; window pairs: ${r.roundRatios.map(times).join(", ")}) | ${times(r.ratio)} |`,
  ];
}

async function main() {
  if (quick && record) {
    console.error("--record writes bench/RESULTS.md from a full run only; drop --quick");
    process.exit(2);
  }
  const http = await overHttp();
  console.log(`HTTP: express floor ${fmt(http.floor.rps)} req/s, sandbox payment create ${fmt(http.create.rps)} req/s (${(http.ratio * 100).toFixed(0)}%), non-2xx ${http.create.non2xx}`);
  const persistence = await measurePersistence(quick);
  console.log(persistence.summary);
  const scale = quick ? QUICK_SCALE : FULL_SCALE;
  const create = await measureScale("create", scale);
  console.log(scaleLine("createPayment", create));
  const cycle = await measureScale("lifecycle", scale);
  console.log(scaleLine("draft → pend → post → read", cycle));
  const slowest = Math.min(create.small.opsPerSec, create.large.opsPerSec, cycle.small.opsPerSec, cycle.large.opsPerSec);
  const targets = [
    ["in-process payment operations >= 200,000/s", slowest >= 200_000],
    ["per-operation cost at 1,000,000 payments <= 1.25x the cost at 1,000: lifecycle operations (draft, pend, post, read)", cycle.ratio <= 1.25 || quick],
    ["per-operation cost at 1,000,000 payments <= 1.25x the cost at 1,000: createPayment alone (every operation stores a payment)", create.ratio <= 1.25 || quick],
    ["HTTP payment create >= 80% of the express floor", http.ratio >= 0.8],
    ["HTTP payment create answered only 2xx", http.create.non2xx === 0 && http.create.errors === 0],
    ...persistence.targets,
  ] as const;
  const report = [
    "# Benchmark results",
    "",
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}${quick ? " (quick run)" : ""}. Produced by \`npm run bench -- --record\` (V8 heap limit 8 GiB, see docs/decisions/008-heap-limit.md; how the scale is measured: docs/decisions/009-bench-scale-windows.md).`,
    "",
    "| measure | result |",
    "| --- | --- |",
    `| HTTP floor: minimal express 5 app, \`res.json\` of a fixed object (autocannon, 10 connections; mean of ${http.rounds} × ${http.seconds} s) | ${fmt(http.floor.rps)} req/s, p99 ${http.floor.p99} ms |`,
    `| HTTP POST /internal/Payments through the sandbox (same load, alternating rounds) | ${fmt(http.create.rps)} req/s, p99 ${http.create.p99} ms |`,
    `| sandbox / floor, median of the rounds (each round: ${http.ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(", ")}) | ${(http.ratio * 100).toFixed(1)}% |`,
    ...persistence.rows,
    ...scaleRows("in-process createPayment", create),
    ...scaleRows("in-process draft → pend → post → read (4 ops per cycle)", cycle),
    "",
    "| target | met |",
    "| --- | --- |",
    ...targets.map(([name, met]) => `| ${name} | ${met ? "yes" : "**no**"} |`),
    "",
  ].join("\n");
  console.log(`\n${report}`);
  if (record) {
    writeFileSync("bench/RESULTS.md", report);
    console.log("recorded in bench/RESULTS.md");
  } else {
    console.log("(not recorded: `npm run bench -- --record` writes bench/RESULTS.md)");
  }
  process.exit(targets.every(([, met]) => met) ? 0 : 1);
}

await main();
