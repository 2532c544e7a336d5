// Parity target 2: the express server over a real socket, started in-process on a free port.
import { afterAll, beforeAll, describe } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { type RunningSandbox } from "../../sandbox/server/index.js";
import { parityScenarios, PARITY_FROZEN_AT } from "./scenarios.js";
import { startValidatedSandbox } from "../support/validated.js";

let server: RunningSandbox;
beforeAll(async () => {
  server = await startValidatedSandbox({ port: 0, frozenAt: PARITY_FROZEN_AT });
});
afterAll(() => server.close());

describe("parity: express over HTTP", () => {
  parityScenarios(() => ({
    finlego: (options) => createFinlegoClient({ baseUrl: server.url, ...options }),
    control: (tenant) => createSandboxControlClient({ baseUrl: server.url, tenant }),
  }));
});
