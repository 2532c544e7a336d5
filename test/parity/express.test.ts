// Parity target 2: the express server over a real socket, started in-process on a free port.
import { describe } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { parityScenarios, PARITY_FROZEN_AT } from "./scenarios.js";
import { sharedFromFirstTest, startValidatedSandbox } from "../support/validated.js";

const server = sharedFromFirstTest(
  () => startValidatedSandbox({ port: 0, frozenAt: PARITY_FROZEN_AT }),
  (running) => running.close(),
);

describe("parity: express over HTTP", () => {
  parityScenarios(() => ({
    finlego: (options) => createFinlegoClient({ baseUrl: server().url, ...options }),
    control: (tenant) => createSandboxControlClient({ baseUrl: server().url, tenant }),
  }));
});
