// Parity target 1: the HTTP entry in-process, through its Fetch face (no socket, no MSW).
import { describe } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { fetchHandler, SandboxState } from "../../sandbox/http/index.js";
import { parityScenarios, PARITY_FROZEN_AT } from "./scenarios.js";
import { sharedFromFirstTest, validatedEntry } from "../support/validated.js";

const BASE_URL = "http://in-process.test";
const fetch = sharedFromFirstTest(() => fetchHandler(validatedEntry({ state: new SandboxState({ frozenAt: Date.parse(PARITY_FROZEN_AT) }), stateOptions: { frozenAt: Date.parse(PARITY_FROZEN_AT) } })));

describe("parity: the in-process entry", () => {
  parityScenarios(() => ({
    finlego: (options) => createFinlegoClient({ baseUrl: BASE_URL, fetch: fetch(), ...options }),
    control: (tenant) => createSandboxControlClient({ baseUrl: BASE_URL, fetch: fetch(), tenant }),
  }));
});
