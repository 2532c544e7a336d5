import type { Clock } from "./types.js";

/** A clock that tests and the sandbox control API can set and advance. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that always answers the same moment. */
export function createFixedClock(startMs: number): Clock {
  assertTime(startMs);
  return { now: () => startMs };
}

/** A clock that stands still until it is set or advanced. */
export function createManualClock(startMs: number): ManualClock {
  assertTime(startMs);
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      assertTime(ms);
      current = ms;
    },
    advance: (ms) => {
      assertTime(current + ms);
      current += ms;
    },
  };
}

function assertTime(ms: number): void {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`clock time must be an integer epoch ms, got ${ms}`);
}
