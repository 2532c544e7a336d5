/**
 * Persistence of the sandbox state (`--data <file>`): a lowdb document with every tenant's ledger, and an
 * append-only log of the changes made since (`<file>.log`). Each change is written to the log with
 * write(2) before its answer leaves, the requests of one tick sharing one write (group commit), so saving
 * a change costs the same however large the state is. A worker thread folds the log into the document
 * once it passes its limit; the main thread folds it at start (after a crash) and at shutdown.
 * docs/decisions/005-persistence.md says why, and what a crash of the process or of the OS may lose.
 */
import { randomUUID } from "node:crypto";
import { closeSync, existsSync, fdatasyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { crc32 } from "node:zlib";
import type { LedgerSnapshot } from "../core/index.js";
import type { Change, HttpEntry, SandboxStateOptions, TenantHost } from "../http/index.js";
import { encodeRecord, LOG_FORMAT, readLog, replayLog, StateFileError, toLogged, type ScannedLog } from "./change-log.js";
import { foldInWorker, type FoldResult } from "./compaction.js";
import { ensureFolder, lockDataFile, reason, readDocument, STATE_FORMAT, syncPath, writeDocument, type StoredDocument } from "./state-document.js";

export { StateFileError } from "./change-log.js";
export { STATE_FORMAT, type PersistedState } from "./state-document.js";

/**
 * The log is folded into the document once it passes this size (16 MiB, about 35,000 payment creates) or
 * the document's own size, whichever is larger: folding costs about as much as the document is large, so
 * its cost per logged byte stays the same however large the state grows, and a replay at start after a
 * crash never has more to run than the log holds.
 */
export const COMPACT_LOG_BYTES = 16 * 1024 * 1024;

/** Options of the state store. */
export interface StateStoreOptions {
  /** How every tenant starts; a replay depends on the seed and id seed being the same. */
  state?: SandboxStateOptions;
  /** The log size that starts a background fold (default COMPACT_LOG_BYTES, or the document's size if larger). */
  compactAfterBytes?: number;
  /** fdatasync the log after every batch: an answered change then survives an OS crash too (slower). */
  fsync?: boolean;
  /** Where notices go (a torn record dropped, the state saved at shutdown); default console.log. */
  notify?: (message: string) => void;
  /** Called once when the log cannot be written; changes are refused from then on. */
  onFailure?: (error: Error) => void;
}

/** Counters of the store, for tests and the benchmark. */
export interface PersistenceStats {
  /** Writes to the log: one per batch of changes (group commit). */
  batches: number;
  /** Changes logged. */
  records: number;
  /** Size of the active log in bytes. */
  logBytes: number;
  /** Background folds completed. */
  compactions: number;
  /** The longest a background fold held the event loop (renaming the log, starting the worker), in ms. */
  longestPauseMs: number;
  /** The last background fold: what it did, how long it took in its worker, and its pause of the event loop. */
  lastCompaction: (FoldResult & { pauseMs: number }) | undefined;
}

/** The persistence of one data file. */
export interface StateStore {
  readonly file: string;
  /** The tenants' ledgers the document held at open; restore them before `recover`. */
  readonly snapshots: Record<string, LedgerSnapshot> | undefined;
  readonly stats: Readonly<PersistenceStats>;
  /** Replays the logs through the entry, folds them in if there were any, and opens a fresh log. */
  recover(entry: HttpEntry): Promise<void>;
  /** Logs the changes; resolves once they are written (with their tick's batch). */
  commit(changes: Change[]): Promise<void>;
  /** Folds the log into the document now, in the background, and waits for it (tests, the benchmark). */
  compact(): Promise<void>;
  /** Writes any batch, waits for a background fold, saves the whole state into the document and removes the log. */
  close(): Promise<void>;
}

/** What was found on disk at open. */
interface Found {
  stored: StoredDocument;
  store: string;
  /** The document's generation, plus one for each live log replayed on top of it. */
  generation: number;
  /** Logs whose records are not in the document yet, in order. */
  live: ScannedLog[];
  /** Every log file present, removed once the state is saved. */
  files: string[];
  seed: string;
}

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

/** Opens the data file: checks the document and any logs beside it; refuses (StateFileError) what it cannot trust. */
export async function openStateStore(file: string, options: StateStoreOptions = {}): Promise<StateStore> {
  const path = resolve(file);
  ensureFolder(path);
  const unlock = lockDataFile(path);
  try {
    return await scan(path, options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Reads the document and the logs beside it. */
async function scan(path: string, options: StateStoreOptions, unlock: () => void): Promise<StateStore> {
  const stored = await readDocument(path);
  const notify = options.notify ?? ((message: string) => console.log(message));
  const found: Found = {
    stored,
    store: stored.kind === "current" ? stored.document.store : randomUUID(),
    generation: stored.kind === "current" ? stored.document.generation : 0,
    live: [],
    files: [],
    seed: seedKey(options.state ?? {}),
  };
  for (const logFile of [foldingFileOf(path), logFileOf(path)]) {
    if (!existsSync(logFile)) continue;
    found.files.push(logFile);
    const log = readLog(logFile);
    if (log.header && isLive(log, found, path)) {
      found.live.push(log);
      found.generation += 1;
    } else if (log.torn) notify(log.torn);
  }
  return new LogStore(path, found, options, notify, unlock);
}

/** Whether a log's changes are still to be replayed; one that cannot belong to this document is refused. */
function isLive(log: ScannedLog, found: Found, path: string): boolean {
  const header = log.header!;
  const { stored } = found;
  if (stored.kind !== "current") {
    throw new StateFileError(`${log.file} continues the state document ${path}, which is ${stored.kind === "missing" ? "missing or empty" : "of an older format"}; restore the document, or move the log away`);
  }
  if (header.store !== found.store) throw new StateFileError(`${log.file} belongs to another state file than ${path}; move it away`);
  // Folded in already: a fold ended before it could remove the log.
  if (header.base < found.generation) return false;
  if (header.base > found.generation) {
    throw new StateFileError(`${log.file} continues generation ${header.base} of ${path}, which holds generation ${found.generation}: the document was replaced by an older copy; restore the newer one, or move the log away`);
  }
  if (header.seed !== found.seed) {
    throw new StateFileError(`${log.file} was written by a sandbox started with another --seed or --id-seed; start with the same ones, or move the log away to start from ${path} alone`);
  }
  return true;
}

class LogStore implements StateStore {
  readonly stats: PersistenceStats = { batches: 0, records: 0, logBytes: 0, compactions: 0, longestPauseMs: 0, lastCompaction: undefined };
  private entry: HttpEntry | undefined;
  private fd: number | undefined;
  /** The generation the active log's records apply to (its header's base). */
  private generation = 0;
  private pending: string[] = [];
  private batch: Batch | undefined;
  private failure: Error | undefined;
  private folding: Promise<void> | undefined;
  private foldingBroken = false;
  private closing = false;
  private limitBytes: number;

  constructor(
    readonly file: string,
    private readonly found: Found,
    private readonly options: StateStoreOptions,
    private readonly notify: (message: string) => void,
    private readonly unlock: () => void,
  ) {
    this.limitBytes = this.limitFor(found.stored.kind === "current" ? found.stored.bytes : 0);
  }

  get snapshots(): Record<string, LedgerSnapshot> | undefined {
    const { stored } = this.found;
    return stored.kind === "current" ? stored.document.tenants : stored.kind === "legacy" ? stored.tenants : undefined;
  }

  async recover(entry: HttpEntry): Promise<void> {
    try {
      await this.replay(entry);
    } catch (error) {
      this.closing = true;
      this.unlock();
      throw error;
    }
  }

  private async replay(entry: HttpEntry): Promise<void> {
    const { stored, live, files } = this.found;
    let replayed = 0;
    for (const log of live) {
      replayed += replayLog(entry, log);
      if (log.torn) this.notify(log.torn);
    }
    resetClocks(entry.host, this.options.state?.frozenAt);
    if (stored.kind !== "current" || live.length > 0) {
      this.generation = this.found.generation + 1;
      await this.save(entry.host);
      if (live.length > 0) this.notify(`${this.file}: replayed ${replayed} logged changes and folded them in`);
    } else {
      this.generation = this.found.generation;
    }
    // What is left is folded in already, or held no change.
    for (const logFile of files) unlinkSync(logFile);
    this.openLog();
    this.entry = entry;
  }

  commit(changes: Change[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.fd === undefined) return Promise.reject(new Error(`the state store of ${this.file} is not open`));
    for (const change of changes) this.pending.push(encodeRecord(toLogged(change)));
    if (!this.batch) {
      this.batch = newBatch();
      // Every request handled in this turn of the event loop joins the batch; one write serves them all.
      setImmediate(() => this.flush());
    }
    return this.batch.promise;
  }

  async compact(): Promise<void> {
    this.flush();
    while (this.folding) await this.folding;
    if (this.failure || this.closing) return;
    this.foldInBackground();
    await this.folding;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.flush();
    try {
      while (this.folding) await this.folding;
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      if (this.entry) await this.saveAtClose(this.entry.host);
    } finally {
      this.unlock();
    }
  }

  private async saveAtClose(host: TenantHost): Promise<void> {
    const started = performance.now();
    this.generation += 1;
    const saved = await this.save(host);
    // Only now that the document holds every change may the log go.
    for (const logFile of [foldingFileOf(this.file), logFileOf(this.file)]) if (existsSync(logFile)) unlinkSync(logFile);
    syncPath(dirname(this.file));
    const mib = (saved.bytes / 1024 / 1024).toFixed(1);
    this.notify(`saved the sandbox state to ${this.file} (${saved.tenants} tenants, ${saved.payments} payments, ${mib} MiB) in ${Math.round(performance.now() - started)} ms; the change log is folded in`);
  }

  /** Writes the batch of this tick, if any: one write(2) for all its records. */
  private flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    const text = this.pending.join("");
    const count = this.pending.length;
    this.pending = [];
    try {
      if (this.fd === undefined) throw new Error("the log is closed");
      this.stats.logBytes += writeFully(this.fd, text);
      if (this.options.fsync) fdatasyncSync(this.fd);
    } catch (error) {
      batch.reject(this.fail(`cannot write the change log ${logFileOf(this.file)}: ${reason(error)}`));
      return;
    }
    this.stats.batches += 1;
    this.stats.records += count;
    batch.resolve();
    if (this.stats.logBytes >= this.limitBytes && !this.folding && !this.foldingBroken && !this.closing) this.foldInBackground();
  }

  /** Starts a new log and hands the full one to a worker; the event loop only pays for a rename and a thread start. */
  private foldInBackground(): void {
    const started = performance.now();
    const base = this.generation;
    const folded = foldingFileOf(this.file);
    try {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      renameSync(logFileOf(this.file), folded);
      this.generation = base + 1;
      this.openLog();
    } catch (error) {
      this.fail(`cannot start a new change log beside ${this.file}: ${reason(error)}`);
      return;
    }
    let job: Promise<FoldResult>;
    try {
      job = foldInWorker({ file: this.file, log: folded, base, store: this.found.store, state: this.options.state ?? {} });
    } catch (error) {
      job = Promise.reject(error as Error);
    }
    const pauseMs = performance.now() - started;
    this.stats.longestPauseMs = Math.max(this.stats.longestPauseMs, pauseMs);
    this.folding = job
      .then(async (result) => {
        // Off the event loop, and not synced: a folded log that reappears after an OS crash is ignored at start.
        await unlink(folded);
        this.limitBytes = this.limitFor(result.documentBytes);
        this.stats.compactions += 1;
        this.stats.lastCompaction = { ...result, pauseMs };
      })
      .catch((error: unknown) => {
        // The log stays the record of these changes: it is replayed at start, or folded in at shutdown.
        this.foldingBroken = true;
        this.notify(`finlego-sandbox: could not fold ${folded} into ${this.file}: ${(error as Error).message}. The log grows until shutdown, which folds it in.`);
      })
      .finally(() => {
        this.folding = undefined;
      });
  }

  /** Saves every tenant's ledger as the document of the current generation (start after a crash, shutdown). */
  private async save(host: TenantHost): Promise<{ tenants: number; payments: number; bytes: number }> {
    const tenants = host.export();
    const bytes = await writeDocument(this.file, { format: STATE_FORMAT, store: this.found.store, generation: this.generation, savedAt: new Date().toISOString(), tenants });
    this.limitBytes = this.limitFor(bytes);
    const payments = Object.values(tenants).reduce((sum, ledger) => sum + ledger.payments.length, 0);
    return { tenants: Object.keys(tenants).length, payments, bytes };
  }

  /** Creates the active log with its header; failing here (a read-only folder) stops the start, naming the file. */
  private openLog(): void {
    const logFile = logFileOf(this.file);
    const header = encodeRecord({ format: LOG_FORMAT, store: this.found.store, base: this.generation, seed: this.found.seed, createdAt: new Date().toISOString() });
    try {
      this.fd = openSync(logFile, "ax");
      this.stats.logBytes = writeFully(this.fd, header);
      // Only a log whose batches are synced needs its folder entry synced too; the event loop waits for it.
      if (this.options.fsync) syncPath(dirname(this.file));
    } catch (error) {
      throw new StateFileError(`cannot write the change log ${logFile}: ${reason(error)}`);
    }
  }

  private fail(message: string): Error {
    this.failure ??= new Error(`${message}. The sandbox refuses changes from now on; what was answered before is on disk.`);
    this.notify(`finlego-sandbox: ${this.failure.message}`);
    this.options.onFailure?.(this.failure);
    return this.failure;
  }

  private limitFor(documentBytes: number): number {
    return Math.max(this.options.compactAfterBytes ?? COMPACT_LOG_BYTES, this.options.compactAfterBytes === undefined ? documentBytes : 0);
  }
}

/** The active change log of a data file. */
export function logFileOf(file: string): string {
  return `${file}.log`;
}

/** A full log while a worker folds it into the document. */
export function foldingFileOf(file: string): string {
  return `${file}.log.folding`;
}

/** Clock settings are not persisted: replay pinned each tenant's clock, so every clock starts as configured. */
function resetClocks(host: TenantHost, frozenAt: number | undefined): void {
  for (const tenant of host.list()) tenant.state.clock.set(frozenAt ?? Date.now(), frozenAt !== undefined);
}

/** A checksum of what replayed tenant creations depend on: the id seed and the seed fixture. */
function seedKey(state: SandboxStateOptions): string {
  return crc32(JSON.stringify({ seed: state.seed ?? 1, fixture: state.fixture ?? null })).toString(16).padStart(8, "0");
}

function writeFully(fd: number, text: string): number {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  return bytes.length;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
