// Parity target 3: MSW's setupServer with the sandbox's handlers, reached by plain fetch through the typed clients.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe } from "vitest";
import { createFinlegoClient, createSandboxControlClient } from "../../client/index.js";
import { parityScenarios, PARITY_FROZEN_AT } from "./scenarios.js";
import { sharedFromFirstTest, validatedMswSandbox } from "../support/validated.js";

const BASE_URL = "https://bank.example/api";
const server = setupServer();
// eslint-disable-next-line no-restricted-syntax -- only starts MSW; the sandbox's handlers join in the first test
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
// The handlers join the listening server in the first test (see sharedFromFirstTest).
const handlers = sharedFromFirstTest(() => {
  const { handlers } = validatedMswSandbox({ baseUrl: BASE_URL, frozenAt: PARITY_FROZEN_AT });
  server.use(...handlers);
  return handlers;
});

describe("parity: MSW setupServer", () => {
  parityScenarios(() => {
    handlers();
    return {
      finlego: (options) => createFinlegoClient({ baseUrl: BASE_URL, ...options }),
      control: (tenant) => createSandboxControlClient({ baseUrl: BASE_URL, tenant }),
    };
  });
});
