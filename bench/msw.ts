/**
 * The MSW handler's cost per request in Node, against the in-process entry it wraps: the same requests sent
 * (1) straight to `entry.handle` as SandboxRequest objects, (2) through the Fetch face (`fetchHandler`: a
 * Request in, a Response out, no MSW), and (3) by `fetch` to MSW's `setupServer` with the sandbox's handlers.
 * One request at a time, rounds interleaved, median of the rounds; the difference is what MSW and Fetch add.
 */
import { setupServer } from "msw/node";
import { DEMO_IDS } from "../sandbox/core/index.js";
import { createHttpEntry, fetchHandler, SandboxState, type HttpEntry } from "../sandbox/http/index.js";
import { createHandlers } from "../sandbox/msw/index.js";
import { fmt, times, type BenchSection } from "./report.js";
import { median } from "./scale.js";

/** How long each target runs per round, and how many interleaved rounds. */
export interface MswOptions {
  roundMs: number;
  rounds: number;
}
export const FULL_MSW: MswOptions = { roundMs: 1000, rounds: 5 };
export const QUICK_MSW: MswOptions = { roundMs: 300, rounds: 3 };
export const SMOKE_MSW: MswOptions = { roundMs: 150, rounds: 1 };

const BASE_URL = "http://msw-bench.test";
const ACCOUNT_PATH = `/v2/ledger/internal/Accounts/${DEMO_IDS.accounts.emmaEur}`;
const PAYMENT_BODY = JSON.stringify({
  parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43",
  parentType: "transfer",
  // From the treasury, which may go negative: a full run creates more payments than a client account could fund.
  debtorAccountId: DEMO_IDS.treasury.eur,
  creditorAccountId: DEMO_IDS.accounts.lukasEur,
  currency: "eur",
  amount: 0.01,
});

type Send = () => Promise<number>;
type Target = "entry" | "fetch" | "msw";

/** The three ways of sending one kind of request, each to its own sandbox. */
function senders(kind: "read" | "create"): Record<Target, Send> {
  const entry = (): HttpEntry => createHttpEntry({ state: new SandboxState() });
  const direct = entry();
  const face = fetchHandler(entry());
  const request = () =>
    kind === "read" ? new Request(`${BASE_URL}${ACCOUNT_PATH}`) : new Request(`${BASE_URL}/internal/Payments`, { method: "POST", headers: { "content-type": "application/json" }, body: PAYMENT_BODY });
  return {
    entry: async () =>
      (await direct.handle(kind === "read" ? { method: "GET", path: ACCOUNT_PATH, query: "", headers: {} } : { method: "POST", path: "/internal/Payments", query: "", headers: { "content-type": "application/json" }, body: PAYMENT_BODY })).status,
    fetch: async () => (await face(request())).status,
    msw: async () => (await fetch(request())).status,
  };
}

/** Sends requests one after another for `ms`; returns microseconds per request. */
async function microsPerRequest(send: Send, ms: number): Promise<number> {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    const status = await send();
    if (status !== 200) throw new Error(`the MSW bench expected 200, got ${status}`);
    count++;
  }
  return ((performance.now() - started) * 1000) / count;
}

/** Measures reads and creates through the three targets. */
export async function measureMsw(options: MswOptions): Promise<BenchSection> {
  const server = setupServer(...createHandlers({ baseUrl: BASE_URL }));
  server.listen({ onUnhandledRequest: "error" });
  const results: Record<string, Record<Target, number>> = {};
  try {
    for (const kind of ["read", "create"] as const) {
      const send = senders(kind);
      const samples: Record<Target, number[]> = { entry: [], fetch: [], msw: [] };
      for (const target of ["entry", "fetch", "msw"] as const) await microsPerRequest(send[target], options.roundMs / 4); // warm up
      for (let round = 0; round < options.rounds; round++) {
        for (const target of ["entry", "fetch", "msw"] as const) samples[target].push(await microsPerRequest(send[target], options.roundMs));
      }
      results[kind] = { entry: median(samples.entry), fetch: median(samples.fetch), msw: median(samples.msw) };
    }
  } finally {
    server.close();
  }
  const row = (kind: string, r: Record<Target, number>) =>
    `| MSW setupServer in Node, ${kind}: µs per request (entry.handle / Fetch face / fetch through MSW; median of ${options.rounds} rounds × ${options.roundMs} ms) | ${fmt(r.entry)} / ${fmt(r.fetch)} / ${fmt(r.msw)} µs: MSW ${times(r.msw / r.entry)} the entry's cost |`;
  return {
    summary: `msw: read ${fmt(results.read!.msw)} µs vs entry ${fmt(results.read!.entry)} µs (${times(results.read!.msw / results.read!.entry)}); create ${fmt(results.create!.msw)} µs vs ${fmt(results.create!.entry)} µs (${times(results.create!.msw / results.create!.entry)})`,
    rows: [row("GET account", results.read!), row("payment create", results.create!)],
    targets: [],
    data: results,
  };
}
