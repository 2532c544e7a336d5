/**
 * What an operation handler receives and returns, typed per operationId from the types openapi-typescript
 * generates from the specs (client/generated/*.ts): a spec change that breaks a handler fails `tsc`.
 */
import type { operations as FinlegoOperations } from "../../../client/generated/finlego.js";
import type { DomainError, Ledger, Result } from "../../core/index.js";
import type { MultipartBody } from "../multipart.js";
import type { SandboxProblem } from "../problems.js";
import type { HandlerSuccess } from "../types.js";
import type { FieldErrors, RequestParams } from "../validation.js";

/** An operation as openapi-typescript describes it. */
interface OperationShape {
  parameters: { query?: unknown; path?: unknown };
  requestBody?: unknown;
  responses: unknown;
}

type Defined<T> = [T] extends [never] ? Record<string, never> : [T] extends [undefined] ? Record<string, never> : Exclude<T, undefined>;

/** The path parameters of an operation (an empty record when it has none). */
export type PathOf<Op extends OperationShape> = Defined<Op["parameters"]["path"]>;
/** The query parameters of an operation, all of them optional unless the spec requires them. */
export type QueryOf<Op extends OperationShape> = Defined<Op["parameters"]["query"]>;

type JsonContent<T> = T extends { content: { "application/json": infer B } } ? B : T extends { content: { "multipart/form-data": infer F } } ? MultipartBody<F> : never;
/** The parsed body: the JSON schema's type, a multipart body's fields (as its schema types them) and files, undefined when none was sent or none is taken. */
export type BodyOf<Op extends OperationShape> = [Exclude<Op["requestBody"], undefined>] extends [never]
  ? undefined
  : undefined extends Op["requestBody"]
    ? JsonContent<Exclude<Op["requestBody"], undefined>> | undefined
    : JsonContent<Op["requestBody"]>;

type Responses<Op extends OperationShape> = Op["responses"];
/** The JSON body of a 200 or 201 answer. */
export type SuccessBodyOf<Op extends OperationShape> = {
  [S in keyof Responses<Op>]: S extends 200 | 201 ? (Responses<Op>[S] extends { content: { "application/json": infer R } } ? R : never) : never;
}[keyof Responses<Op>];

/** The parsed request an operation handler works on; it is already valid against the spec. */
export interface OperationContext<Op extends OperationShape = OperationShape> {
  ledger: Ledger;
  params: { path: PathOf<Op>; query: QueryOf<Op> };
  body: BodyOf<Op>;
  /** The current client on FrontOffice routes (from the bearer token). */
  clientId: string | undefined;
}

/** An answer that is not a success: a domain error, field errors found converting the input, or a problem outside the domain table. */
export type HandlerFailure = { error: DomainError } | { fieldErrors: FieldErrors } | { problem: SandboxProblem };

/**
 * A handler's answer: a success, or a failure the entry shapes as every error is shaped. A typed success is
 * the spec's body for 200/201, a 204 without one, JSON already serialised (`json`, property-tested equal to
 * the DTO), a text body of another media type, or bytes (a document download).
 */
export type HandlerOutcome = HandlerSuccess | HandlerFailure;

/** What a handler of `Op` may answer. */
export type OutcomeOf<Op extends OperationShape> =
  | { status: 200 | 201; body: SuccessBodyOf<Op>; headers?: Record<string, string> }
  | { status: 204 }
  | { status: 200; json: string }
  | { status: 200; contentType: string; body: string; headers?: Record<string, string> }
  | { status: 200; contentType: string; bytes: Uint8Array<ArrayBuffer>; headers?: Record<string, string> }
  | HandlerFailure;

/** The handler of one operation; `Extra` is what the entry passes beside the request (the control API's tenant). */
export type TypedHandler<Op extends OperationShape, Extra = undefined> = (ctx: OperationContext<Op>, extra: Extra) => OutcomeOf<Op>;

/** The FinLego operationIds. */
export type OperationId = keyof FinlegoOperations;

/** The handler of one FinLego operation. */
export type OperationHandler<K extends OperationId> = TypedHandler<FinlegoOperations[K]>;

/** Handlers keyed by the operationIds they serve. */
export type HandlerTable = { [K in OperationId]?: OperationHandler<K> };

/** A handler as the entry calls it, once routing and validation have checked the request against the spec. */
export type Handler<Extra = undefined> = (ctx: { ledger: Ledger; params: RequestParams; body: unknown; clientId: string | undefined }, extra: Extra) => HandlerOutcome;

/**
 * The handler of an operationId as the entry calls it. This is the one place typed handlers meet the
 * untyped request: the entry calls it only after the path, query and body passed the operation's schemas,
 * which are what the handler's parameter types are generated from.
 */
export function handlerIn<Extra = undefined>(table: object, operationId: string): Handler<Extra> | undefined {
  return Object.hasOwn(table, operationId) ? (table as Record<string, Handler<Extra>>)[operationId] : undefined;
}

/** Answers 200 with the mapped value of a successful result, or the result's error. */
export function respond<T, B>(result: Result<T>, map: (value: T) => B): { status: 200; body: B } | { error: DomainError } {
  return result.ok ? { status: 200, body: map(result.value) } : { error: result.error };
}
