/** Joins the spec's documented 404/422 responses with the trigger registry (used by the test and the script). */
import { finlegoSpec } from "../../sandbox/http/generated/specs.js";
import { operationHandlers } from "../../sandbox/http/operations/index.js";
import { errorTriggers, type ErrorTrigger } from "./triggers.js";

/** One documented 404 or 422 of one operation, and what reaches it. */
export interface CoverageRow {
  operationId: string;
  method: string;
  path: string;
  status: number;
  codes: string[];
  stateful: boolean;
  triggers: ErrorTrigger[];
}

/** The title of the test that proves a trigger, as test/errors/triggers.test.ts names it. */
export function triggerTitle(trigger: ErrorTrigger): string {
  return `${trigger.operationId} ${trigger.status} ${trigger.code} via ${trigger.kind}: ${trigger.how}`;
}

/** Every documented 404 and 422 of the spec, with its triggers. */
export function coverageRows(): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const [path, item] of Object.entries(finlegoSpec.paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      const operation = value as { operationId?: string; responses?: Record<string, unknown>; "x-error-codes"?: Record<string, string[]> };
      if (!operation.operationId) continue;
      for (const status of [404, 422]) {
        if (!operation.responses?.[String(status)]) continue;
        rows.push({
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path,
          status,
          codes: operation["x-error-codes"]?.[String(status)] ?? [],
          stateful: operation.operationId in operationHandlers,
          triggers: errorTriggers.filter((t) => t.operationId === operation.operationId && t.status === status),
        });
      }
    }
  }
  return rows;
}

/** Documented 404/422 of stateful operations that no trigger reaches. */
export function uncovered(rows: CoverageRow[]): CoverageRow[] {
  return rows.filter((row) => row.stateful && row.triggers.length === 0);
}
