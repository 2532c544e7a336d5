import type { DomainError, ErrorCode, Result } from "./types.js";

/** Thrown, never returned, when a ledger invariant breaks: it is always a bug, so it must fail loudly. */
export class LedgerInvariantError extends Error {
  readonly problems: string[];

  constructor(message: string, problems: string[] = [message]) {
    super(message);
    this.name = "LedgerInvariantError";
    this.problems = problems;
  }
}

/** Wraps a successful value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed result with a stable code. */
export function fail<T = never>(code: ErrorCode, message: string, field?: string): Result<T> {
  const error: DomainError = field === undefined ? { code, message } : { code, message, field };
  return { ok: false, error };
}

/** Builds a validationError naming the offending request field. */
export function invalid<T = never>(field: string, message: string): Result<T> {
  return fail<T>("validationError", message, field);
}

/** The success value shared by checks that return nothing, so they allocate nothing. */
export const OK_VOID: Result<void> = { ok: true, value: undefined };
