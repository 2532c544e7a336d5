import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_FIXTURE, DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox, type TestSandbox } from "../support/http.js";
import type { Json } from "../support/spec.js";

const C = DEMO_IDS.clients;
const asEmma = { authorization: `Bearer ${C.emmaSchneider}` };
const asLukas = { authorization: `Bearer ${C.lukasNowak}` };
const payee = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", bic: "COBADEFFXXX", bankName: "Commerzbank", country: "DE", currency: "eur" };
const utility = { name: "Berliner Stadtwerke", accountNumber: "DE02120300000000202051", country: "DE", currency: "eur" };
let sandbox: TestSandbox;

beforeEach(() => {
  // The demo's own payees left out, so every list below is exactly what the test saved.
  sandbox = testSandbox({ fixture: { ...DEMO_FIXTURE, recipients: [] } });
});

const ids = (reply: { json: Json }) => (reply.json.items as Json[]).map((r) => r.id);

describe("the demo's recipients", () => {
  it("gives clients payees to send to at once, and every client the system one", async () => {
    const demo = testSandbox();
    const R = DEMO_IDS.recipients;
    const listed = async (clientId: string) => ids(await demo.call("GET", "/Recipients", { headers: { authorization: `Bearer ${clientId}` } }));
    expect(await listed(C.emmaSchneider)).toEqual([R.emmaAcme, R.hamburgEnergie, R.emmaLukas, R.emmaSophie]);
    expect(await listed(C.lukasNowak)).toEqual([R.hamburgEnergie]);
    const types = await Promise.all(
      ([["DE91100000000123456789", "eur"], ["FL100000000000000202", "eur"], ["026009593000123456", "usd"]] as const).map(async ([recipientAccount, currency]) => (await demo.call("GET", "/Transfers/type", { query: { recipientAccount, currency }, headers: asEmma })).json.type),
    );
    expect(types).toEqual(["sepa", "internal", "swift"]);
  });
});

describe("recipients over HTTP", () => {
  it("saves a recipient for the current client and reads it on the v1 and v2 routes", async () => {
    const added = await sandbox.call("POST", "/Recipients", { body: payee, headers: asEmma });
    expect(added.status).toBe(200);
    expect(added.json).toEqual({ id: added.json.id, clientId: C.emmaSchneider, ...payee, isVisible: true, isSystem: false, createdDate: added.json.createdDate });
    for (const route of ["/Recipients", "/v2/Recipients"]) {
      expect((await sandbox.call("GET", `${route}/${added.json.id}`, { headers: asEmma })).json).toEqual(added.json);
      expect(ids(await sandbox.call("GET", route, { headers: asEmma }))).toEqual([added.json.id]);
    }
    expect((await sandbox.call("GET", "/Recipients")).status).toBe(401);
  });

  it("shares system recipients with every client and keeps each client's own recipients to it (404 for another's)", async () => {
    const system = await sandbox.call("POST", "/internal/integration/Recipients", { body: utility });
    expect(system.json).toMatchObject({ clientId: null, isSystem: true, isVisible: true, bic: null, bankName: null });
    const emmas = (await sandbox.call("POST", "/Recipients", { body: payee, headers: asEmma })).json.id;
    const lukass = (await sandbox.call("POST", "/internal/Recipients", { body: { ...payee, name: "Anna Fischer", clientId: C.lukasNowak } })).json;
    expect(lukass).toMatchObject({ clientId: C.lukasNowak, isSystem: false, isVisible: true });
    expect(ids(await sandbox.call("GET", "/Recipients", { headers: asEmma }))).toEqual([system.json.id, emmas]);
    expect(ids(await sandbox.call("GET", "/v2/Recipients", { headers: asLukas }))).toEqual([lukass.id, system.json.id]);
    expect((await sandbox.call("GET", `/Recipients/${system.json.id}`, { headers: asLukas })).json).toEqual(system.json);
    for (const [method, path, body] of [["GET", `/Recipients/${emmas}`], ["GET", `/v2/Recipients/${emmas}`], ["PUT", `/Recipients/${emmas}/visibility`, { isVisible: false }]] as const) {
      const reply = await sandbox.call(method, path, { headers: asLukas, ...(body && { body }) });
      expect([reply.status, reply.json.code]).toEqual([404, "recipientNotFound"]);
    }
    expect((await sandbox.call("GET", `/Recipients/${emmas}`, { headers: asEmma })).json.isVisible).toBe(true);
    const hide = await sandbox.call("PUT", `/Recipients/${system.json.id}/visibility`, { body: { isVisible: false }, headers: asEmma });
    expect([hide.status, hide.json.code]).toEqual([422, "recipientNotEditable"]);
  });

  it("hides and shows a recipient, lists by filters and pages, and keeps a hidden one a duplicate", async () => {
    const lukas = (await sandbox.call("POST", "/Recipients", { body: payee, headers: asEmma })).json.id;
    const pound = (await sandbox.call("POST", "/Recipients", { body: { ...payee, name: "alice Smith", accountNumber: "GB29NWBK60161331926819", currency: "gbp", bic: null }, headers: asEmma })).json.id;
    const hidden = await sandbox.call("PUT", `/Recipients/${lukas}/visibility`, { body: { isVisible: false }, headers: asEmma });
    expect(hidden.json.isVisible).toBe(false);
    const list = (query: Record<string, string | number>) => sandbox.call("GET", "/Recipients", { query, headers: asEmma });
    expect(ids(await list({}))).toEqual([pound, lukas]);
    expect(ids(await list({ isVisible: "true" }))).toEqual([pound]);
    expect(ids(await list({ isVisible: "false" }))).toEqual([lukas]);
    expect(ids(await list({ currency: "gbp" }))).toEqual([pound]);
    expect(ids(await list({ search: "meyer" }))).toEqual([lukas]);
    expect(ids(await list({ search: "gb29" }))).toEqual([pound]);
    expect((await list({ page: 2, pageSize: 1 })).json).toMatchObject({ totalCount: 2, page: 2, pageSize: 1, items: [{ id: lukas }] });
    const again = await sandbox.call("POST", "/Recipients", { body: payee, headers: asEmma });
    expect([again.status, again.json.code]).toEqual([422, "recipientAlreadyExists"]);
    expect((await sandbox.call("PUT", `/Recipients/${lukas}/visibility`, { body: { isVisible: true }, headers: asEmma })).json.isVisible).toBe(true);
    expect((await sandbox.call("GET", "/Recipients", { query: { search: "x".repeat(101) }, headers: asEmma })).status).toBe(400);
  });

  it("refuses a blocked client's own request but not the back office's, and any request for a closed or unknown client", async () => {
    await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}/block`, { body: { reason: "review" } });
    const own = await sandbox.call("POST", "/Recipients", { body: payee, headers: asEmma });
    expect([own.status, own.json.code]).toEqual([422, "clientNotActive"]);
    expect((await sandbox.call("POST", "/internal/Recipients", { body: { ...payee, clientId: C.emmaSchneider } })).status).toBe(200);
    await sandbox.call("PUT", `/internal/Clients/${C.emmaSchneider}/status`, { body: { status: "closed" } });
    const closed = await sandbox.call("POST", "/internal/Recipients", { body: { ...payee, currency: "usd", clientId: C.emmaSchneider } });
    expect([closed.status, closed.json.code]).toEqual([422, "clientNotActive"]);
    const unknown = await sandbox.call("POST", "/internal/Recipients", { body: { ...payee, clientId: "00000000-0000-4000-8000-0000000000aa" } });
    expect([unknown.status, unknown.json.code]).toEqual([404, "clientNotFound"]);
    const bad = await sandbox.call("POST", "/internal/integration/Recipients", { body: { ...utility, accountNumber: "de02 1203" } });
    expect(bad.status).toBe(400);
  });

  it("keeps recipients in the tenant's snapshot: exported, reset away and imported back as they were", async () => {
    const system = (await sandbox.call("POST", "/internal/integration/Recipients", { body: utility })).json;
    const mine = (await sandbox.call("POST", "/Recipients", { body: payee, headers: asEmma })).json;
    await sandbox.call("PUT", `/Recipients/${mine.id}/visibility`, { body: { isVisible: false }, headers: asEmma });
    const exported = await sandbox.call("GET", "/__sandbox/snapshot");
    expect(exported.json.ledger.recipients).toHaveLength(2);
    expect((await sandbox.call("POST", "/__sandbox/reset", { body: { to: "seed" } })).status).toBe(200);
    expect((await sandbox.call("GET", `/Recipients/${mine.id}`, { headers: asEmma })).status).toBe(404);
    expect((await sandbox.call("PUT", "/__sandbox/snapshot", { body: exported.json })).status).toBe(200);
    expect(ids(await sandbox.call("GET", "/Recipients", { headers: asEmma }))).toEqual([system.id, mine.id]);
    expect((await sandbox.call("GET", `/Recipients/${mine.id}`, { headers: asEmma })).json).toEqual({ ...mine, isVisible: false });
  });
});
