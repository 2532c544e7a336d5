import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFinlegoClient, createSandboxControlClient, type SandboxControlClient, type SandboxControlComponents } from "../../client/index.js";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { type RunningSandbox } from "../../sandbox/server/index.js";
import { startValidatedSandbox } from "../support/validated.js";

const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

let sandbox: RunningSandbox;
let control: SandboxControlClient;
beforeEach(async () => {
  sandbox = await startValidatedSandbox({ port: 0 });
  control = createSandboxControlClient({ baseUrl: sandbox.url });
});
afterEach(async () => {
  await sandbox.close();
});

async function addRule(body: SandboxControlComponents["schemas"]["FaultRuleInput"], client = control) {
  const added = await client.POST("/__sandbox/faults", { body });
  expect(added.response.status).toBe(201);
  return added.data!;
}

/** A GET through node:http on a fresh connection: the status, or the error the client saw. */
function httpGet(url: string): Promise<{ status?: number; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode! }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error }));
    req.end();
  });
}

/** What a raw TCP client (as curl) sees for one request: the bytes answered and how the connection ended. */
function rawExchange(url: string, path: string): Promise<{ bytes: string; error?: string; ended: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ""));
    let bytes = "";
    let ended = false;
    let error: string | undefined;
    socket.on("connect", () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
    socket.on("data", (chunk) => (bytes += chunk.toString("latin1")));
    socket.on("end", () => (ended = true));
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code));
    socket.on("close", () => resolve({ bytes, ended, ...(error !== undefined && { error }) }));
  });
}

describe("broken connections over a real socket", () => {
  it("resets the connection for a connectionReset rule: fetch rejects with a network error, node:http sees ECONNRESET", async () => {
    await addRule({ match: { method: "GET", path: "/internal/Transactions" }, respond: { fault: "connectionReset" } });
    const url = `${sandbox.url}/internal/Transactions`;
    const failure = await fetch(url).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    const { status, error } = await httpGet(url);
    expect(status).toBeUndefined();
    expect(error?.code).toBe("ECONNRESET");
    expect(error?.message).toBe("read ECONNRESET");
    // Like curl's "Recv failure: Connection reset by peer": not a byte, then a reset.
    const raw = await rawExchange(sandbox.url, "/internal/Transactions");
    expect(raw).toEqual({ bytes: "", ended: false, error: "ECONNRESET" });
  });

  it("closes the connection without a byte for an emptyResponse rule: fetch rejects, node:http sees a socket hang up", async () => {
    await addRule({ match: { method: "GET", path: "/internal/Transactions" }, respond: { fault: "emptyResponse" } });
    const url = `${sandbox.url}/internal/Transactions`;
    await expect(fetch(url)).rejects.toBeInstanceOf(TypeError);
    const { status, error } = await httpGet(url);
    expect(status).toBeUndefined();
    expect(error?.message).toBe("socket hang up");
    // Like curl's "Empty reply from server": an orderly close, not a reset.
    const raw = await rawExchange(sandbox.url, "/internal/Transactions");
    expect(raw).toEqual({ bytes: "", ended: true });
  });

  it("breaks the connection once with times: 1, then answers the next request normally", async () => {
    await addRule({ match: { operationId: "createPayment" }, respond: { fault: "connectionReset" }, times: 1 });
    const bank = createFinlegoClient({ baseUrl: sandbox.url });
    const body = { parentId: PARENT, parentType: "transfer" as const, debtorAccountId: DEMO_IDS.treasury.eur, creditorAccountId: DEMO_IDS.accounts.emmaEur, currency: "eur" as const, amount: 10 };
    const before = JSON.stringify(sandbox.entry.state.export());
    await expect(bank.POST("/internal/Payments", { body })).rejects.toBeInstanceOf(TypeError);
    expect(JSON.stringify(sandbox.entry.state.export())).toBe(before);
    const next = await bank.POST("/internal/Payments", { body });
    expect(next.response.status).toBe(200);
    expect(next.data!.transactions[0]!.state).toBe("posted");
    expect((await control.GET("/__sandbox/faults")).data).toEqual([]);
    const journal = await control.GET("/__sandbox/journal", { params: { query: { operationId: "createPayment" } } });
    expect(journal.data!.entries.map((e) => e.fault)).toEqual(["rule:rule-1", null]);
  });
});

describe("tenants over HTTP", () => {
  it("acts on the tenant the typed control client names in X-Sandbox-Tenant", async () => {
    const teamA = createSandboxControlClient({ baseUrl: sandbox.url, tenant: "team-a" });
    await addRule({ match: { operationId: "listAccounts" }, respond: { status: 503, code: "serviceUnavailable" } }, teamA);
    expect((await teamA.GET("/__sandbox/faults")).data).toHaveLength(1);
    expect((await control.GET("/__sandbox/faults")).data).toEqual([]);

    const bankA = createFinlegoClient({ baseUrl: sandbox.url, tenant: "team-a" });
    const bank = createFinlegoClient({ baseUrl: sandbox.url });
    const refused = await bankA.GET("/v2/ledger/internal/Accounts");
    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await bank.GET("/v2/ledger/internal/Accounts")).response.status).toBe(200);

    await teamA.PUT("/__sandbox/clock", { body: { now: "2027-01-01T00:00:00Z", frozen: true } });
    expect((await teamA.GET("/__sandbox/clock")).data).toEqual({ now: "2027-01-01T00:00:00.000Z", frozen: true });
    expect((await control.GET("/__sandbox/clock")).data!.now).not.toBe("2027-01-01T00:00:00.000Z");
    const tenants = await control.GET("/__sandbox/tenants");
    expect(tenants.data!.map((t) => t.name)).toEqual(["default", "team-a"]);

    const bad = await createSandboxControlClient({ baseUrl: sandbox.url, tenant: "team a" }).GET("/__sandbox/health");
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: "invalidTenant" });
  });
});
