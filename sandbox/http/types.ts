/** The framework-neutral request and response that every adapter (express, MSW, tests) speaks. */

/** A request as an adapter hands it to the entry. Header names are lower case. */
export interface SandboxRequest {
  method: string;
  /** The path without the query string, e.g. `/internal/Payments/pend`. */
  path: string;
  /** The raw query string without `?` (may be empty). */
  query: string;
  headers: Record<string, string | undefined>;
  /** The raw body text, or undefined when there is none (or when it came as `bytes`). */
  body?: string;
  /**
   * The raw body bytes, which adapters give instead of `body` for media types whose bytes text would not keep
   * (multipart uploads: `carriesBytes` in sandbox/http/multipart.ts says which).
   */
  bytes?: Uint8Array;
}

/** The answer the adapter writes back. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  /**
   * A broken connection instead of an answer (fault rules): `connectionReset` drops the connection,
   * `emptyResponse` closes it without a byte. Adapters that cannot do one answer a network error.
   */
  fault?: "connectionReset" | "emptyResponse";
  /** The body text; absent for 204 and HEAD-like answers, and when the body is `bytes`. */
  body?: string;
  /** A binary body (document downloads), sent as it is; set instead of `body`. */
  bytes?: Uint8Array<ArrayBuffer>;
}

/** What an operation handler returns: a status and a JSON (or text) body. */
export interface HandlerSuccess {
  status: number;
  body?: unknown;
  /** Set for non-JSON bodies (e.g. `text/csv`); the body is then sent as text. */
  contentType?: string;
  /** The JSON text of the body, already serialised (instead of `body`). */
  json?: string;
  /** A binary body of `contentType`, sent as it is (instead of `body`). */
  bytes?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}
