// Observer reads (X-Sandbox-Observer, what the inspector sends) and the entry's onAnswered hook (what the request log hears).
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { SandboxState, type AnsweredRequest } from "../../sandbox/http/index.js";
import { testSandbox } from "../support/http.js";
import { validatedEntry } from "../support/validated.js";

const ACCOUNT = `/v2/ledger/internal/Accounts/${DEMO_IDS.accounts.emmaEur}`;
const OBSERVER = { "X-Sandbox-Observer": "inspector" };
const PARENT = "70850378-7d3c-4f45-91b7-942d4dfbbd43";

describe("an observer's read (X-Sandbox-Observer)", () => {
  it("is answered as any read is, but the journal does not record it", async () => {
    const sandbox = testSandbox();
    const plain = await sandbox.call("GET", ACCOUNT);
    const observed = await sandbox.call("GET", ACCOUNT, { headers: OBSERVER });
    expect(observed.status).toBe(200);
    expect(observed.json).toEqual(plain.json);
    const journal = await sandbox.call("GET", "/__sandbox/journal");
    expect(journal.json.entries.map((e: { path: string }) => e.path)).toEqual([ACCOUNT]);
  });

  it("passes Prefer and fault rules by, so the rule is still there for the app's next request", async () => {
    const sandbox = testSandbox();
    const rule = await sandbox.call("POST", "/__sandbox/faults", { body: { match: { operationId: "getLedgerAccount" }, respond: { status: 404 }, times: 1 } });
    expect(rule.status).toBe(201);
    expect((await sandbox.call("GET", ACCOUNT, { headers: OBSERVER })).status).toBe(200);
    expect((await sandbox.call("GET", ACCOUNT, { headers: { ...OBSERVER, Prefer: "code=404" } })).status).toBe(200);
    const rules = await sandbox.call("GET", "/__sandbox/faults");
    expect(rules.json.map((r: { hits: number; remaining: number }) => [r.hits, r.remaining])).toEqual([[0, 1]]);
    expect((await sandbox.call("GET", ACCOUNT)).status).toBe(404);
  });

  it("is refused on a request that would change something: 400 naming the header, and nothing changes", async () => {
    const sandbox = testSandbox();
    const before = JSON.stringify(sandbox.entry.state.export());
    const body = { parentId: PARENT, parentType: "transfer", debtorAccountId: DEMO_IDS.treasury.eur, creditorAccountId: DEMO_IDS.accounts.emmaEur, currency: "eur", amount: 1 };
    const refused = await sandbox.call("POST", "/internal/Payments", { body, headers: OBSERVER });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual({ "X-Sandbox-Observer": ["marks a read: send it with GET or HEAD only"] });
    expect(JSON.stringify(sandbox.entry.state.export())).toBe(before);
  });
});

describe("the entry's onAnswered hook", () => {
  it("hears each answered request with its tenant, its kind and the journal's record, and no CORS preflight", async () => {
    const heard: AnsweredRequest[] = [];
    const entry = validatedEntry({ state: new SandboxState({ frozenAt: Date.parse("2026-03-02T10:00:00Z") }), onAnswered: (answered) => heard.push(answered) });
    const send = (method: string, path: string, headers: Record<string, string> = {}) => entry.handle({ method, path, query: "", headers });
    await send("GET", ACCOUNT, { prefer: "code=404" });
    await send("GET", ACCOUNT, { "x-sandbox-tenant": "team-a", "x-sandbox-observer": "1" });
    await send("GET", "/__sandbox/health");
    await send("GET", ACCOUNT, { "x-sandbox-tenant": "-bad" });
    await send("OPTIONS", ACCOUNT, { origin: "http://localhost:5173", "access-control-request-method": "GET" });
    expect(heard.map((a) => [a.tenant, a.control, a.observer, a.record.method, a.record.path, a.record.operationId, a.record.status, a.record.fault])).toEqual([
      ["default", false, false, "GET", ACCOUNT, "getLedgerAccount", 404, "prefer"],
      ["team-a", false, true, "GET", ACCOUNT, "getLedgerAccount", 200, null],
      ["default", true, false, "GET", "/__sandbox/health", "getSandboxHealth", 200, null],
      ["-bad", false, false, "GET", ACCOUNT, null, 400, null],
    ]);
    for (const { record } of heard) expect(record.durationMs).toBeGreaterThanOrEqual(0);
  });
});
