import { describe, expect, it } from "vitest";
import { isControlPath } from "./apis.js";

describe("isControlPath", () => {
  it("is true for the control API's paths under /__sandbox/, in any case", () => {
    for (const path of ["/__sandbox/health", "/__sandbox/faults/rule-1", "/__SANDBOX/journal", "/__Sandbox/magic-values"]) expect(isControlPath(path), path).toBe(true);
  });

  it("is false for FinLego's paths and for any other path that starts with /__", () => {
    for (const path of ["/internal/Payments", "/Accounts", "/", "/__sandbox", "/__sandboxes/health", "/__other/health", "/__", "/sandbox/__sandbox/health"]) {
      expect(isControlPath(path), path).toBe(false);
    }
  });
});
