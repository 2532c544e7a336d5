/**
 * lowdb persistence of the sandbox state. Writes are atomic (lowdb writes a temporary file and renames
 * it) and coalesced: however many requests change the state, at most one write is in flight and at most
 * one more is queued, so under load the file is rewritten a few times a second, not once per request.
 */
import { JSONFile } from "lowdb/node";
import { Low } from "lowdb";
import type { LedgerSnapshot } from "../core/index.js";

/** The persisted document: every tenant's ledger. */
export interface PersistedState {
  format: "finlego-sandbox/state@2";
  savedAt: string;
  tenants: Record<string, LedgerSnapshot>;
}

/** A coalescing writer of one state file. */
export interface StateStore {
  /** The tenants' ledgers read at open, if the file held them. */
  readonly initial: Record<string, LedgerSnapshot> | undefined;
  /** Marks the state changed; the write happens soon, coalesced with other changes. */
  changed(): void;
  /** Writes any pending change now and waits for it. */
  flush(): Promise<void>;
  /** How many times the file was written (for tests and the benchmark). */
  readonly writes: number;
}

/** Opens (or creates on first write) a state file; `snapshot` is called when a write happens. */
export async function openStateStore(file: string, snapshot: () => Record<string, LedgerSnapshot>, delayMs = 50): Promise<StateStore> {
  const db = new Low<PersistedState | null>(new JSONFile<PersistedState | null>(file), null);
  await db.read();
  const initial = db.data?.format === "finlego-sandbox/state@2" ? db.data.tenants : undefined;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let writes = 0;

  const writeNow = async (): Promise<void> => {
    while (inFlight) await inFlight;
    if (!dirty) return;
    dirty = false;
    db.data = { format: "finlego-sandbox/state@2", savedAt: new Date().toISOString(), tenants: snapshot() };
    inFlight = db.write().finally(() => {
      inFlight = undefined;
      writes++;
    });
    await inFlight;
  };

  return {
    initial,
    get writes() {
      return writes;
    },
    changed() {
      dirty = true;
      timer ??= setTimeout(() => {
        timer = undefined;
        void writeNow().catch((error: unknown) => console.error("could not save the sandbox state:", error));
      }, delayMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await writeNow();
    },
  };
}
