/** Delays checked from both sides, under fake timers: no wall-clock margins, so a loaded machine cannot flake them. */
import { expect, vi } from "vitest";

/**
 * Sends `request` under fake timers and checks that it settles exactly when `delayMs` has passed: still
 * pending 1 ms before, settled at once after. Resolves with its answer.
 */
export async function expectSettlesAfter<T>(delayMs: number, request: () => Promise<T>): Promise<T> {
  vi.useFakeTimers();
  try {
    let settled = false;
    const pending = request().finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(delayMs - 1);
    expect(settled, `settled before ${delayMs} ms`).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled, `still pending after ${delayMs} ms`).toBe(true);
    return await pending;
  } finally {
    vi.useRealTimers();
  }
}
