/**
 * The benchmark (`npm run bench`): the sandbox over HTTP side by side with the express floor, the node:http
 * ceiling and Prism's mock (bench/http.ts); the MSW handlers against the in-process entry (bench/msw.ts); persistence (bench/persistence.ts); in-process payment
 * throughput and the per-operation cost at 1,000,000 stored payments against 1,000 (bench/scale.ts); heap
 * per stored payment (bench/heap.ts); cold start (bench/cold-start.ts). Prints the results and checks the
 * targets (exit 1 when one is missed; targets are checked here, never in tests).
 *
 * `--record` writes bench/RESULTS.md (full runs only); `--quick` is a short look that checks no scale
 * target; `--smoke` runs the HTTP, heap and cold-start measurements for about a second each, checks no
 * target and exits 0 when the harness worked (test/bench/harness.test.ts). Every run ends with one line
 * `BENCH-JSON <json>` holding every section's numbers. `--profile` measures nothing else: it profiles the
 * sandbox and the express floor under payment creates and prints where the sandbox's extra time goes
 * (bench/profile.ts).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { measureColdStart } from "./cold-start.js";
import { FULL_HEAP_SIZES, QUICK_HEAP_SIZES, measureHeap } from "./heap.js";
import { FULL_HTTP, QUICK_HTTP, SMOKE_HTTP, measureHttp } from "./http.js";
import { FULL_MSW, QUICK_MSW, SMOKE_MSW, measureMsw } from "./msw.js";
import { measurePersistence } from "./persistence.js";
import { measureProfile } from "./profile.js";
import { fmt, times, type BenchSection } from "./report.js";
import { FULL_SCALE, QUICK_SCALE, measureScale, type ScaleResult } from "./scale.js";

type Mode = "full" | "quick" | "smoke";

const RESULTS_FILE = "bench/RESULTS.md";
/** Everything in bench/RESULTS.md from this line on is written by hand (the analysis) and kept by --record. */
const HAND_WRITTEN = "<!-- Written by hand from here on; `npm run bench -- --record` keeps it. -->";

/** The issue's bound on in-process payment operations per second. */
const MIN_CORE_OPS_PER_SEC = 200_000;
/** The bound on the cost of an operation at 1,000,000 stored payments over its cost at 1,000. */
const MAX_SCALE_RATIO = 1.25;
/** Cold starts per command in a full run (the median is reported). */
const COLD_START_RUNS = 5;

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

/** In-process throughput and cost at scale, for creates alone and for the draft, pend, post, read cycle. */
async function measureCore(mode: Exclude<Mode, "smoke">): Promise<BenchSection> {
  const scale = mode === "quick" ? QUICK_SCALE : FULL_SCALE;
  const create = await measureScale("create", scale);
  const cycle = await measureScale("lifecycle", scale);
  const line = (name: string, r: ScaleResult) =>
    `${name}: ${fmt(r.small.opsPerSec)} ops/s at ${fmt(r.options.smallStored)} stored, ${fmt(r.large.opsPerSec)} at ${fmt(r.options.largeStored)}: cost ${times(r.ratio)} (wall-clock ${times(r.wallRatio)}; rounds ${r.roundRatios.map(times).join(" ")})`;
  const slowest = Math.min(create.small.opsPerSec, create.large.opsPerSec, cycle.small.opsPerSec, cycle.large.opsPerSec);
  const atScale = (r: ScaleResult) => r.ratio <= MAX_SCALE_RATIO || mode === "quick";
  return {
    summary: `${line("createPayment", create)}\n${line("draft → pend → post → read", cycle)}`,
    rows: [...scaleRows("in-process createPayment", create), ...scaleRows("in-process draft → pend → post → read (4 ops per cycle)", cycle)],
    targets: [
      [`in-process payment operations (create; draft, pend, post, read) >= ${fmt(MIN_CORE_OPS_PER_SEC)}/s`, slowest >= MIN_CORE_OPS_PER_SEC],
      [`per-operation cost at 1,000,000 payments <= ${MAX_SCALE_RATIO}x the cost at 1,000: lifecycle operations (draft, pend, post, read)`, atScale(cycle)],
      [`per-operation cost at 1,000,000 payments <= ${MAX_SCALE_RATIO}x the cost at 1,000: createPayment alone (every operation stores a payment)`, atScale(create)],
    ],
    data: { create: { small: create.small.opsPerSec, large: create.large.opsPerSec, ratio: create.ratio }, lifecycle: { small: cycle.small.opsPerSec, large: cycle.large.opsPerSec, ratio: cycle.ratio } },
  };
}

/** Every measurement of the mode, in the order they run. */
async function measureAll(mode: Mode): Promise<Record<string, BenchSection>> {
  const sections: Record<string, BenchSection> = {};
  const add = (name: string, section: BenchSection) => {
    sections[name] = section;
    console.log(section.summary);
  };
  add("http", await measureHttp(mode === "full" ? FULL_HTTP : mode === "quick" ? QUICK_HTTP : SMOKE_HTTP));
  add("msw", await measureMsw(mode === "full" ? FULL_MSW : mode === "quick" ? QUICK_MSW : SMOKE_MSW));
  if (mode !== "smoke") add("persistence", await measurePersistence(mode === "quick"));
  if (mode !== "smoke") add("core", await measureCore(mode));
  add("heap", await measureHeap(mode === "full" ? FULL_HEAP_SIZES : QUICK_HEAP_SIZES));
  add("coldStart", await measureColdStart(mode === "full" ? COLD_START_RUNS : 1));
  return sections;
}

async function main(): Promise<void> {
  if (process.argv.includes("--profile")) {
    console.log((await measureProfile()).summary);
    return;
  }
  const mode: Mode = process.argv.includes("--smoke") ? "smoke" : process.argv.includes("--quick") ? "quick" : "full";
  const record = process.argv.includes("--record");
  if (mode !== "full" && record) {
    console.error("--record writes bench/RESULTS.md from a full run only; drop --quick and --smoke");
    process.exit(2);
  }
  const sections = await measureAll(mode);
  const targets = Object.values(sections).flatMap((s) => s.targets);
  const report = [
    "# Benchmark results",
    "",
    `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}${mode === "full" ? "" : ` (${mode} run)`}. Produced by \`npm run bench -- --record\` (V8 heap limit 8 GiB, see docs/decisions/008-heap-limit.md; how the scale is measured: docs/decisions/009-bench-scale-windows.md).`,
    "",
    "| measure | result |",
    "| --- | --- |",
    ...Object.values(sections).flatMap((s) => s.rows),
    "",
    "| target | met |",
    "| --- | --- |",
    ...targets.map(([name, met]) => `| ${name} | ${met ? "yes" : "**no**"} |`),
    "",
  ].join("\n");
  console.log(`\n${report}`);
  if (record) {
    const previous = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, "utf8") : "";
    const kept = previous.includes(HAND_WRITTEN) ? previous.slice(previous.indexOf(HAND_WRITTEN)) : "";
    writeFileSync(RESULTS_FILE, kept ? `${report}\n${kept}` : report);
    console.log(`recorded in ${RESULTS_FILE}`);
  } else {
    console.log("(not recorded: `npm run bench -- --record` writes bench/RESULTS.md)");
  }
  console.log(`BENCH-JSON ${JSON.stringify({ mode, sections: Object.fromEntries(Object.entries(sections).map(([name, s]) => [name, { data: s.data, targets: s.targets }])) })}`);
  process.exit(mode === "smoke" || targets.every(([, met]) => met) ? 0 : 1);
}

await main();
