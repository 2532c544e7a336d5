/**
 * The persistence benchmark: HTTP payment create with --data against the same sandbox in memory, both
 * holding 100,000 payments, measured in alternating rounds with the load of bench/run.ts's HTTP measure
 * (autocannon, loopback, 10 connections); then one round during which the log is folded into the document,
 * for the longest pause it causes. docs/decisions/005-persistence.md explains the design measured here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import type { PersistenceStats } from "../sandbox/server/index.js";
import { startListening, type ListeningServer } from "../scripts/listening.js";
import { createBody, demoAccounts } from "./http.js";
import { fmt, type BenchSection } from "./report.js";

interface Round {
  rps: number;
  p99: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

function startServer(mode: "memory" | "data", file: string, stored: number): Promise<ListeningServer> {
  const args = ["--max-old-space-size=8192", "--import", "tsx", "bench/persistence-server.ts", mode, file, String(stored)];
  return startListening({ command: process.execPath, args, listening: /^PORT (\d+)/, name: `the ${mode} sandbox` });
}

async function load(url: string, body: string, seconds: number): Promise<Round> {
  const result = await autocannon({ url: `${url}/internal/Payments`, method: "POST", headers: { "content-type": "application/json" }, body, connections: 10, duration: seconds });
  return { rps: result.requests.average, p99: result.latency.p99, maxMs: result.latency.max, non2xx: result.non2xx, errors: result.errors };
}

/** What the server reports when a fold is done: the store's counters, and what held its event loop meanwhile. */
type FoldReport = PersistenceStats & { eventLoopDelayMaxMs: number; gcMaxMs: number };

/** Waits for the server's `FOLDED <report>` line. */
async function folded(server: ListeningServer): Promise<FoldReport> {
  for (;;) {
    const line = server.lines.find((l) => l.startsWith("FOLDED "));
    if (line) return JSON.parse(line.slice("FOLDED ".length)) as FoldReport;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the persistence measurement; `quick` runs shorter rounds. */
export async function measurePersistence(quick: boolean): Promise<BenchSection> {
  const stored = 100_000;
  const seconds = quick ? 3 : 6;
  const rounds = quick ? 2 : 4;
  const folder = mkdtempSync(join(tmpdir(), "finlego-bench-persistence-"));
  const memory = await startServer("memory", join(folder, "unused.json"), stored);
  const data = await startServer("data", join(folder, "state.json"), stored);
  try {
    const body = createBody(await demoAccounts(memory.url));
    await load(memory.url, body, quick ? 2 : 4); // warm-up: both JITs settle before anything is measured
    await load(data.url, body, quick ? 2 : 4);
    const inMemory: Round[] = [];
    const withData: Round[] = [];
    for (let i = 0; i < rounds; i++) {
      inMemory.push(await load(memory.url, body, seconds));
      withData.push(await load(data.url, body, seconds));
    }
    // A round during which the log is folded into the document (it holds 100,000+ payments by now).
    const during = load(data.url, body, seconds);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    data.child.kill("SIGUSR2");
    const fold = await during;
    const stats = await folded(data);
    const ratios = withData.map((d, i) => d.rps / inMemory[i]!.rps).sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)]!;
    const mean = (list: Round[]) => ({
      rps: list.reduce((sum, r) => sum + r.rps, 0) / list.length,
      p99: Math.max(...list.map((r) => r.p99)),
      maxMs: Math.max(...list.map((r) => r.maxMs)),
      failed: list.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    });
    const [m, d] = [mean(inMemory), mean(withData)];
    const last = stats.lastCompaction!;
    return {
      summary: `persistence: ${fmt(d.rps)} req/s with --data vs ${fmt(m.rps)} in memory (${(ratio * 100).toFixed(0)}%), max latency ${d.maxMs} vs ${m.maxMs} ms; a fold of ${(last.documentBytes / 1024 / 1024).toFixed(0)} MiB paused the event loop ${last.pauseMs.toFixed(1)} ms to start, max latency during it ${fold.maxMs} ms (longest event-loop delay ${stats.eventLoopDelayMaxMs.toFixed(0)} ms, GC pause ${stats.gcMaxMs.toFixed(0)} ms)`,
      rows: [
        `| HTTP POST /internal/Payments, ${fmt(stored)} payments stored, in memory (mean of ${rounds} × ${seconds} s) | ${fmt(m.rps)} req/s, p99 ${m.p99} ms, max ${m.maxMs} ms |`,
        `| the same with \`--data\` (change log, group commit; alternating rounds) | ${fmt(d.rps)} req/s, p99 ${d.p99} ms, max ${d.maxMs} ms |`,
        `| \`--data\` / in memory, median of the rounds (each round: ${ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(", ")}) | ${(ratio * 100).toFixed(1)}% |`,
        `| a round (${seconds} s) during which the log (${fmt(last.records)} changes) is folded into the document (${(last.documentBytes / 1024 / 1024).toFixed(0)} MiB) | ${fmt(fold.rps)} req/s, p99 ${fold.p99} ms, max ${fold.maxMs} ms |`,
        `| that fold: event-loop pause to start it (new log, worker started) / time in its worker thread | ${last.pauseMs.toFixed(1)} ms / ${fmt(last.durationMs)} ms |`,
        `| while it ran: the server's longest event-loop delay / longest garbage-collection pause | ${stats.eventLoopDelayMaxMs.toFixed(1)} ms / ${stats.gcMaxMs.toFixed(1)} ms |`,
      ],
      targets: [
        ["HTTP payment create with --data >= 80% of in memory, 100,000 payments stored", ratio >= 0.8],
        ["HTTP payment create with --data answered only 2xx", d.failed === 0 && fold.non2xx === 0 && fold.errors === 0],
      ],
      data: { inMemoryRps: m.rps, withDataRps: d.rps, ratio, foldPauseMs: last.pauseMs, eventLoopDelayMaxMs: stats.eventLoopDelayMaxMs },
    };
  } finally {
    await Promise.all([memory.stop(), data.stop()]);
    rmSync(folder, { recursive: true, force: true });
  }
}
