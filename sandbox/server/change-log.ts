/**
 * The change log's file format and its replay. A log is a header record, then one record per change, each
 * framed as `<length: 8 hex> <CRC-32: 8 hex> <JSON>\n`. JSON.stringify never writes a raw newline, so the
 * bytes after the last newline are the only place a crash can leave a torn record: a bad record there is
 * dropped, a bad record anywhere else means the file was damaged, and it is refused.
 */
import { readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import type { Change, HttpEntry, RequestApplied, StepsSettled, TenantCreated } from "../http/index.js";

/** The format named in every log's header. */
export const LOG_FORMAT = "finlego-sandbox/log@1";

/** A state file (document or log) that cannot be used; the message names the file and what is wrong. */
export class StateFileError extends Error {
  override readonly name = "StateFileError";
}

/** The first record of a log: whose it is and which document it continues. */
export interface LogHeader {
  format: typeof LOG_FORMAT;
  /** The id of the state document this log belongs to. */
  store: string;
  /** The document generation the records apply to. */
  base: number;
  /** A checksum of the seed and id seed, which replayed tenant creations depend on. */
  seed: string;
  createdAt: string;
}

/** A change as the log keeps it: the answer's body only as its CRC-32. */
export type LoggedChange = TenantCreated | StepsSettled | (Omit<RequestApplied, "answer"> & { answerCrc?: number });

/** One record read back, numbered from 1 after the header. */
export interface LogRecord {
  number: number;
  change: LoggedChange;
}

/** A log file as read at start. */
export interface ScannedLog {
  file: string;
  /** Undefined when the file is empty or holds only a torn header (a crash right after it was made). */
  header: LogHeader | undefined;
  records: LogRecord[];
  /** Set when a torn last record was dropped: the one-line notice to print. */
  torn?: string;
}

/** The framed record of a header or a change. */
export function encodeRecord(payload: LogHeader | LoggedChange): string {
  const json = JSON.stringify(payload);
  return `${hex8(Buffer.byteLength(json))} ${hex8(crc32(json))} ${json}\n`;
}

/** The change as the log keeps it. */
export function toLogged(change: Change): LoggedChange {
  if (change.kind !== "request") return change;
  const { answer, ...rest } = change;
  return answer === undefined ? rest : { ...rest, answerCrc: crc32(answer) };
}

/** Reads a log file; a foreign, damaged or unknown file is refused with a StateFileError naming it. */
export function readLog(file: string): ScannedLog {
  const bytes = readFileSync(file);
  const records: LogRecord[] = [];
  let header: LogHeader | undefined;
  let offset = 0;
  while (offset < bytes.length) {
    const number = records.length + (header ? 1 : 0);
    const frame = frameAt(bytes, offset);
    if (frame.kind === "torn") {
      if (!header && !couldBeHeader(bytes)) throw new StateFileError(`${file} is not a finlego-sandbox log: it does not start with a log header`);
      const what = header ? `record ${number}` : "its header";
      return { file, header, records, torn: `${file}: dropped a torn last record (${what}, ${bytes.length - offset} bytes at byte ${offset}), cut short by a crash` };
    }
    if (frame.kind === "damaged") {
      if (!header) throw new StateFileError(`${file} is not a finlego-sandbox log: it does not start with a log header`);
      throw new StateFileError(`${file} is damaged at record ${number} (byte ${offset}): ${frame.why}, and records follow it. Nothing was changed; restore the file or move it away to start from the state document alone (losing the changes it holds).`);
    }
    const value = parseRecord(frame.json);
    if (value === undefined) throw new StateFileError(`${file} ${header ? `is damaged at record ${number}` : "is not a finlego-sandbox log"}: a record is not JSON`);
    if (!header) header = checkHeader(value, file);
    else records.push({ number, change: checkChange(value, file, number) });
    offset = frame.end;
  }
  return { file, header, records };
}

/** Runs a log's records again through the entry; any answer that differs from the logged one is refused, naming the record. */
export function replayLog(entry: HttpEntry, log: ScannedLog): number {
  for (const { number, change } of log.records) {
    const result = entry.replay(change);
    const at = `${log.file} record ${number}`;
    if (!result.ok) throw new StateFileError(`${at} does not fit the state: ${result.problem}. The file does not match this state or this version of the sandbox.`);
    if (change.kind !== "request" || !result.response) continue;
    const { status, body } = result.response;
    const request = `${change.method} ${change.path}${change.query ? `?${change.query}` : ""}`;
    if (status !== change.status) {
      throw new StateFileError(`${at} (${request}) was answered ${change.status} but answers ${status} on replay: the file does not match this version of the sandbox or its --seed/--id-seed.`);
    }
    if (change.answerCrc !== undefined && (body === undefined || crc32(body) !== change.answerCrc)) {
      throw new StateFileError(`${at} (${request}) answers differently on replay: the file does not match this version of the sandbox or its --seed/--id-seed.`);
    }
  }
  return log.records.length;
}

type Frame = { kind: "whole"; json: string; end: number } | { kind: "torn" } | { kind: "damaged"; why: string };

const FRAME_HEAD = /^([0-9a-f]{8}) ([0-9a-f]{8}) $/;
const HEAD_BYTES = 18;
const NEWLINE = 0x0a;

function frameAt(bytes: Buffer, offset: number): Frame {
  const lastNewline = bytes.indexOf(NEWLINE, offset);
  // Nothing but this record's own end follows: whatever is wrong with it, a crash mid-write explains it.
  const isLast = lastNewline === -1 || lastNewline === bytes.length - 1;
  const bad = (why: string): Frame => (isLast ? { kind: "torn" } : { kind: "damaged", why });
  const head = FRAME_HEAD.exec(bytes.toString("latin1", offset, offset + HEAD_BYTES));
  if (!head) return bad("it is not a record frame");
  const start = offset + HEAD_BYTES;
  const end = start + parseInt(head[1]!, 16);
  if (end >= bytes.length) return bad("its length runs past the end of the file");
  const payload = bytes.subarray(start, end);
  if (bytes[end] !== NEWLINE || crc32(payload) !== parseInt(head[2]!, 16)) return bad("its checksum does not match");
  return { kind: "whole", json: payload.toString("utf8"), end: end + 1 };
}

/** Whether a file that ends inside its first record began as a log header (or was zero-filled by an OS crash). */
function couldBeHeader(bytes: Buffer): boolean {
  if (bytes.every((b) => b === 0)) return true;
  const expected = `00000000 00000000 {"format":"${LOG_FORMAT}"`;
  const text = bytes.toString("latin1", 0, Math.min(bytes.length, expected.length));
  return [...text].every((c, i) => (i < 17 && i !== 8 ? /[0-9a-f]/.test(c) : c === expected[i]));
}

function checkHeader(value: unknown, file: string): LogHeader {
  const header = value as Partial<LogHeader> | null;
  if (header?.format !== LOG_FORMAT) {
    const format = typeof header?.format === "string" ? ` (${header.format})` : "";
    throw new StateFileError(`${file} is not a log this version of finlego-sandbox reads${format}; it reads ${LOG_FORMAT}`);
  }
  if (typeof header.store !== "string" || !Number.isSafeInteger(header.base) || typeof header.seed !== "string") throw new StateFileError(`${file} has a malformed log header`);
  return header as LogHeader;
}

function checkChange(value: unknown, file: string, number: number): LoggedChange {
  const change = value as { [field in keyof RequestApplied]?: unknown } | null;
  const fine =
    change !== null &&
    typeof change.tenant === "string" &&
    Number.isSafeInteger(change.atMs) &&
    (change.kind === "tenant" ||
      change.kind === "settle" ||
      (change.kind === "request" && typeof change.method === "string" && typeof change.path === "string" && typeof change.query === "string" && typeof change.headers === "object" && change.headers !== null && Number.isInteger(change.status)));
  if (!fine) throw new StateFileError(`${file} record ${number} is not a change this version of finlego-sandbox knows`);
  return change as LoggedChange;
}

function parseRecord(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}
