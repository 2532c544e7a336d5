/**
 * Found by the fuzzer: blocking a client with the empty reason the spec allows stored "" as its blockedReason,
 * which a snapshot's record check refuses, so the tenant's snapshot no longer imported.
 */
import { describe, expect, it } from "vitest";
import { DEMO_IDS } from "../../sandbox/core/index.js";
import { testSandbox } from "../support/http.js";

describe("a client blocked with an empty reason", () => {
  it("has no blockedReason, and the tenant's snapshot imports again", async () => {
    const sandbox = testSandbox();
    const emma = DEMO_IDS.clients.emmaSchneider;
    const blocked = await sandbox.call("PUT", `/internal/Clients/${emma}/block`, { body: { reason: "" } });
    expect(blocked.json).toMatchObject({ status: "blocked", blockedReason: null });
    const status = await sandbox.call("PUT", `/internal/Clients/${DEMO_IDS.clients.lukasNowak}/status`, { body: { status: "blocked", reason: "" } });
    expect(status.json).toMatchObject({ status: "blocked", blockedReason: null });
    const snapshot = (await sandbox.call("GET", "/__sandbox/snapshot")).json;
    expect((await sandbox.call("PUT", "/__sandbox/snapshot", { body: snapshot })).status).toBe(200);
  });
});
