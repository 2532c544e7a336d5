/**
 * Every operation of the FinLego spec runs: valid requests generated from the spec for each one (the fuzzer's
 * generator, without its mutations) reach its handler, and none is answered 501. Every answer also goes
 * through the fuzzer's oracle, so it must be one the spec documents.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { FuzzStats, runScenario } from "../fuzz/property.js";
import { operationStep, type Step } from "../fuzz/requests.js";
import { allOperations } from "../fuzz/spec-model.js";

/** Valid requests sent to each operation. */
const SAMPLES = 16;
/** Answers that stop a request before the operation's handler runs. */
const BEFORE_THE_HANDLER = /^(400|401|413|415)\b/;

const finlego = allOperations.filter((op) => op.api === "finlego");

describe("every operation of the FinLego spec", () => {
  it("has a handler", () => {
    expect(finlego.length).toBeGreaterThan(100);
    expect(finlego.filter((op) => !Object.hasOwn(operationHandlers, op.operationId)).map((op) => op.operationId)).toEqual([]);
    expect(finlego.filter((op) => Object.hasOwn(op.responses, "501")).map((op) => op.operationId)).toEqual([]);
  });

  it("answers valid requests from its handler, never 501", async () => {
    const stats = new FuzzStats();
    for (const [i, op] of finlego.entries()) {
      const valid = operationStep(op).map((step): Step => ({ ...step, headers: { ...step.headers, tenant: undefined, prefer: undefined }, mutations: [] }));
      await runScenario({ warmUp: [], rules: [], steps: fc.sample(valid, { numRuns: SAMPLES, seed: i + 1 }) }, { stats });
    }
    const unserved: string[] = [];
    for (const op of finlego) {
      const answers = [...(stats.answers.get(op.key)?.keys() ?? [])];
      if (answers.some((a) => a.startsWith("501")) || !answers.some((a) => !BEFORE_THE_HANDLER.test(a))) unserved.push(`${op.operationId}: ${answers.join(", ")}`);
    }
    expect(unserved).toEqual([]);
  }, 120_000);
});
