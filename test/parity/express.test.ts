// Parity target 2: the express server over a real socket, started in-process on a free port.
import { afterAll, beforeAll, describe } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { startSandbox, type RunningSandbox } from "../../sandbox/server/index.js";
import { parityScenarios, PARITY_FROZEN_AT } from "./scenarios.js";

let server: RunningSandbox;
beforeAll(async () => {
  server = await startSandbox({ port: 0, frozenAt: PARITY_FROZEN_AT, validateResponses: true });
});
afterAll(() => server.close());

describe("parity: express over HTTP", () => {
  parityScenarios(() => ({
    finlego: (options) => createFinlegoClient({ baseUrl: server.url, ...options }),
    control: (tenant) => createSandboxControlClient({ baseUrl: server.url, tenant }),
  }));
});
