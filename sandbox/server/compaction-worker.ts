/** The compaction worker thread: folds one log into the state document and reports back (see compaction.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { foldLog, type FoldTask } from "./compaction.js";

const { task } = workerData as { task: FoldTask };
try {
  parentPort!.postMessage({ ok: true, result: await foldLog(task) });
} catch (error) {
  parentPort!.postMessage({ ok: false, error: (error as Error).message });
}
