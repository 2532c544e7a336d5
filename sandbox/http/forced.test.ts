import { describe, expect, it } from "vitest";
import { documentedErrorStatuses, errorCodesOf, preferredError, simulatedError } from "./forced.js";
import type { OpenApiOperation } from "./openapi-types.js";

/** An operation that documents 200, 400, 404, 422 and 503, and lists codes for 404 and 422 only. */
const operation = {
  responses: { "200": { description: "ok" }, "400": { description: "bad" }, "404": { description: "missing" }, "422": { description: "refused" }, "503": { description: "down" }, default: { description: "other" } },
  "x-error-codes": { "404": ["paymentNotFound"], "422": ["insufficientFunds", "invalidStateTransition"] },
} as unknown as OpenApiOperation;
const bare = { responses: { "200": { description: "ok" }, "500": { description: "broken" } } } as unknown as OpenApiOperation;

const body = (answer: { body?: string }) => JSON.parse(answer.body!);

describe("forced answers", () => {
  it("lists an operation's documented error statuses and the codes it lists for each", () => {
    expect(documentedErrorStatuses(operation)).toEqual([400, 404, 422, 503]);
    expect(documentedErrorStatuses({ responses: undefined } as unknown as OpenApiOperation)).toEqual([]);
    // Only exact three-digit 4xx and 5xx keys are statuses: not ranges, extensions or longer numbers.
    const odd = { responses: { "200": {}, "4XX": {}, "1404": {}, "4040": {}, "x-503": {}, "409": {} } } as unknown as OpenApiOperation;
    expect(documentedErrorStatuses(odd)).toEqual([409]);
    expect(errorCodesOf(operation, 422)).toEqual(["insufficientFunds", "invalidStateTransition"]);
    expect(errorCodesOf(operation, 503)).toEqual([]);
    expect(errorCodesOf(bare, 500)).toEqual([]);
  });

  it("answers with the given code, else the operation's first listed one, else the status's usual one, else simulatedError", () => {
    expect(body(simulatedError(operation, 422, "invalidStateTransition", "d", "/x"))).toMatchObject({ status: 422, code: "invalidStateTransition", detail: "d", instance: "/x" });
    expect(body(simulatedError(operation, 422, undefined, "d", "/x")).code).toBe("insufficientFunds");
    expect(body(simulatedError(bare, 500, undefined, "d", "/x")).code).toBe("internalError");
    expect(body(simulatedError(undefined, 502, undefined, "d", "/x")).code).toBe("badGateway");
    expect(body(simulatedError(undefined, 418, undefined, "d", "/x")).code).toBe("simulatedError");
  });

  it("gives each error status that lists no code its usual code, and a 400 is always a validation problem", () => {
    const usual = { 401: "unauthorized", 403: "forbidden", 404: "notFound", 409: "conflict", 413: "payloadTooLarge", 415: "unsupportedMediaType", 422: "unprocessableContent", 429: "tooManyRequests", 500: "internalError", 501: "notImplemented", 502: "badGateway", 503: "serviceUnavailable", 504: "gatewayTimeout" };
    const given = Object.fromEntries(Object.keys(usual).map((status) => [status, body(simulatedError(bare, Number(status), undefined, "d", "/x")).code]));
    expect(given).toEqual(usual);
    expect(body(simulatedError(undefined, 400, undefined, "d", "/x")).code).toBe("validationError");
  });

  it("shapes a 400 as a validation problem and gives a 503 a Retry-After of one second", () => {
    const invalid = simulatedError(operation, 400, undefined, "forced", "/x");
    expect(body(invalid)).toMatchObject({ status: 400, code: "validationError", errors: { $: ["forced"] } });
    expect(simulatedError(operation, 503, undefined, "d", "/x").headers["retry-after"]).toBe("1");
    expect(simulatedError(operation, 422, undefined, "d", "/x").headers["retry-after"]).toBeUndefined();
  });

  it("answers Prefer's code with the documented error, and a 400 naming what is allowed otherwise", () => {
    const forced = preferredError(operation, "pendPayment", { status: 404 }, "/x");
    expect([forced.status, body(forced).code, body(forced).detail]).toEqual([404, "paymentNotFound", "Simulated by Prefer: code=404. Nothing was changed."]);
    expect(body(preferredError(operation, "pendPayment", { status: 409 }, "/x")).errors).toEqual({ Prefer: ["code=409 is not a documented error of pendPayment; allowed: 400, 404, 422, 503."] });
    expect(body(preferredError(operation, "pendPayment", { status: 422, error: "paymentNotFound" }, "/x")).errors).toEqual({
      Prefer: ["error=paymentNotFound is not listed for pendPayment 422; allowed: insufficientFunds, invalidStateTransition."],
    });
    expect(body(preferredError(operation, "pendPayment", { status: 503, error: "outage" }, "/x")).errors).toEqual({ Prefer: ["error=outage is not listed for pendPayment 503; allowed: none listed."] });
    expect(body(preferredError(operation, "pendPayment", { status: 422, error: "invalidStateTransition" }, "/x")).code).toBe("invalidStateTransition");
  });
});
