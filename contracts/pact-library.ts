/**
 * Loads @pact-foundation/pact, an optional peer dependency of the package: only `contracts verify` needs
 * it, so the sandbox and `contracts check` run without it, and its absence is a message, not a stack trace.
 */
import type * as Pact from "@pact-foundation/pact";

/** The range of @pact-foundation/pact the contracts code is written against (package.json's peer range). */
export const PACT_VERSION_RANGE = "^16.5.0";

/** The message when @pact-foundation/pact is not installed. */
export const PACT_MISSING_MESSAGE =
  `contracts verify runs the Pact verifier, from @pact-foundation/pact (an optional peer dependency of finlego-sandbox).\n` +
  `Install it beside finlego-sandbox: npm install --save-dev @pact-foundation/pact@${PACT_VERSION_RANGE}\n` +
  `(contracts check, the offline check against the spec, needs nothing more.)`;

/** @pact-foundation/pact, as the dynamic import gives it. */
export type PactLibrary = typeof Pact;

/** Pact's usage metrics stay off unless the caller switched them on: the sandbox is an offline tool. */
export function keepPactOffline(): void {
  process.env.PACT_DO_NOT_TRACK ??= "true";
}

/** Imports @pact-foundation/pact, or throws PACT_MISSING_MESSAGE when it is not installed. */
export async function loadPact(): Promise<PactLibrary> {
  keepPactOffline();
  return import("@pact-foundation/pact").catch(explainMissingPact);
}

/** Turns "module not found" into PACT_MISSING_MESSAGE; any other import failure is thrown as it is. */
export function explainMissingPact(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") throw new Error(PACT_MISSING_MESSAGE, { cause: error });
  throw error;
}
