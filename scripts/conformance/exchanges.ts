/**
 * Every request of the conformance run goes through one of two Prism proxies in front of the sandbox, and
 * every answer is judged here: the violations Prism reports in its `sl-violations` header (Warnings, such
 * as an undocumented status, which `--errors` lets through), an answer Prism made itself instead of
 * forwarding the sandbox's, a 500 nobody asked for, and a status or code other than the scenario expected.
 */
import type { HttpEntry } from "../../sandbox/http/index.js";
import { finlegoApi } from "../../sandbox/http/apis.js";
import type { CallOptions, Reply, TestSandbox } from "../../test/support/http.js";
import type { Json } from "../../test/support/spec.js";
import type { ProxyMode } from "../prism.js";

/** The parts of the run, in the order they run. */
export type Section = "valid" | "prefer" | "invalid" | "state" | "outage";

/** Where the run's requests go. */
export interface Upstreams {
  /** The sandbox itself: control requests (/__sandbox) go straight to it. */
  sandbox: string;
  /** Prism proxies in front of it, by how they treat requests. */
  proxies: Record<ProxyMode, string>;
}

/** What the scenario expects of an answer. */
export interface Expected {
  status: number;
  code?: string;
}

/** One request through Prism and how it was judged. */
export interface Exchange {
  section: Section;
  proxy: ProxyMode;
  method: string;
  path: string;
  /** The spec operation the path routes to (case-insensitively, as the sandbox routes), or null. */
  operationId: string | null;
  status: number;
  code: string | undefined;
  /** What Prism reported, or why the answer is not the sandbox's. */
  violations: string[];
  /** How the answer differs from what the scenario expected. */
  mismatch: string | undefined;
}

/** A request as the scenario first sent it and the sandbox accepted it (a 2xx); later sections replay it. */
export interface ValidRequest {
  method: string;
  path: string;
  options: CallOptions;
}

/** The type prefix of the problems Prism writes itself (its 422 for invalid requests, 401, 404, VIOLATIONS). */
const PRISM_PROBLEM = "https://stoplight.io/prism/errors#";

/**
 * Prism's body parser refuses a body over 10 MB with its own 413 (micri's `10mb` limit), so a request that
 * carries more (filling a tenant's document storage, say) goes to the sandbox directly and is not judged.
 */
export const PRISM_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The exchanges of one run, and the faces through which the scenario sends them. */
export class Exchanges {
  readonly all: Exchange[] = [];
  /** The first request per operation that the sandbox answered with a 2xx through the validating proxy. */
  readonly valid = new Map<string, ValidRequest>();
  /** Requests whose bodies Prism cannot carry, sent to the sandbox directly. */
  pastPrism = 0;
  /** Steps of the scenario that could not be run (a setup request refused, say), as failures of the run. */
  readonly broken: string[] = [];
  section: Section = "valid";

  constructor(
    private readonly upstreams: Upstreams,
    private readonly entry: HttpEntry,
  ) {}

  /**
   * The TestSandbox face (test/support/http.ts) through one proxy, so the repository's scenario helper and
   * error-trigger registry drive requests through Prism; control requests go to the sandbox directly.
   */
  through(proxy: ProxyMode): TestSandbox {
    return { entry: this.entry, call: (method, path, options = {}) => this.send(proxy, method, path, options) };
  }

  /** Sends one request and records it; with `expected`, a different status or code is recorded as a mismatch. */
  async send(proxy: ProxyMode, method: string, path: string, options: CallOptions = {}, expected?: Expected): Promise<Reply> {
    const control = path.toLowerCase().startsWith("/__sandbox");
    const tooLargeForPrism = bodyBytes(options) > PRISM_MAX_BODY_BYTES;
    // Prism reads a form's single `files` part as a string where the schema says array, and refuses a valid
    // upload itself: forms go through the proxy that passes requests on (their answers are judged all the same).
    const via: ProxyMode = isMultipart(options) ? "passing" : proxy;
    const reply = await request(control || tooLargeForPrism ? this.upstreams.sandbox : this.upstreams.proxies[via], method, path, options);
    if (tooLargeForPrism) this.pastPrism++;
    if (control || tooLargeForPrism) return reply;
    const route = finlegoApi.router.match(method, path);
    const operationId = route.kind === "found" ? route.route.operationId : null;
    const code = typeof reply.json?.code === "string" ? (reply.json.code as string) : undefined;
    this.all.push({ section: this.section, proxy: via, method, path, operationId, status: reply.status, code, violations: judge(reply, expected), mismatch: mismatchOf(reply.status, code, expected) });
    if (operationId && proxy === "validating" && reply.status < 300 && !this.valid.has(operationId)) this.valid.set(operationId, { method, path, options });
    return reply;
  }
}

/** True for a multipart/form-data request (a document upload). */
export function isMultipart(options: CallOptions): boolean {
  const type = Object.entries(options.headers ?? {}).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  return type?.toLowerCase().startsWith("multipart/form-data") ?? false;
}

function bodyBytes({ body, rawBody }: CallOptions): number {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  return text === undefined ? 0 : Buffer.byteLength(text);
}

/** Sends a request as test/support/http.ts's in-process helper does, over HTTP. */
async function request(base: string, method: string, path: string, { body, rawBody, headers = {}, query }: CallOptions): Promise<Reply> {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const sent = new Headers(headers);
  if (text !== undefined && !sent.has("content-type")) sent.set("content-type", "application/json");
  const search = query ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}` : "";
  const send = () => fetch(`${base}${path}${search}`, { method, headers: sent, ...(text !== undefined && { body: text }) });
  // A kept-alive connection the proxy closes just as a request goes out fails with a reset; a read is safe to send again.
  const response = await send().catch((error: unknown) => (method === "GET" ? send() : Promise.reject(error)));
  const answer = await response.text();
  const received = Object.fromEntries(response.headers);
  const json: Json = received["content-type"]?.includes("json") && answer ? JSON.parse(answer) : undefined;
  return { status: response.status, headers: received, json, text: answer === "" ? undefined : answer };
}

/** Prism's verdict on one answer, as a list of findings (empty when the answer conforms). */
function judge(reply: Reply, expected: Expected | undefined): string[] {
  const findings: string[] = [];
  const header = reply.headers["sl-violations"];
  if (header) findings.push(...violationsOf(header));
  const type = reply.json?.type;
  if (typeof type === "string" && type.startsWith(PRISM_PROBLEM)) {
    const details = Array.isArray(reply.json.validation) ? reply.json.validation.map((v: Json) => String(v.message)).join("; ") : String(reply.json.detail ?? "");
    findings.push(`Prism answered ${reply.status} itself (${type.slice(PRISM_PROBLEM.length)}): ${details}`);
  } else if (reply.json?.error?.code !== undefined && reply.json.code === undefined) {
    // Prism's own body parser refusing the request before it is forwarded: {"error":{"code":"invalid_json",...}}.
    findings.push(`Prism answered ${reply.status} itself: ${JSON.stringify(reply.json.error)}`);
  }
  // A 500 is a bug in the sandbox unless the scenario asked for one (Prefer: code=500).
  if (reply.status === 500 && expected?.status !== 500) findings.push(`the sandbox answered 500: ${reply.text ?? ""}`);
  return findings;
}

/** The messages of an `sl-violations` header: a JSON array of {location, severity, message}. */
function violationsOf(header: string): string[] {
  try {
    const list = JSON.parse(header) as { location?: string[]; severity?: string; message?: string }[];
    return list.map((v) => `${v.severity ?? "?"} at ${(v.location ?? []).join(".") || "?"}: ${v.message ?? ""}`);
  } catch {
    // Prism cuts a long list short ("Too many violations! ..."), which is no longer JSON.
    return [header];
  }
}

function mismatchOf(status: number, code: string | undefined, expected: Expected | undefined): string | undefined {
  if (!expected) return undefined;
  if (status === expected.status && (expected.code === undefined || code === expected.code)) return undefined;
  const want = `${expected.status}${expected.code ? ` ${expected.code}` : ""}`;
  return `expected ${want}, got ${status}${code ? ` ${code}` : ""}`;
}
