/** What an operation handler receives and returns. */
import type { DomainError, Ledger, Result } from "../../core/index.js";
import type { ProblemFields } from "../problems.js";
import type { HandlerSuccess } from "../types.js";
import type { FieldErrors, RequestParams } from "../validation.js";

/** The parsed request an operation handler works on; it is already valid against the spec. */
export interface OperationContext {
  ledger: Ledger;
  params: RequestParams;
  /** The parsed JSON body (valid against the operation's schema), or undefined. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- shape guaranteed by the spec's schema, checked before dispatch
  body: any;
  /** The current client on FrontOffice routes (from the bearer token). */
  clientId: string | undefined;
}

/**
 * A handler's answer: a success, a domain error, field errors found while converting the input, or a
 * problem outside the domain table (the control API's own codes); the entry shapes every error the same way.
 */
export type HandlerOutcome = HandlerSuccess | { error: DomainError } | { fieldErrors: FieldErrors } | { problem: ProblemFields & { status: number } };

/** An operation handler, keyed by operationId. */
export type Handler = (ctx: OperationContext) => HandlerOutcome;

/** Answers 200 with the mapped value of a successful result, or the result's error. */
export function respond<T>(result: Result<T>, map: (value: T) => unknown, status = 200): HandlerOutcome {
  return result.ok ? { status, body: map(result.value) } : { error: result.error };
}

/** Reads a path parameter that the spec marks required (validated before dispatch). */
export function pathParam(ctx: OperationContext, name: string): string {
  return String(ctx.params.path[name]);
}
