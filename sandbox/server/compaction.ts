/**
 * Folding a change log into the state document, off the main thread: the worker reads the document, replays
 * the log through its own HTTP entry (which also proves the log answers as it was answered) and writes the
 * next generation. The server's event loop only renames the log and starts the worker.
 */
import { Worker } from "node:worker_threads";
import { createHttpEntry, TenantHost, type SandboxStateOptions } from "../http/index.js";
import { readLog, replayLog, StateFileError } from "./change-log.js";
import { readDocument, STATE_FORMAT, writeDocument } from "./state-document.js";

/** What a worker is asked to fold. */
export interface FoldTask {
  /** The state document, at generation `base`. */
  file: string;
  /** The log to fold in, whose header says `base`. */
  log: string;
  base: number;
  store: string;
  /** How tenants start, exactly as the server's TenantHost was told. */
  state: SandboxStateOptions;
}

/** What folding did. */
export interface FoldResult {
  records: number;
  documentBytes: number;
  durationMs: number;
}

/** Folds the log into the document (generation base -> base + 1); runs in the worker, or anywhere in tests. */
export async function foldLog(task: FoldTask): Promise<FoldResult> {
  const started = performance.now();
  const stored = await readDocument(task.file);
  if (stored.kind !== "current" || stored.document.store !== task.store || stored.document.generation !== task.base) {
    throw new StateFileError(`${task.file} is not at generation ${task.base} of this state; the log ${task.log} was not folded in`);
  }
  const log = readLog(task.log);
  if (log.header?.base !== task.base || log.header.store !== task.store) throw new StateFileError(`${task.log} does not continue generation ${task.base} of ${task.file}`);
  const host = new TenantHost({ state: task.state, snapshots: stored.document.tenants });
  const records = replayLog(createHttpEntry({ host }), log);
  const documentBytes = await writeDocument(task.file, { format: STATE_FORMAT, store: task.store, generation: task.base + 1, savedAt: new Date().toISOString(), tenants: host.export() });
  return { records, documentBytes, durationMs: performance.now() - started };
}

// The worker loads compaction-worker.ts (.js once built). From the TypeScript sources, it registers tsx
// first: a worker does not inherit the loader hooks of the thread (or test runner) that starts it.
const BOOT = `
const { workerData } = require("node:worker_threads");
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  await import(workerData.entry);
})();
`;

/** Folds a log in a worker thread; resolves with what it did, rejects with why it could not. */
export function foldInWorker(task: FoldTask): Promise<FoldResult> {
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = new URL(`./compaction-worker.${fromSources ? "ts" : "js"}`, import.meta.url).href;
  const loader = fromSources ? import.meta.resolve("tsx/esm/api") : undefined;
  const worker = new Worker(BOOT, { eval: true, workerData: { entry, loader, task } });
  return new Promise<FoldResult>((resolve, reject) => {
    worker.once("message", (answer: { ok: true; result: FoldResult } | { ok: false; error: string }) => (answer.ok ? resolve(answer.result) : reject(new Error(answer.error))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the compaction worker stopped (exit code ${code}) before it answered`)));
  });
}
