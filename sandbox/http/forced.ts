/**
 * Answers that the request did not earn but asked for (Prefer), that a fault rule or a magic value imposes:
 * each is the operation's documented error, shaped like the real one, with a realistic `code` from the
 * operation's `x-error-codes`. None of them touches state.
 */
import type { OpenApiOperation } from "./openapi-types.js";
import type { Preference } from "./prefer.js";
import { problem, validationProblem } from "./problems.js";
import type { SandboxResponse } from "./types.js";

const GENERIC_CODES: Record<number, string> = {
  401: "unauthorized",
  403: "forbidden",
  404: "notFound",
  409: "conflict",
  413: "payloadTooLarge",
  415: "unsupportedMediaType",
  422: "unprocessableContent",
  429: "tooManyRequests",
  500: "internalError",
  501: "notImplemented",
  502: "badGateway",
  503: "serviceUnavailable",
  504: "gatewayTimeout",
};

/** The error statuses an operation documents. */
export function documentedErrorStatuses(operation: OpenApiOperation): number[] {
  return Object.keys(operation.responses ?? {})
    .filter((status) => /^[45]\d\d$/.test(status))
    .map(Number);
}

/** The codes an operation lists for a status (`x-error-codes`), most typical first. */
export function errorCodesOf(operation: OpenApiOperation, status: number): string[] {
  const table = operation["x-error-codes"] as Record<string, string[]> | undefined;
  return table?.[String(status)] ?? [];
}

/** Builds an error answer as the operation would give it. */
export function simulatedError(operation: OpenApiOperation | undefined, status: number, code: string | undefined, detail: string, instance: string): SandboxResponse {
  const chosen = code ?? (operation ? errorCodesOf(operation, status)[0] : undefined) ?? GENERIC_CODES[status] ?? "simulatedError";
  if (status === 400) return validationProblem({ $: [detail] }, instance);
  const answer = problem(status, { code: chosen, detail }, instance);
  if (status === 503) answer.headers["retry-after"] = "1";
  return answer;
}

/** The answer to `Prefer: code=...`, or a 400 saying what the operation allows. */
export function preferredError(operation: OpenApiOperation, operationId: string, preference: Preference, instance: string): SandboxResponse {
  const status = preference.status!;
  const documented = documentedErrorStatuses(operation);
  if (!documented.includes(status)) {
    return validationProblem({ Prefer: [`code=${status} is not a documented error of ${operationId}; allowed: ${documented.join(", ")}.`] }, instance);
  }
  const codes = errorCodesOf(operation, status);
  if (preference.error !== undefined && !codes.includes(preference.error)) {
    const allowed = codes.length > 0 ? codes.join(", ") : "none listed";
    return validationProblem({ Prefer: [`error=${preference.error} is not listed for ${operationId} ${status}; allowed: ${allowed}.`] }, instance);
  }
  return simulatedError(operation, status, preference.error, `Simulated by Prefer: code=${status}. Nothing was changed.`, instance);
}
