/** The two specs the entry serves, each with its router and validators, compiled once and shared. */
import { finlegoSpec, sandboxControlSpec } from "./generated/specs.js";
import { createRouter, type Router } from "./router.js";
import { createSpecValidator, type SpecValidator } from "./validation.js";

/** A spec's router and validators. */
export interface Api {
  router: Router;
  validator: SpecValidator;
}

/** The FinLego API (openapi/finlego.yaml). */
export const finlegoApi: Api = { router: createRouter(finlegoSpec), validator: createSpecValidator(finlegoSpec) };

/** The sandbox's control API (openapi/sandbox-control.yaml). */
export const controlApi: Api = { router: createRouter(sandboxControlSpec), validator: createSpecValidator(sandboxControlSpec) };

/** True for the control API's paths (`/__sandbox/...`, in any case). */
export function isControlPath(path: string): boolean {
  // Most paths do not start with "/__", and for them no lower-case copy of the path is made.
  return path.startsWith("/__") && path.slice(0, 11).toLowerCase() === "/__sandbox/";
}
