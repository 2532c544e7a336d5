/** The framework-neutral HTTP entry of finlego-sandbox, for adapters and in-process tests. */
export { createHttpEntry, OBSERVER_HEADER, type AnsweredRequest, type HttpEntry, type HttpEntryOptions } from "./entry.js";
export { fetchHandler, handleFetch, toFetchResponse, toSandboxRequest, type FetchFaceOptions, type FetchHandler } from "./fetch.js";
export { MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES, MAX_JSON_DEPTH, MAX_UPLOAD_BODY_BYTES, parseJson, requestBodyLimitBytes } from "./body.js";
export { carriesBytes, parseFormData, type FilePart, type MultipartBody } from "./multipart.js";
export { checkFixture, fixtureSchema } from "./fixture-schema.js";
export { SandboxState, createSandboxClock, createStatesAt, type SandboxClock, type SandboxStateOptions, type ResetTarget } from "./state.js";
export { LOGGED_CONTROL_OPERATIONS, type Change, type ReplayResult, type RequestApplied, type StepsSettled, type TenantCreated } from "./replay.js";
export type { CorsOptions } from "./cors.js";
export type { SandboxRequest, SandboxResponse } from "./types.js";
export { finlegoSpec, SANDBOX_VERSION, sandboxControlSpec } from "./generated/specs.js";
export { TenantHost, DEFAULT_TENANT, MAX_TENANTS, type Tenant, type TenantHostOptions } from "./tenants.js";
export { MAX_DELAY_MS } from "./prefer.js";
export { JOURNAL_LIMIT, type JournalEntry, type JournalRecord } from "./journal.js";
