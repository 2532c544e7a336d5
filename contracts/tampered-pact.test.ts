/**
 * A pact changed by hand must fail, naming the change: against the spec (offline, before any provider
 * runs) and against the sandbox (the Pact verifier), and a provider state the sandbox does not know fails
 * with its name.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { checkContracts } from "./provider/verify.js";
import { editedPact, interactionIn, objectAt, runContractsCli, type CommandRun } from "./test-helpers.js";

const PAYMENTS = "payments-integration-finlego-core-banking.json";

/** The payments pact with one change in each of five interactions. */
function tamperedPaymentsPact(): string {
  return editedPact(PAYMENTS, {
    // The provider answers pending: a wrong expectation the spec allows.
    "a request to pend a draft payment": (i) => {
      objectAt(i, "response", "body", "content", "transactions", 0).state = "posted";
    },
    // A field renamed in the expected answer: neither the spec nor the provider has it.
    "a request to cancel a pending payment": (i) => {
      const leg = objectAt(i, "response", "body", "content", "transactions", 0);
      leg.reason = leg.stateReason;
      delete leg.stateReason;
    },
    // A request field renamed: the spec refuses the body, the provider answers 400.
    "a request to create a payment between two accounts": (i) => {
      const body = objectAt(i, "request", "body", "content");
      body.total = body.amount;
      delete body.amount;
    },
    // A status the operation never answers.
    "a request to pend an unknown payment": (i) => {
      objectAt(i, "response").status = 410;
    },
    // A provider state the sandbox does not know.
    "a request to post a pending payment": (i) => {
      objectAt(i, "providerStates", 0).name = "payment {paymentId} is lost in the post";
    },
  });
}

describe("a tampered pact, checked against the spec", () => {
  const report = checkContracts([tamperedPaymentsPact()]);
  const spec = (description: string) => interactionIn(report, description)?.spec ?? [];

  it("fails, and only the tampered interactions", () => {
    expect(report.ok).toBe(false);
    const failing = report.pacts[0]?.interactions.filter((i) => i.spec.length > 0).map((i) => i.description);
    expect(failing?.sort()).toEqual(["a request to cancel a pending payment", "a request to create a payment between two accounts", "a request to pend an unknown payment"]);
  });

  it("names a response field the spec does not document", () => {
    expect(spec("a request to cancel a pending payment")).toEqual(["response 200: $.transactions[0].reason is not a field openapi/finlego.yaml documents for cancelPayment"]);
  });

  it("names the request field the spec refuses and the one it misses", () => {
    expect(spec("a request to create a payment between two accounts")).toEqual(["request body: amount is required", "request body: total is not a known field"]);
  });

  it("names a status the operation never answers", () => {
    expect(spec("a request to pend an unknown payment")).toEqual([expect.stringMatching(/^response: pendPayment never answers 410 \(it documents 200, 400, 404, 413, 415, 422, 500, 503\)$/)]);
  });
});

describe("a tampered pact, verified against the sandbox", () => {
  let run: CommandRun;
  beforeAll(async () => {
    run = await runContractsCli(["verify", "--pact", tamperedPaymentsPact()]);
  });
  const mismatches = (description: string) => interactionIn(run.report, description)?.mismatches.join("\n") ?? "";

  it("fails with exit status 1", () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/15 interactions: 10 passed, 5 failed\.$/m);
  });

  it("names the changed value", () => {
    // Pact's wording: "Expected <what the provider sent> to be equal to <what the pact expects>".
    expect(mismatches("a request to pend a draft payment")).toBe("body $.transactions[0].state: Expected 'pending' (String) to be equal to 'posted' (String)");
  });

  it("names the renamed field and the changed status", () => {
    expect(mismatches("a request to cancel a pending payment")).toContain("missing the following keys: reason");
    expect(mismatches("a request to create a payment between two accounts")).toContain("status: expected 200 but was 400");
    expect(mismatches("a request to pend an unknown payment")).toContain("status: expected 410 but was 404");
  });

  it("names the provider state the sandbox does not know", () => {
    expect(mismatches("a request to post a pending payment")).toContain('unknown provider state "payment {paymentId} is lost in the post"');
    expect(run.stdout).toContain('unknown provider state "payment {paymentId} is lost in the post"');
  });
});
