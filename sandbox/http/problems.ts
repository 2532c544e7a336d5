/**
 * Problem+json (RFC 9457) answers and the one table that maps domain error codes to HTTP statuses.
 * No adapter and no handler picks a status for a domain error: they all come from here.
 */
import type { DomainError, ErrorCode } from "../core/index.js";
import type { SandboxResponse } from "./types.js";

/** Media type of every error body. */
export const PROBLEM_JSON = "application/problem+json";

const statusOfCode: Record<ErrorCode, 400 | 404 | 413 | 415 | 422> = {
  validationError: 400,
  paymentNotFound: 404,
  accountNotFound: 404,
  clientNotFound: 404,
  transactionNotFound: 404,
  currencyNotFound: 404,
  otpNotFound: 404,
  invalidStateTransition: 422,
  insufficientFunds: 422,
  currencyMismatch: 422,
  accountNotActive: 422,
  incomingLimitExceeded: 422,
  parentMismatch: 422,
  paymentIdConflict: 422,
  accountNotEmpty: 422,
  currencyNotEnabled: 422,
  currencyNotSupported: 422,
  invalidOtp: 422,
  otpExpired: 422,
  duplicateAccountNumber: 422,
  invalidAccountOrder: 422,
  currencyAlreadyExists: 422,
  documentNotFound: 404,
  relatedIndividualNotFound: 404,
  clientAlreadyExists: 422,
  clientClosed: 422,
  planNotFound: 422,
  deletionAlreadyRequested: 422,
  verificationNotApproved: 422,
  documentStorageFull: 422,
  // A file of an upload that is too large or of a type not taken: the HTTP statuses of those rules.
  fileTooLarge: 413,
  unsupportedFileType: 415,
  recipientNotFound: 404,
  recipientAlreadyExists: 422,
  recipientNotEditable: 422,
  clientNotActive: 422,
  transferNotFound: 404,
  incomingRequestNotFound: 404,
  invalidConfirmationCode: 422,
  confirmationCodeExpired: 422,
  outgoingLimitExceeded: 422,
  duplicatePaymentRequest: 422,
};

/**
 * The sandbox's own problem codes (routing, limits, tenants, the control API, its own failures) beside the
 * domain table above: one template each, so a code always comes with the same status and title.
 */
const SANDBOX_PROBLEMS = {
  routeNotFound: { status: 404 },
  methodNotAllowed: { status: 405 },
  unauthorized: { status: 401 },
  notImplemented: { status: 501 },
  payloadTooLarge: { status: 413 },
  unsupportedMediaType: { status: 415 },
  invalidTenant: { status: 400 },
  tenantLimitReached: { status: 503 },
  invalidFixture: { status: 400, title: "The fixture does not apply." },
  invalidSnapshot: { status: 400, title: "The snapshot cannot be imported." },
  fixtureNotFound: { status: 404 },
  ruleNotFound: { status: 404 },
  tenantNotFound: { status: 404 },
  responseContractViolation: { status: 500 },
  internalError: { status: 500 },
  ledgerInvariantBroken: { status: 500 },
} as const satisfies Record<string, { status: number; title?: string }>;

/** A problem code of the sandbox itself (not one of FinLego's domain codes). */
export type SandboxProblemCode = keyof typeof SANDBOX_PROBLEMS;

/** A sandbox problem as a handler states it: the template gives the status and title. */
export interface SandboxProblem {
  code: SandboxProblemCode;
  detail: string;
  errors?: Record<string, string[]>;
}

/** Builds the problem+json answer of one of the sandbox's own codes. */
export function sandboxProblem({ code, detail, errors }: SandboxProblem, instance?: string): SandboxResponse {
  const template: { status: number; title?: string } = SANDBOX_PROBLEMS[code];
  return problem(template.status, { code, detail, ...(template.title !== undefined && { title: template.title }), ...(errors !== undefined && { errors }) }, instance);
}

const titles: Record<number, string> = {
  400: "One or more validation errors occurred.",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

const typeSections: Record<number, string> = {
  400: "15.5.1",
  401: "15.5.2",
  404: "15.5.5",
  405: "15.5.6",
  413: "15.5.14",
  415: "15.5.16",
  422: "15.5.21",
  500: "15.6.1",
  501: "15.6.2",
  503: "15.6.4",
};

/** The fields of a problem body beyond type, title and status. */
export interface ProblemFields {
  code: string;
  detail?: string;
  title?: string;
  errors?: Record<string, string[]>;
}

/** Returns the HTTP status for a domain error code. */
export function statusForCode(code: ErrorCode): number {
  return statusOfCode[code];
}

/** Builds a problem+json response. */
export function problem(status: number, fields: ProblemFields, instance?: string): SandboxResponse {
  const body = {
    type: `https://tools.ietf.org/html/rfc9110#section-${typeSections[status] ?? "15"}`,
    title: fields.title ?? titles[status] ?? "Error",
    status,
    ...(fields.detail !== undefined && { detail: fields.detail }),
    ...(instance !== undefined && { instance }),
    code: fields.code,
    ...(fields.errors !== undefined && { errors: fields.errors }),
  };
  return { status, headers: { "content-type": PROBLEM_JSON }, body: JSON.stringify(body) };
}

/** Turns a domain error into its problem response; a validation error lists its field. */
export function problemForDomainError(error: DomainError, instance?: string): SandboxResponse {
  const status = statusForCode(error.code);
  if (status === 400) {
    return problem(400, { code: error.code, detail: error.message, errors: { [error.field ?? "$"]: [error.message] } }, instance);
  }
  return problem(status, { code: error.code, title: titleOfCode(error.code), detail: error.message }, instance);
}

/** A 400 listing field errors. */
export function validationProblem(errors: Record<string, string[]>, instance?: string): SandboxResponse {
  return problem(400, { code: "validationError", errors, detail: summarize(errors) }, instance);
}

function summarize(errors: Record<string, string[]>): string {
  return Object.entries(errors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
}

/** "insufficientFunds" -> "Insufficient funds". */
function titleOfCode(code: string): string {
  const words = code.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
