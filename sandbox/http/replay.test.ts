/**
 * The change log's records and their replay (docs/decisions/005-persistence.md): which requests a tenant's state
 * is made of, what a record keeps of each, and what a replay answers for a record that does not fit the state.
 */
import { describe, expect, it } from "vitest";
import { validatedEntry } from "../../test/support/validated.js";
import { DEMO_IDS } from "../core/index.js";
import type { HttpEntry } from "./entry.js";
import type { Change } from "./replay.js";

const T0 = Date.parse("2026-03-02T10:00:00Z");
const EMMA = DEMO_IDS.clients.emmaSchneider;

/** An entry on a frozen clock that keeps every change its commit hook is handed. */
function logged(): { entry: HttpEntry; log: Change[]; call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: string | undefined }> } {
  const log: Change[] = [];
  const entry = validatedEntry({ stateOptions: { frozenAt: T0 }, onCommit: (changes) => void log.push(...changes) });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await entry.handle({
      method,
      path,
      query: "",
      headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.body };
  };
  return { entry, log, call };
}

const recipient = { name: "Lukas Meyer", accountNumber: "DE89370400440532013000", country: "DE", currency: "eur" };

describe("the records of a live request", () => {
  it("keep the logged headers that were sent, the body and the answer, and nothing unset", async () => {
    const { log, call } = logged();
    const made = await call("POST", "/Recipients", recipient, { authorization: `Bearer ${EMMA}`, "x-request-id": "r-1" });
    expect(made.status).toBe(200);
    expect(log).toStrictEqual([
      {
        kind: "request", tenant: "default", atMs: T0, method: "POST", path: "/Recipients", query: "",
        headers: { authorization: `Bearer ${EMMA}`, "content-type": "application/json" },
        body: JSON.stringify(recipient), status: 200, answer: made.body,
      },
    ]);
  });

  it("keep no body and no answer where there was none", async () => {
    const { log, call } = logged();
    expect((await call("GET", "/__sandbox/snapshot", undefined, { "x-sandbox-tenant": "acme" })).status).toBe(200);
    const deleted = await call("DELETE", "/__sandbox/tenants/acme");
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    expect(log).toStrictEqual([
      { kind: "tenant", tenant: "acme", atMs: T0 },
      { kind: "request", tenant: "default", atMs: T0, method: "DELETE", path: "/__sandbox/tenants/acme", query: "", headers: {}, status: 204 },
    ]);
  });

  it("are not made for reads, nor for control requests that change no ledger", async () => {
    const { log, call } = logged();
    expect((await call("GET", "/Recipients", undefined, { authorization: `Bearer ${EMMA}` })).status).toBe(200);
    expect((await call("POST", "/__sandbox/clock/advance", { seconds: 5 })).status).toBe(200);
    expect(log).toEqual([]);
  });

  it("are made for seeding, transfer outcomes and incoming transfers of the control API", async () => {
    const { log, call } = logged();
    const payee = JSON.parse((await call("POST", "/internal/integration/Recipients", recipient)).body!).id;
    const sent = await call("POST", "/internal/integration/Transfers/outgoing", { clientId: EMMA, accountId: DEMO_IDS.accounts.emmaEur, recipientId: payee, amount: 5, currency: "eur" });
    expect(sent.status, sent.body).toBe(200);
    const transferId = JSON.parse(sent.body!).id;
    const control = [
      ["/__sandbox/simulations/transfers/" + transferId, { outcome: "failed", reason: "beneficiaryBankUnreachable" }],
      ["/__sandbox/simulations/incoming-transfer", { amount: 12, currency: "gbp", senderName: "Oliver Smith", senderAccountNumber: "GB29NWBK60161331926819", reference: "Fee", recipientAccountNumber: "FL100000000000000401" }],
      ["/__sandbox/seed", { fixture: "demo" }],
    ] as const;
    for (const [path, body] of control) {
      const reply = await call("POST", path, body);
      expect(reply.status, reply.body).toBeLessThan(300);
    }
    expect(log.flatMap((c) => (c.kind === "request" ? [c.path] : []))).toEqual(["/internal/integration/Recipients", "/internal/integration/Transfers/outgoing", ...control.map(([path]) => path)]);
  });

  it("are not made for a request refused for its tenant", async () => {
    const { log, call } = logged();
    const refused = await call("POST", "/Recipients", recipient, { authorization: `Bearer ${EMMA}`, "x-sandbox-tenant": "Not A Tenant!" });
    expect([refused.status, JSON.parse(refused.body!).code]).toEqual([400, "invalidTenant"]);
    expect(log).toEqual([]);
  });
});

describe("a replay", () => {
  it("makes a logged tenant, which its first live request then does not log as new again", async () => {
    const { entry, log, call } = logged();
    expect(entry.replay({ kind: "tenant", tenant: "acme", atMs: T0 })).toEqual({ ok: true });
    expect((await call("POST", "/__sandbox/reset", undefined, { "x-sandbox-tenant": "acme" })).status).toBe(200);
    expect(log.map((c) => [c.kind, c.tenant])).toEqual([["request", "acme"]]);
  });

  it("makes a tenant on an entry without a commit hook too", () => {
    const entry = validatedEntry({ stateOptions: { frozenAt: T0 } });
    expect(entry.replay({ kind: "tenant", tenant: "acme", atMs: T0 })).toEqual({ ok: true });
    expect(entry.host.list().map((t) => t.name)).toEqual(["default", "acme"]);
  });

  it("names the record that does not fit: a tenant made twice or badly named, a missing tenant, no step due, a body not base64", () => {
    const { entry } = logged();
    const request = { kind: "request", tenant: "default", atMs: T0, method: "POST", path: "/__sandbox/reset", query: "", headers: {}, status: 204 } as const;
    expect(entry.replay({ kind: "tenant", tenant: "default", atMs: T0 })).toEqual({ ok: false, problem: "it creates tenant default, which already exists" });
    expect(entry.replay({ kind: "tenant", tenant: "Not A Tenant!", atMs: T0 })).toEqual({ ok: false, problem: "tenant Not A Tenant! cannot be created (invalidTenant)" });
    expect(entry.replay({ kind: "settle", tenant: "acme", atMs: T0 })).toEqual({ ok: false, problem: "tenant acme does not exist" });
    expect(entry.replay({ ...request, tenant: "acme" })).toEqual({ ok: false, problem: "tenant acme does not exist" });
    expect(entry.replay({ kind: "settle", tenant: "default", atMs: T0 })).toEqual({ ok: false, problem: "no automatic step was due at its instant" });
    expect(entry.replay({ ...request, bodyBase64: "not base64!" })).toEqual({ ok: false, problem: "its bodyBase64 is not base64" });
    expect(entry.host.list().map((t) => t.name)).toEqual(["default"]);
  });

  it("runs a request at its logged instant and leaves the clock to its own course afterwards", () => {
    const { entry, log } = logged();
    const later = T0 + 3_600_000;
    const replayed = entry.replay({
      kind: "request", tenant: "default", atMs: later, method: "POST", path: "/Recipients", query: "",
      headers: { authorization: `Bearer ${EMMA}`, "content-type": "application/json" }, body: JSON.stringify(recipient), status: 200,
    });
    expect(replayed.ok && replayed.response?.status).toBe(200);
    expect(replayed.ok && JSON.parse(replayed.response!.body!).createdDate).toBe("2026-03-02T11:00:00.000Z");
    expect(entry.state.clock.now()).toBe(T0);
    expect(entry.replay({ kind: "settle", tenant: "default", atMs: later }).ok).toBe(false);
    expect(entry.state.clock.now()).toBe(T0);
    expect(log).toEqual([]);
  });
});
