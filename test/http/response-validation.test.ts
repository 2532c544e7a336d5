/**
 * Response validation in the suites: every face the tests make (test/support/validated.ts) turns an answer
 * outside the spec into the loud 500 `responseContractViolation`. The handler of listCurrencies is swapped
 * for one that answers a body the spec forbids, so the check itself is what is tested.
 */
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Handler } from "../../sandbox/http/operations/context.js";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { startValidatedSandbox, validatedEntry, validatedMswSandbox } from "../support/validated.js";

const BASE_URL = "http://validated.test";
/** A body listCurrencies must never answer: the spec's 200 is an array of currencies. */
const OFF_SPEC = { currencies: "all of them" };

afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes listCurrencies answer OFF_SPEC with 200. */
function answerOffSpec(): void {
  // Off the typed table on purpose: the compiler would rightly refuse this body for listCurrencies.
  const table = operationHandlers as object as Record<string, Handler>; // as the entry reads it (handlerIn)
  vi.spyOn(table, "listCurrencies").mockReturnValue({ status: 200, body: OFF_SPEC });
}

function expectViolation(status: number, body: string): void {
  expect(status, body).toBe(500);
  expect(JSON.parse(body)).toMatchObject({ status: 500, code: "responseContractViolation", detail: expect.stringContaining("listCurrencies answered 200 outside the spec") });
}

describe("an answer outside the spec", () => {
  it("becomes a 500 responseContractViolation in the in-process entry", async () => {
    const entry = validatedEntry();
    const fine = await entry.handle({ method: "GET", path: "/internal/Currencies", query: "", headers: {} });
    expect(fine.status).toBe(200);
    answerOffSpec();
    const answer = await entry.handle({ method: "GET", path: "/internal/Currencies", query: "", headers: {} });
    expectViolation(answer.status, answer.body!);
  });

  it("becomes a 500 responseContractViolation in the express server", async () => {
    const sandbox = await startValidatedSandbox({ port: 0 });
    try {
      answerOffSpec();
      const answer = await fetch(`${sandbox.url}/internal/Currencies`);
      expectViolation(answer.status, await answer.text());
    } finally {
      await sandbox.close();
    }
  });

  it("becomes a 500 responseContractViolation in the MSW handlers", async () => {
    const server = setupServer(...validatedMswSandbox({ baseUrl: BASE_URL }).handlers);
    server.listen({ onUnhandledRequest: "error" });
    try {
      answerOffSpec();
      const answer = await fetch(`${BASE_URL}/internal/Currencies`);
      expectViolation(answer.status, await answer.text());
    } finally {
      server.close();
    }
  });
});
