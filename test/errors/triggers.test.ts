import { describe, expect, it } from "vitest";
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

describe("Prefer reaches every documented 404 and 422 of every operation", () => {
  const rows = coverageRows();
  it.each(rows.map((row) => [`${row.operationId} ${row.status}`, row] as const))("%s", async (_title, row) => {
    const sandbox = testSandbox();
    const before = JSON.stringify(sandbox.entry.state.export());
    const path = row.path.replace(/\{[^}]+\}/g, (name) => (name === "{code}" ? "eur" : name === "{fileName}" ? "statement.pdf" : "472e651e-5a1e-424d-8098-23858bf03ad7"));
    const reply = await sandbox.call(row.method, path, { headers: { prefer: `code=${row.status}` } });
    expect([reply.status, reply.json.code]).toEqual([row.status, row.codes[0]]);
    expect(JSON.stringify(sandbox.entry.state.export())).toBe(before);
  });
});
