/**
 * The one way the suites make a sandbox that answers HTTP: the in-process entry, the express server and the
 * MSW handlers, each with response validation always on. An answer outside the spec then becomes the loud
 * 500 `responseContractViolation` instead of passing unseen (test/http/response-validation.test.ts proves it
 * for each face). ESLint refuses the unvalidated constructors anywhere else under test/ and contracts/.
 */
import { afterAll, beforeEach } from "vitest";
import { createHttpEntry, type HttpEntry, type HttpEntryOptions } from "../../sandbox/http/index.js";
import type { HttpHandler } from "msw";
import { createHandlers, createMswSandbox, type MswSandbox, type MswSandboxOptions } from "../../sandbox/msw/index.js";
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

/** The MSW handlers alone (what most applications call), checking every answer against the spec. */
export function validatedHandlers(options: Validated<MswSandboxOptions> = {}): HttpHandler[] {
  return createHandlers({ ...options, validateResponses: true });
}

/**
 * A sandbox (or anything) that the tests of a file share, made in the first test's beforeEach rather than in
 * a beforeAll or at import: the code that making it runs then counts as run by a test, which lets mutation
 * testing run only the tests that reach a mutant instead of all of them (docs/testing.md). `close` runs after
 * the last test when it was made. Read the value inside tests only.
 */
export function sharedFromFirstTest<T>(make: () => T | Promise<T>, close?: (value: T) => unknown): () => T {
  let made: { value: T } | undefined;
  beforeEach(async () => {
    made ??= { value: await make() };
  });
  afterAll(async () => {
    if (made && close) await close(made.value);
  });
  return () => {
    if (!made) throw new Error("sharedFromFirstTest: read outside a test");
    return made.value;
  };
}
