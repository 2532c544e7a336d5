/**
 * The state document: a lowdb JSON file holding every tenant's ledger as of one generation of the change
 * log. lowdb writes it atomically (a temporary file renamed over it); it is synced to disk before the logs
 * it replaces are removed.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { Low } from "lowdb";
import { DataFile } from "lowdb/node";
import type { LedgerSnapshot } from "../core/index.js";
import { StateFileError } from "./change-log.js";

/** The document format this version writes. */
export const STATE_FORMAT = "finlego-sandbox/state@3";

/** The format before the change log (whole snapshots, rewritten on a timer); read, then rewritten as STATE_FORMAT. */
export const LEGACY_STATE_FORMAT = "finlego-sandbox/state@2";

/** The persisted document: every tenant's ledger. */
export interface PersistedState {
  format: typeof STATE_FORMAT;
  /** Names this state: its logs carry the same id, so a log beside another document is refused. */
  store: string;
  /** The document holds every change of the logs whose base is below this number; the next log's base is this. */
  generation: number;
  savedAt: string;
  tenants: Record<string, LedgerSnapshot>;
}

/** What the data file held at start. */
export type StoredDocument = { kind: "missing" } | { kind: "legacy"; tenants: Record<string, LedgerSnapshot> } | { kind: "current"; document: PersistedState; bytes: number };

/** Reads the document; a file that is not one (or of another version) is refused with a StateFileError naming it. */
export async function readDocument(file: string): Promise<StoredDocument> {
  const size = sizeOf(file);
  // An empty file holds nothing to lose (a placeholder made with touch or mktemp): it counts as no state yet.
  if (size === undefined || size === 0) return { kind: "missing" };
  const db = new Low<unknown>(new DataFile<unknown>(file, { parse: JSON.parse, stringify: JSON.stringify }), null);
  try {
    await db.read();
  } catch (error) {
    if (error instanceof SyntaxError) throw new StateFileError(`${file} is not a finlego-sandbox state file: it is not JSON (${error.message})`);
    throw new StateFileError(`cannot read ${file}: ${reason(error)}`);
  }
  const data = db.data as { [field in keyof PersistedState]?: unknown } | null;
  if (data?.format === LEGACY_STATE_FORMAT && isRecord(data.tenants)) return { kind: "legacy", tenants: data.tenants };
  if (data?.format === STATE_FORMAT && typeof data.store === "string" && Number.isSafeInteger(data.generation) && isRecord(data.tenants)) {
    return { kind: "current", document: data as PersistedState, bytes: size };
  }
  const format = typeof data?.format === "string" ? `its format is ${data.format}` : "it has no finlego-sandbox format";
  throw new StateFileError(`${file} is not a state file this version of finlego-sandbox reads: ${format} (it reads ${STATE_FORMAT} and ${LEGACY_STATE_FORMAT})`);
}

/** Writes the document atomically through lowdb, syncs it and its folder to disk, and returns its size in bytes. */
export async function writeDocument(file: string, document: PersistedState): Promise<number> {
  const db = new Low<PersistedState>(new DataFile<PersistedState>(file, { parse: JSON.parse, stringify: JSON.stringify }), document);
  try {
    await db.write();
    syncPath(file);
    syncPath(dirname(file));
  } catch (error) {
    throw new StateFileError(`cannot write ${file}: ${reason(error)}`);
  }
  return sizeOf(file) ?? 0;
}

/**
 * Makes the data file's folder when it is missing (like mkdir -p), one level at a time: a recursive
 * mkdir spins forever on some pseudo file systems (/proc) instead of failing.
 */
export function ensureFolder(file: string): void {
  const folder = dirname(file);
  const missing: string[] = [];
  for (let dir = folder; !exists(dir); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      throw new StateFileError(`cannot create the folder ${dir} for the state file ${file}: ${reason(error)}`);
    }
  }
  if (!statSync(folder).isDirectory()) throw new StateFileError(`cannot keep the state file ${file}: ${folder} is not a folder`);
  if (exists(file) && !statSync(file).isFile()) throw new StateFileError(`cannot keep the state in ${file}: it is not a regular file`);
}

/**
 * Claims the data file for this process (`<file>.lock` holding its pid), so that a second sandbox on the
 * same file is refused instead of removing the first one's log. A lock whose process is gone is taken over.
 * Returns the function that releases it.
 */
export function lockDataFile(file: string): () => void {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => unlinkSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new StateFileError(`cannot write beside the state file ${file}: ${lock}: ${reason(error)}`);
    }
    const pid = Number(readFileSync(lock, "utf8"));
    if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new StateFileError(`${file} is in use by process ${pid}${pid === process.pid ? " (this one)" : ""}; stop that sandbox first (or remove ${lock} if no sandbox runs)`);
    }
    unlinkSync(lock);
  }
  throw new StateFileError(`cannot claim ${file}: ${lock} keeps appearing`);
}

/** Flushes a file (or a folder's entries) to disk; folders that cannot be opened for it (Windows) are skipped. */
export function syncPath(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if (statSync(path).isDirectory()) return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!statSync(path).isDirectory()) throw error;
  } finally {
    closeSync(fd);
  }
}

/** The system's short reason for an I/O error (EACCES: permission denied), or the message. */
export function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = { EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system", ENOSPC: "no space left on the device", ENOTDIR: "a part of the path is not a folder", ENOENT: "no such file or folder", EISDIR: "it is a folder" };
  return code ? `${known[code] ?? code} (${code})` : message;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  return sizeOf(path) !== undefined;
}

function isRecord(value: unknown): value is Record<string, LedgerSnapshot> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
