import { afterEach, describe, expect, it, vi } from "vitest";
import type { Handler } from "../../sandbox/http/operations/context.js";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { scenario, testSandbox } from "../support/http.js";
import { coverageRows, triggerTitle, uncovered } from "./coverage.js";
import { errorTriggers } from "./triggers.js";

describe("error triggers: each documented 404 and 422 of a stateful operation is reachable", () => {
  it.each(errorTriggers.map((trigger) => [triggerTitle(trigger), trigger] as const))("%s", async (_title, trigger) => {
    const sandbox = testSandbox();
    const s = await scenario(sandbox);
    const reply = await trigger.run({ sandbox, s, asClient: { authorization: `Bearer ${s.clientId}` } });
    expect([reply.status, reply.json?.code], reply.text).toEqual([trigger.status, trigger.code]);
    expect(reply.headers["content-type"]).toBe("application/problem+json");
  });

  it("leaves no documented 404 or 422 of a stateful operation without a trigger", () => {
    expect(uncovered(coverageRows()).map((row) => `${row.operationId} ${row.status}`)).toEqual([]);
  });

  it("names in each trigger a code the operation documents for that status", () => {
    const rows = coverageRows();
    const wrong = errorTriggers.filter((t) => !rows.some((r) => r.operationId === t.operationId && r.status === t.status && r.codes.includes(t.code)));
    expect(wrong.map(triggerTitle)).toEqual([]);
  });
});

/** Watches every FinLego operation's handler; a forced answer must come without any of them running. */
function watchHandlers() {
  // Untyped by operation: the spies only count calls.
  const table = operationHandlers as object as Record<string, Handler>; // as the entry reads it (handlerIn)
  return Object.keys(table).map((id) => vi.spyOn(table, id).mockName(id));
}

describe("Prefer reaches every documented 404 and 422 of every operation", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const rows = coverageRows();
  const pathOf = (template: string) => template.replace(/\{[^}]+\}/g, (name) => (name === "{code}" ? "eur" : name === "{fileName}" ? "statement.pdf" : "472e651e-5a1e-424d-8098-23858bf03ad7"));

  it.each(rows.map((row) => [`${row.operationId} ${row.status}`, row] as const))("%s, without running the operation", async (_title, row) => {
    const sandbox = testSandbox();
    const before = JSON.stringify(sandbox.entry.state.export());
    const handlers = watchHandlers();
    const reply = await sandbox.call(row.method, pathOf(row.path), { headers: { prefer: `code=${row.status}` } });
    expect([reply.status, reply.json.code]).toEqual([row.status, row.codes[0]]);
    // No handler ran: a request that would succeed changes nothing either (test/http/prefer.test.ts sends such ones).
    expect(handlers.filter((h) => h.mock.calls.length > 0).map((h) => h.getMockName())).toEqual([]);
    expect(JSON.stringify(sandbox.entry.state.export())).toBe(before);
  });

  it("sees a handler run when the same kind of request comes without Prefer, so the watch above can tell", async () => {
    const sandbox = testSandbox();
    const handlers = watchHandlers();
    expect((await sandbox.call("GET", pathOf("/internal/Transactions/{id}"))).status).toBe(404);
    expect(handlers.filter((h) => h.mock.calls.length > 0).length).toBe(1);
  });
});
