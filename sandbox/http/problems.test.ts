import { describe, expect, it } from "vitest";
import type { SandboxResponse } from "./types.js";
import { problem, problemForDomainError, PROBLEM_JSON, sandboxProblem, validationProblem, type SandboxProblemCode } from "./problems.js";

/**
 * Written from RFC 9110 section 15 (not from problems.ts): each status the sandbox answers, the section that
 * defines it and its reason phrase. A 400 is titled as ASP.NET's ValidationProblemDetails is (the specs' BadRequest
 * example, docs/domain/errors.md).
 */
const RFC_9110: Record<number, { section: string; title: string }> = {
  400: { section: "15.5.1", title: "One or more validation errors occurred." },
  401: { section: "15.5.2", title: "Unauthorized" },
  404: { section: "15.5.5", title: "Not Found" },
  405: { section: "15.5.6", title: "Method Not Allowed" },
  413: { section: "15.5.14", title: "Content Too Large" },
  415: { section: "15.5.16", title: "Unsupported Media Type" },
  422: { section: "15.5.21", title: "Unprocessable Content" },
  500: { section: "15.6.1", title: "Internal Server Error" },
  501: { section: "15.6.2", title: "Not Implemented" },
  503: { section: "15.6.4", title: "Service Unavailable" },
};

const typeOf = (section: string) => `https://tools.ietf.org/html/rfc9110#section-${section}`;

/** The problem document of an answer, after checking that it is one. */
function documentOf(answer: SandboxResponse): unknown {
  expect(answer.headers).toEqual({ "content-type": "application/problem+json" });
  expect(answer.bytes).toBeUndefined();
  return JSON.parse(answer.body!);
}

describe("problem", () => {
  it("is typed and titled after RFC 9110 for every status the sandbox answers", () => {
    expect(PROBLEM_JSON).toBe("application/problem+json");
    for (const [status, { section, title }] of Object.entries(RFC_9110)) {
      const answer = problem(Number(status), { code: "someCode", detail: "What happened." }, "/internal/Payments");
      expect(answer.status).toBe(Number(status));
      // The members in RFC 9457's order, then the sandbox's own.
      expect(JSON.stringify(documentOf(answer)), status).toBe(
        JSON.stringify({ type: typeOf(section), title, status: Number(status), detail: "What happened.", instance: "/internal/Payments", code: "someCode" }),
      );
    }
  });

  it("falls back to RFC 9110's section 15 and the title Error for a status outside it (a fault rule's 429)", () => {
    expect(documentOf(problem(429, { code: "tooManyRequests" }))).toEqual({ type: typeOf("15"), title: "Error", status: 429, code: "tooManyRequests" });
  });

  it("leaves out detail, instance and errors when there are none, and keeps a title it is given", () => {
    expect(JSON.stringify(documentOf(problem(422, { code: "insufficientFunds", title: "Insufficient funds" })))).toBe(
      JSON.stringify({ type: typeOf("15.5.21"), title: "Insufficient funds", status: 422, code: "insufficientFunds" }),
    );
    expect(documentOf(problem(400, { code: "validationError", errors: { amount: ["must be greater than 0"] } }))).toEqual({
      type: typeOf("15.5.1"),
      title: "One or more validation errors occurred.",
      status: 400,
      code: "validationError",
      errors: { amount: ["must be greater than 0"] },
    });
  });
});

describe("sandboxProblem", () => {
  /** docs/domain/errors.md (codes of the sandbox itself) and the control spec: each code's status. */
  const STATUS_OF: Record<SandboxProblemCode, number> = {
    routeNotFound: 404,
    methodNotAllowed: 405,
    unauthorized: 401,
    notImplemented: 501,
    payloadTooLarge: 413,
    unsupportedMediaType: 415,
    invalidTenant: 400,
    tenantLimitReached: 503,
    invalidFixture: 400,
    invalidSnapshot: 400,
    fixtureNotFound: 404,
    ruleNotFound: 404,
    tenantNotFound: 404,
    responseContractViolation: 500,
    internalError: 500,
    ledgerInvariantBroken: 500,
  };
  /** The control spec's own titles for the two codes that have one. */
  const OWN_TITLES: Partial<Record<SandboxProblemCode, string>> = {
    invalidFixture: "The fixture does not apply.",
    invalidSnapshot: "The snapshot cannot be imported.",
  };

  it("answers each of the sandbox's codes with its status and RFC 9110 type, and its own title where it has one", () => {
    for (const [code, status] of Object.entries(STATUS_OF) as [SandboxProblemCode, number][]) {
      const answer = sandboxProblem({ code, detail: `About ${code}.` }, "/__sandbox/x");
      expect(answer.status, code).toBe(status);
      const { section, title } = RFC_9110[status]!;
      expect(documentOf(answer), code).toEqual({ type: typeOf(section), title: OWN_TITLES[code] ?? title, status, detail: `About ${code}.`, instance: "/__sandbox/x", code });
    }
  });

  it("carries the field errors it is given, and none otherwise", () => {
    const errors = { "X-Sandbox-Tenant": ["must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"] };
    expect(documentOf(sandboxProblem({ code: "invalidTenant", detail: "Bad tenant.", errors }))).toEqual({
      type: typeOf("15.5.1"),
      title: "One or more validation errors occurred.",
      status: 400,
      detail: "Bad tenant.",
      code: "invalidTenant",
      errors,
    });
    expect(documentOf(sandboxProblem({ code: "invalidSnapshot", detail: "Not a snapshot." }))).toEqual({
      type: typeOf("15.5.1"),
      title: "The snapshot cannot be imported.",
      status: 400,
      detail: "Not a snapshot.",
      code: "invalidSnapshot",
    });
  });
});

describe("problemForDomainError", () => {
  it("titles a refusal after its code, in words (docs/domain/errors.md: insufficientFunds is 'Insufficient funds')", () => {
    const cases: [Parameters<typeof problemForDomainError>[0], number, string][] = [
      [{ code: "insufficientFunds", message: "Account a has available balance 10.00 eur, required 30.00." }, 422, "Insufficient funds"],
      [{ code: "paymentIdConflict", message: "Payment p was created with other content." }, 422, "Payment id conflict"],
      [{ code: "paymentNotFound", message: "Payment p was not found." }, 404, "Payment not found"],
      [{ code: "fileTooLarge", message: "passport.pdf is over 10 MiB." }, 413, "File too large"],
      [{ code: "unsupportedFileType", message: "notes.txt is not a PDF, JPEG or PNG." }, 415, "Unsupported file type"],
    ];
    for (const [error, status, title] of cases) {
      const answer = problemForDomainError(error, "/internal/Payments");
      expect(answer.status, error.code).toBe(status);
      expect(documentOf(answer), error.code).toEqual({ type: typeOf(RFC_9110[status]!.section), title, status, detail: error.message, instance: "/internal/Payments", code: error.code });
    }
  });

  it("answers a validation error as a 400 whose errors name its field, or the body ($) when it names none", () => {
    const withField = problemForDomainError({ code: "validationError", message: "must differ from the debtor", field: "creditorAccountNumber" });
    expect(documentOf(withField)).toEqual({
      type: typeOf("15.5.1"),
      title: "One or more validation errors occurred.",
      status: 400,
      detail: "must differ from the debtor",
      code: "validationError",
      errors: { creditorAccountNumber: ["must differ from the debtor"] },
    });
    expect(withField.status).toBe(400);
    const withoutField = problemForDomainError({ code: "validationError", message: "paymentIds repeat an id" }, "/internal/Payments/pend");
    expect(documentOf(withoutField)).toMatchObject({ status: 400, instance: "/internal/Payments/pend", errors: { $: ["paymentIds repeat an id"] } });
  });
});

describe("validationProblem", () => {
  it("sums its field errors up in the detail: each field with its messages, fields apart", () => {
    const errors = { amount: ["must be greater than 0", "must have at most 2 decimals"], currency: ["must be one of the ten currencies"] };
    expect(documentOf(validationProblem(errors, "/internal/Payments"))).toEqual({
      type: typeOf("15.5.1"),
      title: "One or more validation errors occurred.",
      status: 400,
      detail: "amount: must be greater than 0; must have at most 2 decimals. currency: must be one of the ten currencies",
      instance: "/internal/Payments",
      code: "validationError",
      errors,
    });
    expect(documentOf(validationProblem({ $: ["A request body is required."] }))).toMatchObject({ detail: "$: A request body is required." });
  });
});
