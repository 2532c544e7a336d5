/**
 * The TransferOrchestrator handlers over HTTP (docs/domain/transfers.md): what each list route shows and how its
 * query narrows it, which client the FrontOffice v2 routes act for, the fields a created transfer carries, and the
 * field errors of amounts and dates the spec's formats let through.
 */
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const C = DEMO_IDS.clients;
const A = DEMO_IDS.accounts;
const R = DEMO_IDS.recipients;
const as = (clientId: string) => ({ authorization: `Bearer ${clientId}` });
/** A leap second: the spec's date-time format admits it, but it names no instant the sandbox can place. */
const LEAP = "2026-06-30T23:59:60Z";

interface World {
  sandbox: TestSandbox;
  /** Emma's transfer to Lukas at this bank (type internal), completed. */
  toLukas: Json;
  /** Emma's SEPA transfer to Sophie, waiting for its code. */
  sepa: Json;
  /** Emma's exchange of eur into usd. */
  fx: Json;
  /** Lukas's incoming side of `toLukas`. */
  incoming: Json;
}

async function world(): Promise<World> {
  const sandbox = testSandbox();
  const made = async (path: string, body: Json, clientId = C.emmaSchneider) => {
    const reply = await sandbox.call("POST", path, { body, headers: as(clientId) });
    expect(reply.status, reply.text).toBe(200);
    return reply.json;
  };
  const toLukas = await made("/Transfers/outgoing", { accountId: A.emmaEur, recipientId: R.emmaLukas, amount: 5, currency: "eur", reference: "Rent share" });
  expect((await sandbox.call("PUT", `/Transfers/outgoing/${toLukas.id}/confirm`, { body: { code: "000000" }, headers: as(C.emmaSchneider) })).status).toBe(200);
  expect((await sandbox.call("POST", "/__sandbox/clock/advance", { body: { seconds: 60 } })).status).toBe(200);
  const sepa = await made("/Transfers/outgoing", { accountId: A.emmaEur, recipientId: R.emmaSophie, amount: 7, currency: "eur" });
  const fx = await made("/v2/Transfers/fx", { accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 10, currency: "eur", targetCurrency: "usd" });
  const lukas = (await sandbox.call("GET", "/Transfers", { headers: as(C.lukasNowak) })).json.items;
  expect(lukas).toHaveLength(1);
  return { sandbox, toLukas: (await sandbox.call("GET", `/Transfers/${toLukas.id}`, { headers: as(C.emmaSchneider) })).json, sepa, fx, incoming: lukas[0] };
}

const ids = (reply: { json: Json }): string[] => reply.json.items.map((t: Json) => t.id);

describe("the system lists of transfers", () => {
  it("list each route's own kind over all clients: outgoing, incoming, fx and transfers within the bank", async () => {
    const w = await world();
    const get = (path: string, query?: Record<string, string>) => w.sandbox.call("GET", path, query ? { query } : {});
    expect(w.incoming).toMatchObject({ direction: "incoming", clientId: C.lukasNowak, amount: 5 });
    expect(ids(await get("/internal/Transfers/outgoing"))).toEqual([w.sepa.id, w.toLukas.id]);
    expect(ids(await get("/internal/Transfers/incoming"))).toEqual([w.incoming.id]);
    expect(ids(await get("/internal/Transfers/fx"))).toEqual([w.fx.id]);
    // Every transfer within the bank, whatever its direction; the SEPA one leaves the bank.
    expect(ids(await get("/internal/Transfers/internal"))).toEqual([w.fx.id, w.incoming.id, w.toLukas.id]);
  });

  it("narrow to one client by its id in any case, and by direction where the route has one", async () => {
    const w = await world();
    const get = (path: string, query: Record<string, string>) => w.sandbox.call("GET", path, { query });
    expect(ids(await get("/internal/Transfers/outgoing", { clientId: C.emmaSchneider.toUpperCase() }))).toEqual([w.sepa.id, w.toLukas.id]);
    expect(ids(await get("/internal/Transfers/outgoing", { clientId: C.lukasNowak }))).toEqual([]);
    expect(ids(await get("/internal/Transfers/incoming", { clientId: C.emmaSchneider }))).toEqual([]);
    expect(ids(await get("/internal/Transfers/incoming", { clientId: C.lukasNowak }))).toEqual([w.incoming.id]);
    expect(ids(await get("/internal/Transfers/internal", { direction: "outgoing" }))).toEqual([w.toLukas.id]);
    expect(ids(await get("/internal/Transfers/internal", { direction: "fx" }))).toEqual([w.fx.id]);
    expect(ids(await get("/internal/Transfers/internal", { direction: "incoming", clientId: C.emmaSchneider }))).toEqual([]);
    // A route's own direction and the query's must both hold.
    expect(ids(await get("/internal/Transfers/outgoing", { direction: "incoming" }))).toEqual([]);
  });
});

describe("the FrontOffice transfer routes act for the bearer's client", () => {
  it("lists only the client's own transfers on both versions, narrowed by direction", async () => {
    const w = await world();
    const list = (path: string, clientId: string, query: Record<string, string> = {}) => w.sandbox.call("GET", path, { query, headers: as(clientId) });
    for (const path of ["/Transfers", "/v2/Transfers"]) {
      expect(ids(await list(path, C.emmaSchneider))).toEqual([w.fx.id, w.sepa.id, w.toLukas.id]);
      expect(ids(await list(path, C.lukasNowak))).toEqual([w.incoming.id]);
      expect(ids(await list(path, C.emmaSchneider, { direction: "fx" }))).toEqual([w.fx.id]);
      expect(ids(await list(path, C.emmaSchneider, { direction: "outgoing" }))).toEqual([w.sepa.id, w.toLukas.id]);
      expect(ids(await list(path, C.emmaSchneider, { direction: "incoming" }))).toEqual([]);
    }
  });

  it("finds the client's own transfer on the v2 routes, and not another client's", async () => {
    const w = await world();
    const get = (path: string, clientId: string) => w.sandbox.call("GET", path, { headers: as(clientId) });
    expect((await get(`/v2/Transfers/${w.toLukas.id}`, C.emmaSchneider)).json).toEqual(w.toLukas);
    expect((await get(`/v2/Transfers/incoming/${w.incoming.id}`, C.lukasNowak)).json).toEqual(w.incoming);
    const foreign = await get(`/v2/Transfers/${w.toLukas.id}`, C.lukasNowak);
    expect([foreign.status, foreign.json.code]).toEqual([404, "transferNotFound"]);
  });

  it("keeps the reference given, and leaves it empty when none is", async () => {
    const w = await world();
    expect(w.toLukas).toMatchObject({ reference: "Rent share", direction: "outgoing", type: "internal", status: "completed" });
    expect(w.sepa).toMatchObject({ reference: "", status: "pendingConfirmation" });
  });
});

describe("field errors the spec's formats let through", () => {
  it("refuses an amount with more than 2 decimals on outgoing and fx transfers, and creates nothing", async () => {
    const sandbox = testSandbox();
    for (const [path, body] of [
      ["/Transfers/outgoing", { accountId: A.emmaEur, recipientId: R.emmaSophie, amount: 1.005, currency: "eur" }],
      ["/v2/Transfers/fx", { accountId: A.emmaEur, targetAccountId: A.emmaUsd, amount: 1.005, currency: "eur", targetCurrency: "usd" }],
    ] as const) {
      const reply = await sandbox.call("POST", path, { body, headers: as(C.emmaSchneider) });
      expect([reply.status, reply.json.code, reply.json.errors]).toEqual([400, "validationError", { amount: ["must be a positive amount with at most 2 decimals"] }]);
    }
    expect((await sandbox.call("GET", "/Transfers", { headers: as(C.emmaSchneider) })).json.totalCount).toBe(0);
  });

  it("refuses a leap-second fromDate or toDate on the transfer and incoming-request lists", async () => {
    const sandbox = testSandbox();
    for (const [path, headers] of [["/Transfers", as(C.emmaSchneider)], ["/internal/Transfers/outgoing", {}], ["/internal/IncomingRequests", {}]] as const) {
      for (const field of ["fromDate", "toDate"]) {
        const reply = await sandbox.call("GET", path, { query: { [field]: LEAP }, headers });
        expect([reply.status, reply.json.code, reply.json.errors], `${path} ${field}`).toEqual([400, "validationError", { [field]: ["must be an ISO 8601 date-time"] }]);
      }
    }
  });
});

describe("the list of incoming requests", () => {
  it("narrows by status, currency and the dates of arrival", async () => {
    const sandbox = testSandbox();
    const arrive = async (currency: string, outcome: string) => {
      const body = { amount: 12, currency, senderName: "Oliver Smith", senderAccountNumber: "GB29NWBK60161331926819", reference: "Fee", recipientAccountNumber: "FL100000000000000401", outcome };
      const reply = await sandbox.call("POST", "/__sandbox/simulations/incoming-transfer", { body });
      expect(reply.status, reply.text).toBe(200);
      return reply.json.requestId as string;
    };
    const early = await arrive("gbp", "pending");
    expect((await sandbox.call("POST", "/__sandbox/clock/advance", { body: { seconds: 120 } })).status).toBe(200);
    const late = await arrive("usd", "failed");
    const list = async (query: Record<string, string>) => ids(await sandbox.call("GET", "/internal/IncomingRequests", { query }));
    expect(await list({})).toEqual([late, early]);
    expect(await list({ currency: "gbp" })).toEqual([early]);
    expect(await list({ currency: "usd" })).toEqual([late]);
    expect(await list({ status: "failed" })).toEqual([late]);
    expect(await list({ fromDate: "2026-03-02T10:01:00Z" })).toEqual([late]);
    expect(await list({ toDate: "2026-03-02T10:01:00Z" })).toEqual([early]);
  });
});
