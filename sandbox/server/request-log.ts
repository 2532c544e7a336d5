/**
 * The request log the command prints: one line per request, for a person (`pretty`, coloured on a terminal)
 * or for tools (`json`, one object per line). It listens on the entry's `onAnswered` hook.
 */
import { DEFAULT_TENANT, type AnsweredRequest } from "../http/index.js";

/** The forms of the request log. */
export const REQUEST_LOG_FORMATS = ["pretty", "json"] as const;

/** A form of the request log: `pretty` for a person, `json` for tools. */
export type RequestLogFormat = (typeof REQUEST_LOG_FORMATS)[number];

/** Options of the request log. */
export interface RequestLogOptions {
  format: RequestLogFormat;
  /** ANSI colours in the `pretty` form (default off). */
  color?: boolean;
  /** Where each line goes, without its newline (default: standard output). */
  write?: (line: string) => void;
}

/**
 * Whether a request makes a line: every FinLego request but an observer's read, and the control requests
 * that change something. Control reads are what tests and the inspector poll; a line each would bury the
 * app's requests (docs/decisions/016-pages-log-and-inspector.md).
 */
export function isLogged(answered: AnsweredRequest): boolean {
  if (answered.observer) return false;
  return !answered.control || !isRead(answered.record.method);
}

/** The `onAnswered` listener that writes the log. */
export function createRequestLog(options: RequestLogOptions): (answered: AnsweredRequest) => void {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const paint = options.color ? COLORS : NO_COLORS;
  const format = options.format === "json" ? jsonLine : (answered: AnsweredRequest) => prettyLine(answered, paint);
  return (answered) => {
    if (isLogged(answered)) write(format(answered));
  };
}

/** The fields of the journal's entries (`GET /__sandbox/journal`), with the tenant and whether it was a control request. */
function jsonLine({ tenant, control, record }: AnsweredRequest): string {
  const { method, path, query, operationId, status, durationMs, fault } = record;
  return JSON.stringify({ at: new Date(record.atMs).toISOString(), tenant, control, method, path, query, operationId, status, durationMs, fault });
}

/** `10:42:01.250 [team-a] POST /internal/Payments 422 1.2 ms (rule rule-1)`: the tenant only when not the default. */
function prettyLine({ tenant, record }: AnsweredRequest, paint: Paint): string {
  const parts = [paint.dim(clockTime(record.atMs))];
  if (tenant !== DEFAULT_TENANT) parts.push(paint.tenant(`[${printable(tenant)}]`));
  parts.push(paint.method(record.method), printable(record.query ? `${record.path}?${record.query}` : record.path));
  parts.push(paint.status(record.status, String(record.status)), paint.dim(`${record.durationMs.toFixed(1)} ms`));
  if (record.fault) parts.push(paint.forced(`(${forcedBy(record.fault)})`));
  return parts.join(" ");
}

/** How the journal's `fault` reads in a line: `prefer`, `magic` or `rule:<id>`. */
function forcedBy(fault: string): string {
  if (fault === "prefer") return "Prefer";
  if (fault === "magic") return "magic value";
  return fault.startsWith("rule:") ? `rule ${fault.slice("rule:".length)}` : fault;
}

function clockTime(atMs: number): string {
  const at = new Date(atMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, "0")}`;
}

/** What a request sent may hold that a terminal would act on (control characters) is shown as `?`. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, "?");
}

function isRead(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

interface Paint {
  dim(text: string): string;
  tenant(text: string): string;
  method(text: string): string;
  status(status: number, text: string): string;
  forced(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const [dim, bold, red, green, yellow, magenta, cyan] = [sgr(2, 22), sgr(1, 22), sgr(31, 39), sgr(32, 39), sgr(33, 39), sgr(35, 39), sgr(36, 39)];

const COLORS: Paint = {
  dim,
  tenant: cyan,
  method: bold,
  status: (status, text) => (status >= 500 ? red : status >= 400 ? yellow : status >= 300 ? cyan : green)(text),
  forced: magenta,
};

const same = (text: string) => text;
const NO_COLORS: Paint = { dim: same, tenant: same, method: same, status: (_status, text) => text, forced: same };
