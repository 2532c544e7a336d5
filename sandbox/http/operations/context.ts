/** What an operation handler receives and returns. */
import type { DomainError, Ledger, Result } from "../../core/index.js";
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

/** A handler's answer: a success, a domain error, or field errors found while converting the input. */
export type HandlerOutcome = HandlerSuccess | { error: DomainError } | { fieldErrors: FieldErrors };

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
