/**
 * The one way the suites make a sandbox that answers HTTP: the in-process entry, the express server and the
 * MSW handlers, each with response validation always on. An answer outside the spec then becomes the loud
 * 500 `responseContractViolation` instead of passing unseen (test/http/response-validation.test.ts proves it
 * for each face). ESLint refuses the unvalidated constructors anywhere else under test/ and contracts/.
 */
import { createHttpEntry, type HttpEntry, type HttpEntryOptions } from "../../sandbox/http/index.js";
import { createMswSandbox, type MswSandbox, type MswSandboxOptions } from "../../sandbox/msw/index.js";
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from "../../sandbox/server/index.js";

/** Options of a validated face: anything but switching validation off. */
type Validated<T> = Omit<T, "validateResponses">;

/** The in-process HTTP entry, checking every answer against the spec. */
export function validatedEntry(options: Validated<HttpEntryOptions> = {}): HttpEntry {
  return createHttpEntry({ ...options, validateResponses: true });
}

/** The express server, checking every answer against the spec. */
export function startValidatedSandbox(options: Validated<StartSandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ ...options, validateResponses: true });
}

/** The MSW handlers and their sandbox, checking every answer against the spec. */
export function validatedMswSandbox(options: Validated<MswSandboxOptions> = {}): MswSandbox {
  return createMswSandbox({ ...options, validateResponses: true });
}
