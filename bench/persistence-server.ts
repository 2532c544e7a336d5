/**
 * The sandbox the persistence benchmark loads, in a process of its own: `persistence-server.ts memory|data
 * <data file> <payments>` fills the default tenant with that many payment creates through the HTTP entry
 * (so with --data they are logged, then folded into the document), prints `PORT <n>` and serves. On
 * SIGUSR2 it folds the log into the document in the background and prints `FOLDED <stats>` when done.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { startSandbox } from "../sandbox/server/index.js";

const [mode, data, fill] = process.argv.slice(2);
if ((mode !== "memory" && mode !== "data") || !data || !fill) {
  console.error("usage: persistence-server.ts memory|data <data file> <payments>");
  process.exit(2);
}
const sandbox = await startSandbox({ port: 0, frozenAt: "2026-01-01T09:00:00Z", ...(mode === "data" && { data, notify: (line: string) => console.error(line) }) });
const { entry, store } = sandbox;
const accounts = JSON.parse((await entry.handle({ method: "GET", path: "/v2/ledger/internal/Accounts", query: "currency=eur&pageSize=100", headers: {} })).body!) as { items: { id: string; type: string; status: string }[] };
const treasury = accounts.items.find((a) => a.type === "treasury")!.id;
const client = accounts.items.find((a) => a.type === "client" && a.status === "active")!.id;
const body = JSON.stringify({ parentId: "70850378-7d3c-4f45-91b7-942d4dfbbd43", parentType: "transfer", debtorAccountId: treasury, creditorAccountId: client, currency: "eur", amount: 0.01 });
for (let done = 0; done < Number(fill); done += 1000) {
  const answers = await Promise.all(Array.from({ length: 1000 }, () => entry.handle({ method: "POST", path: "/internal/Payments", query: "", headers: { "content-type": "application/json" }, body })));
  if (answers.some((a) => a.status !== 200)) throw new Error("the fill was refused");
}
// Measured from a folded document that holds them all, as after a restart.
await store?.compact();
console.log(`PORT ${new URL(sandbox.url).port}`);

// What held the event loop while the fold ran: its longest delay, and the longest garbage-collection pause.
const delay = monitorEventLoopDelay({ resolution: 1 });
let gcMaxMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, entry.duration);
}).observe({ entryTypes: ["gc"] });
process.on("SIGUSR2", () => {
  delay.reset();
  delay.enable();
  gcMaxMs = 0;
  void store?.compact().then(() => {
    delay.disable();
    console.log(`FOLDED ${JSON.stringify({ ...store.stats, eventLoopDelayMaxMs: delay.max / 1e6, gcMaxMs })}`);
  });
});
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
