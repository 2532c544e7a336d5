/** Test helpers that drive the sandbox's HTTP entry in-process, validating every response against the spec. */
import { expect } from "vitest";
import { SandboxState, type HttpEntry, type SandboxStateOptions } from "../../sandbox/http/index.js";
import type { Json } from "./spec.js";
import { validatedEntry } from "./validated.js";

/** One answer, with the body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  json: Json;
  text: string | undefined;
}

/** Options of one call. */
export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding), for malformed-input tests. */
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number>;
}

/** An in-process sandbox with a `call` helper. Every response is checked against the spec by the entry. */
export interface TestSandbox {
  entry: HttpEntry;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
}

/** Starts an in-process sandbox (demo data, frozen clock unless told otherwise). */
export function testSandbox(options: SandboxStateOptions = {}): TestSandbox {
  const state = new SandboxState({ frozenAt: Date.parse("2026-03-02T10:00:00Z"), ...options });
  const entry = validatedEntry({ state });
  return {
    entry,
    call: async (method, path, { body, rawBody, headers = {}, query } = {}) => {
      const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const lowered = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      if (text !== undefined) lowered["content-type"] ??= "application/json";
      const queryString = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString() : "";
      const answer = await entry.handle({ method, path, query: queryString, headers: lowered, body: text });
      // The entry turns a response outside the spec into a 500 responseContractViolation: never expected.
      expect(answer.status, answer.body).not.toBe(500);
      const isJson = answer.headers["content-type"]?.includes("json") ?? false;
      return { status: answer.status, headers: answer.headers, json: isJson && answer.body ? JSON.parse(answer.body) : undefined, text: answer.body };
    },
  };
}

/** A client of the demo data and accounts made for one test over the API itself. */
export interface Scenario {
  clientId: string;
  treasuryEur: string;
  /** Creates an active client account in eur for the scenario's client, funded from the treasury. */
  clientAccount(fundMajor?: number, currency?: string): Promise<string>;
  /** Creates a system account (fee by default). */
  systemAccount(type?: string, currency?: string): Promise<string>;
  /** Reads an account through the ledger view. */
  account(id: string): Promise<Json>;
}

/** Builds accounts for a test through the API: client accounts are funded by treasury payments. */
export async function scenario(sandbox: TestSandbox): Promise<Scenario> {
  const list = await sandbox.call("GET", "/v2/ledger/internal/Accounts", { query: { pageSize: 100 } });
  const clientId = list.json.items.find((a: Json) => a.type === "client").clientId;
  const treasuryOf = (currency: string) => list.json.items.find((a: Json) => a.type === "treasury" && a.currency === currency).id;
  const create = async (body: Json) => {
    const reply = await sandbox.call("POST", "/v2/internal/Accounts", { body });
    expect(reply.status, reply.text).toBe(200);
    return reply.json.id as string;
  };
  return {
    clientId,
    treasuryEur: treasuryOf("eur"),
    clientAccount: async (fundMajor = 0, currency = "eur") => {
      const id = await create({ clientId, currency, type: "client" });
      if (fundMajor > 0) {
        // Funded as money from outside arrives: the control API's simulation, the treasury paying the account.
        const funded = await sandbox.call("POST", "/__sandbox/simulations/incoming-payment", { body: { accountId: id, amount: fundMajor } });
        expect(funded.status, funded.text).toBe(200);
      }
      return id;
    },
    systemAccount: (type = "fee", currency = "eur") => create({ currency, type }),
    account: async (id) => (await sandbox.call("GET", `/v2/ledger/internal/Accounts/${id}`)).json,
  };
}
